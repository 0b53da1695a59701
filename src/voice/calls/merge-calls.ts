import type { CallRecord } from '../../store/schemas.js';

/**
 * calls.jsonl may hold several lines for one call (written at transfer or hangup, then again
 * by Twilio's status callback). Merge them by callSid: later lines fill in or override fields,
 * turns and unmet requests accumulate. Newest call first.
 */
export function mergeCallRecords(lines: readonly CallRecord[]): CallRecord[] {
  const bySid = new Map<string, CallRecord>();
  for (const line of lines) {
    const seen = bySid.get(line.callSid);
    if (!seen) {
      bySid.set(line.callSid, { ...line, turns: [...line.turns], unmetRequests: [...line.unmetRequests] });
      continue;
    }
    const turns = [...seen.turns];
    for (const turn of line.turns) if (!turns.some((t) => t.at === turn.at && t.said === turn.said)) turns.push(turn);
    bySid.set(line.callSid, {
      ...seen,
      ...Object.fromEntries(Object.entries(line).filter(([, v]) => v !== undefined)),
      startedAt: [seen.startedAt, line.startedAt].filter(Boolean).sort()[0],
      turns,
      unmetRequests: [...new Set([...seen.unmetRequests, ...line.unmetRequests])],
    });
  }
  return [...bySid.values()].sort((a, b) => (b.startedAt ?? b.endedAt ?? '').localeCompare(a.startedAt ?? a.endedAt ?? ''));
}
