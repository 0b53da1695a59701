import lockfile from 'proper-lockfile';
import type { Logger } from '../shared/logger.js';

/**
 * One set of lock options for both processes. proper-lockfile decides staleness by the lock
 * directory's mtime, so the voice service and the dashboard must agree on `stale` and
 * `update` or one would steal the other's live lock. The retry budget (~30 s or more with
 * backoff) is longer than `stale`, so a lock left by a killed process is always taken over
 * rather than reported as busy. Polling is quick (a few ms) because the holder usually keeps
 * the lock for only a few milliseconds and, without fairness, a slow poller would starve.
 */
export interface LockOptions {
  staleMs: number;
  updateMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { staleMs: 10_000, updateMs: 2_000 };

export class LockCompromisedError extends Error {
  constructor(file: string, cause: unknown) {
    super(`The lock on ${file} was lost (${(cause as Error)?.message ?? cause}); the write was abandoned`);
    this.name = 'LockCompromisedError';
  }
}

export interface HeldLock {
  /** Throws LockCompromisedError once proper-lockfile has reported the lock lost. */
  assertHeld(): void;
}

export async function withFileLock<T>(
  file: string,
  options: LockOptions,
  logger: Logger,
  fn: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  let compromised: unknown;
  const retryBudget = Math.ceil((options.staleMs * 3) / 60);
  const release = await lockfile.lock(file, {
    realpath: false,
    stale: options.staleMs,
    update: options.updateMs,
    retries: { retries: Math.max(retryBudget, 100), minTimeout: 2, maxTimeout: 60, factor: 1.3, randomize: true },
    // The default handler throws from a timer, which would kill the whole service.
    onCompromised: (error) => {
      compromised = error;
      logger.error({ err: error, file }, 'store lock compromised; the write in progress will be abandoned');
    },
  });
  const lock: HeldLock = {
    assertHeld() {
      if (compromised !== undefined) throw new LockCompromisedError(file, compromised);
    },
  };
  try {
    return await fn(lock);
  } finally {
    if (compromised === undefined) {
      await release().catch((error: unknown) => logger.warn({ err: error, file }, 'could not release store lock'));
    }
  }
}
