import { tokensOf } from './normalise.js';
import type { Day } from '../../shared/local-time.js';
import { isUnitWord } from './units.js';

/**
 * Recognisers for what a caller wants, each over normalised text (lower case, no
 * punctuation, "whats" for "what's"). They are deliberately plain patterns: a caller
 * on the phone says the same few things in the same few ways.
 */

const GOODBYE_WORDS = new Set([
  'no', 'nope', 'nah', 'thanks', 'thank', 'you', 'thats', 'that', 'is', 'it', 'all', 'bye', 'goodbye', 'im', 'i', 'am', 'good',
  'fine', 'done', 'nothing', 'else', 'set', 'have', 'a', 'nice', 'day', 'ok', 'okay', 'great', 'perfect', 'so', 'much', 'very',
  'alright', 'right', 'see', 'ya', 'for', 'your', 'help', 'the', 'appreciate', 'cheers', 'later', 'were', 'we', 'everything',
  'was', 'need', 'dont', 'do', 'not', 'got', 'needed', 'wonderful', 'awesome', 'sir', 'maam', 'take', 'care', 'anything',
]);
const GOODBYE_CORE = new Set(['no', 'nope', 'nah', 'bye', 'goodbye', 'thanks', 'thank', 'thats', 'all', 'done', 'nothing', 'cheers', 'good', 'fine', 'set']);

/** "no thanks", "that's all", "that is it", "bye": the whole utterance is a way of ending the call. */
export function isGoodbye(text: string, words: readonly string[] = tokensOf(text)): boolean {
  if (words.length === 0 || !words.every((w) => GOODBYE_WORDS.has(w))) return false;
  return words.some((w) => GOODBYE_CORE.has(w)) || /\bthat is it\b/.test(text);
}

const MORE_RE = /^(?:yes|yeah|yep|yup|sure|ok|okay|uh huh|mhm|yes please|yeah please|yes i do|yeah i do|i do|yes there is|actually yes|1 more (?:thing|question)|i have (?:another|1 more) question|another question|(?:yes|yeah) i have (?:another|1 more) question)$/;

/** A bare "yes" after "anything else?": the caller has another question but has not asked it yet. */
export function isMore(text: string): boolean {
  return MORE_RE.test(text);
}

/** Words that only ever mean "put me through to a person". */
const OPERATOR_RE = /\b(?:operator|representative|rep|real person|live person|actual person|human|human being|agent|receptionist|front desk)\b/;
/** Vaguer words ("can someone tell me…") that mean a person only when nothing else was asked. */
const SOMEONE_RE = /\b(?:someone|somebody|anyone|anybody|a person|team member|staff member|associate|employee)\b/;

export function asksForOperator(text: string, how: 'plainly' | 'vaguely' = 'plainly'): boolean {
  return OPERATOR_RE.test(text) || (how === 'vaguely' && SOMEONE_RE.test(text));
}

const TRANSFER_RE = /\b(?:transfer|connect|speak|talk|put me through|department|dept|extension|reach|call|get me|let me speak)\b/;

/** "Transfer me to…", "can I talk to…": the caller wants a department, not an answer. */
export function asksForTransfer(text: string): boolean {
  return TRANSFER_RE.test(text);
}

const ADDRESS_RE =
  /\b(?:address|directions)\b|\bwhere (?:are|r) (?:you|ya|yall)\b|\bwhere you are\b|\bwhere (?:is|s) (?:the|your) (?:store|shop|market|location)\b|\bwheres (?:the|your) (?:store|shop|market)\b|\bhow (?:do|can|would) (?:i|we) (?:get|find|come) (?:to )?(?:you|the store|your store|there|the market)\b|\bwhere can (?:i|we) find (?:you|the store|your store)\b|\b(?:what|which) street\b|\b(?:your|store) location\b/;

export function asksForAddress(text: string): boolean {
  return ADDRESS_RE.test(text);
}

const COUPONS_RE =
  /\b(?:coupons?|deals?|sales?|discounts?|specials|on special|promotions?|promos?|offers|savings|weekly ad|markdowns?|bargains?)\b/;

export function asksForCoupons(text: string): boolean {
  return COUPONS_RE.test(text);
}

export type DayRef = Day | 'today' | 'tomorrow';

export interface HoursRequest {
  /** The days asked about; none = the whole week. */
  days: DayRef[];
  /** "Are you open now?" */
  now: boolean;
}

const HOURS_RE = /\b(?:hours|open|opens|opened|close|closes|closing|closed|what time|till when|until when|how late|how early)\b/;
const DAY_WORDS: Record<string, DayRef[]> = {
  monday: ['mon'], mondays: ['mon'], tuesday: ['tue'], tuesdays: ['tue'], wednesday: ['wed'], wednesdays: ['wed'],
  thursday: ['thu'], thursdays: ['thu'], friday: ['fri'], fridays: ['fri'], saturday: ['sat'], saturdays: ['sat'],
  sunday: ['sun'], sundays: ['sun'], weekend: ['sat', 'sun'], weekends: ['sat', 'sun'], today: ['today'], tonight: ['today'],
  tomorrow: ['tomorrow'],
};

