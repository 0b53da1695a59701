import { randomBytes } from 'node:crypto';
import axios from 'axios';
import twilio from 'twilio';
import { AppError } from '../../shared/app-error.js';
import { parseTwiml, spokenTexts, type TwimlStep } from './parse-twiml.js';
import { MAX_TURNS, type SimulatorState, type SimulatorTurn } from './simulator-state.js';

export interface SimulatorOptions {
  voiceApiUrl: string;
  /** When the voice service checks signatures, it checks them against this base (PUBLIC_BASE_URL) if set. */
  publicBaseUrl?: string;
  twilioAuthToken?: string;
  timeoutMs?: number;
  /** Epoch ms, for the call's duration. */
  clock?: () => number;
}

export const SIMULATED_CALLER = '+15550199999';
const MAX_REDIRECTS = 5;

/**
 * A pretend caller that goes through the voice service's real webhook path: the same
 * form-encoded posts Twilio makes (signed like Twilio when TWILIO_AUTH_TOKEN is set), the
 * TwiML answer read back into what the caller hears and what happens next.
 */
export function createCallSimulator(options: SimulatorOptions) {
  const base = options.voiceApiUrl;
  const clock = options.clock ?? Date.now;
  const signingBase = options.publicBaseUrl ?? base;
  const http = axios.create({ baseURL: base, timeout: options.timeoutMs ?? 5_000, proxy: false, responseType: 'text', transformResponse: (x) => x, validateStatus: () => true });

  /** A URL from TwiML (absolute with PUBLIC_BASE_URL, or relative) as a path on the voice service. */
  function pathOf(url: string | undefined, fallback: string): string {
    if (!url) return fallback;
    const resolved = new URL(url, `${base}/voice`);
    return `${resolved.pathname}${resolved.search}`;
  }

  async function post(path: string, params: Record<string, string>): Promise<TwimlStep[]> {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (options.twilioAuthToken) headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(options.twilioAuthToken, `${signingBase}${path}`, params);
    let response;
    try {
      response = await http.post(path, new URLSearchParams(params).toString(), { headers });
    } catch {
      throw new AppError('voice_service_unreachable', `The voice service at ${base} is not reachable, so the simulated call could not go through.`, 503);
    }
    if (response.status === 403) {
      throw new AppError('simulator_refused', `The voice service refused the simulated call (403 at ${path}): its webhook signature check failed. The dashboard and the voice service need the same TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL.`, 502);
    }
    if (response.status !== 200) {
      throw new AppError('simulator_failed', `The voice service answered ${response.status} at ${path} instead of TwiML.`, 502);
    }
    try {
      return parseTwiml(String(response.data));
    } catch (error) {
      throw new AppError('simulator_failed', `The voice service's answer at ${path} could not be read: ${(error as Error).message}`, 502);
    }
  }

  const commonParams = (state: SimulatorState) => ({ CallSid: state.callSid, AccountSid: 'AC00000000000000000000000000000000', From: state.from, To: state.to, CallStatus: 'in-progress', Direction: 'inbound', ApiVersion: '2010-04-01' });

  /** Twilio's status callback when a call ends: the voice service logs the call with its duration. */
  async function completed(state: SimulatorState): Promise<void> {
    const seconds = Math.max(1, Math.round((clock() - state.startedAtMs) / 1000));
    await post('/voice/status', { ...commonParams(state), CallStatus: 'completed', CallDuration: String(seconds) });
  }

  /** Post, follow <Redirect>s, and fold the answer into the call's state. */
  async function exchange(state: SimulatorState, path: string, params: Record<string, string>, turn: Omit<SimulatorTurn, 'said' | 'outcome'>): Promise<SimulatorState> {
    const common = commonParams(state);
    let steps = await post(path, { ...common, ...params });
    const said: string[] = [];
    for (let hops = 0; ; hops++) {
      said.push(...spokenTexts(steps));
      const redirect = steps.find((s) => s.verb === 'Redirect');
      const stops = steps.some((s) => s.verb === 'Gather' || s.verb === 'Dial' || s.verb === 'Hangup' || s.verb === 'Reject');
      if (!redirect || stops || hops >= MAX_REDIRECTS) break;
      steps = await post(pathOf(redirect.url, '/voice'), common);
    }
    const next: SimulatorState = { ...state, gatherPath: undefined, dialPath: undefined };
    const gather = steps.find((s) => s.verb === 'Gather');
    const dial = steps.find((s) => s.verb === 'Dial');
    let outcome: string;
    let dialled;
    if (dial) {
      dialled = dial.targets;
      next.status = 'transferring';
      next.dialPath = dial.action ? pathOf(dial.action, '/voice/dial-status') : undefined;
      outcome = `Transferred: dialled ${dial.targets.map((t) => (t.sendDigits ? `${t.number}, then keyed ${t.sendDigits}` : t.number)).join(' or ') || '(no number)'}`;
    } else if (gather) {
      next.status = 'listening';
      next.gatherPath = pathOf(gather.action, '/voice/gather');
      outcome = 'Listening for the caller';
    } else if (steps.some((s) => s.verb === 'Hangup' || s.verb === 'Reject')) {
      next.status = 'ended';
      outcome = 'Hung up';
    } else {
      next.status = 'ended';
      outcome = 'The call ended (nothing more to do in the TwiML)';
    }
    next.turns = [...state.turns, { ...turn, said, outcome, ...(dialled ? { dialled } : {}) }].slice(-MAX_TURNS);
    if (next.status === 'ended') await completed(next);
    return next;
  }

  return {
    /** A new call: POST /voice, as when the phone rings. */
    async start(storePhone: string): Promise<SimulatorState> {
      const state: SimulatorState = { callSid: `SIM${randomBytes(16).toString('hex')}`, from: SIMULATED_CALLER, to: storePhone, status: 'listening', startedAtMs: clock(), turns: [] };
      return exchange(state, '/voice', {}, { event: 'Call started' });
    },

    /** The caller speaks and/or keys digits: POST to the last <Gather action>. */
    async say(state: SimulatorState, speech: string, digits: string): Promise<SimulatorState> {
      if (state.status !== 'listening' || !state.gatherPath) throw new AppError('call_over', 'This simulated call is not listening any more; start a new call.', 409);
      const params: Record<string, string> = {};
      if (speech) Object.assign(params, { SpeechResult: speech, Confidence: '0.92' });
      if (digits) params.Digits = digits;
      return exchange(state, state.gatherPath, params, { ...(speech ? { caller: speech } : {}), ...(digits ? { digits } : {}) });
    },

    /** The caller hangs up (or the transferred call ends): Twilio's status callback, so the call is logged. */
    async hangUp(state: SimulatorState): Promise<SimulatorState> {
      if (state.status === 'ended') return state;
      await completed(state);
      const event = state.status === 'transferring' ? 'The transferred call ended' : 'The caller hung up';
      return { ...state, status: 'ended', gatherPath: undefined, dialPath: undefined, turns: [...state.turns, { event, said: [], outcome: 'Call over' }].slice(-MAX_TURNS) };
    },

    /** The transfer rang out: POST the <Dial action> as Twilio does, so the caller is not dropped. */
    async noAnswer(state: SimulatorState): Promise<SimulatorState> {
      if (state.status !== 'transferring' || !state.dialPath) throw new AppError('call_over', 'No transfer is ringing in this simulated call.', 409);
      return exchange(state, state.dialPath, { DialCallStatus: 'no-answer', DialCallDuration: '0' }, { event: 'Nobody answered the transfer' });
    },
  };
}

export type CallSimulator = ReturnType<typeof createCallSimulator>;
