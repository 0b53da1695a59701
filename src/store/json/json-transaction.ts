import { AppError } from '../../shared/app-error.js';
import { DEFINITIONS, keyOf, keyValue, type ListDefinition } from '../collections.js';
import type { CollectionName, ListCollectionName, ListQuery, Page, Repository, Singleton, SingletonName, Transaction } from '../port.js';
import type { AuditEntry } from '../schemas.js';
import { pageOf } from './records.js';
import { duplicate, Table } from './table.js';

type Rec = { id: string };

/**
 * What a transaction changed in one list collection, on top of the table it started from:
 * reads see the changes, the committed table is untouched until the transaction commits.
 */
export class ListDraft<R extends Rec> implements Repository<R> {
  /** id → the new record, or null when removed. */
  readonly changed = new Map<string, R | null>();
  /** Ids inserted by this transaction, in order. */
  readonly added: string[] = [];
  /** Set by replaceAll: the whole collection is this table now. */
  replacement?: Table<R>;
  /** Unique key → value → id of the changed record holding it: a 1,000-row bulk update looks up every row without walking every change. */
  private readonly changedKeys = new Map<string, Map<string, string>>();

  constructor(
    private readonly base: Table<R>,
    private readonly definition: ListDefinition<R>,
  ) {}

  get touched(): boolean {
    return this.replacement !== undefined || this.changed.size > 0;
  }

  private get start(): Table<R> {
    return this.replacement ?? this.base;
  }

  /** The records as this transaction sees them. */
  records(): readonly R[] {
    return this.changed.size === 0 ? this.start.records : this.start.recordsWith(this.changed, this.added);
  }

  /** What to write, and then the table to keep once it is written. */
  outcome(): { records: readonly R[]; table: () => Table<R> } {
    const records = this.records();
    return { records, table: () => (this.changed.size === 0 ? this.start : this.start.committed(records, this.changed)) };
  }

  async all(): Promise<readonly R[]> {
    return this.records();
  }

  async list(query?: ListQuery<R>): Promise<Page<R>> {
    return pageOf(this.records(), this.definition, query);
  }

  async get(id: string): Promise<R | undefined> {
    return this.changed.has(id) ? (this.changed.get(id) ?? undefined) : this.start.get(id);
  }

  async findBy(field: keyof R & string, value: string): Promise<R | undefined> {
    const unique = this.definition.unique.find((u) => u.field === field);
    if (!unique) throw new Error(`${field} is not a unique key of ${this.definition.label}`);
    const changedId = this.changedKeys.get(field)?.get(keyOf(value));
    if (changedId !== undefined) return this.changed.get(changedId) as R;
    const id = this.start.idFor(field, value);
    return id === undefined || this.changed.has(id) ? undefined : this.start.get(id);
  }

  async insert(record: R): Promise<R> {
    if ((await this.get(record.id)) !== undefined) throw duplicate(this.definition, 'id', record.id, record.id);
    await this.checkUnique(record);
    this.change(record.id, record);
    this.added.push(record.id);
    return record;
  }

  async update(record: R): Promise<R> {
    if ((await this.get(record.id)) === undefined) throw new AppError('not_found', `No ${this.definition.label} with id "${record.id.slice(0, 100)}"`, 404);
    await this.checkUnique(record);
    this.change(record.id, record);
    return record;
  }

  async remove(id: string): Promise<R | undefined> {
    const record = await this.get(id);
    if (record !== undefined) this.change(id, null);
    return record;
  }

  async replaceAll(records: readonly R[]): Promise<void> {
    this.replacement = Table.of(records, this.definition);
    this.changed.clear();
    this.changedKeys.clear();
    this.added.length = 0;
  }

  private change(id: string, record: R | null): void {
    const before = this.changed.get(id);
    for (const unique of this.definition.unique) {
      let byValue = this.changedKeys.get(unique.field);
      if (!byValue) this.changedKeys.set(unique.field, (byValue = new Map()));
      const old = before ? keyValue(before, unique) : undefined;
      if (old !== undefined && byValue.get(old) === id) byValue.delete(old);
      const value = record ? keyValue(record, unique) : undefined;
      if (value !== undefined) byValue.set(value, id);
    }
    this.changed.set(id, record);
  }

