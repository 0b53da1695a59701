import type { z } from 'zod';
import type { CollectionName, ListCollectionName, RecordOf, SingletonName, ValueOf } from './port.js';
import { Coupon, Department, Product, Staff, StoredSettings, StoreInfo, VoiceTemplate } from './schemas.js';

/**
 * What every adapter must know about each collection, as a database schema would say it:
 * the record's shape, which fields are unique keys, and what a text search looks at.
 */

/**
 * A field no two records may share, compared trimmed and case-insensitively. `when` makes it
 * a partial key: only records it holds for compete (only active templates share a key space).
 */
export interface UniqueKey<R> {
  field: keyof R & string;
  when?: (record: R) => boolean;
}

export interface ListDefinition<R> {
  kind: 'list';
  /** Singular, for messages: "a product with sku …". */
  label: string;
  record: z.ZodType<R>;
  unique: readonly UniqueKey<R>[];
  /** The texts a `q` search looks in. */
  searchText: (record: R) => readonly string[];
}

export interface SingletonDefinition<V> {
  kind: 'singleton';
  label: string;
  value: z.ZodType<V>;
}

type Definitions = { [K in ListCollectionName]: ListDefinition<RecordOf<K>> } & { [K in SingletonName]: SingletonDefinition<ValueOf<K>> };

export const DEFINITIONS: Definitions = {
  storeInfo: { kind: 'singleton', label: 'store info', value: StoreInfo },
  // A stored file (or a backup) may hold settings from before the speech model was chosen: read them upgraded.
  settings: { kind: 'singleton', label: 'settings', value: StoredSettings },
  departments: {
    kind: 'list',
    label: 'department',
    record: Department,
    unique: [{ field: 'extension' }],
    searchText: (d) => [d.name, d.extension, ...d.keywords],
  },
  inventory: {
    kind: 'list',
    label: 'product',
    record: Product,
    unique: [{ field: 'sku' }],
    searchText: (p) => [p.name, p.sku ?? '', p.location, ...p.keywords],
  },
  coupons: { kind: 'list', label: 'coupon', record: Coupon, unique: [{ field: 'code' }], searchText: (c) => [c.code, c.description] },
  // Two active templates for one key would leave the call flow guessing which to say.
  voiceTemplates: {
    kind: 'list',
    label: 'voice template',
    record: VoiceTemplate,
    unique: [{ field: 'key', when: (t) => t.active }],
    searchText: (t) => [t.key, t.text],
  },
  staff: { kind: 'list', label: 'staff member', record: Staff, unique: [{ field: 'username' }], searchText: (s) => [s.username, s.name] },
};

export const COLLECTION_NAMES = Object.keys(DEFINITIONS) as CollectionName[];
export const LIST_COLLECTIONS = COLLECTION_NAMES.filter((name) => DEFINITIONS[name].kind === 'list') as ListCollectionName[];

/** How unique values compare: " SKU-1" and "sku-1" are the same key. */
export const keyOf = (value: unknown): string => String(value).trim().toLowerCase();

/** The key a record holds for a unique field, or undefined when it has none (or the key does not apply to it). */
export function keyValue<R>(record: R, unique: UniqueKey<R>): string | undefined {
  const raw = record[unique.field];
  if (raw === undefined || raw === null || (unique.when && !unique.when(record))) return undefined;
  return keyOf(raw);
}

export interface DuplicateKey {
  /** Where the second record with the value is, and the first. */
  index: number;
  firstIndex: number;
  field: string;
  value: string;
  partial: boolean;
}

/** Every place a list breaks its unique keys (the id included): what a restore reports, what a file load refuses. */
export function duplicateKeys<R extends { id: string }>(records: readonly R[], definition: ListDefinition<R>): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const keys: UniqueKey<R>[] = [{ field: 'id' }, ...definition.unique];
  for (const unique of keys) {
    const seen = new Map<string, number>();
    records.forEach((record, index) => {
      const value = keyValue(record, unique);
      if (value === undefined) return;
      const firstIndex = seen.get(value);
      if (firstIndex === undefined) seen.set(value, index);
      else found.push({ index, firstIndex, field: unique.field, value: String(record[unique.field]), partial: unique.when !== undefined });
    });
  }
  return found;
}
