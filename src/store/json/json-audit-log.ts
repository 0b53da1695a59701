import type { Logger } from '../../shared/logger.js';
import type { AuditFilter, AuditLog, Page, Paging } from '../port.js';
import { AuditEntry } from '../schemas.js';
import type { LockOptions } from './file-lock.js';
import { IndexedLog, Interner } from './indexed-log.js';
import type { LinePlace } from './log-segments.js';
import { newestFirst } from './newest-first.js';

interface AuditIndexEntry {
  place: LinePlace;
  collection: string;
  actor: string;
}

/**
 * The change log over monthly JSON-lines files, one line per change. What a filter needs
 * (collection, actor) and where each line is stay in memory; a page reads only its lines.
 */
export class JsonAuditLog implements AuditLog {
  private readonly log: IndexedLog;
  private readonly entries: AuditIndexEntry[] = [];
  private readonly strings = new Interner(10_000);

  constructor(dir: string, lock: LockOptions, logger: Logger, clock: () => Date) {
    this.log = new IndexedLog(dir, 'audit', lock, logger, clock, (line, place) => {
      const entry = line as Partial<AuditEntry>;
      if (typeof entry?.collection !== 'string' || typeof entry.actor !== 'string') return false;
      this.entries.push({ place, collection: this.strings.of(entry.collection), actor: this.strings.of(entry.actor) });
      return true;
    });
  }

  flush(): Promise<void> {
    return this.log.flush();
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.log.append(AuditEntry.parse(entry));
  }

  async page(filter: AuditFilter, paging: Paging): Promise<Page<AuditEntry>> {
    await this.log.refresh();
    const matches =
      filter.collection === undefined && filter.actor === undefined
        ? this.entries
        : this.entries.filter((e) => (filter.collection === undefined || e.collection === filter.collection) && (filter.actor === undefined || e.actor === filter.actor));
    const shown = newestFirst(matches, paging);
    const items = (await this.log.read(shown.map((e) => e.place))).flatMap((line) => {
      const parsed = AuditEntry.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    });
    return { items, total: matches.length, ...paging };
  }
}
