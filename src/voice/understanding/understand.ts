import type { Department, Product } from '../../store/schemas.js';
import type { Clarification } from './clarification.js';
import {
  asksForAddress,
  asksForCoupons,
  asksForOperator,
  asksForTransfer,
  type HoursRequest,
  hoursRequest,
  isGoodbye,
  isMore,
  type ProductQuery,
  productQuery,
  spokenDigits,
} from './intents.js';
import { type DepartmentMatch, matchDepartment, matchDepartmentByWork, matchDepartmentLoosely, matchMisheardDepartment } from './match-department.js';
import { normaliseTokens, stripFillerTokens } from './normalise.js';
import { type ProductIndex, productIndexFor } from './product-index.js';
import { resolveAnswer } from './resolve-answer.js';
import { type ScoreParts, saidStems } from './score-product.js';
import { type ProductMatch, type ProductSearch, searchProducts } from './search-products.js';
import { splitQuestions } from './split-questions.js';
import { classify, stemOf } from './terms.js';
import { textOf, type Token } from './tokenise.js';

export interface Catalogue {
  departments: readonly Department[];
  inventory: readonly Product[];
  operatorExtension: string;
}

/** What Twilio reports for one turn: the recognised speech and/or keyed digits. */
export interface CallerWords {
  speech?: string;
  digits?: string;
  /** The question the line asked last turn, if any: this turn may be its answer. */
  asked?: Clarification;
}

/** Why the line understood what it did: the best candidates and their scores. */
export interface Explanation {
  candidates: { id: string; name: string; score: number }[];
  note?: string;
}

export type Understanding =
  | { intent: 'no_input' }
  | { intent: 'not_understood' }
  | { intent: 'goodbye' }
  | { intent: 'more' }
  | { intent: 'operator' }
  | { intent: 'address' }
  | { intent: 'coupons' }
  | { intent: 'hours'; request: HoursRequest }
  | { intent: 'department'; department: Department; via: 'name' | 'keyword' | 'extension' }
  /** `query`: the caller's words for it, as they said them. */
  | { intent: 'product'; query: string; match: ProductMatch; explain: Explanation }
  /** Two or more questions in one turn, each understood on its own, in order. */
  | { intent: 'several'; parts: Understanding[] };

export type Intent = Understanding['intent'];

/**
 * Built-in understanding of one caller turn: no network, no model, a few microseconds.
 * A pending question is tried first ("the second one"); then each question in the turn.
 */
export function understand(words: CallerWords, catalogue: Catalogue): Understanding {
  const digits = (words.digits ?? '').replace(/\D/g, '');
  if (digits) return fromDigits(digits, catalogue);
  const speech = words.speech ?? '';
  const tokens = normaliseTokens(speech);
  if (tokens.length === 0) return { intent: 'no_input' };
  if (words.asked) {
    const answer = answerToQuestion(tokens, speech, words.asked, catalogue);
    if (answer) return answer;
  }
  const parts = splitQuestions(tokens, speech)
    .map((part) => understandOne(part, speech, catalogue))
    .filter((u) => u.intent !== 'not_understood' && u.intent !== 'no_input');
  // Politeness around a question ("Yes. Do you have milk? Thanks.") is not a question of its own.
  const asking = parts.filter((u) => u.intent !== 'goodbye' && u.intent !== 'more');
  const meant = asking.length > 0 ? asking : parts;
  if (meant.length === 0) return understandOne(tokens, speech, catalogue);
  if (meant.length === 1) return meant[0];
  return { intent: 'several', parts: meant };
}

