import type { CallData } from '../../store/index.js';
import type { Clarification } from '../understanding/clarification.js';
import type { Explanation, Intent } from '../understanding/understand.js';
import { speakWeekHours } from './speak.js';
import { speakTemplate } from './templates.js';
import type { TemplateValues } from '../../rules/templates.js';

/** Everything a decision needs: the store's read model for this webhook, and the time. */
export interface CallContext extends CallData {
  now: Date;
}

/** Where a transfer goes: a department's own line, or the store's line and then its extension. */
export interface DialTarget {
  kind: 'department' | 'operator';
  name: string;
  departmentId?: string;
  extension?: string;
  number: string;
  sendDigits?: string;
}

export type NextStep = { kind: 'gather'; prompt: string[] } | { kind: 'dial'; target: DialTarget } | { kind: 'hangup' };

export type { Clarification } from '../understanding/clarification.js';

export type DecisionIntent = Exclude<Intent, 'several'> | 'greeting' | 'transfer_failed' | 'transfer_completed' | 'error';

/** A plain description of what to say and do next; the TwiML builder turns it into XML. */
export interface Decision {
  intent: DecisionIntent;
  /** Spoken before the next step. */
  say: string[];
  next: NextStep;
  /** Not understood or silence: counts towards settings.maxAttempts. */
  failed: boolean;
  department?: { id: string; name: string };
  product?: { id?: string; name: string };
  query?: string;
  unmet?: boolean;
  /** A question put to the caller to tell close products apart; the next turn is read against it. */
  asked?: Clarification;
  /** When the caller asked two things in one turn: each answer, in order (each a Decision without `next`). */
  parts?: Omit<Decision, 'next' | 'parts'>[];
  /** Why: the top candidates and their scores, for the debug log and the simulator. */
  explain?: Explanation;
}

/** The placeholders every template may use, whatever the answer. */
export function baseValues(ctx: Pick<CallContext, 'storeInfo'>): TemplateValues {
  return { storeName: ctx.storeInfo.name, address: ctx.storeInfo.address, hours: speakWeekHours(ctx.storeInfo.hours) };
}

export function gather(...prompt: string[]): NextStep {
  return { kind: 'gather', prompt };
}

/** An answer, then "anything else?" in a new <Gather>: the same call can ask again. */
export function answered(intent: DecisionIntent, say: string[], ctx: CallContext, values: TemplateValues): Decision {
  return { intent, say, next: gather(speakTemplate(ctx.templates, 'anything_else', values)), failed: false };
}
