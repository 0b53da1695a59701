export { GENERATION_FILE, JsonStore, deepFreeze, type StoreOptions } from './json-store.js';
export { DEFAULT_LOCK_OPTIONS, type LockOptions } from './lock.js';
export { DEFAULT_ADMIN, DEFAULT_TEMPLATE_TEXTS, sampleData } from './sample-data.js';
export * from './schemas.js';
