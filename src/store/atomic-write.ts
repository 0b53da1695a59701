import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replace `file` with `content` so that a crash at any instant leaves either the old or the
 * new file, never a torn one: temp file in the same directory, fsync, rename, fsync the
 * directory. The previous version is kept as `<file>.bak` (a hard link, so it costs no copy).
 * `beforeRename` runs at the last moment and may throw to abandon the write (lock lost).
 * Hand-written rather than write-file-atomic because we need that last check and the .bak.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  options: { mode?: number; beforeRename?: () => void; keepBackup?: boolean } = {},
): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    options.beforeRename?.();
    if (options.keepBackup !== false) await keepBackup(file, tmp);
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await fsyncDirectory(path.dirname(file));
}

async function keepBackup(file: string, tmp: string): Promise<void> {
  const tmpBak = `${tmp}.bak`;
  try {
    await link(file, tmpBak);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // first write: nothing to keep
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
