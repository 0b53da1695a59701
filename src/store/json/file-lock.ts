import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import lockfile from 'proper-lockfile';
import type { Logger } from '../../shared/logger.js';

/**
 * One set of lock options for every process. proper-lockfile decides staleness by the lock
 * directory's mtime, so all processes must agree on `stale` and `update` or one would steal
 * another's live lock. A live holder is waited for up to `waitMs` (longer than `stale`, so a
 * lock nobody refreshes any more is always taken over rather than reported as busy).
 */
export interface LockOptions {
  staleMs: number;
  updateMs: number;
  waitMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = { staleMs: 10_000, updateMs: 2_000, waitMs: 30_000 };

/** Who holds a lock, written next to it, so a process can tell a lock left by a dead one. */
interface Owner {
  host: string;
  pid: number;
  /** Different for every start of a process: a restarted service may get its old pid back. */
  run: string;
  /** The lock directory this owner made (its inode): a later lock is not described by an old owner file. */
  lock: string;
}

const THIS_RUN = randomUUID();
const HOST = os.hostname();

export class LockError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly code: 'ELOST' | 'EBUSY',
  ) {
    super(message);
    this.name = 'LockError';
  }
}

export interface HeldLock {
  /**
   * Throws LockError unless the lock is still this process's: not reported compromised by
   * proper-lockfile, and its directory still the one this process made (not deleted by hand,
   * not taken over). Call it right before the rename that publishes a write.
   */
  assertHeld(): void;
}

const lockDir = (file: string) => `${file}.lock`;
const ownerFile = (file: string) => `${file}.lock-owner`;
const identity = (path: string) => {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s ? `${s.dev}:${s.ino}` : undefined;
};

export async function withFileLock<T>(file: string, options: LockOptions, logger: Logger, fn: (lock: HeldLock) => Promise<T>): Promise<T> {
  let compromised: unknown;
  const release = await acquire(file, options, logger, (error) => {
    compromised = error;
    logger.error({ err: error, file }, 'store lock compromised; the write in progress will be abandoned');
  });
  const mine = identity(lockDir(file));
  const recorded = writeOwner(file, mine, logger);
  const lock: HeldLock = {
    assertHeld() {
      if (compromised !== undefined) throw new LockError(file, `The lock on ${file} was lost (${(compromised as Error)?.message ?? compromised}); nothing was written`, 'ELOST');
      const owner = recorded ? readOwner(file) : undefined;
      const ours = !recorded || (owner?.run === THIS_RUN && owner.pid === process.pid && owner.lock === mine);
      if (identity(lockDir(file)) !== mine || !ours) {
        throw new LockError(file, `The lock on ${file} was removed or taken while this write held it; nothing was written. Never delete *.lock directories while the services run.`, 'ELOST');
      }
    },
  };
  try {
    return await fn(lock);
  } finally {
    if (compromised === undefined) {
      removeOwner(file, mine);
      await release().catch((error: unknown) => logger.warn({ err: error, file }, 'could not release store lock'));
    }
  }
}

/**
 * Take the lock. Only "held by someone else" is worth waiting for: an unwritable or read-only
 * directory fails at once (proper-lockfile's own retries would retry every error). A lock whose
 * holder is provably gone is taken over at once instead of waiting for it to go stale.
 */
async function acquire(file: string, options: LockOptions, logger: Logger, onCompromised: (error: Error) => void): Promise<() => Promise<void>> {
  const deadline = Date.now() + options.waitMs;
  let delay = 2;
  for (;;) {
    try {
      return await lockfile.lock(file, { realpath: false, stale: options.staleMs, update: options.updateMs, retries: 0, onCompromised });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    if (takeOverIfAbandoned(file, logger)) continue;
    if (Date.now() > deadline) throw new LockError(file, `${file} is locked by another process that has held it for more than ${Math.round(options.waitMs / 1000)} s`, 'EBUSY');
    // Polling is quick: a holder usually keeps the lock a few milliseconds, and a slow poller would starve.
    await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
    delay = Math.min(60, delay * 1.3);
  }
}

/** True when the lock was left by a process of this host that no longer runs (or by this process before a restart) and has been cleared. */
function takeOverIfAbandoned(file: string, logger: Logger): boolean {
  const owner = readOwner(file);
  const current = identity(lockDir(file));
  if (!owner || current === undefined || owner.lock !== current || owner.host !== HOST) return false;
  const gone = owner.pid === process.pid ? owner.run !== THIS_RUN : !isAlive(owner.pid);
  if (!gone) return false;
  // Rename first: if two processes decide this at once, only one rename succeeds.
  const aside = `${lockDir(file)}.abandoned-${randomUUID()}`;
  try {
    renameSync(lockDir(file), aside);
    rmdirSync(aside);
  } catch {
    return true; // someone else cleared it; try again
  }
  logger.warn({ file, pid: owner.pid }, 'took over a store lock left by a process that no longer runs');
  return true;
}

function writeOwner(file: string, lock: string | undefined, logger: Logger): boolean {
  if (lock === undefined) return false;
  const owner: Owner = { host: HOST, pid: process.pid, run: THIS_RUN, lock };
  try {
    writeFileSync(ownerFile(file), JSON.stringify(owner), { mode: 0o644 });
    return true;
  } catch (error) {
    // Without it a lock left by a crash is still taken over once stale, only later.
    logger.warn({ err: error, file }, 'could not record the owner of a store lock');
    return false;
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(file), 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.run === 'string' && typeof owner.lock === 'string'
      ? (owner as Owner)
      : undefined;
  } catch {
    return undefined;
  }
}

function removeOwner(file: string, lock: string | undefined): void {
  if (readOwner(file)?.lock !== lock) return; // another process's by now
  try {
    unlinkSync(ownerFile(file));
  } catch {
    // already gone
  }
}

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
