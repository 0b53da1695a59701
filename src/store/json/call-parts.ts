import type { CallRecord } from '../schemas.js';

/**
 * The parts of one call, oldest first, as one record: later parts fill in or override fields,
 * turns and unmet requests accumulate (a turn written twice counts once).
 */
export function mergeCallParts(parts: readonly CallRecord[]): CallRecord {
  let merged: CallRecord = { ...parts[0], turns: [...parts[0].turns], unmetRequests: [...parts[0].unmetRequests] };
  for (const part of parts.slice(1)) {
    const turns = [...merged.turns];
    for (const turn of part.turns) if (!turns.some((t) => t.at === turn.at && t.said === turn.said)) turns.push(turn);
    merged = {
      ...merged,
      ...Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined)),
      startedAt: [merged.startedAt, part.startedAt].filter(Boolean).sort()[0],
      turns,
      unmetRequests: [...new Set([...merged.unmetRequests, ...part.unmetRequests])],
    };
  }
  return merged;
}
