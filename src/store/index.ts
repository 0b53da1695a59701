import type { Logger } from '../shared/logger.js';
import type { LockOptions } from './json/file-lock.js';
import { openJsonStore } from './json/json-store.js';
import type { Store } from './port.js';

export * from './port.js';
export * from './schemas.js';
export { DEFINITIONS, duplicateKeys, keyOf, type ListDefinition, type UniqueKey } from './collections.js';
export { DEFAULT_ADMIN, sampleData } from './sample-data.js';

export interface StoreOptions {
  dataDir: string;
  logger: Logger;
  /** Tests shorten these; every process of a deployment uses the defaults. */
  lock?: Partial<LockOptions>;
  /** How often reads look at the files again for changes made elsewhere (default 1 s). */
  recheckMs?: number;
  clock?: () => Date;
}

/** The store the configuration asks for: today the JSON files in the data directory. */
export function openStore(options: StoreOptions): Promise<Store> {
  return openJsonStore(options);
}
