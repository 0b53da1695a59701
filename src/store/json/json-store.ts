import { mkdirSync } from 'node:fs';
import { readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import type { Logger } from '../../shared/logger.js';
import { COLLECTION_NAMES, DEFINITIONS, type ListDefinition } from '../collections.js';
import type {
  CallData,
  CollectionName,
  ListCollectionName,
  Repository,
  Singleton,
  SingletonName,
  Store,
  StoreChange,
  Transaction,
} from '../port.js';
import { sampleData } from '../sample-data.js';
import type { AuditEntry } from '../schemas.js';
import { commitFiles, fsyncDirectory, JOURNAL_FILE, prepareFile, rollForward, TEMP_FILE } from './atomic-write.js';
import { DataFile, identityOf, ioError } from './data-file.js';
import { DEFAULT_LOCK_OPTIONS, type HeldLock, isAlive, type LockOptions, withFileLock } from './file-lock.js';
import { deepFreeze } from './freeze.js';
import { JsonAuditLog } from './json-audit-log.js';
import { JsonCallLog } from './json-call-log.js';
import { JsonSessions } from './json-sessions.js';
import { type Draft, JsonTransaction, ListDraft } from './json-transaction.js';
import { parseDataFile } from './parse-file.js';
import { pageOf } from './records.js';
import { Serial } from './serial.js';
import { Table } from './table.js';

export interface JsonStoreOptions {
  dataDir: string;
  logger: Logger;
  /** Tests shorten these; every process of a deployment uses the defaults. */
  lock?: Partial<LockOptions>;
  /** How often reads look at the files again for changes made elsewhere (default 1 s; 0: every read). */
  recheckMs?: number;
  clock?: () => Date;
}

/** The data files, named as in the original system. */
export const FILES: Record<CollectionName, string> = {
  storeInfo: 'store_info.json',
  settings: 'settings.json',
  departments: 'departments.json',
  inventory: 'inventory.json',
  coupons: 'coupons.json',
  voiceTemplates: 'voice_templates.json',
  staff: 'staff.json',
};
/** Files holding password hashes or session ids: readable by the service's user only. */
const PRIVATE: ReadonlySet<string> = new Set(['staff']);
/** Written when a data directory is first set up: from then on a missing file is never refilled with sample data. */
export const MARKER_FILE = '.store.json';

const COMMIT_ATTEMPTS = 5;

/** A collection about to be written: what goes in the file, and the value to keep once it is there. */
interface Pending {
  content: unknown;
  kept: () => unknown;
}

/** Open the JSON-file store in `dataDir`, setting the directory up with the sample store the first time. */
export async function openJsonStore(options: JsonStoreOptions): Promise<Store> {
  const dir = path.resolve(options.dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = { ...DEFAULT_LOCK_OPTIONS, ...options.lock };
  const clock = options.clock ?? (() => new Date());
  await setUp(dir, lock, options.logger, clock);
  return new JsonStore(dir, lock, options, clock);
}

/**
 * Finish a commit a crash interrupted, remove temp files killed writers left, and on a fresh
 * directory (no marker, no data file, no .bak) write the sample store. What needs writing is
 * done under one lock, so two services starting together agree; a directory already set up
 * needs none, so a read-only one still opens (and answers reads).
 */
async function setUp(dir: string, lock: LockOptions, logger: Logger, clock: () => Date): Promise<void> {
  const names = await readdir(dir).catch((error: unknown) => Promise.reject(ioError(dir, error)));
  if (names.includes(MARKER_FILE) && !names.includes(JOURNAL_FILE)) {
    await removeOrphanTempFiles(dir, names);
    return;
  }
  try {
    await withFileLock(path.join(dir, MARKER_FILE), lock, logger, async (held) => {
      const finished = await rollForward(dir);
      if (finished.length > 0) logger.warn({ files: finished }, 'finished a write that was interrupted (crash or kill) before it was complete');
      const now = await readdir(dir);
      await removeOrphanTempFiles(dir, now);
      if (now.includes(MARKER_FILE)) return;
      const existing = Object.values(FILES).some((file) => now.includes(file) || now.includes(`${file}.bak`));
      if (!existing) {
        const prepared = await Promise.all(
          COLLECTION_NAMES.map(async (name) => prepareFile(path.join(dir, FILES[name]), await serialise(name, sampleData(name)), { mode: modeOf(name), keepBackup: false })),
        );
        await commitFiles(dir, prepared, () => held.assertHeld());
        logger.info({ dataDir: dir }, 'new data directory: filled it with the sample store');
      }
      await writeFile(path.join(dir, MARKER_FILE), `${JSON.stringify({ format: 1, createdAt: clock().toISOString() }, null, 2)}\n`);
      await fsyncDirectory(dir);
    });
  } catch (error) {
    throw ioError(dir, error);
  }
}

/** Best effort: a temp file that cannot be removed now is removed at a later start. */
async function removeOrphanTempFiles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (match && !isAlive(Number(match[1]))) await unlink(path.join(dir, name)).catch(() => {});
  }
}

