import type { CallTurn } from '../../store/schemas.js';
import type { Clarification, DialTarget } from './decision.js';

/** What we remember about a call between Twilio's webhooks. */
export interface CallState {
  callSid: string;
  from?: string;
  to?: string;
  startedAt: string;
  /** Turns not yet written to calls.jsonl. */
  turns: CallTurn[];
  /** Consecutive not-understood or silent turns. */
  failures: number;
  /** The transfer under way, for the Dial action to talk about. */
  transfer?: DialTarget;
  /** The question the line just asked ("which one?"): the next gather is read against it. */
  asked?: Clarification;
  /** The call reached an end (goodbye or transfer) and was logged with its outcome. */
  ended: boolean;
  touchedAt: number;
}

export interface CallStatesOptions {
  /** Forget a call this long after its last webhook (default 1 hour). */
  ttlMs?: number;
  /** Never remember more calls than this (default 2,000, far above a store's concurrent calls): a flood cannot exhaust memory. */
  maxCalls?: number;
  now?: () => number;
}

const SWEEP_EVERY_MS = 1000;

/**
 * Per-call memory, in this process only. Losing it (restart, expiry, eviction) costs the
 * caller nothing but their attempt count: every webhook can start a fresh state.
 */
export class CallStates {
  private readonly calls = new Map<string, CallState>();
  private readonly ttlMs: number;
  private readonly maxCalls: number;
  private readonly now: () => number;
  private sweptAt = -Infinity;

  constructor(options: CallStatesOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxCalls = options.maxCalls ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.calls.size;
  }

  get(callSid: string): CallState | undefined {
    this.sweep(this.now());
    return this.calls.get(callSid);
  }

  /**
   * The call's state at `now` (the webhook's time; `nowIso` is the same as text, if the caller
   * has it already), created on first sight; touching it moves it to the back of the eviction line.
   */
  open(callSid: string, details: { from?: string; to?: string }, now: Date, nowIso = now.toISOString()): CallState {
    const nowMs = now.getTime();
    this.sweep(nowMs);
    let state = this.calls.get(callSid);
    if (state) this.calls.delete(callSid);
    else state = { callSid, from: details.from, to: details.to, startedAt: nowIso, turns: [], failures: 0, ended: false, touchedAt: 0 };
    state.from ??= details.from;
    state.to ??= details.to;
    state.touchedAt = nowMs;
    this.calls.set(callSid, state);
    // A tenth at a time: a Map finds its oldest entry by stepping over the slots of entries
    // already deleted, so evicting one per call made every call on a full line pay for that walk.
    if (this.calls.size > this.maxCalls) this.keepNewest(this.maxCalls - Math.floor(this.maxCalls / 10));
    return state;
  }

  private keepNewest(count: number): void {
    for (const sid of this.calls.keys()) {
      if (this.calls.size <= count) break;
      this.calls.delete(sid);
    }
  }

  delete(callSid: string): void {
    this.calls.delete(callSid);
  }

  /** Map order is touch order, so expired calls sit at the front. Once a second is plenty for an hour's expiry. */
  private sweep(now: number): void {
    if (now >= this.sweptAt && now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    const cutoff = now - this.ttlMs;
    for (const state of this.calls.values()) {
      if (state.touchedAt > cutoff) break;
      this.calls.delete(state.callSid);
    }
  }
}
