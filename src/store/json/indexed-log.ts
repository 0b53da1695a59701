import type { Logger } from '../../shared/logger.js';
import type { LockOptions } from './file-lock.js';
import { type LinePlace, LogSegments } from './log-segments.js';
import { Serial } from './serial.js';

/**
 * A log whose lines are folded into an index kept in memory: every line once, in order —
 * at start, after each append, and when another process appended. `fold` receives each
 * parsed line and its place, and answers false for a line it cannot use (skipped, counted).
 */
export class IndexedLog {
  private readonly segments: LogSegments;
  private loaded?: Promise<void>;
  /** Reading new lines and appending, one at a time: two at once would fold the same line twice. */
  private readonly serial = new Serial();

  constructor(
    dir: string,
    private readonly name: string,
    lock: LockOptions,
    private readonly logger: Logger,
    private readonly clock: () => Date,
    private readonly fold: (line: unknown, place: LinePlace) => boolean,
  ) {
    this.segments = new LogSegments(dir, name, lock, logger);
  }

  /** Append one entry (already validated) and fold it. */
  append(entry: unknown): Promise<void> {
    return this.serial.run(async () => {
      await this.upToDate();
      const place = await this.segments.append(JSON.stringify(entry), this.clock(), (segment) => this.catchUp(segment));
      this.fold(entry, place);
    });
  }

  /** Fold whatever was appended since the last look: new segments, and new lines of the newest. */
  refresh(): Promise<void> {
    return this.serial.run(async () => {
      await this.upToDate();
      for (const segment of await this.segments.discover()) await this.catchUp(segment);
      if (this.segments.count > 0) await this.catchUp(this.segments.count - 1);
    });
  }

  /** Wait for appends under way. */
  flush(): Promise<void> {
    return this.serial.run(async () => {});
  }

  /** The lines at these places, parsed (undefined where a line no longer parses). */
  async read(places: readonly LinePlace[]): Promise<unknown[]> {
    return (await this.segments.read(places)).map(parseOrUndefined);
  }

  /** Every segment once, the first time the log is used. */
  private upToDate(): Promise<void> {
    this.loaded ??= (async () => {
      await this.segments.discover();
      for (let segment = 0; segment < this.segments.count; segment++) await this.catchUp(segment);
    })().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async catchUp(segment: number): Promise<void> {
    let skipped = 0;
    await this.segments.readNew(segment, (text, place) => {
      const line = parseOrUndefined(text);
      if (line === undefined || !this.fold(line, place)) skipped++;
    });
    if (skipped > 0) this.logger.warn({ log: this.name, skipped }, 'skipped log lines that do not parse (a torn write?)');
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One copy of each short string that repeats across thousands of lines (outcomes, intents, names). */
export class Interner {
  private readonly strings = new Map<string, string>();

  constructor(private readonly limit: number) {}

  of(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size < this.limit) this.strings.set(text, text);
    return text;
  }
}