const modeOf = (name: CollectionName) => (PRIVATE.has(name) ? 0o600 : 0o644);

/** Each record's bytes in the file, made once per record: rewriting 50,000 products re-serialises only the ones that changed. */
const recordBytes = new WeakMap<object, Buffer>();
const OPEN = Buffer.from('[\n');
const BETWEEN = Buffer.from(',\n');
const CLOSE = Buffer.from('\n]\n');

function bytesOf(record: object): Buffer {
  let bytes = recordBytes.get(record);
  if (bytes === undefined) {
    bytes = Buffer.from(`  ${JSON.stringify(record, null, 2).replaceAll('\n', '\n  ')}`);
    recordBytes.set(record, bytes);
  }
  return bytes;
}

/** Records serialised between two turns of the event loop, when their bytes are not cached yet. */
const RECORDS_PER_TURN = 1000;

/**
 * The file's content, the text `JSON.stringify(value, null, 2)` makes. A list is pieced
 * together from its records' own bytes and written piece by piece: one 12 MB string would
 * hold the event loop (and the callers waiting on it) for a tenth of a second. The first
 * write after a start serialises every record; it lets callers in every thousand.
 */
async function serialise(name: CollectionName, value: unknown): Promise<string | Buffer[]> {
  if (DEFINITIONS[name].kind === 'singleton') return `${JSON.stringify(value, null, 2)}\n`;
  const records = (value instanceof Table ? value.records : value) as readonly object[];
  if (records.length === 0) return '[]\n';
  // Made at its final length: a list grown push by push leaves every shorter copy behind, and
  // lists this long live where only a full garbage collection frees them.
  const pieces = new Array<Buffer>(2 * records.length + 1).fill(BETWEEN);
  pieces[0] = OPEN;
  pieces[pieces.length - 1] = CLOSE;
  let fresh = 0;
  for (let i = 0; i < records.length; i++) {
    if (!recordBytes.has(records[i]) && ++fresh % RECORDS_PER_TURN === 0) await nextTurn();
    pieces[2 * i + 1] = bytesOf(records[i]);
  }
  return pieces;
}

