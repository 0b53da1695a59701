import { AppError } from '../../shared/app-error.js';
import { duplicateKeys, keyOf, keyValue, type ListDefinition, type UniqueKey } from '../collections.js';
import { deepFreeze } from './freeze.js';

type Rec = { id: string };

/**
 * A list collection in memory: its records in order, and the lookups a database would keep
 * as indexes (by id, by each unique key). A table is replaced, never changed in place, so a
 * reader holding `records` always sees one consistent version.
 */
export class Table<R extends Rec> {
  private constructor(
    readonly records: readonly R[],
    private readonly positions: ReadonlyMap<string, number>,
    private readonly keys: ReadonlyMap<string, ReadonlyMap<string, string>>,
    readonly definition: ListDefinition<R>,
  ) {}

  /**
   * Index records read from storage or given whole (a restore); duplicate ids and keys are
   * refused as a unique constraint would. A partial key (only active templates compete) is
   * checked on each write instead: a file edited by hand may hold two active templates for one
   * key, and the line then says the newest.
   */
  static of<R extends Rec>(records: readonly R[], definition: ListDefinition<R>): Table<R> {
    const [first] = duplicateKeys(records, definition).filter((d) => !d.partial);
    if (first) {
      const unique = definition.unique.find((u) => u.field === first.field);
      throw duplicate(definition, first.field, first.value, records[first.firstIndex].id, first.index, unique);
    }
    const positions = new Map(records.map((record, index) => [record.id, index]));
    const keys = new Map<string, Map<string, string>>();
    for (const unique of definition.unique) {
      const map = new Map<string, string>();
      for (const record of records) {
        const value = keyValue(record, unique);
        if (value !== undefined) map.set(value, record.id);
      }
      keys.set(unique.field, map);
    }
    return new Table(deepFreeze([...records]), positions, keys, definition);
  }

  get(id: string): R | undefined {
    const at = this.positions.get(id);
    return at === undefined ? undefined : this.records[at];
  }

  /** The id holding this unique value, if any. */
  idFor(field: string, value: string): string | undefined {
    return this.keys.get(field)?.get(keyOf(value));
  }

  /**
   * The records after some were replaced, added or removed: records keep their places, added
   * ones go at the end in the order given. What a transaction reads, and what its commit writes.
   */
  recordsWith(changed: ReadonlyMap<string, R | null>, added: readonly string[]): readonly R[] {
    // map and concat make each list at its final length (see serialise in json-store.ts).
    const next = this.records.map((record) => (changed.has(record.id) ? (changed.get(record.id) as R | null) : record));
    const records = next.includes(null) ? next.filter((record): record is R => record !== null) : (next as R[]);
    const appended = added.filter((id) => changed.get(id) && !this.positions.has(id)).map((id) => changed.get(id) as R);
    return appended.length > 0 ? records.concat(appended) : records;
  }

  /**
   * The table after a commit, once its files are published. It takes over this table's
   * lookups and changes only what changed, so one edit in 50,000 products costs no rebuild;
   * this table must not be used afterwards (the store replaces it at once). Unique keys are
   * assumed checked by the transaction that made the change.
   */
  committed(records: readonly R[], changed: ReadonlyMap<string, R | null>): Table<R> {
    const removed = [...changed.values()].includes(null);
    const positions = removed ? new Map<string, number>() : (this.positions as Map<string, number>);
    if (removed) records.forEach((record, index) => positions.set(record.id, index));
    else for (let i = this.records.length; i < records.length; i++) positions.set(records[i].id, i);
    for (const unique of this.definition.unique) {
      const map = this.keys.get(unique.field) as Map<string, string>;
      for (const [id, next] of changed) {
        const before = this.get(id);
        const old = before && keyValue(before, unique);
        if (old !== undefined && map.get(old) === id) map.delete(old);
      }
      for (const [id, next] of changed) {
        const value = next ? keyValue(next, unique) : undefined;
        if (value !== undefined) map.set(value, id);
      }
    }
    for (const record of changed.values()) if (record) deepFreeze(record);
    return new Table(Object.freeze(records), positions, this.keys, this.definition);
  }
}

/**
 * The 409 a unique key answers with. The message names the other record; the detail is what
 * a form shows next to the field. `index` places it in a list that was given whole.
 */
export function duplicate<R>(definition: ListDefinition<R>, field: string, value: string, otherId: string, index?: number, unique?: UniqueKey<R>): AppError {
  const scope = unique?.when ? 'an active ' : /^[aeiou]/i.test(definition.label) ? 'an ' : 'a ';
  const message = `${scope}${definition.label} with ${field} "${value.slice(0, 100)}" already exists (id ${otherId.slice(0, 100)})`;
  const detail = unique?.when ? `is already taken by another active ${definition.label}` : 'is already taken';
  return new AppError('conflict', `Conflict: ${message}`, 409, [{ path: index === undefined ? field : `[${index}].${field}`, message: detail }]);
}
