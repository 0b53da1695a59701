import { type CallerWords, type Understanding, understand } from '../understanding/understand.js';
import { answerHoursQuestion } from './answer-hours.js';
import { answerProduct } from './answer-product.js';
import { answered, baseValues, type CallContext, type Decision, type DialTarget, gather } from './decision.js';
import { speakList } from './speak.js';
import { speakTemplate } from './templates.js';
import { transferToDepartment, transferToOperator } from './transfer.js';
import { renderTemplate, type TemplateValues } from '../../rules/templates.js';
import { isOpenAt } from '../../rules/store-hours.js';
import { localTime } from '../../shared/local-time.js';
import { couponsValidOn } from '../../rules/coupons-today.js';

export interface CallerTurn extends CallerWords {
  /** Consecutive not-understood or silent turns before this one, in this call. */
  failures: number;
}

/** A part of a turn that asked two things: said in order, without a next step of its own. */
type Part = Omit<Decision, 'next' | 'parts'>;

const MORE_PROMPT = 'Sure. What can I help you with?';
const TROUBLE = 'Sorry, I am having trouble understanding.';

/** The incoming call: the store's greeting (or the after-hours one), today's deals if announced, and the menu. */
export function greetCaller(ctx: CallContext): Decision {
  const values = baseValues(ctx);
  const opening = isOpenAt(ctx.storeInfo, ctx.now)
    ? renderTemplate(ctx.storeInfo.greetingMessage, values) // it may use {{storeName}} too
    : speakTemplate(ctx.templates, 'after_hours', values);
  const deals = ctx.settings.announceCoupons ? couponSentence(ctx) : undefined;
  const prompt = [opening, deals, speakTemplate(ctx.templates, 'greeting', values)].filter((s): s is string => Boolean(s));
  return { intent: 'greeting', say: [], next: { kind: 'gather', prompt }, failed: false };
}

/** One caller turn (speech or keys) → what to say and do next. */
export function answerCaller(turn: CallerTurn, ctx: CallContext): Decision {
  const understanding = understand(turn, {
    departments: ctx.departments,
    inventory: ctx.inventory,
    operatorExtension: ctx.settings.operatorExtension,
  });
  const values = baseValues(ctx);
  if (understanding.intent === 'several') return answerSeveral(understanding.parts.map((part) => decide(part, turn, ctx, values)), ctx, values);
  return decide(understanding, turn, ctx, values);
}

function decide(understanding: Understanding, turn: CallerTurn, ctx: CallContext, values: TemplateValues): Decision {
  switch (understanding.intent) {
    case 'no_input':
    case 'not_understood': {
      if (turn.failures + 1 >= ctx.settings.maxAttempts) {
        return { ...transferToOperator(ctx, values, [TROUBLE]), intent: understanding.intent, failed: true };
      }
      // A question still open stays open: "sorry?" and silence do not answer it.
      const pending = turn.asked ? { asked: turn.asked } : {};
      return { intent: understanding.intent, say: [], next: gather(speakTemplate(ctx.templates, 'fallback', values)), failed: true, ...pending };
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
      return answered('hours', [specific ?? speakTemplate(ctx.templates, 'hours', values)], ctx, values);
    }
    case 'address':
      return answered('address', [speakTemplate(ctx.templates, 'address', values)], ctx, values);
    case 'coupons':
      return answered('coupons', [couponSentence(ctx) ?? 'We have no deals today.'], ctx, values);
    case 'product':
      return answerProduct(understanding.query, understanding.match, ctx, values, understanding.explain);
    case 'several':
      return answerSeveral(understanding.parts.map((part) => decide(part, turn, ctx, values)), ctx, values);
  }
}

/**
 * Two questions in one turn: each answer in the order asked, then one next step. A transfer
 * or a goodbye comes last (after it the caller hears nothing more); a question asked by a
 * part is the prompt the caller answers.
 */
function answerSeveral(decisions: Decision[], ctx: CallContext, values: TemplateValues): Decision {
  const ordered = [...decisions.filter((d) => d.next.kind === 'gather'), ...decisions.filter((d) => d.next.kind !== 'gather')];
  // Each part as the caller hears it: a question's own words are its prompt.
  const parts: Part[] = ordered.map(({ next, parts: _parts, ...part }) => (part.asked && next.kind === 'gather' ? { ...part, say: [...part.say, ...next.prompt] } : part));
  const question = ordered.find((d) => d.asked && d.next.kind === 'gather');
  const last = ordered[ordered.length - 1];
  const next = last.next.kind !== 'gather' ? last.next : (question?.next ?? gather(speakTemplate(ctx.templates, 'anything_else', values)));
  const say = ordered.flatMap((d, i) => (d === question && next === question.next ? d.say : parts[i].say));
  const decision: Decision = { intent: ordered[0].intent, say, next, failed: false, parts };
  // The call log keeps one product, one transfer and one unmet request per turn: the first of each.
  const withProduct = ordered.find((d) => d.product?.id);
  if (withProduct?.product) decision.product = withProduct.product;
  const transfer = ordered.find((d) => d.department);
  if (transfer?.department) decision.department = transfer.department;
  const unmet = ordered.find((d) => d.unmet);
  if (unmet) decision.unmet = true;
  const queried = unmet ?? withProduct ?? ordered.find((d) => d.query !== undefined);
  if (queried?.query !== undefined) decision.query = queried.query;
  const explained = ordered.find((d) => d.explain);
  if (explained?.explain) decision.explain = explained.explain;
  if (question?.asked && next === question.next) decision.asked = question.asked;
  return decision;
}

/** Twilio's DialCallStatus after a transfer: hang up when it went through, otherwise keep the caller. */
export function afterDial(status: string | undefined, target: DialTarget | undefined, ctx: CallContext): Decision {
  if (status === 'completed' || status === 'answered') {
    return { intent: 'transfer_completed', say: [], next: { kind: 'hangup' }, failed: false };
  }
  const who = target?.kind === 'department' ? target.name : 'a team member';
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

/** Today's deals in the store's timezone, or undefined when there are none. */
function couponSentence(ctx: CallContext): string | undefined {
  const today = localTime(ctx.now, ctx.storeInfo.timezone).date;
  const valid = couponsValidOn(ctx.coupons, today);
  if (valid.length === 0) return undefined;
  return speakTemplate(ctx.templates, 'coupons', { ...baseValues(ctx), coupons: speakList(valid.map((c) => c.description)) });
}
