import { randomBytes } from 'node:crypto';
import { access, link, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replacing files so that a crash at any instant leaves each either old or new, never torn:
 * the new content goes to a temp file in the same directory and is fsynced, then renamed over
 * the file. The previous version is kept as `<file>.bak` (a hard link, so it costs no copy).
 * Hand-written rather than write-file-atomic because we need the .bak, a last check before
 * the rename, and several files published together (see commitFiles).
 */

export interface PreparedFile {
  file: string;
  tmp: string;
  /** Keep the version being replaced as <file>.bak (not when that version is corrupt or missing). */
  keepBackup: boolean;
}

/** How many pieces one write hands the kernel (a little under the usual IOV_MAX). */
const PIECES_PER_WRITE = 1000;

/**
 * Write `content` to a fresh temp file next to `file`, fsynced. Nothing visible changes yet.
 * Content in pieces is written a thousand pieces at a time, so the event loop is free between.
 */
export async function prepareFile(file: string, content: string | Buffer | readonly Buffer[], options: { mode: number; keepBackup: boolean }): Promise<PreparedFile> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', options.mode);
  try {
    if (Array.isArray(content)) {
      for (let i = 0; i < content.length; i += PIECES_PER_WRITE) {
        const pieces = content.slice(i, i + PIECES_PER_WRITE);
        const { bytesWritten } = await handle.writev(pieces);
        if (bytesWritten !== pieces.reduce((n, piece) => n + piece.length, 0)) throw new Error(`short write to ${tmp} (is the disk full?)`);
      }
    } else await handle.writeFile(content as string | Buffer);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  return { file, tmp, keepBackup: options.keepBackup };
}

/** Temp files left by a writer that was killed: their pid is in their name. */
export const TEMP_FILE = /\.(\d+)\.[0-9a-f]{8}\.tmp(\.bak)?$/;

/** The journal of a commit of several files: once it is on disk, the commit is rolled forward after a crash. */
export const JOURNAL_FILE = '.commit-journal.json';

/**
 * Publish prepared files. One file is a rename. Several are first listed in a journal, so a
 * crash between their renames is finished at the next start (rollForward) and the files are
 * never left half old, half new. `beforePublish` runs at the last moment and may throw to
 * abandon everything (the lock was lost).
 */
export async function commitFiles(dir: string, prepared: readonly PreparedFile[], beforePublish: () => void): Promise<void> {
  try {
    beforePublish();
  } catch (error) {
    await Promise.all(prepared.map((p) => unlink(p.tmp).catch(() => {})));
    throw error;
  }
  if (prepared.length === 1) {
    await publish(prepared[0]);
    await fsyncDirectory(dir);
    return;
  }
  const journal = path.join(dir, JOURNAL_FILE);
  const entries = prepared.map(({ file, tmp, keepBackup }) => ({ file: path.basename(file), tmp: path.basename(tmp), keepBackup }));
  await writeFile(`${journal}.tmp`, JSON.stringify(entries));
  await rename(`${journal}.tmp`, journal);
  await fsyncDirectory(dir);
  await rollForward(dir);
}

/** Finish a commit of several files that a crash interrupted. Returns the files it published. */
export async function rollForward(dir: string): Promise<string[]> {
  const journal = path.join(dir, JOURNAL_FILE);
  let entries: { file: string; tmp: string; keepBackup: boolean }[];
  try {
    entries = JSON.parse(await readFile(journal, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const published: string[] = [];
  for (const entry of entries) {
    const prepared = { file: path.join(dir, entry.file), tmp: path.join(dir, entry.tmp), keepBackup: entry.keepBackup };
    // Published before the crash already: its .bak must stay the version before it, so nothing more to do.
    if (!(await exists(prepared.tmp))) continue;
    await publish(prepared);
    published.push(entry.file);
  }
  await fsyncDirectory(dir);
  await unlink(journal);
  await fsyncDirectory(dir);
  return published;
}

async function publish({ file, tmp, keepBackup }: PreparedFile): Promise<void> {
  if (keepBackup) await backUp(file, tmp);
  await rename(tmp, file);
}

async function backUp(file: string, tmp: string): Promise<void> {
  const tmpBak = `${tmp}.bak`;
  try {
    await link(file, tmpBak);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // nothing to keep: the .bak stays as it is
    throw error;
  }
  await rename(tmpBak, `${file}.bak`);
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
    if (!['EINVAL', 'EISDIR', 'EPERM', 'EBADF'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

const exists = (file: string) => access(file).then(
  () => true,
  () => false,
);