function understandOne(tokens: readonly Token[], speech: string, catalogue: Catalogue): Understanding {
  const raw = textOf(tokens);
  const rawWords = tokens.map((t) => t.text);
  if (isGoodbye(raw, rawWords)) return { intent: 'goodbye' };
  if (isMore(raw)) return { intent: 'more' };
  const kept = stripFillerTokens(tokens);
  if (kept.length === 0) return { intent: 'not_understood' };
  const text = textOf(kept);
  const textWords = kept.map((t) => t.text);
  const said = spokenDigits(text, textWords);
  if (said) return fromDigits(said, catalogue);

  const index = productIndexFor(catalogue.inventory);
  const isProductWord = (stem: string) => index.liveTerm(stem) !== undefined;
  const department = matchDepartment(textWords, catalogue.departments, isProductWord);
  if (!department && asksForOperator(text)) return { intent: 'operator' };
  const hours = hoursRequest(text);
  if (hours) return { intent: 'hours', request: hours };
  if (asksForAddress(text)) return { intent: 'address' };
  if (asksForCoupons(text)) return { intent: 'coupons' };
  if (department && asksForTransfer(text)) return toDepartment(department);

  const query = framedQuery(kept);
  const queryTokens = kept.slice(query.from, query.to);
  const queryWords = queryTokens.map((t) => t.text);
  // "The bakery, please": nothing asked for beyond the department's own name.
  if (department?.via === 'name' && coveredBy(queryWords, department)) return toDepartment(department);

  const found = searchProducts(queryTokens, index);
  // "Rhino.", "Meow.": one word said alone that is only part of a brand or a line is a guess, so it is asked, not answered.
  const best = found.candidates[0];
  const guess = query.kind === 'bare' && found.match.kind === 'found' && best && best.tier !== 'name' && found.query.main.length === 1;
  const search: ProductSearch = guess && found.match.kind === 'found' ? { ...found, match: { kind: 'choose', products: [found.match.product] } } : found;
  const product = (): Understanding => productUnderstanding(search, echoOf(queryTokens, speech));
  const listed = productList(queryTokens, search, index, speech);
  if (listed) return listed;
  if (search.match.kind !== 'not_found') {
    if (department && departmentFirst(department, queryWords, search, isProductWord)) return toDepartment(department);
    // "A question about a plant that is dying": a vague product answer, and words of a department's work.
    if (search.match.kind === 'detail') {
      const loose = matchDepartmentLoosely(queryWords, catalogue.departments, isProductWord) ?? matchDepartmentByWork(queryWords, catalogue.departments);
      if (loose) return toDepartment(loose);
    }
    return product();
  }
  // "I need a refill" names no product but a department's keyword; "do you have fish sticks"
  // must not become a transfer just because "fish" is a keyword, so a question needs the
  // department's words in full, a phrase of two words ("a wine tasting"), or words no product uses.
  // ("My dog's name is Buddy" in a pet shop names no department: "dog" is every product's word there.)
  const ownWords = !department?.phrase.some(isProductWord);
  if (department && (coveredBy(queryWords, department) || department.length >= 2 || (ownWords && (query.kind !== 'question' || atAnEnd(queryWords, department))))) {
    return toDepartment(department);
  }
  const misheard = matchMisheardDepartment(queryWords, catalogue.departments);
  if (misheard && (query.kind !== 'question' || coveredBy(queryWords, misheard))) return toDepartment(misheard);
  if (query.kind !== 'question') {
    const loose = matchDepartmentLoosely(queryWords, catalogue.departments, isProductWord);
    if (loose) return toDepartment(loose);
  }
  const byWork = matchDepartmentByWork(queryWords, catalogue.departments);
  if (byWork) return toDepartment(byWork);
  if (!department && asksForOperator(text, 'vaguely')) return { intent: 'operator' };
  if (search.significant === 0) return { intent: 'not_understood' };
  // A bare phrase counts as a product request only if it looks like one ("almond milk", not a long sentence).
  const looksLikeProduct = search.exactly > 0 && search.significant <= 4 && search.known * 2 >= search.significant;
  if (query.kind !== 'bare' || looksLikeProduct) return product();
  return { intent: 'not_understood' };
}

/**
 * "Limes and cilantro", "the Cherry Garcia and the Half Baked": two products in one breath,
 * each answered, unless the whole is one product ("salt and pepper shaker", "mac and cheese").
 */
