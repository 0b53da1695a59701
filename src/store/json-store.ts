import { copyFile, open, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { appendFileSync, mkdirSync, statSync, truncateSync } from 'node:fs';
import type { BigIntStats, Stats } from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorDetail } from '../shared/app-error.js';
import type { Logger } from '../shared/logger.js';
import { formatPath, summariseDetails, zodDetails } from '../shared/zod-details.js';
import { fsyncDirectory, writeFileAtomic } from './atomic-write.js';
import { DEFAULT_LOCK_OPTIONS, type LockOptions, withFileLock } from './lock.js';
import { parseDataFile } from './parse-file.js';
import { sampleData } from './sample-data.js';
import { COLLECTIONS, type CollectionData, type CollectionName, duplicateIssues, LOGS, type LogEntry, type LogName } from './schemas.js';

export interface StoreOptions {
  dataDir: string;
  logger: Logger;
  /** Tests shorten these; both processes of a deployment use the defaults. */
  lock?: Partial<LockOptions>;
}

/** A file's identity: any write (a rename of a new file over it) changes at least one part. */
type Identity = string;
const identityOf = (s: BigIntStats): Identity => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;

interface CacheEntry {
  identity: Identity;
  value: unknown;
  /** Set while the file on disk is corrupt: its identity, so the error is logged once. */
  badIdentity?: Identity;
  /** peek: the generation seen, and when, the last time this entry was found fresh. */
  generation?: number;
  checkedAt?: number;
}

/**
 * Every write through a store, in any process, appends a byte to this file after its rename.
 * So one stat of it tells `peek` that no file changed since it last looked (it is emptied
 * when it reaches GENERATION_MAX_BYTES; any change of its identity counts as a write).
 */
export const GENERATION_FILE = '.generation';
const GENERATION_MAX_BYTES = 1 << 20;
/** peek still stats each file this often: an edit made outside the store module is seen within it. */
const RECHECK_MS = 1000;

/** The entry answers for the file as it is: the same version, or the same corrupt bytes already reported. */
const describes = (entry: CacheEntry, identity: Identity) => entry.identity === identity || entry.badIdentity === identity;

type GenerationStats = Pick<Stats, 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>;
const MISSING_STATS: GenerationStats = { ino: 0, size: 0, mtimeMs: 0, ctimeMs: 0 };

type Values<K extends readonly CollectionName[]> = { -readonly [I in keyof K]: CollectionData[K[I]] };

interface Job {
  fn: (current: any) => unknown;
  /** A replace does not need the current value, so it may go ahead over a corrupt file (kept aside first). */
  replaces?: boolean;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

const PRIVATE_FILES = new Set<CollectionName>(['staff', 'sessions']);

/**
 * The only code that touches the data files. Values handed out are deep-frozen and shared:
 * treat them as read-only, and return a new value from `update`.
 */
export class JsonStore {
  readonly dataDir: string;
  private readonly logger: Logger;
  private readonly lockOptions: LockOptions;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly paths = new Map<string, string>();
  private readonly generationFile: string;
  private generationSeen: GenerationStats = { ino: -1, size: -1, mtimeMs: -1, ctimeMs: -1 };
  private generation = 0;
  private readonly queues = new Map<CollectionName, Job[]>();
  private readonly inflightReads = new Map<string, Promise<unknown>>();
  private readonly logWrites = new Map<LogName, Promise<void>>();
  private readonly changeListeners: ((name: CollectionName, value: unknown) => void)[] = [];

  constructor(options: StoreOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.logger = options.logger;
    this.lockOptions = { ...DEFAULT_LOCK_OPTIONS, ...options.lock };
    this.generationFile = path.join(this.dataDir, GENERATION_FILE);
    mkdirSync(this.dataDir, { recursive: true });
  }

  pathOf(name: CollectionName | LogName): string {
    let file = this.paths.get(name);
    if (file === undefined) {
      file = path.join(this.dataDir, name in COLLECTIONS ? COLLECTIONS[name as CollectionName].file : LOGS[name as LogName].file);
      this.paths.set(name, file);
    }
    return file;
  }

  /** Create every missing file with sample data and remove temp files left by killed writers. */
  async init(): Promise<void> {
    await this.removeOrphanTempFiles();
    for (const name of Object.keys(COLLECTIONS) as CollectionName[]) await this.read(name);
  }

