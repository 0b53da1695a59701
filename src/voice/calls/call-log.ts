import type { Logger } from '../../shared/logger.js';
import type { CallLog } from '../../store/index.js';
import type { CallRecord } from '../../store/schemas.js';
import type { CallState } from './call-state.js';

export type CallEnd = Pick<CallRecord, 'outcome' | 'status' | 'durationSeconds' | 'endedAt' | 'transferredTo'>;

/**
 * Writes a part of a call to the call log: the turns not yet logged, and how the call ended.
 * A call may get several parts (at a transfer, at goodbye, from Twilio's status callback);
 * the log reads them back as one call. Writing never fails the call: an error is logged, and
 * the caller still hears their answer.
 */
export function logCall(calls: CallLog, logger: Logger, state: CallState, end: CallEnd): Promise<void> {
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
  return calls.append(record).catch((error: unknown) => {
    logger.error({ err: error, callSid: state.callSid }, 'could not write the call log line');
  });
}
