import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../shared/logger.js';
import { ioError } from './data-file.js';
import { type LockOptions, withFileLock } from './file-lock.js';

/** Where one line of a log is: which segment, at which byte, how long (without its newline). */
export interface LinePlace {
  segment: number;
  offset: number;
  length: number;
}

/**
 * An append-only log of JSON lines, kept in one file per month (`calls-2026-12.jsonl`), so
 * the newest entries are read without touching years of history. An older single file
 * (`calls.jsonl`) is read as the oldest segment and never written again. Lines are read
 * back by their place; this class does not know what they mean.
 */
export class LogSegments {
  /** Segment file names, oldest first; a segment's number is its place here. */
  private names: string[] = [];
  /** Bytes of each segment already read or written by this process. */
  private known: number[] = [];

  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly lock: LockOptions,
    private readonly logger: Logger,
  ) {}

  get count(): number {
    return this.names.length;
  }

  private legacyName(): string {
    return `${this.prefix}.jsonl`;
  }

  /** The month's segment name for an entry written at `at` (UTC month). */
  segmentFor(at: Date): string {
    return `${this.prefix}-${at.toISOString().slice(0, 7)}.jsonl`;
  }

  /** Look for segments not known yet (another month began, or another process wrote); returns their numbers. */
  async discover(): Promise<number[]> {
    const pattern = new RegExp(`^${this.prefix}-\\d{4}-\\d{2}\\.jsonl$`);
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch (error) {
      throw ioError(this.dir, error);
    }
    const found = files.filter((f) => f === this.legacyName() || pattern.test(f)).sort((a, b) => (a === this.legacyName() ? -1 : b === this.legacyName() ? 1 : a.localeCompare(b)));
    const added: number[] = [];
    for (const name of found) {
      if (this.names.includes(name)) continue;
      this.names.push(name);
      this.known.push(0);
      added.push(this.names.length - 1);
    }
    return added;
  }

  private numberOf(name: string): number {
    let index = this.names.indexOf(name);
    if (index < 0) {
      this.names.push(name);
      this.known.push(0);
      index = this.names.length - 1;
    }
    return index;
  }

  /**
   * Append one line (no newline in it) to the month's segment, under the segment's lock. Lines
   * another process wrote since we last looked are handed to `catchUp` first, in order, so an
   * index built from this log never misses one. A torn last line left by a crash is closed first.
   */
  async append(line: string, at: Date, catchUp: (segment: number) => Promise<void>): Promise<LinePlace> {
    const segment = this.numberOf(this.segmentFor(at));
    const file = this.pathOf(segment);
    try {
      return await withFileLock(file, this.lock, this.logger, async (held) => {
        const handle = await open(file, 'a+', 0o644);
        try {
          const { size } = await handle.stat();
          if (size > this.known[segment]) await catchUp(segment);
          let prefix = '';
          if (size > 0) {
            const last = Buffer.alloc(1);
            await handle.read(last, 0, 1, size - 1);
            if (last[0] !== 0x0a) prefix = '\n';
          }
          held.assertHeld();
          await handle.appendFile(`${prefix}${line}\n`, 'utf8');
          await handle.datasync();
          const offset = size + prefix.length;
          const length = Buffer.byteLength(line);
          this.known[segment] = offset + length + 1;
          return { segment, offset, length };
        } finally {
          await handle.close();
        }
      });
    } catch (error) {
      throw ioError(file, error);
    }
  }

  /**
   * Every complete line of a segment from where this process last stopped reading it (a line
   * still being written, with no newline yet, waits for the next look).
   */
  async readNew(segment: number, onLine: (text: string, place: LinePlace) => void): Promise<void> {
    const file = this.pathOf(segment);
    const from = this.known[segment];
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw ioError(file, error);
    }
    if (size < from) {
      // Shorter than what we read: edited by hand. Start this segment over.
      this.logger.warn({ file }, 'a log file shrank since it was read; reading it again from the start');
      this.known[segment] = 0;
      return this.readNew(segment, onLine);
    }
    if (size === from) return;
    let offset = from;
    let rest: Buffer = Buffer.alloc(0);
    for await (const chunk of createReadStream(file, { start: from, end: size - 1, highWaterMark: 1 << 20 })) {
      let buffer = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let newline = buffer.indexOf(0x0a, start); newline !== -1; newline = buffer.indexOf(0x0a, start)) {
        if (newline > start) onLine(buffer.toString('utf8', start, newline), { segment, offset: offset + start, length: newline - start });
        start = newline + 1;
      }
      offset += start;
      rest = buffer.subarray(start);
      buffer = rest;
    }
    this.known[segment] = offset;
  }

  /** The lines at these places, in the order given. */
  async read(places: readonly LinePlace[]): Promise<string[]> {
    const bySegment = new Map<number, number[]>();
    places.forEach((p, i) => {
      const list = bySegment.get(p.segment);
      if (list) list.push(i);
      else bySegment.set(p.segment, [i]);
    });
    const texts: string[] = new Array(places.length);
    for (const [segment, indexes] of bySegment) {
      const file = this.pathOf(segment);
      const handle = await open(file, 'r').catch((error: unknown) => Promise.reject(ioError(file, error)));
      try {
        for (const i of indexes) {
          const { offset, length } = places[i];
          const buffer = Buffer.alloc(length);
          await handle.read(buffer, 0, length, offset);
          texts[i] = buffer.toString('utf8');
        }
      } finally {
        await handle.close();
      }
    }
    return texts;
  }

  private pathOf(segment: number): string {
    return path.join(this.dir, this.names[segment]);
  }
}