  /** Fresh across processes: one stat per call, a parse only when the file changed. */
  async read<K extends CollectionName>(name: K): Promise<CollectionData[K]> {
    const file = this.pathOf(name);
    let identity: Identity;
    try {
      // Synchronous on purpose: a stat takes a few microseconds, while a round trip through
      // libuv's thread pool costs several times that on every webhook's six reads.
      identity = identityOf(statSync(file, { bigint: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw this.ioError(file, error);
      await this.update(name, (current) => current); // creates it with sample data, under the lock
      return this.read(name);
    }
    const cached = this.cache.get(name);
    if (cached && describes(cached, identity)) return cached.value as CollectionData[K];

    const key = `${name}@${identity}`;
    let pending = this.inflightReads.get(key);
    if (!pending) {
      pending = this.load(name, file).finally(() => this.inflightReads.delete(key));
      this.inflightReads.set(key, pending);
    }
    return (await pending) as CollectionData[K];
  }

  /**
   * What `read` would answer for each of `names`, without waiting: the values in memory, when
   * no file changed since they were read. Undefined when any must be loaded (call `read`).
   * For the webhooks' hot path: one stat of the generation file instead of one per file, and
   * no promises. A write through any store is seen by the next peek, in every process; an edit
   * made by hand, within RECHECK_MS.
   */
  peek<const K extends readonly CollectionName[]>(names: K): Values<K> | undefined {
    const generation = this.currentGeneration();
    const now = performance.now();
    const values: unknown[] = [];
    for (const name of names) {
      const entry = this.cache.get(name);
      if (!entry) return undefined;
      if (entry.generation !== generation || now - (entry.checkedAt ?? -Infinity) > RECHECK_MS) {
        // Stat the file after the generation: a write renames first and counts after, so a
        // rename this stat misses is counted after the generation seen here, and noticed next time.
        const identity = this.identityNow(name);
        if (identity === undefined || !describes(entry, identity)) return undefined;
        entry.generation = generation;
        entry.checkedAt = now;
      }
      values.push(entry.value);
    }
    return values as Values<K>;
  }

  /** A number that changes whenever the generation file's stat does (a plain stat: its size alone grows with each write). */
  private currentGeneration(): number {
    let stats: Stats | undefined;
    try {
      stats = statSync(this.generationFile, { throwIfNoEntry: false });
    } catch {
      return ++this.generation; // unreadable: every entry is checked by its own stat
    }
    const seen = this.generationSeen;
    const now = stats ?? MISSING_STATS;
    if (now.ino !== seen.ino || now.size !== seen.size || now.mtimeMs !== seen.mtimeMs || now.ctimeMs !== seen.ctimeMs) {
      this.generationSeen = { ino: now.ino, size: now.size, mtimeMs: now.mtimeMs, ctimeMs: now.ctimeMs };
      this.generation++;
    }
    return this.generation;
  }

  private identityNow(name: CollectionName): Identity | undefined {
    try {
      const stats = statSync(this.pathOf(name), { bigint: true, throwIfNoEntry: false });
      return stats && identityOf(stats);
    } catch {
      return undefined; // read reports it
    }
  }

  /** After a write's rename: one byte more in the generation file (emptied when large), so every peek notices. */
  private countWrite(): void {
    const file = this.generationFile;
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) >= GENERATION_MAX_BYTES) truncateSync(file, 0);
      appendFileSync(file, '.', { mode: 0o644 });
    } catch (error) {
      this.logger.warn({ err: error, file }, 'could not count a write in the generation file; other processes notice the write within a second');
    }
  }

