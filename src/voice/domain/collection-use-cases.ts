import { randomUUID } from 'node:crypto';
import type { CollectionData } from '../../store/index.js';
import { changedFields, recordAudit } from './audit.js';
import type { UseCaseContext } from './context.js';
import type { DeleteOptions, ListCollection, RecordOf, ResourceRules } from './resources.js';
import { assertUnique } from './unique.js';
import { applyPatch, invalid, notFound, parseWith, requireObject, withoutNulls } from './validate.js';

/**
 * Create, read, update and delete for the four list resources. Every check that depends on
 * the other records (existence, uniqueness) runs inside store.update, under the file lock,
 * so two writers cannot both pass it; a thrown error writes nothing.
 */

type Rec<K extends ListCollection> = RecordOf<K>;
type List<K extends ListCollection> = CollectionData[K];

export async function listRecords<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>): Promise<readonly Rec<K>[]> {
  return (await ctx.store.read(rules.collection)) as readonly Rec<K>[];
}

export async function getRecord<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string): Promise<Rec<K>> {
  const record = (await listRecords(ctx, rules)).find((r) => r.id === id);
  if (!record) throw notFound(rules.label, id);
  return record;
}

export async function createRecord<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>, input: unknown): Promise<Rec<K>> {
  const body = requireObject(input);
  if ('id' in body) throw invalid(rules.label, [{ path: 'id', message: 'is assigned by the server; leave it out' }]);
  const record = parseWith(rules.schema, { ...withoutNulls(body), id: randomUUID() }, rules.label);
  await assertReferences(ctx, rules, record as Record<string, unknown>);

  await ctx.store.update(rules.collection, (current) => {
    assertUnique<Rec<K>>(current as readonly Rec<K>[], record, rules.unique, rules.label);
    return [...current, record] as List<K>;
  });
  const { id: _id, ...fields } = record as Record<string, unknown>;
  await recordAudit(ctx, {
    action: 'create',
    collection: rules.collection,
    id: record.id,
    changes: Object.keys(fields).sort(),
    summary: `Created ${rules.label} ${rules.describe(record)}`,
  });
  return record;
}

/**
 * Partial update: the given fields replace the stored ones and the merged record must validate.
 * `input` may be a function of the stored record (run under the store's lock), for a change
 * that builds on what is there ("add this keyword") without losing a concurrent one.
 */
export async function updateRecord<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string, input: unknown | ((current: Rec<K>) => Record<string, unknown>)): Promise<Rec<K>> {
  const derived = typeof input === 'function';
  const { id: bodyId, ...patch } = derived ? {} : requireObject(input);
  if (bodyId !== undefined && bodyId !== id) {
    throw invalid(rules.label, [{ path: 'id', message: `must match the id in the URL ("${id}"); an id cannot be changed` }]);
  }
  if (!derived) await assertReferences(ctx, rules, patch);

  let before: Rec<K> | undefined;
  let after: Rec<K> | undefined;
  await ctx.store.update(rules.collection, (current) => {
    const records = current as readonly Rec<K>[];
    const index = records.findIndex((r) => r.id === id);
    if (index < 0) throw notFound(rules.label, id);
    before = records[index];
    const changes = derived ? (input as (current: Rec<K>) => Record<string, unknown>)(before) : patch;
    after = parseWith(rules.schema, applyPatch(before, changes), rules.label);
    assertUnique(records, after, rules.unique, rules.label);
    return records.with(index, after) as List<K>;
  });
  // A PUT that changes nothing is not a change worth a line in the audit log.
  const changes = changedFields(before, after);
  if (changes.length > 0) {
    await recordAudit(ctx, { action: 'update', collection: rules.collection, id, changes, summary: `Updated ${rules.label} ${rules.describe(after!)}` });
  }
  return after!;
}

export async function deleteRecord<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>, id: string, options: DeleteOptions = {}): Promise<Rec<K>> {
  const found = await getRecord(ctx, rules, id);
  await rules.beforeDelete?.(ctx, found, options);

  let removed: Rec<K> | undefined;
  await ctx.store.update(rules.collection, (current) => {
    const records = current as readonly Rec<K>[];
    removed = records.find((r) => r.id === id);
    if (!removed) throw notFound(rules.label, id);
    return records.filter((r) => r.id !== id) as List<K>;
  });
  await recordAudit(ctx, {
    action: 'delete',
    collection: rules.collection,
    id,
    changes: [],
    summary: `Deleted ${rules.label} ${rules.describe(removed!)}`,
  });
  return removed!;
}

async function assertReferences<K extends ListCollection>(ctx: UseCaseContext, rules: ResourceRules<K>, fields: Record<string, unknown>): Promise<void> {
  const details = (await rules.checkReferences?.(ctx, fields)) ?? [];
  if (details.length > 0) throw invalid(rules.label, details);
}
