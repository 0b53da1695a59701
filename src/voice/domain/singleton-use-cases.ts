import type { z } from 'zod';
import { Settings, StoreInfo, type SingletonName, type ValueOf } from '../../store/index.js';
import { auditIn, changedFields } from './audit.js';
import type { UseCaseContext } from './context.js';
import { parseWith, requireObject } from './validate.js';

export interface SingletonRules<K extends SingletonName> {
  collection: K;
  label: string;
  schema: z.ZodType<ValueOf<K>>;
  merge: (current: ValueOf<K>, patch: Record<string, unknown>) => Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

// Hours merge per day, so `{ "hours": { "sun": null } }` closes Sundays and keeps the rest.
export const storeInfoRules: SingletonRules<'storeInfo'> = {
  collection: 'storeInfo',
  label: 'store info',
  schema: StoreInfo,
  merge: (current, patch) => ({
    ...current,
    ...patch,
    ...(isPlainObject(patch.hours) ? { hours: { ...current.hours, ...patch.hours } } : {}),
  }),
};

export const settingsRules: SingletonRules<'settings'> = {
  collection: 'settings',
  label: 'settings',
  schema: Settings,
  merge: (current, patch) => ({ ...current, ...patch }),
};

export async function readSingleton<K extends SingletonName>(ctx: UseCaseContext, rules: SingletonRules<K>): Promise<ValueOf<K>> {
  return (await ctx.store[rules.collection].get()) as ValueOf<K>;
}

/** PUT merges the given top-level fields into the stored object; the merged result must validate. */
export async function updateSingleton<K extends SingletonName>(ctx: UseCaseContext, rules: SingletonRules<K>, input: unknown): Promise<ValueOf<K>> {
  const patch = requireObject(input);
  return ctx.store.transaction(async (tx) => {
    const singleton = tx[rules.collection] as unknown as { get(): Promise<ValueOf<K>>; put(value: ValueOf<K>): Promise<ValueOf<K>> };
    const before = await singleton.get();
    const after = parseWith(rules.schema, rules.merge(before, patch), rules.label);
    const changes = changedFields(before as object, after as object);
    if (changes.length === 0) return before;
    await singleton.put(after);
    auditIn(tx, ctx, { action: 'update', collection: rules.collection, changes, summary: `Updated ${rules.label}` });
    return after;
  });
}
