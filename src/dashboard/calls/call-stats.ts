import type { CallStats } from '../../store/index.js';

export interface Count {
  label: string;
  count: number;
}

export interface DayCount {
  date: string;
  count: number;
}

/** What the calls page lists, from the voice service's stats: the top few of each. */
export interface CallSummaries {
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

const ranked = (counts: Record<string, number>, limit: number): Count[] =>
  Object.entries(counts)
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit);

export function callSummaries(stats: CallStats, options: { limit?: number; chartDays?: number } = {}): CallSummaries {
  const limit = options.limit ?? 10;
  return {
    calls: stats.calls,
    intents: ranked(stats.byIntent, limit),
    askedFor: stats.productsAsked.slice(0, limit).map((p) => ({ label: p.name, count: p.count })),
    unmet: stats.unmetRequests.slice(0, limit).map((u) => ({ label: u.query, count: u.count })),
    transfers: ranked(stats.byDepartment, limit),
    perDay: stats.perDay.slice(-(options.chartDays ?? 14)),
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
