import { randomUUID } from 'node:crypto';
import type { ListQuery, Page, RecordOf, Repository, Transaction } from '../../store/index.js';
import { auditIn, changedFields } from './audit.js';
import type { UseCaseContext } from './context.js';
import type { DeleteOptions, ResourceName, ResourceRules } from './resources.js';
import { applyPatch, invalid, notFound, parseWith, requireObject, withoutNulls } from './validate.js';

/**
 * Create, read, update and delete for the four list resources. Each write is one transaction:
 * the checks against other records and collections (unique keys, references) and the write
 * land together, so two writers cannot both pass a check; a thrown error writes nothing.
 */

type Rec<K extends ResourceName> = RecordOf<K>;

const repositoryOf = <K extends ResourceName>(source: Transaction | UseCaseContext['store'], rules: ResourceRules<K>) =>
  source[rules.collection] as unknown as Repository<Rec<K>>;

export async function listRecords<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>): Promise<readonly Rec<K>[]> {
  return repositoryOf(ctx.store, rules).all();
}

export async function findRecords<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>, query: ListQuery<Rec<K>>): Promise<Page<Rec<K>>> {
  return repositoryOf(ctx.store, rules).list(query);
}

export async function getRecord<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string): Promise<Rec<K>> {
  const record = await repositoryOf(ctx.store, rules).get(id);
  if (!record) throw notFound(rules.label, id);
  return record;
}

export async function createRecord<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>, input: unknown): Promise<Rec<K>> {
  const body = requireObject(input);
  if ('id' in body) throw invalid(rules.label, [{ path: 'id', message: 'is assigned by the server; leave it out' }]);
  const record = parseWith(rules.schema, { ...withoutNulls(body), id: randomUUID() }, rules.label);
  return ctx.store.transaction(async (tx) => {
    await assertReferences(tx, rules, record);
    await repositoryOf(tx, rules).insert(record);
    const { id: _id, ...fields } = record as Record<string, unknown>;
    auditIn(tx, ctx, { action: 'create', collection: rules.collection, id: record.id, changes: Object.keys(fields).sort(), summary: `Created ${rules.label} ${rules.describe(record)}` });
    return record;
  });
}

/**
 * Partial update: the given fields replace the stored ones and the merged record must validate.
 * `input` may be a function of the stored record (run inside the transaction), for a change
 * that builds on what is there ("add this keyword") without losing a concurrent one.
 */
export async function updateRecord<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string, input: unknown | ((current: Rec<K>) => Record<string, unknown>)): Promise<Rec<K>> {
  const derived = typeof input === 'function';
  const { id: bodyId, ...given } = derived ? {} : requireObject(input);
  if (bodyId !== undefined && bodyId !== id) {
    throw invalid(rules.label, [{ path: 'id', message: `must match the id in the URL ("${id}"); an id cannot be changed` }]);
  }
  return ctx.store.transaction(async (tx) => {
    const repository = repositoryOf(tx, rules);
    const before = await repository.get(id);
    if (!before) throw notFound(rules.label, id);
    const patch = derived ? (input as (current: Rec<K>) => Record<string, unknown>)(before) : given;
    const after = parseWith(rules.schema, applyPatch(before, patch), rules.label);
    // A PUT that changes nothing is not a change worth a write or a line in the audit log.
    const changes = changedFields(before, after);
    if (changes.length === 0) return before;
    if (changes.includes('departmentId')) await assertReferences(tx, rules, after);
    await repository.update(after);
    auditIn(tx, ctx, { action: 'update', collection: rules.collection, id, changes, summary: `Updated ${rules.label} ${rules.describe(after)}` });
    return after;
  });
}

export async function deleteRecord<K extends ResourceName>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string, options: DeleteOptions = {}): Promise<Rec<K>> {
  return ctx.store.transaction(async (tx) => {
    const repository = repositoryOf(tx, rules);
    const record = await repository.get(id);
    if (!record) throw notFound(rules.label, id);
    await rules.beforeDelete?.(tx, ctx, record, options);
    await repository.remove(id);
    auditIn(tx, ctx, { action: 'delete', collection: rules.collection, id, changes: [], summary: `Deleted ${rules.label} ${rules.describe(record)}` });
    return record;
  });
}

async function assertReferences<K extends ResourceName>(tx: Transaction, rules: ResourceRules<K>, record: Rec<K>): Promise<void> {
  const details = (await rules.checkReferences?.(tx, record)) ?? [];
  if (details.length > 0) throw invalid(rules.label, details);
}
