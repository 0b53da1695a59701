import type { Logger } from '../../shared/logger.js';
import type { CallLog } from '../../store/index.js';
import type { CallTurn } from '../../store/schemas.js';
import { afterDial, answerCaller, apologise, greetCaller } from './answer-caller.js';
import type { CallContext, Decision } from './decision.js';
import { type CallEnd, logCall } from './call-log.js';
import type { CallState, CallStates } from './call-state.js';

/** One webhook's worth of what Twilio told us about the call. */
export interface CallParams {
  callSid: string;
  from?: string;
  to?: string;
  speech?: string;
  digits?: string;
  confidence?: number;
  dialStatus?: string;
  callStatus?: string;
  durationSeconds?: number;
}

/** A call that keeps asking is written out in chunks, so its memory stays bounded. */
const MAX_TURNS_IN_MEMORY = 20;
const FINAL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * The life of a call across webhooks: remembers each turn and the attempt count, and
 * writes the call log when the call reaches an end. Decisions themselves come from
 * answer-caller.ts; this only keeps the books.
 */
export class CallFlow {
  constructor(private readonly deps: { calls: CallLog; logger: Logger; states: CallStates }) {}

  incoming(params: CallParams, ctx: CallContext): Decision {
    const [state, at] = this.open(params, ctx.now);
    const decision = greetCaller(ctx);
    this.remember(state, params, decision, at);
    return decision;
  }

  gather(params: CallParams, ctx: CallContext): Decision {
    const [state, at] = this.open(params, ctx.now);
    const decision = answerCaller({ speech: params.speech, digits: params.digits, failures: state.failures, asked: state.asked }, ctx);
    state.failures = decision.failed && decision.next.kind === 'gather' ? state.failures + 1 : 0;
    // A new question replaces the last one; an answer (or anything else understood) clears it.
    state.asked = decision.asked;
    this.remember(state, params, decision, at);
    this.closeIfEnded(state, decision, at);
    return decision;
  }

  dialStatus(params: CallParams, ctx: CallContext): Decision {
    const [state, at] = this.open(params, ctx.now);
    const decision = afterDial(params.dialStatus, state.transfer, ctx);
    if (decision.next.kind === 'hangup') return decision;
    this.remember(state, params, decision, at);
    state.transfer = undefined;
    state.ended = false;
    void logCall(this.deps.calls, this.deps.logger, state, { outcome: 'transfer_failed' });
    return decision;
  }

  /** Twilio's status callback: the call is over; record its status and duration, then forget it. */
  async status(params: CallParams, now: Date): Promise<void> {
    if (!params.callStatus || !FINAL_STATUSES.has(params.callStatus)) return;
    const known = this.deps.states.get(params.callSid);
    const endedAt = now.toISOString();
    const state =
      known ??
      // State lost (restart, expiry): the duration still tells when the call began.
      this.blankState(params, new Date(now.getTime() - (params.durationSeconds ?? 0) * 1000).toISOString());
    const end: CallEnd = { status: params.callStatus, durationSeconds: params.durationSeconds, endedAt };
    if (known && !known.ended) end.outcome = 'hung_up';
    this.deps.states.delete(params.callSid);
    await logCall(this.deps.calls, this.deps.logger, state, end);
  }

  /** A webhook failed: say sorry, hand the caller to a person, and keep the record. */
  failed(params: CallParams | undefined, ctx: CallContext | undefined, now: Date): Decision {
    const decision = apologise(ctx);
    if (params) {
      const [state, at] = this.open(params, now);
      this.remember(state, params, decision, at);
      state.ended = true;
      const target = decision.next.kind === 'dial' ? decision.next.target : undefined;
      void logCall(this.deps.calls, this.deps.logger, state, {
        outcome: 'error',
        ...(target ? { transferredTo: { name: target.name, extension: target.extension } } : {}),
      });
    }
    return decision;
  }

  /** The call's state, and `now` as ISO text: made once per webhook for the state and the turn alike. */
  private open(params: CallParams, now: Date): [CallState, string] {
    const at = now.toISOString();
    return [this.deps.states.open(params.callSid, { from: params.from, to: params.to }, now, at), at];
  }

  private blankState(params: CallParams, startedAt: string): CallState {
    return { callSid: params.callSid, from: params.from, to: params.to, startedAt, turns: [], failures: 0, ended: true, touchedAt: 0 };
  }

  private remember(state: CallState, params: CallParams, decision: Decision, at: string): void {
    const said = decision.next.kind === 'gather' ? decision.say.concat(decision.next.prompt) : decision.say;
    // Built field by field (no spreads): this runs on every webhook. Absent fields stay absent.
    const turn: CallTurn = { at, intent: decision.intent, said: said.join(' ') };
    if (params.speech) turn.heard = params.speech;
    if (params.digits) turn.digits = params.digits;
    if (params.confidence !== undefined && (params.speech || params.digits)) turn.confidence = params.confidence;
    if (decision.department) {
      turn.departmentId = decision.department.id;
      turn.department = decision.department.name;
    }
    if (decision.product) {
      if (decision.product.id) turn.productId = decision.product.id;
      turn.product = decision.product.name;
    }
    if (decision.query !== undefined) turn.query = decision.query;
    if (decision.unmet) turn.unmet = true;
    // Most calls hold a turn or two: pushing onto an empty array would reserve sixteen slots.
    if (state.turns.length === 0) state.turns = [turn];
    else state.turns.push(turn);
    if (state.turns.length >= MAX_TURNS_IN_MEMORY) void logCall(this.deps.calls, this.deps.logger, state, {});
  }

  private closeIfEnded(state: CallState, decision: Decision, at: string): void {
    const next = decision.next;
    if (next.kind === 'dial') {
      state.transfer = next.target;
      state.ended = true;
      const { target } = next;
      void logCall(this.deps.calls, this.deps.logger, state, {
        outcome: target.kind === 'operator' ? 'operator' : 'transferred',
        transferredTo: { ...(target.departmentId ? { departmentId: target.departmentId } : {}), name: target.name, extension: target.extension },
      });
    } else if (next.kind === 'hangup') {
      state.ended = true;
      void logCall(this.deps.calls, this.deps.logger, state, { outcome: 'goodbye', endedAt: at });
    }
  }
}
