import { renderTemplate, type TemplateValues } from '../../shared/render-template.js';
import { isOpenAt, localTime } from '../../shared/store-hours.js';
import type { Coupon, Department, Product, Settings, StoreInfo, VoiceTemplate } from '../../store/schemas.js';
import type { ProductMatch } from '../understanding/match-product.js';
import { type CallerWords, type Intent, understand } from '../understanding/understand.js';
import { answerHoursQuestion } from './answer-hours.js';
import { couponsValidOn } from './coupons-today.js';
import { speakList, speakLocation, speakMoney, speakStock, speakWeekHours } from './speak.js';
import { speakTemplate } from './templates.js';

/** Everything a decision needs, read fresh from the store for each webhook. */
export interface CallContext {
  storeInfo: StoreInfo;
  departments: readonly Department[];
  inventory: readonly Product[];
  coupons: readonly Coupon[];
  templates: readonly VoiceTemplate[];
  settings: Settings;
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

export type DecisionIntent = Intent | 'greeting' | 'transfer_failed' | 'transfer_completed' | 'error';

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
}

export interface CallerTurn extends CallerWords {
  /** Consecutive not-understood or silent turns before this one, in this call. */
  failures: number;
}

const MORE_PROMPT = 'Sure. What can I help you with?';
const TROUBLE = 'Sorry, I am having trouble understanding.';
const OPERATOR_OFFER = 'To speak with a team member, say operator.';

export function greetCaller(ctx: CallContext): Decision {
  const values = baseValues(ctx);
  const opening = isOpenAt(ctx.storeInfo, ctx.now)
    ? renderTemplate(ctx.storeInfo.greetingMessage, values) // it may use {{storeName}} too
    : speakTemplate(ctx.templates, 'after_hours', values);
  const deals = ctx.settings.announceCoupons ? couponSentence(ctx) : undefined;
  const prompt = [opening, deals, speakTemplate(ctx.templates, 'greeting', values)].filter((s): s is string => Boolean(s));
  return { intent: 'greeting', say: [], next: { kind: 'gather', prompt }, failed: false };
}

export function answerCaller(turn: CallerTurn, ctx: CallContext): Decision {
  const understanding = understand(turn, {
    departments: ctx.departments,
    inventory: ctx.inventory,
    operatorExtension: ctx.settings.operatorExtension,
  });
  const values = baseValues(ctx);
  switch (understanding.intent) {
    case 'no_input':
    case 'not_understood': {
      if (turn.failures + 1 >= ctx.settings.maxAttempts) {
        return { ...transferToOperator(ctx, values, [TROUBLE]), intent: understanding.intent, failed: true };
      }
      return { intent: understanding.intent, say: [], next: gather(speakTemplate(ctx.templates, 'fallback', values)), failed: true };
    }
    case 'goodbye':
      return { intent: 'goodbye', say: [speakTemplate(ctx.templates, 'goodbye', values)], next: { kind: 'hangup' }, failed: false };
    case 'more':
      return { intent: 'more', say: [], next: gather(MORE_PROMPT), failed: false };
    case 'operator':
      return transferToOperator(ctx, values, []);
    case 'department':
      return transferToDepartment(understanding.department, ctx, values);
    case 'hours': {
      const specific = answerHoursQuestion(understanding.request, ctx.storeInfo, ctx.now);
      return answered('hours', specific ?? speakTemplate(ctx.templates, 'hours', values), ctx, values);
    }
    case 'address':
      return answered('address', speakTemplate(ctx.templates, 'address', values), ctx, values);
    case 'coupons':
      return answered('coupons', couponSentence(ctx) ?? 'We have no deals today.', ctx, values);
    case 'product':
      return answerProduct(understanding.query, understanding.match, ctx, values);
  }
}

/** Twilio's DialCallStatus after a transfer: hang up when it went through, otherwise keep the caller. */
export function afterDial(status: string | undefined, target: DialTarget | undefined, ctx: CallContext): Decision {
  if (status === 'completed' || status === 'answered') {
    return { intent: 'transfer_completed', say: [], next: { kind: 'hangup' }, failed: false };
  }
  const who = target?.kind === 'department' ? `${target.name}` : 'a team member';
  const why = status === 'busy' ? `Sorry, the line for ${who} is busy right now.` : `Sorry, ${who} is not available right now.`;
  const offer =
    target?.kind === 'operator'
      ? 'You can ask me another question, or say operator to try again.'
      : 'You can ask me another question, say another department, or say operator to speak with a team member.';
  return {
    intent: 'transfer_failed',
    say: [why],
    next: gather(offer),
    failed: false,
    ...(target?.departmentId ? { department: { id: target.departmentId, name: target.name } } : {}),
  };
}