/** A file's text → its value: a Table for lists (unique keys checked as a database would on load), a frozen object for the rest. */
function parserFor(name: CollectionName): (label: string, content: string) => unknown {
  const definition = DEFINITIONS[name];
  if (definition.kind === 'singleton') return (label, content) => deepFreeze(parseDataFile(label, content, definition.value));
  const list = definition as unknown as ListDefinition<{ id: string }>;
  const schema = z.array(list.record);
  return (label, content) => {
    const records = parseDataFile(label, content, schema) as { id: string }[];
    try {
      return Table.of(records, list);
    } catch (error) {
      const details = (error as AppError).details ?? [];
      throw new AppError('data_file_invalid', `${label} breaks a unique key: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, 500, details);
    }
  };
}

class JsonStore implements Store {
  private readonly files: { [K in CollectionName]: DataFile<unknown> };
  /** One transaction at a time in this process; other processes are kept out by the file locks. */
  private readonly writes = new Serial();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private model?: CallData;
  /** Counts changes to what the read model holds: a model read while one landed is not kept. */
  private modelVersion = 0;
  private checkedAt = -Infinity;
  /** Files this process is replacing right now: a look at the disk skips them (no re-read of our own write). */
  private readonly writing = new Set<CollectionName>();
  private readonly recheckMs: number;
  private readonly logger: Logger;

  readonly storeInfo;
  readonly settings;
  readonly departments;
  readonly inventory;
  readonly coupons;
  readonly voiceTemplates;
  readonly staff;
  readonly calls: JsonCallLog;
  readonly audit: JsonAuditLog;
  readonly sessions: JsonSessions;

  constructor(
    private readonly dir: string,
    private readonly lock: LockOptions,
    options: JsonStoreOptions,
    private readonly clock: () => Date,
  ) {
    this.logger = options.logger;
    this.recheckMs = options.recheckMs ?? 1000;
    this.files = Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, new DataFile({ file: path.join(dir, FILES[name]), logger: this.logger, parse: parserFor(name) })]),
    ) as { [K in CollectionName]: DataFile<unknown> };
    this.storeInfo = this.singleton('storeInfo') as Store['storeInfo'];
    this.settings = this.singleton('settings') as Store['settings'];
    this.departments = this.repository('departments') as Store['departments'];
    this.inventory = this.repository('inventory') as Store['inventory'];
    this.coupons = this.repository('coupons') as Store['coupons'];
    this.voiceTemplates = this.repository('voiceTemplates') as Store['voiceTemplates'];
    this.staff = this.repository('staff') as Store['staff'];
    this.calls = new JsonCallLog(dir, lock, this.logger, clock);
    this.audit = new JsonAuditLog(dir, lock, this.logger, clock);
    this.sessions = new JsonSessions(dir, lock, this.logger, clock);
  }

  // Reads

  private async committed(name: CollectionName): Promise<unknown> {
    await this.refreshIfDue();
    return this.files[name].value();
  }

  private repository(name: ListCollectionName): Repository<{ id: string }> {
    const definition = DEFINITIONS[name] as unknown as ListDefinition<{ id: string }>;
    const table = async () => (await this.committed(name)) as Table<{ id: string }>;
    return {
      all: async () => (await table()).records,
      list: async (query) => pageOf((await table()).records, definition, query),
      get: async (id) => (await table()).get(id),
      findBy: async (field, value) => {
        const current = await table();
        const id = current.idFor(field, value);
        return id === undefined ? undefined : current.get(id);
      },
      insert: (record) => this.transaction((tx) => (tx[name] as Repository<{ id: string }>).insert(record)),
      update: (record) => this.transaction((tx) => (tx[name] as Repository<{ id: string }>).update(record)),
      remove: (id) => this.transaction((tx) => (tx[name] as Repository<{ id: string }>).remove(id)),
      replaceAll: (records) => this.transaction((tx) => (tx[name] as Repository<{ id: string }>).replaceAll(records)),
    };
  }

  private singleton(name: SingletonName): Singleton<unknown> {
    return {
      get: () => this.committed(name),
      put: (value) => this.transaction((tx) => (tx[name] as Singleton<unknown>).put(value)),
      replace: (value) => this.transaction((tx) => (tx[name] as Singleton<unknown>).replace(value)),
    };
  }

  async callData(): Promise<CallData> {
    await this.refreshIfDue();
    if (this.model) return this.model;
    const version = this.modelVersion;
    const [storeInfo, settings, departments, inventory, coupons, templates] = await Promise.all([
      this.files.storeInfo.value(),
      this.files.settings.value(),
      this.files.departments.value(),
      this.files.inventory.value(),
      this.files.coupons.value(),
      this.files.voiceTemplates.value(),
    ]);
    const records = (table: unknown) => (table as Table<never>).records;
    const model = Object.freeze({
      storeInfo,
      settings,
      departments: records(departments),
      inventory: records(inventory),
      coupons: records(coupons),
      templates: records(templates),
    }) as CallData;
    if (version === this.modelVersion) this.model = model;
    return model;
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Look at the files again at most every `recheckMs`: a file edited by hand (or written by
   * another process) is re-read, one that disappeared is written back from memory.
   */
  private async refreshIfDue(): Promise<void> {
    const now = performance.now();
    if (now - this.checkedAt < this.recheckMs) return;
    this.checkedAt = now;
    await this.refreshAll();
  }

  private async refreshAll(): Promise<void> {
    const rebuild: CollectionName[] = [];
    for (const name of COLLECTION_NAMES) {
      // A file this process is replacing is between versions: what lands is known once written.
      if (this.writing.has(name)) continue;
      const file = this.files[name];
      if (await file.refresh()) this.changed({ collection: name, upserted: [], removedIds: [], reset: true });
      if (file.needsRebuild) rebuild.push(name);
    }
    if (rebuild.length > 0) void this.rebuild(rebuild);
  }

  /** Put back files that disappeared, from the values in memory. */
  private rebuild(names: CollectionName[]): Promise<void> {
    return this.writes
      .run(async () => {
        const missing = names.filter((name) => this.files[name].needsRebuild);
        if (missing.length === 0) return;
        const values = new Map<CollectionName, Pending>();
        for (const name of missing) {
          const value = await this.files[name].value();
          values.set(name, { content: value, kept: () => value });
        }
        await this.writeFiles(values, new Set());
        this.logger.error({ files: missing.map((n) => FILES[n]) }, 'data files had disappeared; they were written back from the last good copy');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'could not write back data files that disappeared'));
  }

  // Writes

  /**
   * First optimistically: no lock is held while `work` runs, and the commit checks under the
   * locks that no file it writes changed meanwhile (another process, a hand edit). If one did,
   * `work` runs again holding the locks of what it touched, so nothing can change under it.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      let locked: CollectionName[] = [];
      for (let attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt++) {
        const outcome = await this.holding(locked, async (held) => {
          // A write works on what the files hold now, not on what was read up to a second ago.
          await this.refreshAll();
          this.checkedAt = performance.now();
          const tx = new JsonTransaction((name) => this.files[name].value());
          const result = await work(tx.view);
          const committed = await this.commit(tx, held);
          return committed ? { committed, result, audit: tx.auditLines } : { committed, touched: tx.touched() };
        });
        if (outcome.committed) {
          await this.appendAudit(outcome.audit);
          return outcome.result;
        }
        locked = [...new Set([...locked, ...outcome.touched])].sort();
      }
      throw new AppError('store_busy', 'The data kept changing on disk while saving; nothing was saved. Try again.', 503);
    });
  }

  /** Run `fn` holding the locks of these collections (taken in name order, as everywhere). */
  private async holding<T>(names: readonly CollectionName[], fn: (held: Map<CollectionName, HeldLock>) => Promise<T>): Promise<T> {
    const paths = names.map((name) => this.files[name].file);
    let inside = false;
    try {
      return await withLocks(paths, this.lock, this.logger, (locks) => {
        inside = true;
        return fn(new Map(names.map((name, i) => [name, locks[i]])));
      });
    } catch (error) {
      throw inside ? error : ioError(paths.length === 1 ? paths[0] : this.dir, error);
    }
  }

  /** Publish what the transaction changed; false when a file changed under it (the caller runs it again). */
  private async commit(tx: JsonTransaction, held: ReadonlyMap<CollectionName, HeldLock>): Promise<boolean> {
    const touched = tx.touched();
    if (touched.length === 0) return true;
    const values = new Map<CollectionName, Pending>();
    const replaced = new Set<CollectionName>();
    for (const name of touched) {
      const draft = tx.drafts.get(name)!;
      if (draft instanceof ListDraft) {
        const { records, table } = draft.outcome();
        values.set(name, { content: records, kept: table });
      } else values.set(name, { content: draft.next, kept: () => draft.next });
      if (draft instanceof ListDraft ? draft.replacement : draft.replacing) replaced.add(name);
    }
    if (!(await this.writeFiles(values, replaced, held))) return false;
    for (const name of touched) this.changed(changeOf(name, tx.drafts.get(name)!));
    return true;
  }

  /**
   * Write these collections as one commit, taking the locks not `held` already. A file that
   * changed since it was read (and whose lock was not held all along) answers false, nothing
   * written; a corrupt one refuses unless it is being replaced whole (a restore), which first
   * keeps its bytes aside.
   */
  private async writeFiles(values: Map<CollectionName, Pending>, replaced: ReadonlySet<CollectionName>, held: ReadonlyMap<CollectionName, HeldLock> = new Map()): Promise<boolean> {
    const names = [...values.keys()].sort();
    const toLock = names.filter((name) => !held.has(name));
    return this.holding(toLock, async (taken) => {
      const locks = [...held.values(), ...taken.values()];
      for (const name of names) {
        const file = this.files[name];
        const corruption = file.corruption;
        if (corruption && !replaced.has(name)) {
          throw new AppError('data_file_corrupt', `${corruption.message}. Nothing was written; fix the file or restore it from ${file.label}.bak or a backup.`, 500, corruption.details);
        }
        if (!corruption && taken.has(name) && file.changedOnDisk()) return false;
      }
      for (const name of names) this.writing.add(name);
      try {
        const prepared = [];
        for (const name of names) {
          const file = this.files[name];
          const corrupt = file.corruption !== undefined;
          if (corrupt) this.logger.warn({ file: file.file, keptAs: await file.keepCorruptAside(this.clock()) }, 'replacing a corrupt data file; its bytes were kept aside');
          // The .bak keeps the last good version: not a corrupt one, and not nothing when the file had disappeared.
          const keepBackup = !corrupt && identityOf(file.file) !== undefined;
          prepared.push(await prepareFile(file.file, await serialise(name, values.get(name)!.content), { mode: modeOf(name), keepBackup }));
        }
        await commitFiles(this.dir, prepared, () => locks.forEach((lock) => lock.assertHeld()));
        for (const name of names) this.files[name].wrote(values.get(name)!.kept());
      } catch (error) {
        throw ioError(names.length === 1 ? this.files[names[0]].file : this.dir, error);
      } finally {
        for (const name of names) this.writing.delete(name);
      }
      return true;
    });
  }

  private changed(change: StoreChange): void {
    if (change.collection !== 'staff') {
      this.model = undefined;
      this.modelVersion++;
    }
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error, collection: change.collection }, 'a store change listener failed');
      }
    }
  }

  /**
   * Audit lines go to their log after the change itself has landed. A failure here is logged
   * loudly rather than answered as an error, which would invite the client to repeat a change
   * that did succeed.
   */
  private async appendAudit(lines: readonly AuditEntry[]): Promise<void> {
    for (const line of lines) {
      try {
        await this.audit.append(line);
      } catch (error) {
        this.logger.error({ err: error, audit: line }, 'could not append to the audit log; the change itself was saved');
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.all([this.writes.run(async () => {}), this.calls.flush(), this.audit.flush()]);
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

function changeOf(name: CollectionName, draft: Draft): StoreChange {
  if (!(draft instanceof ListDraft) || draft.replacement) return { collection: name, upserted: [], removedIds: [], reset: true };
  const upserted: { id: string }[] = [];
  const removedIds: string[] = [];
  for (const [id, record] of draft.changed) {
    if (record) upserted.push(record);
    else removedIds.push(id);
  }
  return { collection: name, upserted, removedIds, reset: false };
}

/** Hold the locks of these files (in the order given, which must be the same everywhere) while `fn` runs. */
function withLocks<T>(files: readonly string[], lock: LockOptions, logger: Logger, fn: (held: HeldLock[]) => Promise<T>, held: HeldLock[] = []): Promise<T> {
  if (files.length === held.length) return fn(held);
  return withFileLock(files[held.length], lock, logger, (one) => withLocks(files, lock, logger, fn, [...held, one]));
}
