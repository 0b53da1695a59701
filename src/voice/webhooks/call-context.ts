import type { JsonStore } from '../../store/index.js';
import type { CallContext } from '../calls/decision.js';

/**
 * Everything a webhook decides from, read fresh on each request: the store returns its
 * cached value unless the file changed (one stat each), so a dashboard edit is heard on
 * the very next webhook. When nothing changed (one stat, see JsonStore.peek) the context is
 * built without waiting.
 */
const CONTEXT_COLLECTIONS = ['storeInfo', 'departments', 'inventory', 'coupons', 'voiceTemplates', 'settings'] as const;

export function loadCallContext(store: JsonStore, now: Date): CallContext | Promise<CallContext> {
  const fresh = store.peek(CONTEXT_COLLECTIONS);
  if (!fresh) return readCallContext(store, now);
  const [storeInfo, departments, inventory, coupons, templates, settings] = fresh;
  return { storeInfo, departments, inventory, coupons, templates, settings, now };
}

async function readCallContext(store: JsonStore, now: Date): Promise<CallContext> {
  const [storeInfo, departments, inventory, coupons, templates, settings] = await Promise.all([
    store.read('storeInfo'),
    store.read('departments'),
    store.read('inventory'),
    store.read('coupons'),
    store.read('voiceTemplates'),
    store.read('settings'),
  ]);
  return { storeInfo, departments, inventory, coupons, templates, settings, now };
}
