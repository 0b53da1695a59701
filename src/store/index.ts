import { type JsonStoreOptions, openJsonStore } from './json/json-store.js';
import type { Store } from './port.js';

export * from './port.js';
export * from './schemas.js';
export { DEFINITIONS, duplicateKeys, keyOf, type ListDefinition, type UniqueKey } from './collections.js';
export { DEFAULT_ADMIN, sampleData } from './sample-data.js';

/** The store the configuration asks for: today the JSON files in the data directory. */
export function openStore(options: JsonStoreOptions): Promise<Store> {
  return openJsonStore(options);
}
