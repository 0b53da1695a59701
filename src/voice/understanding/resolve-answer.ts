import type { Product } from '../../store/schemas.js';
import { readCallerQuery } from './caller-query.js';
import type { Clarification } from './clarification.js';
import { normaliseTokens } from './normalise.js';
import { sizesOfName } from './product-text.js';
import type { ProductIndex } from './product-index.js';
import { extremeBySize, relativeSizeAsked } from './relative-size.js';
import { readSizes, sameSize } from './sizes.js';
import type { Token } from './tokenise.js';
import { stemOf } from './terms.js';

/**
 * The caller's answer to "which one?", read against the products just named: by place
 * ("the second one", "the last one", "2"), by size ("the big one", "24", "the 12 ounce"),
 * or by a word only one of them has ("the creamy one", "the Purina"). Undefined when the
 * answer picks none of them (then it is understood as a new request).
 */
export type Resolution = { kind: 'chosen'; product: Product } | { kind: 'narrowed'; products: Product[] } | { kind: 'declined' };

const ORDINALS = new Map<string, number>([
  ['first', 0], ['1st', 0], ['second', 1], ['2nd', 1], ['third', 2], ['3rd', 2], ['fourth', 3], ['4th', 3], ['fifth', 4], ['5th', 4],
  ['former', 0],
]);
const LAST_WORDS = new Set(['last', 'latter', 'final']);
const DECLINE_CORE = new Set(['no', 'nope', 'nah', 'neither', 'none', 'nevermind', 'never']);
const DECLINE_WORDS = new Set([...DECLINE_CORE, 'of', 'them', 'one', 'ones', 'either', 'thanks', 'thank', 'you', 'mind', 'ok', 'okay', 'actually', 'i', 'dont', 'want', 'need', 'those', 'not', 'right', 'now']);
const YES_WORDS = new Set(['yes', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'please', 'that', 'one', 'it', 'fine', 'great', 'perfect', 'thats', 'the', 'will', 'do', 'id', 'like', 'take']);

export function resolveAnswer(tokens: readonly Token[], asked: Clarification, index: ProductIndex): Resolution | undefined {
  const words = tokens.map((t) => t.text);
  if (words.length === 0) return undefined;
  if (words.every((w) => DECLINE_WORDS.has(w)) && words.some((w) => DECLINE_CORE.has(w))) return { kind: 'declined' };

  const named = asked.candidates
    .map((c) => ({ slot: index.slotOf(c.id) }))
    .filter((c): c is { slot: number } => c.slot !== undefined && index.products[c.slot] !== undefined)
    .map(({ slot }) => ({ slot, product: index.products[slot] as Product }));
  if (named.length === 0) return undefined;
  const chosen = (i: number): Resolution | undefined => (named[i] ? { kind: 'chosen', product: named[i].product } : undefined);

  // "Yes" to a question about one alternative ("we have it in 10 foot").
  if (named.length === 1 && words.every((w) => YES_WORDS.has(w))) return chosen(0);

  const sizes = named.map((c) => sizesOfName(c.product.name).sizes);
  const said = readSizes(tokens, false);
  // "The 24 ounce", "12 pack", "the 10 foot".
  if (said.sizes.length > 0) {
    const fits = named.map((_, i) => said.sizes.every((s) => sizes[i].some((own) => sameSize(s, own))));
    if (fits.filter(Boolean).length === 1) return chosen(fits.indexOf(true));
  }
  // "24": the amount of a size only one of them has.
  const numbers = words.filter((w, i) => /^\d+(\.\d+)?$/.test(w) && !said.consumed[i]).map(Number);
  if (numbers.length === 1) {
    const bySize = named.map((_, i) => sizes[i].some((s) => Math.abs(s.amount - numbers[0]) < 1e-9));
    if (bySize.filter(Boolean).length === 1) return chosen(bySize.indexOf(true));
  }
  // "The creamy one", "Step 2", "91", "No pulp".
  const byWords = byDistinctWords(tokens, named, index);
  if (byWords) return byWords;
  // "The second one", "the last one", "2".
  for (const w of words) {
    const place = ORDINALS.get(w);
    if (place !== undefined) return chosen(place);
    if (LAST_WORDS.has(w)) return chosen(named.length - 1);
  }
  if (numbers.length === 1 && Number.isInteger(numbers[0]) && numbers[0] >= 1 && numbers[0] <= named.length) return chosen(numbers[0] - 1);
  // "The big one", "the longer one".
  const which = relativeSizeAsked(words);
  if (which) {
    const extreme = extremeBySize(sizes, which);
    if (extreme !== undefined) return chosen(extreme);
  }
  return undefined;
}

/** Words of an answer that pick nothing: "the one", "I'll take", "please". */
const ANSWER_FILLER = new Set(['the', 'a', 'an', 'one', 'ones', 'please', 'i', 'ill', 'id', 'want', 'like', 'would', 'take', 'yes', 'yeah', 'ok', 'okay', 'that', 'this', 'kind', 'type', 'get', 'go', 'with', 'lets', 'do', 'um', 'uh', 'oh', 'just', 'give', 'me', 'how', 'about', 'what', 'is', 'it']);

/**
 * "The creamy one", "No pulp", "the Vital Farms": the candidates whose names have the caller's
 * words, counting only words that not all of them share. One → chosen; fewer than named →
 * narrowed (the caller is asked again among those). Near words are tried when no word is exact.
 */
function byDistinctWords(tokens: readonly Token[], named: { slot: number; product: Product }[], index: ProductIndex): Resolution | undefined {
  const said = [...new Set(tokens.map((t) => t.text).filter((w) => !ANSWER_FILLER.has(w)).map(stemOf))];
  if (said.length === 0) return undefined;
  // "91%" is read as "91percent": the number alone names it too.
  const names = named.map(({ product }) => new Set(normaliseTokens(product.name).flatMap((t) => [stemOf(t.text), t.text.replace(/percent$/, '')])));
  const telling = said.filter((stem) => !names.every((n) => n.has(stem)));
  let hits = names.map((n) => telling.filter((stem) => n.has(stem)).length);
  if (Math.max(...hits) === 0) {
    const query = readCallerQuery(tokens, index);
    hits = named.map(({ slot }) => {
      const words = new Set<number>();
      for (const term of query.terms) {
        if (query.words[term.from].role === 'stop') continue;
        if (index.rolesOf(slot, term.id) !== 0) for (let i = term.from; i < term.to; i++) words.add(i);
      }
      return words.size;
    });
    // Near words only count when they tell the candidates apart.
    if (hits.every((h) => h === hits[0])) return undefined;
  }
  const best = Math.max(...hits);
  if (best === 0) return undefined;
  const winners = named.filter((_, i) => hits[i] === best).map((c) => c.product);
  if (winners.length === 1) return { kind: 'chosen', product: winners[0] };
  return winners.length < named.length ? { kind: 'narrowed', products: winners } : undefined;
}
