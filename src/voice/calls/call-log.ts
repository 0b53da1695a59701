import type { Logger } from '../../shared/logger.js';
import type { JsonStore } from '../../store/index.js';
import type { CallRecord } from '../../store/schemas.js';
import type { CallState } from './call-state.js';

export type CallEnd = Pick<CallRecord, 'outcome' | 'status' | 'durationSeconds' | 'endedAt' | 'transferredTo'>;

/**
 * Appends a call's line to calls.jsonl: the turns not yet logged, and how the call ended.
 * A call may get several lines (at a transfer, at goodbye, from Twilio's status callback);
 * readers merge them by callSid. Writing never fails the call: an error is logged, and
 * the caller still hears their answer.
 */
export function logCall(store: JsonStore, logger: Logger, state: CallState, end: CallEnd): Promise<void> {
  // Logged turns leave memory: a long call costs no more than a short one.
  const turns = state.turns.splice(0);
  const record: CallRecord = {
    callSid: state.callSid,
    ...(state.from ? { from: state.from } : {}),
    ...(state.to ? { to: state.to } : {}),
    startedAt: state.startedAt,
    ...Object.fromEntries(Object.entries(end).filter(([, v]) => v !== undefined)),
    turns,
    unmetRequests: [...new Set(turns.filter((t) => t.unmet && t.query).map((t) => t.query as string))],
  };
  return store.append('calls', record).catch((error: unknown) => {
    logger.error({ err: error, callSid: state.callSid }, 'could not write the call log line');
  });
}
