import type { Store } from '../../store/index.js';
import type { CallContext } from '../calls/decision.js';

/**
 * Everything a webhook decides from: the store's read model (the same frozen value until
 * something changes, so a dashboard edit is heard on the very next webhook) and the time.
 */
export async function loadCallContext(store: Store, now: Date): Promise<CallContext> {
  return { ...(await store.callData()), now };
}
