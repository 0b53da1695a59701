import { LRUCache } from 'lru-cache';
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

/**
 * Per-call memory, in this process only. Losing it (restart, expiry, eviction) costs the
 * caller nothing but their attempt count: every webhook can start a fresh state.
 */
export class CallStates {
  private readonly calls: LRUCache<string, CallState>;

  constructor(options: CallStatesOptions = {}) {
    const now = options.now ?? Date.now;
    this.calls = new LRUCache<string, CallState>({
      max: options.maxCalls ?? 2_000,
      ttl: options.ttlMs ?? 60 * 60 * 1000,
      // The webhooks' own clock (tests fix it), read afresh on every check rather than cached for a millisecond.
      perf: { now },
      ttlResolution: 0,
    });
  }

  get size(): number {
    return this.calls.size;
  }

  get(callSid: string): CallState | undefined {
    return this.calls.get(callSid);
  }

  /**
   * The call's state at `now` (the webhook's time; `nowIso` is the same as text, if the caller
   * has it already), created on first sight; each webhook restarts its hour and makes it the
   * most recently heard, the last to be evicted.
   */
  open(callSid: string, details: { from?: string; to?: string }, now: Date, nowIso = now.toISOString()): CallState {
    const state = this.calls.get(callSid) ?? { callSid, from: details.from, to: details.to, startedAt: nowIso, turns: [], failures: 0, ended: false, touchedAt: 0 };
    state.from ??= details.from;
    state.to ??= details.to;
    state.touchedAt = now.getTime();
    this.calls.set(callSid, state);
    return state;
  }

  delete(callSid: string): void {
    this.calls.delete(callSid);
  }
}
