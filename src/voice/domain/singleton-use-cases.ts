import type { z } from 'zod';
import { Settings, StoreInfo, type CollectionData } from '../../store/index.js';
import { changedFields, recordAudit } from './audit.js';
import type { UseCaseContext } from './context.js';
import { parseWith, requireObject } from './validate.js';

export type SingletonName = 'storeInfo' | 'settings';

export interface SingletonRules<K extends SingletonName> {
  collection: K;
  label: string;
  schema: z.ZodType<CollectionData[K]>;
  merge: (current: CollectionData[K], patch: Record<string, unknown>) => Record<string, unknown>;
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

export async function readSingleton<K extends SingletonName>(ctx: UseCaseContext, rules: SingletonRules<K>): Promise<CollectionData[K]> {
  return ctx.store.read(rules.collection);
}

/** PUT merges the given top-level fields into the stored object; the merged result must validate. */
export async function updateSingleton<K extends SingletonName>(ctx: UseCaseContext, rules: SingletonRules<K>, input: unknown): Promise<CollectionData[K]> {
  const patch = requireObject(input);
  let before: CollectionData[K] | undefined;
  const after = await ctx.store.update(rules.collection, (current) => {
    before = current;
    return parseWith(rules.schema, rules.merge(current, patch), rules.label);
  });
  const changes = changedFields(before, after);
  if (changes.length > 0) await recordAudit(ctx, { action: 'update', collection: rules.collection, changes, summary: `Updated ${rules.label}` });
  return after;
}
