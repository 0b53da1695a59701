import path from 'node:path';
import type { Logger } from '../../shared/logger.js';
import type { SessionRepository } from '../port.js';
import { type SessionEntry, Sessions } from '../schemas.js';
import { commitFiles, prepareFile } from './atomic-write.js';
import { DataFile } from './data-file.js';
import { type LockOptions, withFileLock } from './file-lock.js';
import { deepFreeze } from './freeze.js';
import { parseDataFile } from './parse-file.js';

type All = Readonly<Record<string, SessionEntry>>;

/**
 * Dashboard sessions in sessions.json (mode 600), written only by the dashboard. Expired
 * entries are dropped whenever the file is written. A missing file is simply no sessions.
 */
export class JsonSessions implements SessionRepository {
  private readonly data: DataFile<All>;

  constructor(
    private readonly dir: string,
    private readonly lock: LockOptions,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {
    this.data = new DataFile({
      file: path.join(dir, 'sessions.json'),
      logger,
      parse: (label, content) => deepFreeze(parseDataFile(label, content, Sessions) as All),
      whenMissing: () => Object.freeze({}),
    });
  }

  private async live(): Promise<All> {
    await this.data.refresh();
    return this.data.value();
  }

  async get(sid: string): Promise<SessionEntry | undefined> {
    const all = await this.live();
    const entry = Object.hasOwn(all, sid) ? all[sid] : undefined;
    return entry && entry.expires > this.clock().getTime() ? entry : undefined;
  }

  async count(): Promise<number> {
    const now = this.clock().getTime();
    return Object.values(await this.live()).filter((e) => e.expires > now).length;
  }

  set(sid: string, entry: SessionEntry): Promise<void> {
    return this.write((all) => ({ ...all, [sid]: entry }));
  }

  destroy(sid: string): Promise<void> {
    return this.write((all) => {
      if (!Object.hasOwn(all, sid)) return undefined;
      const { [sid]: _gone, ...rest } = all;
      return rest;
    });
  }

  touch(sid: string, expires: number): Promise<void> {
    return this.write((all) => (Object.hasOwn(all, sid) ? { ...all, [sid]: { ...all[sid], expires } } : undefined));
  }

  /** Read-modify-write under the file's lock; `change` answers undefined when there is nothing to write. */
  private async write(change: (all: All) => Record<string, SessionEntry> | undefined): Promise<void> {
    await withFileLock(this.data.file, this.lock, this.logger, async (held) => {
      await this.data.refresh(); // another dashboard may have written since
      const next = change(await this.data.value());
      if (next === undefined) return;
      const now = this.clock().getTime();
      const kept = deepFreeze(Object.fromEntries(Object.entries(next).filter(([, e]) => e.expires > now)));
      const prepared = await prepareFile(this.data.file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600, keepBackup: false });
      await commitFiles(this.dir, [prepared], () => held.assertHeld());
      this.data.wrote(kept);
    });
  }
}
