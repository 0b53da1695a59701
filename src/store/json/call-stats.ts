import type { CallStats } from '../port.js';
import { localTime } from '../../shared/local-time.js';

/** What the stats need of one call, whatever its parts. */
export interface CallSummary {
  /** When it started, in ms. */
  start: number;
  outcome?: string;
  /** The department (or operator) it was last transferred to. */
  transferredTo?: string;
  /** One per turn. */
  intents: string[];
  /** Products the caller was told about, one per turn that named one. */
  products: string[];
  /** What the caller asked for that the store does not carry, once each. */
  unmet: string[];
}

/** Longest ranked lists the API answers with. */
const RANKED_LIMIT = 100;
/** Every UTC offset in use is a whole number of quarter hours, and changes only on a quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Counts over the calls that started on the last `days` local dates (today included) in the
 * store's time zone. `calls` must hold at least those calls; more is fine, the rest are
 * skipped. A label is spelled the way it was first written to the log.
 */
export function callStatsOf(calls: readonly CallSummary[], options: { days: number; timeZone: string; now: Date }): CallStats {
  const local = localClock(options.timeZone);
  const dates: string[] = [];
  for (let i = options.days - 1; i >= 0; i--) {
    const date = local(options.now.getTime() - i * 86_400_000).date;
    if (dates.at(-1) !== date) dates.push(date);
  }
  const perDay = new Map(dates.map((d) => [d, 0]));
  const counts = { outcome: new Counter(), intent: new Counter(), department: new Counter(), product: new Counter(), unmet: new Counter() };
  const perHour = new Array<number>(24).fill(0);
  let total = 0;

  for (const call of calls) {
    const { date, hour } = local(call.start);
    if (!perDay.has(date)) continue;
    total++;
    perDay.set(date, perDay.get(date)! + 1);
    perHour[hour]++;
    counts.outcome.add(call.outcome ?? 'in progress');
    if (call.transferredTo) counts.department.add(call.transferredTo);
    for (const intent of call.intents) counts.intent.add(intent);
    for (const product of call.products) counts.product.add(product);
    for (const query of call.unmet) counts.unmet.add(query);
  }

  return {
    from: dates[0],
    to: dates.at(-1)!,
    timeZone: options.timeZone,
    calls: total,
    byOutcome: counts.outcome.record(),
    byIntent: counts.intent.record(),
    byDepartment: counts.department.record(),
    productsAsked: counts.product.ranked().map(({ label, count }) => ({ name: label, count })),
    unmetRequests: counts.unmet.ranked().map(({ label, count }) => ({ query: label, count })),
    perDay: [...perDay].map(([date, count]) => ({ date, count })),
    perHour,
  };
}

/** Local date and hour of each quarter hour, per time zone: worked out once, kept for the next stats. */
const clocks = new Map<string, Map<number, { date: string; hour: number }>>();
const KEPT_SLOTS = 100_000;

/** Local date and hour of an instant, by its quarter hour (tens of thousands of calls, a few thousand lookups, once). */
function localClock(timeZone: string): (ms: number) => { date: string; hour: number } {
  let slots = clocks.get(timeZone);
  if (!slots) clocks.set(timeZone, (slots = new Map()));
  if (slots.size > KEPT_SLOTS) slots.clear();
  return (ms) => {
    const slot = Math.floor(ms / QUARTER_HOUR_MS);
    let known = slots.get(slot);
    if (!known) {
      const { date, time } = localTime(new Date(slot * QUARTER_HOUR_MS), timeZone);
      known = { date, hour: Number(time.slice(0, 2)) };
      slots.set(slot, known);
    }
    return known;
  };
}

/** Counts by label, case-insensitively; the first spelling seen is the one shown. */
class Counter {
  private readonly counts = new Map<string, { label: string; count: number }>();

  add(raw: string): void {
    const label = raw.trim();
    if (!label) return;
    const key = label.toLowerCase();
    const seen = this.counts.get(key);
    if (seen) seen.count++;
    else this.counts.set(key, { label, count: 1 });
  }

  ranked(): { label: string; count: number }[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, RANKED_LIMIT);
  }

  record(): Record<string, number> {
    return Object.fromEntries(this.ranked().map(({ label, count }) => [label, count]));
  }
}