export function hoursRequest(text: string): HoursRequest | undefined {
  if (!HOURS_RE.test(text)) return undefined;
  const days: DayRef[] = [];
  for (const word of tokensOf(text)) for (const day of DAY_WORDS[word] ?? []) if (!days.includes(day)) days.push(day);
  const now = /\b(?:open|opened) (?:right )?now\b|\bstill open\b|\bopen at the moment\b/.test(text);
  // "What time do you close?" asks about today, not the week.
  if (days.length === 0 && !now && !/\bhours\b/.test(text) && /\b(?:what time|when|till when|until when|how late|how early)\b/.test(text)) {
    days.push('today');
  }
  return { days, now };
}

export type QueryKind = 'question' | 'want' | 'bare';

export interface ProductQuery {
  /** What the caller asked for, cleaned of question words ("almond milk"). */
  text: string;
  /** "Do you have…" / "How much…" (question), "I need…" (want), or just a name (bare). */
  kind: QueryKind;
  /** Where those words are among the text's words: words.slice(from, to). */
  from: number;
  to: number;
}

const QUESTION_PATTERNS: RegExp[] = [
  /^(?:do|does|did) (?:you|ya|yall|u|you guys|you all|the store|your store) (?:still |currently |happen to |even |by any chance )?(?:have|has|sell|carry|stock|got|keep|offer) (.+)$/d,
  /^(?:have you got|you got|got|you have|you guys have|you sell|you carry|any) (.+)$/d,
  /^(?:if|whether) (?:you|ya|you guys) (?:still )?(?:have|sell|carry|stock|got) (.+)$/d,
  /^how much (?:is|are|does|do|would|will|for|s)? ?(.+?)(?: cost| costs| go for| run| be| sell for| selling for)?$/d,
  /^(?:what|whats) (?:is )?(?:the )?(?:price|cost|prices) (?:of|for|on) (.+)$/d,
  /^(?:price|prices|cost) (?:of|for|on) (.+)$/d,
  /^(?:what|whats) (?:does|do) (.+?) cost$/d,
  /^where (?:can|could|do|would|will|should|might) (?:i|we|you|one) (?:find|get|buy|pick up|locate|look for|grab) (.+)$/d,
  /^(?:where|wheres) (?:is |are |do you keep |do you have |would i find )?(.+?)(?: located| kept| at)?$/d,
  /^(?:what|which|whats) aisle (?:is |are |has |have )?(.+?)(?: in| on)?$/d,
  /^how many (.+?) (?:do you have|are there|are left|left)$/d,
  /^(?:how|what) about (.+)$/d,
  /^(?:is|are) there (?:any |some )?(.+)$/d,
  /^(?:is|are) (.+?) (?:in stock|available|on the shelf|on the shelves|in|sold here)$/d,
];
const WANT_RE =
  /^(?:i need to buy|i need to get|i need|i needed|i want to buy|i want to get|i want|i wanted|i wanna|i would like to buy|i would like to get|i would like|id like to buy|id like to get|id like|im looking for|i am looking for|looking for|im trying to find|i am trying to find|trying to find|can i get|can i buy|could i get|could i buy|can i order|im after|i am after|im searching for|i am searching for|searching for) (.+)$/d;
const LEADING_RE = /^(?:a|an|the|some|any|your|of|more|to|for) /;
const TRAILING_RE =
  / (?:in stock|available|right now|today|at the moment|currently|please|there|in your store|at your store|in the store|at the store|for me|cost|costs|located|on the shelf|on the shelves|do you have(?: it| them| any)?|at all|anymore|by any chance|in stock right now)$/;

function wordsIn(text: string): number {
  return text === '' ? 0 : text.split(' ').length;
}

export function productQuery(text: string): ProductQuery {
  let kind: QueryKind = 'bare';
  let start = 0;
  let query = text;
  const want = WANT_RE.exec(text);
  let match = want;
  for (let i = 0; !match && i < QUESTION_PATTERNS.length; i++) match = QUESTION_PATTERNS[i].exec(text);
  if (match?.indices?.[1]) {
    kind = want ? 'want' : 'question';
    start = match.indices[1][0];
    query = match[1];
  }
  let from = wordsIn(text.slice(0, start).trim());
  let previous;
  do {
    previous = query;
    const lead = LEADING_RE.exec(query);
    // "a gallon of milk" keeps its "a": it is the size (one gallon); "a c filter" spells "AC".
    const after = query.slice(lead?.[0].length ?? 0).split(' ')[0];
    if (lead && !(/^an? $/.test(lead[0]) && (isUnitWord(after) || /^[a-z]$/.test(after)))) {
      query = query.slice(lead[0].length);
      from += 1;
    }
    query = query.replace(TRAILING_RE, '');
  } while (query !== previous);
  return { text: query, kind, from, to: from + wordsIn(query) };
}

const DIGIT_WORDS = new Set(['extension', 'ext', 'number', 'press', 'pressing', 'dial', 'option', 'oh']);

/** "one zero one", "extension 101", "zero": keyed digits said aloud. */
export function spokenDigits(text: string, words: readonly string[] = tokensOf(text)): string | undefined {
  if (words.length === 0 || !words.some((w) => /^\d+$/.test(w))) return undefined;
  if (!words.every((w) => /^\d+$/.test(w) || DIGIT_WORDS.has(w))) return undefined;
  return words.map((w) => (w === 'oh' ? '0' : /^\d+$/.test(w) ? w : '')).join('') || undefined;
}