/** Something broke while answering: apologise and hand the caller to a person rather than hang up. */
export function apologise(ctx: Pick<CallContext, 'storeInfo' | 'settings' | 'templates'> | undefined): Decision {
  const sorry = 'Sorry, something went wrong on our end.';
  if (!ctx) return { intent: 'error', say: [sorry, 'Please call again in a few minutes. Goodbye.'], next: { kind: 'hangup' }, failed: false };
  return { ...transferToOperator(ctx, { storeName: ctx.storeInfo.name }, [sorry]), intent: 'error' };
}

function answerProduct(query: string, match: ProductMatch, ctx: CallContext, values: TemplateValues): Decision {
  if (match.kind === 'not_found') {
    const text = speakTemplate(ctx.templates, 'product_not_found', { ...values, product: query });
    // The caller always hears that a person can help, even if an edited template forgot to say so.
    const offer = /\boperator\b/i.test(text) ? [] : [OPERATOR_OFFER];
    return { ...answered('product', text, ctx, values), say: [text, ...offer], query, unmet: true };
  }
  if (match.kind === 'found') {
    const { product } = match;
    return { ...answered('product', describeProduct(product, ctx, values), ctx, values), query, product: { id: product.id, name: product.name } };
  }
  const lines = [`I found ${match.products.length} matches.`, ...match.products.map((p) => describeProduct(p, ctx, values))];
  return {
    intent: 'product',
    say: lines,
    next: gather(anythingElse(ctx, values)),
    failed: false,
    query,
    product: { name: match.products.map((p) => p.name).join(' or ') },
  };
}

function describeProduct(product: Product, ctx: CallContext, values: TemplateValues): string {
  const key = product.stock > 0 ? 'product_in_stock' : 'product_out_of_stock';
  return speakTemplate(ctx.templates, key, {
    ...values,
    product: product.name,
    price: speakMoney(product.price),
    location: speakLocation(product.location),
    stock: speakStock(product.stock),
    department: ctx.departments.find((d) => d.id === product.departmentId)?.name ?? '',
  });
}

function transferToDepartment(department: Department, ctx: CallContext, values: TemplateValues): Decision {
  const target: DialTarget = department.phoneNumber
    ? { kind: 'department', name: department.name, departmentId: department.id, extension: department.extension, number: department.phoneNumber }
    : {
        kind: 'department',
        name: department.name,
        departmentId: department.id,
        extension: department.extension,
        number: ctx.storeInfo.phone,
        sendDigits: `ww${department.extension}`,
      };
  return {
    intent: 'department',
    say: [speakTemplate(ctx.templates, 'transfer', { ...values, department: department.name })],
    next: { kind: 'dial', target },
    failed: false,
    department: { id: department.id, name: department.name },
  };
}

function transferToOperator(ctx: Pick<CallContext, 'storeInfo' | 'settings' | 'templates'>, values: TemplateValues, before: string[]): Decision {
  const extension = ctx.settings.operatorExtension;
  return {
    intent: 'operator',
    say: [...before, speakTemplate(ctx.templates, 'operator', { ...values, department: 'a team member' })],
    next: { kind: 'dial', target: { kind: 'operator', name: 'Operator', extension, number: ctx.storeInfo.phone, sendDigits: `ww${extension}` } },
    failed: false,
  };
}

function answered(intent: DecisionIntent, text: string, ctx: CallContext, values: TemplateValues): Decision {
  return { intent, say: [text], next: gather(anythingElse(ctx, values)), failed: false };
}

function anythingElse(ctx: CallContext, values: TemplateValues): string {
  return speakTemplate(ctx.templates, 'anything_else', values);
}

function gather(...prompt: string[]): NextStep {
  return { kind: 'gather', prompt };
}

function couponSentence(ctx: CallContext): string | undefined {
  const today = localTime(ctx.now, ctx.storeInfo.timezone).date;
  const valid = couponsValidOn(ctx.coupons, today);
  if (valid.length === 0) return undefined;
  return speakTemplate(ctx.templates, 'coupons', { ...baseValues(ctx), coupons: speakList(valid.map((c) => c.description)) });
}

function baseValues(ctx: Pick<CallContext, 'storeInfo'>): TemplateValues {
  return { storeName: ctx.storeInfo.name, address: ctx.storeInfo.address, hours: speakWeekHours(ctx.storeInfo.hours) };
}
