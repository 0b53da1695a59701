import type { Department, Product } from '../../store/schemas.js';
import {
  asksForAddress,
  asksForCoupons,
  asksForOperator,
  asksForTransfer,
  type HoursRequest,
  hoursRequest,
  isGoodbye,
  isMore,
  productQuery,
  spokenDigits,
} from './intents.js';
import { type DepartmentMatch, matchDepartment, matchMisheardDepartment } from './match-department.js';
import { matchProduct, type ProductMatch } from './match-product.js';
import { normaliseText, stripFiller, tokensOf } from './normalise.js';
import { productIndexFor } from './product-index.js';
import { classify, stemOf } from './terms.js';

export interface Catalogue {
  departments: readonly Department[];
  inventory: readonly Product[];
  operatorExtension: string;
}

/** What Twilio reports for one turn: the recognised speech and/or keyed digits. */
export interface CallerWords {
  speech?: string;
  digits?: string;
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
  | { intent: 'product'; query: string; match: ProductMatch };

export type Intent = Understanding['intent'];

/**
 * Built-in understanding of one caller turn: no network, no model, a few microseconds.
 * The order matters: ending the call and asking for a person come before anything that
 * could mistake those words for a product.
 */
export function understand(words: CallerWords, catalogue: Catalogue): Understanding {
  const digits = (words.digits ?? '').replace(/\D/g, '');
  if (digits) return fromDigits(digits, catalogue);

  const raw = normaliseText(words.speech ?? '');
  if (raw === '') return { intent: 'no_input' };
  const rawWords = tokensOf(raw);
  if (isGoodbye(raw, rawWords)) return { intent: 'goodbye' };
  if (isMore(raw)) return { intent: 'more' };
  const text = stripFiller(raw, rawWords);
  if (text === '') return { intent: 'not_understood' };
  const textWords = tokensOf(text);
  const said = spokenDigits(text, textWords);
  if (said) return fromDigits(said, catalogue);

  const department = matchDepartment(textWords, catalogue.departments);
  if (!department && asksForOperator(text)) return { intent: 'operator' };
  const hours = hoursRequest(text);
  if (hours) return { intent: 'hours', request: hours };
  if (asksForAddress(text)) return { intent: 'address' };
  if (asksForCoupons(text)) return { intent: 'coupons' };
  if (department && asksForTransfer(text)) return toDepartment(department);

  const query = productQuery(text);
  const queryWords = tokensOf(query.text);
  // "The bakery, please": nothing asked for beyond the department's own name.
  if (department?.via === 'name' && coveredBy(queryWords, department)) return toDepartment(department);

  const search = matchProduct(queryWords, productIndexFor(catalogue.inventory));
  if (search.match.kind !== 'not_found') return { intent: 'product', query: spokenQuery(query.text), match: search.match };
  if (!department && asksForOperator(text, 'vaguely')) return { intent: 'operator' };
  // "I need a refill" names no product but a department's keyword; "do you have fish sticks"
  // must not become a transfer just because "fish" is a keyword, so questions need full cover.
  if (department && (query.kind !== 'question' || coveredBy(queryWords, department))) return toDepartment(department);
  const misheard = matchMisheardDepartment(queryWords, catalogue.departments);
  if (misheard && (query.kind !== 'question' || coveredBy(queryWords, misheard))) return toDepartment(misheard);
  if (search.significant === 0) return { intent: 'not_understood' };
  // A bare phrase counts as a product request only if it looks like one ("almond milk", not a long sentence).
  const looksLikeProduct = search.known > 0 && search.significant <= 4 && search.known * 2 >= search.significant;
  if (query.kind !== 'bare' || looksLikeProduct) return { intent: 'product', query: spokenQuery(query.text), match: search.match };
  return { intent: 'not_understood' };
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

/** Back from the matching form to words that read aloud: "2percent" → "2 percent", "aa" → "AA". */
export function spokenQuery(query: string): string {
  if (!query.includes('percent') && !query.includes('aa')) return query;
  return query
    .replace(/\b(\d+(?:\.\d+)?)percent\b/g, '$1 percent')
    .replace(/\baaa\b/g, 'AAA')
    .replace(/\baa\b/g, 'AA');
}
