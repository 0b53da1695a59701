import { statSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/app-error.js';
import type { Logger } from '../../shared/logger.js';

/** A file's identity: any write (a rename of a new file over it) changes at least one part. */
export type Identity = string;

export function identityOf(file: string): Identity | undefined {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s && `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

export interface DataFileOptions<T> {
  file: string;
  logger: Logger;
  /** Text → value; throws an AppError naming what is wrong (line and column, or the bad fields). */
  parse: (label: string, content: string) => T;
  /** What a missing file means on a store that was set up before (undefined: an error). */
  whenMissing?: () => T;
}

/**
 * One data file and the last good value read from (or written to) it. Reads are served from
 * memory; `refresh` looks at the file again (one stat) and re-reads it only when it changed.
 * A file that does not parse is never overwritten or reset: it is reported once, left as it
 * is, and reads are served from the last good copy (memory, else `<file>.bak`). A file that
 * disappears is served from the same copy and written back by the next write (or `rebuild`).
 */
export class DataFile<T> {
  readonly file: string;
  readonly label: string;
  private readonly options: DataFileOptions<T>;
  private current?: T;
  /** The identity of the file `current` was read from or written to. */
  private identity?: Identity;
  /** Set while the file on disk is corrupt: its identity (so it is reported once) and what is wrong. */
  private bad?: { identity: Identity; error: AppError };
  private loading?: Promise<T>;

  constructor(options: DataFileOptions<T>) {
    this.options = options;
    this.file = options.file;
    this.label = path.basename(options.file);
  }

  /** The value, loading it the first time. */
  async value(): Promise<T> {
    if (this.current !== undefined) return this.current;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** True when the file on disk is not the version in memory (changed by someone else, corrupt or gone). */
  changedOnDisk(): boolean {
    const now = identityOf(this.file);
    return now !== this.identity && (this.bad === undefined || now !== this.bad.identity);
  }

  /** The file is gone while its value is known (from memory or .bak): a write should put it back. */
  get needsRebuild(): boolean {
    return this.current !== undefined && this.identity === undefined && this.bad === undefined && identityOf(this.file) === undefined;
  }

  /** The file's current problem, if it is corrupt: writes must not replace it (except a restore). */
  get corruption(): AppError | undefined {
    return this.bad && this.bad.identity === identityOf(this.file) ? this.bad.error : undefined;
  }

  /** Look at the file again; re-read it when it changed. Returns true when the value changed. */
  async refresh(): Promise<boolean> {
    if (this.current === undefined || !this.changedOnDisk()) return false;
    const before = this.current;
    return (await this.load()) !== before;
  }

  /** After a write: `value` is what the file now holds. */
  wrote(value: T): void {
    this.current = value;
    this.identity = identityOf(this.file);
    this.bad = undefined;
  }

  private async load(): Promise<T> {
    const identity = identityOf(this.file);
    if (identity === undefined) return this.missing();
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      throw ioError(this.file, error);
    }
    try {
      const value = this.options.parse(this.label, content);
      this.current = value;
      this.identity = identity;
      this.bad = undefined;
      return value;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return this.fallBack(identity, error);
    }
  }

  /** The file on disk is corrupt: keep it untouched and serve the last good copy we know. */
  private async fallBack(badIdentity: Identity, error: AppError): Promise<T> {
    const reported = this.bad?.identity === badIdentity;
    this.bad = { identity: badIdentity, error };
    let source = 'memory';
    if (this.current === undefined) {
      const backup = await this.readBackup();
      if (backup === undefined) {
        if (!reported) this.options.logger.error({ file: this.file, problem: error.message }, 'data file is corrupt and no good copy is available');
        throw error;
      }
      this.current = backup;
      source = `${this.label}.bak`;
    }
    if (!reported) {
      this.options.logger.error(
        { file: this.file, problem: error.message, servedFrom: source },
        `data file is corrupt; it was left untouched and reads are served from the last good copy (${source})`,
      );
    }
    return this.current;
  }

  /** The file is gone. Serve what we had (or its .bak); the next write puts the file back. */
  private async missing(): Promise<T> {
    let source = 'memory';
    if (this.current === undefined) {
      const backup = await this.readBackup();
      if (backup !== undefined) {
        this.current = backup;
        source = `${this.label}.bak`;
      } else if (this.options.whenMissing) {
        this.current = this.options.whenMissing();
        this.identity = undefined;
        return this.current;
      } else {
        throw new AppError(
          'data_file_missing',
          `${this.label} is missing from the data directory and there is no ${this.label}.bak to rebuild it from. Restore a backup (the dashboard's Backup page) or put the file back.`,
          500,
        );
      }
    }
    this.identity = undefined; // so a write knows the file must be recreated
    this.options.logger.error({ file: this.file, servedFrom: source }, `data file disappeared; reads are served from the last good copy (${source}) and the next write puts the file back`);
    return this.current;
  }

  private async readBackup(): Promise<T | undefined> {
    try {
      return this.options.parse(`${this.label}.bak`, await readFile(`${this.file}.bak`, 'utf8'));
    } catch {
      return undefined;
    }
  }

  /** Before a restore replaces a corrupt file: its bytes are kept aside as `<file>.corrupt-<time>`. */
  async keepCorruptAside(now: Date): Promise<string> {
    const aside = `${this.file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(this.file, aside);
    return aside;
  }
}

export function ioError(file: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = error as NodeJS.ErrnoException;
  const hint =
    err.code === 'EACCES' || err.code === 'EPERM'
      ? ' (check the data directory permissions)'
      : err.code === 'EROFS'
        ? ' (the data directory is on a read-only filesystem)'
        : err.code === 'ENOSPC'
          ? ' (the disk is full)'
          : '';
  return new AppError('data_io_error', `Could not access ${file}: ${err.message}${hint}`, 500);
}
