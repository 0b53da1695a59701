import { localTime } from '../../shared/store-hours.js';
import type { CallRecord } from '../../store/index.js';

export interface Count {
  label: string;
  count: number;
}

export interface DayCount {
  date: string;
  count: number;
}

export interface CallStats {
  calls: number;
  /** Intents over all turns: product, department, hours… */
  intents: Count[];
  /** Products callers asked about that were found, most asked first. */
  askedFor: Count[];
  /** What callers asked for that the store does not carry: what to stock. */
  unmet: Count[];
  transfers: Count[];
  perDay: DayCount[];
}

function ranked(counts: Map<string, { label: string; count: number }>, limit: number): Count[] {
  return [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, limit);
}

function bump(counts: Map<string, { label: string; count: number }>, label: string | undefined): void {
  const clean = label?.trim();
  if (!clean) return;
  const key = clean.toLowerCase();
  const seen = counts.get(key);
  if (seen) seen.count++;
  else counts.set(key, { label: clean, count: 1 });
}

/** The calls page's summaries, from call records (already merged by callSid). Days are the store's local dates. */
export function callStats(calls: readonly CallRecord[], options: { now: Date; timeZone: string; days?: number; limit?: number }): CallStats {
  const limit = options.limit ?? 10;
  const intents = new Map<string, Count>();
  const askedFor = new Map<string, Count>();
  const unmet = new Map<string, Count>();
  const transfers = new Map<string, Count>();
  const perDay = new Map<string, number>();

  for (const call of calls) {
    for (const turn of call.turns) {
      bump(intents, turn.intent);
      if (turn.product && !turn.unmet) bump(askedFor, turn.product);
    }
    const unmetHere = new Set(call.unmetRequests.map((q) => q.trim().toLowerCase()));
    for (const turn of call.turns) if (turn.unmet && turn.query) unmetHere.add(turn.query.trim().toLowerCase());
    for (const query of unmetHere) bump(unmet, query);
    if (call.transferredTo) bump(transfers, call.transferredTo.name);
    const at = call.startedAt ?? call.endedAt;
    if (at && !Number.isNaN(Date.parse(at))) {
      const date = localTime(new Date(at), options.timeZone).date;
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
    }
  }

  const days = options.days ?? 14;
  const series: DayCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = localTime(new Date(options.now.getTime() - i * 86_400_000), options.timeZone).date;
    if (series.at(-1)?.date !== date) series.push({ date, count: perDay.get(date) ?? 0 });
  }

  return {
    calls: calls.length,
    intents: ranked(intents, limit),
    askedFor: ranked(askedFor, limit),
    unmet: ranked(unmet, limit),
    transfers: ranked(transfers, limit),
    perDay: series,
  };
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  date: string;
  label: string;
  count: number;
}

/** Bar geometry for the server-rendered SVG chart (no client script): numbers only, the view escapes them anyway. */
export function barChart(perDay: readonly DayCount[], size = { width: 700, height: 160, labelHeight: 20 }): { bars: Bar[]; max: number; width: number; height: number } {
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const slot = size.width / Math.max(1, perDay.length);
  const plot = size.height - size.labelHeight;
  const bars = perDay.map((d, i) => {
    const height = Math.round((d.count / max) * (plot - 14));
    return { x: Math.round(i * slot + slot * 0.15), y: plot - height, width: Math.max(1, Math.round(slot * 0.7)), height, date: d.date, label: d.date.slice(5), count: d.count };
  });
  return { bars, max, width: size.width, height: size.height };
}