function productList(tokens: readonly Token[], whole: ProductSearch, index: ProductIndex, speech: string): Understanding | undefined {
  const cuts = tokens.map((t, i) => (t.text === 'and' && i > 0 && i < tokens.length - 1 ? i : -1)).filter((i) => i > 0);
  if (cuts.length === 0) return undefined;
  const best = whole.candidates[0];
  if (whole.match.kind !== 'not_found' && best && best.missing === 0) return undefined;
  const pieces: Token[][] = [];
  let from = 0;
  for (const cut of [...cuts, tokens.length]) {
    pieces.push(tokens.slice(from, cut));
    from = cut + 1;
  }
  const parts = pieces.map((piece) => ({ piece, search: searchProducts(piece, index) }));
  if (parts.some((p) => p.search.match.kind === 'not_found' || p.piece.length === 0)) return undefined;
  return { intent: 'several', parts: parts.map((p) => productUnderstanding(p.search, echoOf(p.piece, speech))) };
}

/**
 * Both a department and products matched: the department when the products found do not
 * have its words and those words are its own ("I need to return a bag of dog food", "sign my
 * dog up for obedience classes"), or when its words are all the caller said and no product is
 * named outright by them ("Do you sell beer?" is the wine department, not root beer).
 */
function departmentFirst(department: DepartmentMatch, queryWords: readonly string[], search: ProductSearch, isProductWord: (stem: string) => boolean): boolean {
  const best = search.candidates[0];
  if (best && namedOutright(search)) return false;
  // "A 20 gallon aquarium kit": a size said and found is a product asked for.
  if (search.query.sizes.length > 0 || search.query.dimensions.length > 0) return false;
  if (coveredBy(queryWords, department) && search.match.kind === 'found') return true;
  const own = department.length >= 2 || !department.phrase.some(isProductWord);
  const said = best ? saidStems(best, search.query) : [];
  const usedByProduct = best !== undefined && department.phrase.every((stem) => said.includes(stem));
  return own && !usedByProduct;
}

/** "Lottery tickets" begins with the department's word; in "dragon fruit smoothies" the word is only part of another thing. */
function atAnEnd(words: readonly string[], department: DepartmentMatch): boolean {
  const stems = words.filter((w) => classify(w) === 'significant').map(stemOf);
  return stems.length > 0 && (stems[0] === department.phrase[0] || stems[stems.length - 1] === department.phrase[department.phrase.length - 1]);
}

/** A product the caller named by one of its keywords, or by its whole name. */
function namedOutright(search: ProductSearch): boolean {
  const best = search.candidates[0];
  return best !== undefined && (best.parts.keyword >= 1 || best.parts.exactName > 0);
}

/** Words that stand for something said before: "…apricot jam, do you have it?" */
const PRONOUNS = new Set(['it', 'them', 'that', 'those', 'these', 'this', 'one', 'some', 'any', 'em']);
const FRAME_STARTS = new Set(['do', 'does', 'how', 'where', 'wheres', 'is', 'are', 'can', 'could', 'i', 'im', 'id', 'what', 'whats', 'have', 'got', 'you', 'any', 'looking']);

/**
 * The product words of a request, wherever its question starts: "I'm making cookies, do you
 * have Nestle chocolate chips?" asks at its fifth word; "…apricot jam, do you have it?" asks
 * about what came before.
 */
function framedQuery(tokens: readonly Token[]): ProductQuery {
  const words = tokens.map((t) => t.text);
  const at = (i: number): ProductQuery | undefined => {
    const rest = productQuery(words.slice(i).join(' '));
    if (rest.kind === 'bare') return undefined;
    const said = words.slice(i + rest.from, i + rest.to);
    if (said.length === 0 || said.every((w) => PRONOUNS.has(w))) return i > 0 ? { text: words.slice(0, i).join(' '), kind: rest.kind, from: 0, to: i } : undefined;
    return { text: rest.text, kind: rest.kind, from: i + rest.from, to: i + rest.to };
  };
  // "I want to quit smoking, do you have the NicoDerm patches?": the last question after a pause is the request.
  for (let i = words.length - 1; i > 0; i--) {
    if (!tokens[i].pause || !FRAME_STARTS.has(words[i])) continue;
    const found = at(i);
    if (found) return found;
  }
  const whole = productQuery(words.join(' '));
  if (whole.kind !== 'bare') return whole;
  for (let i = 1; i < words.length; i++) {
    if (!FRAME_STARTS.has(words[i])) continue;
    const found = at(i);
    if (found) return found;
  }
  return whole;
}

