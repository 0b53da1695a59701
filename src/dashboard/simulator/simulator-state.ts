import type { DialTarget } from './parse-twiml.js';

/** One exchange: what the simulated caller said or keyed, and what the voice service answered. */
export interface SimulatorTurn {
  caller?: string;
  digits?: string;
  /** A button pressed instead of words (e.g. "nobody answered the transfer"). */
  event?: string;
  said: string[];
  outcome: string;
  dialled?: DialTarget[];
}

/** Kept in the session, so a simulated call goes on across page loads, turn after turn. */
export interface SimulatorState {
  callSid: string;
  from: string;
  to: string;
  status: 'listening' | 'transferring' | 'ended';
  /** Epoch ms: the status callback reports the call's duration from this. */
  startedAtMs: number;
  /** Path (and query) of the last <Gather action>: where the caller's next words go. */
  gatherPath?: string;
  /** Path of the last <Dial action>: where "nobody answered" goes. */
  dialPath?: string;
  turns: SimulatorTurn[];
}

export const MAX_TURNS = 40;