  /** A unique key is a constraint: a second record with the same value is refused (409). */
  private async checkUnique(record: R): Promise<void> {
    for (const unique of this.definition.unique) {
      const value = keyValue(record, unique);
      if (value === undefined) continue;
      const other = await this.findBy(unique.field, String(record[unique.field]));
      if (other && other.id !== record.id && keyValue(other, unique) === value) {
        throw duplicate(this.definition, unique.field, String(other[unique.field]), other.id, undefined, unique);
      }
    }
  }
}

export class SingletonDraft<V> implements Singleton<V> {
  next?: V;
  /** Set by replace: the value may go over a damaged file. */
  replacing = false;

  constructor(private readonly base: V) {}

  get touched(): boolean {
    return this.next !== undefined;
  }

  async get(): Promise<V> {
    return this.next ?? this.base;
  }

  async put(value: V): Promise<V> {
    this.next = value;
    return value;
  }

  async replace(value: V): Promise<V> {
    this.replacing = true;
    return this.put(value);
  }
}

export type Draft = ListDraft<Rec> | SingletonDraft<unknown>;

/**
 * One transaction: a draft per collection it touches, made the first time it is used (from
 * the committed value `load` gives), and the audit lines to append if it commits.
 */
export class JsonTransaction {
  readonly drafts = new Map<CollectionName, Draft>();
  readonly auditLines: AuditEntry[] = [];
  readonly view: Transaction;

  constructor(load: (name: CollectionName) => Promise<unknown>) {
    const draftOf = async (name: CollectionName): Promise<Draft> => {
      let draft = this.drafts.get(name);
      if (!draft) {
        const base = await load(name);
        const definition = DEFINITIONS[name];
        draft = definition.kind === 'list' ? new ListDraft(base as Table<Rec>, definition as unknown as ListDefinition<Rec>) : new SingletonDraft(base);
        this.drafts.set(name, draft);
      }
      return draft;
    };
    const list = (name: ListCollectionName): Repository<Rec> => ({
      all: async () => ((await draftOf(name)) as ListDraft<Rec>).all(),
      list: async (query) => ((await draftOf(name)) as ListDraft<Rec>).list(query),
      get: async (id) => ((await draftOf(name)) as ListDraft<Rec>).get(id),
      findBy: async (field, value) => ((await draftOf(name)) as ListDraft<Rec>).findBy(field, value),
      insert: async (record) => ((await draftOf(name)) as ListDraft<Rec>).insert(record),
      update: async (record) => ((await draftOf(name)) as ListDraft<Rec>).update(record),
      remove: async (id) => ((await draftOf(name)) as ListDraft<Rec>).remove(id),
      replaceAll: async (records) => ((await draftOf(name)) as ListDraft<Rec>).replaceAll(records),
    });
    const singleton = (name: SingletonName): Singleton<unknown> => ({
      get: async () => ((await draftOf(name)) as SingletonDraft<unknown>).get(),
      put: async (value) => ((await draftOf(name)) as SingletonDraft<unknown>).put(value),
      replace: async (value) => ((await draftOf(name)) as SingletonDraft<unknown>).replace(value),
    });
    this.view = {
      storeInfo: singleton('storeInfo'),
      settings: singleton('settings'),
      departments: list('departments'),
      inventory: list('inventory'),
      coupons: list('coupons'),
      voiceTemplates: list('voiceTemplates'),
      staff: list('staff'),
      audit: { add: (entry: AuditEntry) => void this.auditLines.push(entry) },
    } as unknown as Transaction;
  }

  /** The collections this transaction changed, in a fixed order (locks are always taken in it). */
  touched(): CollectionName[] {
    return [...this.drafts].filter(([, draft]) => draft.touched).map(([name]) => name).sort();
  }
}