  private async load(name: CollectionName, file: string): Promise<unknown> {
    const label = path.basename(file);
    let identity: Identity | undefined;
    try {
      const handle = await open(file, 'r');
      let content: string;
      try {
        identity = identityOf(await handle.stat({ bigint: true }));
        content = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
      const value = trusted(name, parseDataFile(label, content, COLLECTIONS[name].schema));
      this.cache.set(name, { identity, value });
      return value;
    } catch (error) {
      if (!(error instanceof AppError) || identity === undefined) throw this.ioError(file, error);
      return this.fallBack(name, file, identity, error);
    }
  }

  /** The file on disk is corrupt: keep it untouched and serve the last good copy we know. */
  private async fallBack(name: CollectionName, file: string, badIdentity: Identity, error: AppError): Promise<unknown> {
    const cached = this.cache.get(name);
    let value = cached?.value;
    let source = 'memory';
    if (value === undefined) {
      try {
        value = trusted(name, parseDataFile(`${path.basename(file)}.bak`, await readFile(`${file}.bak`, 'utf8'), COLLECTIONS[name].schema));
        source = `${path.basename(file)}.bak`;
      } catch {
        this.logger.error({ file, problem: error.message }, 'data file is corrupt and no good copy is available');
        throw error;
      }
    }
    this.logger.error(
      { file, problem: error.message, servedFrom: source },
      `data file is corrupt; it was left untouched and reads are served from the last good copy (${source})`,
    );
    this.cache.set(name, { identity: cached?.identity ?? '', value, badIdentity });
    return value;
  }

  /**
   * Read-modify-write under the file's lock. `fn` receives the current (frozen) value and
   * returns the new one, which must validate; a refused value writes nothing. Updates queued
   * in this process while a write is under way are applied together under one lock.
   */
  update<K extends CollectionName>(name: K, fn: (current: CollectionData[K]) => CollectionData[K] | Promise<CollectionData[K]>): Promise<CollectionData[K]> {
    return this.enqueue(name, { fn });
  }

  private enqueue<T>(name: CollectionName, job: Omit<Job, 'resolve' | 'reject'>): Promise<T> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(name);
      if (queue) {
        queue.push({ ...job, resolve, reject });
        return;
      }
      this.queues.set(name, [{ ...job, resolve, reject }]);
      void this.drain(name);
    });
  }

  /** Replace a whole collection (restore). A corrupt file on disk is first kept aside as `<file>.corrupt-<time>`. */
  replace<K extends CollectionName>(name: K, value: CollectionData[K]): Promise<CollectionData[K]> {
    return this.enqueue(name, { fn: () => value, replaces: true });
  }

  /**
   * Called after each write this process makes (with the value now on disk), so work derived
   * from a collection can be redone right away rather than by the next reader. Writes by the
   * other process are still picked up by the next read.
   */
  onChange(listener: (name: CollectionName, value: unknown) => void): void {
    this.changeListeners.push(listener);
  }

  /** Validate without writing: the details name each bad field (zod paths). */
  validate<K extends CollectionName>(name: K, value: unknown): CollectionData[K] {
    const schema = COLLECTIONS[name].schema;
    const refuse = (details: ErrorDetail[]) => {
      throw new AppError('validation_failed', `Invalid ${COLLECTIONS[name].file}: ${summariseDetails(details)}`, 400, details);
    };
    if ('item' in schema && Array.isArray(value)) {
      // Records this store already validated and froze cannot have changed: check only the
      // new ones, then the unique fields across all. An update of one product in 50,000
      // then costs one record's validation, not the whole file's.
      const details: ErrorDetail[] = [];
      const records = value.map((record, index) => {
        if (VALIDATED.get(name)!.has(record)) return record;
        const result = schema.item.safeParse(record);
        if (result.success) return result.data;
        details.push(...zodDetails(result.error, [index]));
        return record;
      });
      details.push(...duplicateIssues(records, schema.unique).map((i) => ({ path: formatPath(i.path), message: i.message })));
      if (details.length > 0) refuse(details);
      return records as CollectionData[K];
    }
    const result = schema.safeParse(value);
    if (!result.success) refuse(zodDetails(result.error));
    return result.data as CollectionData[K];
  }

  private async drain(name: CollectionName): Promise<void> {
    const queue = this.queues.get(name)!;
    const file = this.pathOf(name);
    while (queue.length > 0) {
      const batch = queue.splice(0);
      const done: { job: Job; value: unknown }[] = [];
      try {
        await withFileLock(file, this.lockOptions, this.logger, async (lock) => {
          let current: unknown;
          let corrupt: AppError | undefined;
          try {
            current = await this.readForUpdate(name, file);
          } catch (error) {
            if (!(error instanceof AppError && error.code === 'data_file_corrupt')) throw error;
            corrupt = error;
          }
          for (const job of batch) {
            try {
              if (corrupt && !job.replaces) throw corrupt;
              current = trusted(name, this.validate(name, await job.fn(current)));
              done.push({ job, value: current });
            } catch (error) {
              job.reject(error);
            }
          }
          if (done.length === 0) return;
          if (corrupt) {
            const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
            await copyFile(file, aside);
            this.logger.warn({ file, keptAs: aside }, 'replacing a corrupt data file; its bytes were kept aside');
          }
          await writeFileAtomic(file, `${JSON.stringify(current, null, 2)}\n`, {
            mode: PRIVATE_FILES.has(name) ? 0o600 : 0o644,
            beforeRename: () => lock.assertHeld(),
            keepBackup: !corrupt, // .bak keeps the last good version, not the corrupt one
          });
          this.cache.set(name, { identity: identityOf(await stat(file, { bigint: true })), value: current });
          this.countWrite();
        });
        for (const { job, value } of done) job.resolve(value);
        if (done.length > 0) this.notifyChange(name);
      } catch (error) {
        const failure = error instanceof AppError ? error : this.ioError(file, error);
        for (const job of batch) if (!done.some((d) => d.job === job)) job.reject(failure);
        for (const { job } of done) job.reject(failure);
      }
    }
    this.queues.delete(name);
  }

  private notifyChange(name: CollectionName): void {
    const value = this.cache.get(name)?.value;
    for (const listener of this.changeListeners) {
      try {
        listener(name, value);
      } catch (error) {
        this.logger.error({ err: error, collection: name }, 'a change listener failed');
      }
    }
  }

  /** The value to modify: fresh from disk under the lock. A corrupt file stops the write. */
  private async readForUpdate(name: CollectionName, file: string): Promise<unknown> {
    let content: string;
    let identity: Identity;
    try {
      const st = await stat(file, { bigint: true });
      identity = identityOf(st);
      const cached = this.cache.get(name);
      if (cached && cached.identity === identity) return cached.value;
      content = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.logger.info({ file }, 'data file missing; creating it with sample data');
        return trusted(name, this.validate(name, sampleData(name)));
      }
      throw this.ioError(file, error);
    }
    try {
      return trusted(name, parseDataFile(path.basename(file), content, COLLECTIONS[name].schema));
    } catch (error) {
      const problem = (error as Error).message;
      throw new AppError('data_file_corrupt', `${problem}. Nothing was written; fix the file or restore it from ${path.basename(file)}.bak or a backup.`, 500, (error as AppError).details);
    }
  }

  /** Append one line to a log, under its lock; a torn last line left by a crash is closed first. */
  async append<L extends LogName>(name: L, entry: LogEntry[L]): Promise<void> {
    const parsed = LOGS[name].schema.safeParse(entry);
    if (!parsed.success) {
      const details = zodDetails(parsed.error);
      throw new AppError('validation_failed', `Invalid ${name} log entry: ${summariseDetails(details)}`, 500, details);
    }
    const line = `${JSON.stringify(parsed.data)}\n`;
    const file = this.pathOf(name);
    const previous = this.logWrites.get(name) ?? Promise.resolve();
    const write = previous.catch(() => {}).then(() =>
      withFileLock(file, this.lockOptions, this.logger, async (lock) => {
        const handle = await open(file, 'a+', 0o644);
        try {
          const { size } = await handle.stat();
          let prefix = '';
          if (size > 0) {
            const last = Buffer.alloc(1);
            await handle.read(last, 0, 1, size - 1);
            if (last[0] !== 0x0a) prefix = '\n';
          }
          lock.assertHeld();
          await handle.appendFile(prefix + line, 'utf8');
          await handle.datasync();
        } finally {
          await handle.close();
        }
      }),
    );
    this.logWrites.set(name, write);
    try {
      await write;
    } finally {
      if (this.logWrites.get(name) === write) this.logWrites.delete(name);
    }
  }

  /** Every entry of a log, oldest first; lines that do not parse (a torn line) are skipped. */
  async readLog<L extends LogName>(name: L): Promise<LogEntry[L][]> {
    const file = this.pathOf(name);
    let identity: Identity;
    try {
      identity = identityOf(statSync(file, { bigint: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw this.ioError(file, error);
    }
    const cached = this.cache.get(name);
    if (cached?.identity === identity) return cached.value as LogEntry[L][];
    const content = await readFile(file, 'utf8');
    const entries: LogEntry[L][] = [];
    let skipped = 0;
    for (const line of content.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed = LOGS[name].schema.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data as LogEntry[L]);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    if (skipped > 0) this.logger.warn({ file, skipped }, 'skipped log lines that do not parse (a torn write?)');
    const value = deepFreeze(entries);
    this.cache.set(name, { identity, value });
    return value;
  }

  /** Wait for writes queued in this process (graceful shutdown). */
  async flush(): Promise<void> {
    while (this.queues.size > 0 || this.logWrites.size > 0) {
      await Promise.allSettled([...this.logWrites.values()]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private async removeOrphanTempFiles(): Promise<void> {
    const names = await readdir(this.dataDir);
    let removed = 0;
    for (const name of names) {
      const match = /\.(\d+)\.[0-9a-f]{8}\.tmp(\.bak)?$/.exec(name);
      if (!match || isAlive(Number(match[1]))) continue;
      await unlink(path.join(this.dataDir, name)).catch(() => {});
      removed++;
    }
    if (removed > 0) await fsyncDirectory(this.dataDir);
  }

  private ioError(file: string, error: unknown): AppError {
    if (error instanceof AppError) return error;
    const err = error as NodeJS.ErrnoException;
    const hint = err.code === 'EACCES' || err.code === 'EPERM' ? ' (check the data directory permissions)' : '';
    return new AppError('data_io_error', `Could not access ${file}: ${err.message}${hint}`, 500);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Per collection, the records that passed its validation and were frozen by this store: safe to trust as they are. */
const VALIDATED = new Map<CollectionName, WeakSet<object>>(
  (Object.keys(COLLECTIONS) as CollectionName[]).map((name) => [name, new WeakSet<object>()]),
);

/** Freeze a validated collection value and remember its records as valid. */
function trusted<T>(name: CollectionName, value: T): T {
  if (Array.isArray(value)) {
    const set = VALIDATED.get(name)!;
    for (const record of value) if (record && typeof record === 'object') set.add(record);
  }
  return deepFreeze(value);
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