/**
 * The turn after a question: a pick among the products named, a refusal, or a detail that
 * narrows the first request ("Purina" after "which brand?"). Anything else is a new request.
 */
function answerToQuestion(tokens: Token[], speech: string, asked: Clarification, catalogue: Catalogue): Understanding | undefined {
  const kept = stripFillerTokens(tokens);
  const query = framedQuery(kept);
  const words = kept.slice(query.from, query.to);
  const index = productIndexFor(catalogue.inventory);
  // "No pulp" is an answer, not a "no": without a question frame, the words as said.
  const resolution = resolveAnswer(query.kind === 'bare' ? tokens : words, asked, index);
  if (resolution?.kind === 'declined') return { intent: 'more' };
  const note = `answer to a ${asked.kind} question`;
  if (resolution?.kind === 'chosen') {
    return { intent: 'product', query: asked.query, match: { kind: 'found', product: resolution.product }, explain: { candidates: [], note } };
  }
  if (resolution?.kind === 'narrowed') {
    const { products } = resolution;
    const match: ProductMatch = products.length <= 3 ? { kind: 'choose', products } : { kind: 'detail', products: products.slice(0, 3), total: products.length };
    return { intent: 'product', query: asked.query, match, explain: { candidates: [], note } };
  }
  // "Can I talk to someone at the fish counter?": not an answer but something else altogether.
  const fresh = understandOne(tokens, speech, catalogue);
  if (fresh.intent !== 'product' && fresh.intent !== 'not_understood' && fresh.intent !== 'more') return fresh;
  // "Which brand?" → "Purina": the first request with the new detail (the same words again add none).
  const askedStems = new Set(normaliseTokens(asked.query).map((t) => stemOf(t.text)));
  const detail = words.filter((t) => classify(t.text) !== 'stop' && !askedStems.has(stemOf(t.text)));
  if (detail.length === 0) return undefined;
  const combined = `${asked.query} ${speech.slice(words[0].start, words[words.length - 1].end)}`;
  const combinedTokens = normaliseTokens(combined);
  const search = searchProducts(combinedTokens, index);
  if (search.match.kind === 'not_found' || search.known < search.significant) return undefined;
  return productUnderstanding(search, combined);
}

function productUnderstanding(search: ProductSearch, query: string): Understanding {
  const explain: Explanation = {
    candidates: search.candidates.map((c) => ({ id: c.product.id, name: c.product.name, score: Math.round(c.score * 100) / 100 })),
  };
  if (search.candidates[0]) explain.note = describeParts(search.candidates[0].parts);
  return { intent: 'product', query, match: search.match, explain };
}

function describeParts(parts: ScoreParts): string {
  return Object.entries(parts)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k} ${Math.round(v * 100) / 100}`)
    .join(', ');
}

/** The caller's words as they said them ("5/8 inch plywood"), for "Sorry, I could not find …". */
function echoOf(tokens: readonly Token[], speech: string): string {
  if (tokens.length === 0) return '';
  return speech.slice(tokens[0].start, tokens[tokens.length - 1].end).trim();
}

function fromDigits(digits: string, catalogue: Catalogue): Understanding {
  if (digits === '0' || digits === catalogue.operatorExtension) return { intent: 'operator' };
  const department = catalogue.departments.find((d) => d.active && d.extension === digits);
  return department ? { intent: 'department', department, via: 'extension' } : { intent: 'not_understood' };
}

function toDepartment(match: DepartmentMatch): Understanding {
  return { intent: 'department', department: match.department, via: match.via };
}

function coveredBy(words: readonly string[], department: DepartmentMatch): boolean {
  return words.every((w) => classify(w) !== 'significant' || department.covered.has(stemOf(w)));
}
