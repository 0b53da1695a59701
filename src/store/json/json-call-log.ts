import type { Logger } from '../../shared/logger.js';
import type { CallFilter, CallLog, CallStats, Page, Paging } from '../port.js';
import { CallRecord } from '../schemas.js';
import { mergeCallParts } from './call-parts.js';
import { callStatsOf, type CallSummary } from './call-stats.js';
import type { LockOptions } from './file-lock.js';
import { IndexedLog, Interner } from './indexed-log.js';
import type { LinePlace } from './log-segments.js';
import { newestFirst } from './newest-first.js';

/** What the log keeps in memory about each call: enough to page, filter and count without reading the files. */
interface CallEntry extends CallSummary {
  callSid: string;
  /** Its place in the order calls were first written. */
  seq: number;
  /** Where its parts are, oldest first, two numbers each (see packPlace). */
  places: number[];
}

/**
 * The call log over monthly JSON-lines files. A call is written in parts (at a transfer, at
 * goodbye, by Twilio's status callback), each a line, merged by callSid when read. An index
 * of every call (its start, outcome, what was asked, where its lines are) stays in memory, so
 * the newest page, one call and the stats read only the lines they show.
 */
export class JsonCallLog implements CallLog {
  private readonly log: IndexedLog;
  private readonly bySid = new Map<string, CallEntry>();
  /** Every call, oldest start first. */
  private readonly order: CallEntry[] = [];
  private readonly strings = new Interner(100_000);

  constructor(
    dir: string,
    lock: LockOptions,
    logger: Logger,
    private readonly clock: () => Date,
  ) {
    this.log = new IndexedLog(dir, 'calls', lock, logger, clock, (line, place) => {
      if (!line || typeof (line as CallRecord).callSid !== 'string') return false;
      this.fold(line as CallRecord, place);
      return true;
    });
  }

  flush(): Promise<void> {
    return this.log.flush();
  }

  async append(record: CallRecord): Promise<void> {
    await this.log.append(CallRecord.parse(record));
  }

  async page(filter: CallFilter, paging: Paging): Promise<Page<CallRecord>> {
    await this.log.refresh();
    const matches = filter.unmet === undefined && filter.outcome === undefined ? this.order : this.order.filter((e) => matchesFilter(e, filter));
    return { items: await this.load(newestFirst(matches, paging)), total: matches.length, ...paging };
  }

  async get(callSid: string): Promise<CallRecord | undefined> {
    await this.log.refresh();
    const entry = this.bySid.get(callSid);
    return entry && (await this.load([entry]))[0];
  }

  async stats(options: { days: number; timeZone: string; now: Date }): Promise<CallStats> {
    await this.log.refresh();
    // Calls are in start order, so only the tail can fall in the span (a day more, for time zones).
    const since = options.now.getTime() - (options.days + 1) * 86_400_000;
    let first = this.order.length;
    while (first > 0 && this.order[first - 1].start >= since) first--;
    return callStatsOf(this.order.slice(first).sort((a, b) => a.seq - b.seq), options);
  }

  private async load(entries: readonly CallEntry[]): Promise<CallRecord[]> {
    const places = entries.map((e) => unpackPlaces(e.places));
    const lines = await this.log.read(places.flat());
    const records: CallRecord[] = [];
    let at = 0;
    for (const own of places) {
      const parts = lines.slice(at, at + own.length).flatMap((line) => {
        const parsed = CallRecord.safeParse(line);
        return parsed.success ? [parsed.data] : [];
      });
      at += own.length;
      if (parts.length > 0) records.push(mergeCallParts(parts));
    }
    return records;
  }

  /** One part of a call, into its entry. */
  private fold(part: CallRecord, place: LinePlace): void {
    let entry = this.bySid.get(part.callSid);
    if (!entry) {
      const started = Date.parse(part.startedAt ?? part.endedAt ?? '');
      entry = { callSid: part.callSid, seq: this.bySid.size, start: Number.isNaN(started) ? this.clock().getTime() : started, places: NONE, intents: NONE, products: NONE, unmet: NONE };
      this.bySid.set(part.callSid, entry);
      this.insertInOrder(entry);
    }
    // Two hundred thousand calls stay in memory: every list is made at its exact length
    // (a push would reserve sixteen more slots), and an empty one is shared.
    entry.places = entry.places.concat(packPlace(place));
    // Lines read from the files are not validated until shown: take only what has the right type.
    if (typeof part.outcome === 'string') entry.outcome = this.strings.of(part.outcome);
    if (typeof part.transferredTo?.name === 'string') entry.transferredTo = this.strings.of(part.transferredTo.name);
    const turns = Array.isArray(part.turns) ? part.turns : [];
    const intents = turns.flatMap((turn) => (typeof turn?.intent === 'string' ? [this.strings.of(turn.intent)] : []));
    const products = turns.flatMap((turn) => (typeof turn?.product === 'string' && !turn.unmet ? [this.strings.of(turn.product)] : []));
    if (intents.length > 0) entry.intents = entry.intents.concat(intents);
    if (products.length > 0) entry.products = entry.products.concat(products);
    const unmet = [...turns.map((turn) => (turn?.unmet ? turn.query : undefined)), ...(Array.isArray(part.unmetRequests) ? part.unmetRequests : [])];
    for (const query of unmet) if (typeof query === 'string') this.addUnmet(entry, query);
  }

  private addUnmet(entry: CallEntry, query: string): void {
    const clean = query.trim();
    if (clean && !entry.unmet.some((q) => q.toLowerCase() === clean.toLowerCase())) entry.unmet = entry.unmet.concat(this.strings.of(clean));
  }

  /** Calls arrive about in start order; a late one walks back to its place. */
  private insertInOrder(entry: CallEntry): void {
    let at = this.order.length;
    while (at > 0 && this.order[at - 1].start > entry.start) at--;
    this.order.splice(at, 0, entry);
  }
}

const NONE: never[] = [];

/** A line's place as two numbers, its segment and offset in one and its length: a year of calls stays small. */
const packPlace = ({ segment, offset, length }: LinePlace): number[] => [segment * 2 ** 32 + offset, length];

function unpackPlaces(packed: readonly number[]): LinePlace[] {
  const places: LinePlace[] = [];
  for (let i = 0; i < packed.length; i += 2) places.push({ segment: Math.floor(packed[i] / 2 ** 32), offset: packed[i] % 2 ** 32, length: packed[i + 1] });
  return places;
}

function matchesFilter(entry: CallEntry, filter: CallFilter): boolean {
  return (filter.unmet === undefined || entry.unmet.length > 0 === filter.unmet) && (filter.outcome === undefined || entry.outcome === filter.outcome);
}
