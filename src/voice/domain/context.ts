import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/index.js';

/** What a use case needs: the store, who is acting (for the audit log), and "now". */
export interface UseCaseContext {
  store: Store;
  logger: Logger;
  actor: string;
  now: () => Date;
}

export const DEFAULT_ACTOR = 'api';

/** X-Actor is free text from the client: keep it one short printable line. */
export function sanitiseActor(raw: unknown): string {
  if (typeof raw !== 'string') return DEFAULT_ACTOR;
  const clean = raw.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 100).trim();
  return clean || DEFAULT_ACTOR;
}
