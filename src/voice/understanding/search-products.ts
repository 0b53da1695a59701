import type { Product } from '../../store/schemas.js';
import { type CallerQuery, readCallerQuery } from './caller-query.js';
import { normaliseTokens } from './normalise.js';
import type { ProductIndex } from './product-index.js';
import { type Candidate, saidStems, ScoreScratch, scoreProduct } from './score-product.js';
import { type Dimension, dimensionWithin, type Size, sameSize } from './sizes.js';
import { stemOf } from './terms.js';
import type { Token } from './tokenise.js';
import { comparableKinds } from './units.js';
import { extremeBySize, relativeSizeAsked } from './relative-size.js';

/**
 * From scored candidates to what the line does: one product named → answer it; two or
 * three close → ask which; more → say how many and ask for a detail; a brand alone → say
 * how many of its products there are, with examples; the size asked is not carried → say
 * which sizes there are; nothing qualifies → not found.
 */
export type ProductMatch =
  | { kind: 'found'; product: Product }
  | { kind: 'choose'; products: Product[] }
  /** `what`: what they all are, in the caller's own words that they have ("cheese", not "cheese its"). */
  | { kind: 'detail'; products: Product[]; total: number; what?: string }
  | { kind: 'brand'; brand: string; products: Product[]; total: number }
  | { kind: 'size'; products: Product[]; asked: Size | Dimension }
  | { kind: 'not_found' };

export interface ProductSearch {
  match: ProductMatch;
  /** Main words in the query, how many of them the catalogue knows at all, and how many as said. */
  significant: number;
  known: number;
  exactly: number;
  /** The best candidates, best first, for the debug log. */
  candidates: Candidate[];
  query: CallerQuery;
}

/** How far ahead the best product must be to be named alone; the others within it are close. */
export const CLEAR_LEAD = 0.5;
const BRAND_EXAMPLES = 2;
const DETAIL_EXAMPLES = 3;
const MAX_SIZES_NAMED = 6;
/** Products a word only describes, before "we have N kinds of …" is a fair answer. */
const RELATED_AT_LEAST = 4;
const EXPLAIN = 5;

const scratch = new ScoreScratch();

export function searchProducts(tokens: readonly Token[], index: ProductIndex): ProductSearch {
  const search = searchAs(readCallerQuery(tokens, index), index);
  // "I need some caulk for the bathtub, the GE silicone": nothing (or too much) for the first
  // words, so the words after them may be the product and the first ones what it is for.
  if ((search.match.kind === 'not_found' || search.match.kind === 'detail') && search.query.words.some((w) => w.role === 'context')) {
    const turned = searchAs(readCallerQuery(tokens, index, true), index);
    if (turned.match.kind !== 'not_found' && turned.match.kind !== 'detail') return turned;
  }
  return search;
}

function searchAs(query: CallerQuery, index: ProductIndex): ProductSearch {
  const significant = query.main.length;
  let known = 0;
  let exactly = 0;
  for (const i of query.main) {
    if (query.terms.some((t) => t.from <= i && i < t.to)) known++;
    // A word of a product the store keeps but does not offer now counts: "Christmas tree" is not found, not gibberish.
    if (query.terms.some((t) => t.from <= i && i < t.to && t.exact) || index.knowsInactive(query.words[i].stem)) exactly++;
  }
  const ranked = rankCandidates(query, index);
  return { match: decide(ranked, query, index), significant, known, exactly, candidates: ranked.slice(0, EXPLAIN), query };
}

/**
 * Every qualifying product, best first. Only products that have the caller's main words, or
 * all but the last one or two, are scored (see scoreProduct): which words each has is read
 * from the postings first, a few steps per product where scoring one costs a microsecond.
 * `everyProduct` scores the whole catalogue instead, which the tests use to check that this
 * pruning loses nothing.
 */
export function rankCandidates(query: CallerQuery, index: ProductIndex, everyProduct = false): Candidate[] {
  if (query.main.length === 0) return [];
  scratch.prepare(query, index);
  const found: Candidate[] = [];
  const consider = (slot: number) => {
    const candidate = scoreProduct(index, slot, query, scratch);
    if (candidate) found.push(candidate);
  };
  if (everyProduct) {
    for (const slot of index.liveSlots()) consider(slot);
  } else {
    const queryTerms = new Set(query.terms.map((t) => t.id));
    for (const slot of mainWords.collect(query, index)) if (couldQualify(mainWords.masks[slot], query, queryTerms, index, slot)) consider(slot);
  }
  return ranked(found);
}

/** Per product slot, which of the caller's main words it has (bits by place in `main`); only slots `collect` returned are meaningful. */
class MainWordMasks {
  masks = new Uint32Array(1024);
  private stamps = new Uint32Array(1024);
  private epoch = 0;

  /** The live products that have at least one of the main words, masks filled in. */
  collect(query: CallerQuery, index: ProductIndex): number[] {
    if (this.stamps.length < index.products.length) {
      this.stamps = new Uint32Array(index.products.length * 2);
      this.masks = new Uint32Array(index.products.length * 2);
      this.epoch = 0;
    }
    this.epoch = this.epoch === 0xffffffff ? 1 : this.epoch + 1;
    if (this.epoch === 1) this.stamps.fill(0);
    const { stamps, masks, epoch } = this;
    const products = index.products;
    const touched: number[] = [];
    for (let m = 0; m < query.main.length; m++) {
      const i = query.main[m];
      const bit = m < 31 ? 1 << m : 0;
      for (const term of query.terms) {
        if (term.from > i || i >= term.to) continue;
        for (const slot of index.postings[term.id]) {
          if (stamps[slot] !== epoch) {
            if (products[slot] === undefined) continue; // removed (a plain comparison: it never reads the record)
            stamps[slot] = epoch;
            masks[slot] = 0;
            touched.push(slot);
          }
          masks[slot] |= bit;
        }
      }
    }
    return touched;
  }
}

const mainWords = new MainWordMasks();

/**
 * scoreProduct's first rules, on the mask alone: every main word, or all but the last one or
 * two. Where only the first of several was matched, or a missing word is one the store uses
 * but not as what a product is (a flavour, not a kind), it qualifies only when all its name
 * was said, so every word of its name must be among the query's terms. (Past 31 main words,
 * everything is scored.)
 */
function couldQualify(mask: number, query: CallerQuery, queryTerms: ReadonlySet<number>, index: ProductIndex, slot: number): boolean {
  const words = query.main.length;
  if (words > 31) return true;
  const matched = bitCount(mask);
  if (matched === words) return true;
  if (mask !== (1 << matched) - 1 || words - matched > 2) return false;
  let wholeNameNeeded = matched < 2;
  for (let m = matched; m < words && !wholeNameNeeded; m++) wholeNameNeeded = scratch.known[query.main[m]] === 1;
  if (!wholeNameNeeded) return true;
  const data = index.pool.data;
  const nameAt = index.start.data[slot] + 1 + data[index.start.data[slot]] * 2;
  for (let j = nameAt + 1; j <= nameAt + data[nameAt]; j++) if (!queryTerms.has(data[j])) return false;
  return true;
}

/** Best first; equal scores by shorter name, then id, so the order never depends on where a product sits in the index. */
function ranked(candidates: Candidate[]): Candidate[] {
  return candidates.sort((a, b) => b.score - a.score || a.nameLength - b.nameLength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function decide(all: Candidate[], query: CallerQuery, index: ProductIndex): ProductMatch {
  if (all.length === 0) return NOT_FOUND;
  // Everything said beats a product that lacks a trailing kind word ("Purina cat food" is not Dog Chow).
  const fewestMissing = Math.min(...all.map((c) => c.missing));
  let pool = all.filter((c) => c.missing === fewestMissing);
  // Said right beats a near word ("Pampers" is not "paper", "Phillips screwdriver" never offers
  // the Philips bulbs): a near-word match stays only if it covers more of what was said.
  const exactCover = Math.max(...pool.map((c) => (c.exact ? c.matched : -1)));
  if (exactCover >= 0) pool = pool.filter((c) => c.exact || c.matched > exactCover);
  // More of what was said of the thing itself beats less: the words asked for, and those said
  // after a pause to pin it down (not what it is for). "Ink for my HP printer, the 962 XL black"
  // is the HP 962XL cartridge, not a bottle whose name happens to lead with ink.
  let pinned = 0;
  query.words.forEach((w, i) => {
    if (i < 31 && (w.role === 'main' || (w.role === 'context' && w.aside))) pinned |= 1 << i;
  });
  const mostSaid = Math.max(...pool.map((c) => bitCount(c.said & pinned)));
  pool = pool.filter((c) => bitCount(c.said & pinned) === mostSaid);
  // Then the product itself named beats a line word, which beats a brand named: "chicken" is
  // Rotisserie Chicken, not every chicken soup; "drywall" the panels, not the drywall screws.
  const tier = (['name', 'line', 'lead', 'related'] as const).find((t) => pool.some((c) => c.tier === t)) ?? 'related';
  pool = pool.filter((c) => c.tier === tier);
  const brandOnly = tier === 'lead';
  // "Do you have allergy medicine?": many products are for allergies, none is "allergy". Ask for a
  // detail when there are several and the word is theirs as said ("peanuts" is not "Peanut Butter").
  if (tier === 'related') {
    const said = query.words[query.main[0]]?.text ?? '';
    if (pool.length < RELATED_AT_LEAST || !normaliseTokens(pool[0].product.name).some((t) => t.text === said)) return NOT_FOUND;
    return { kind: 'detail', products: pool.slice(0, DETAIL_EXAMPLES).map((c) => c.product), total: pool.length, what: sharedWords(pool, query) };
  }

  const asked = [...query.sizes, ...query.dimensions];
  if (asked.length > 0) {
    const fits = pool.map((c) => sizeFit(index, c.slot, query));
    const matching = pool.filter((_, i) => fits[i] === 'match');
    const other = pool.filter((_, i) => fits[i] === 'mismatch');
    if (matching.length > 0) pool = matching;
    else if (other.length > 0) return { kind: 'size', products: bySize(other, index, asked[0]).slice(0, MAX_SIZES_NAMED), asked: asked[0] };
  }
  // "Pampers size 4", "Tylenol 650", "five eighths drywall": a number the caller said that some
  // of them carry, in their name or as the amount of a size, picks those.
  for (const word of query.words) {
    if (word.role !== 'soft' || !/^\d+(\.\d+)?$/.test(word.text)) continue;
    const id = index.liveTerm(word.stem);
    const amount = Number(word.text);
    const carrying = pool.filter((c) => (id !== undefined && index.rolesOf(c.slot, id) !== 0) || index.sizesOf(c.slot).some((s) => Math.abs(s.amount - amount) < 1e-9));
    if (carrying.length > 0) pool = carrying;
  }

  const best = pool[0].score;
  let close = pool.filter((c) => c.score >= best - CLEAR_LEAD);
  // "The small Master Lock padlock", "ScotchBlue tape, the wide one".
  const which = relativeSizeAsked(query.words.filter((w) => w.role !== 'main').map((w) => w.text));
  if (which && close.length > 1) {
    const extreme = extremeBySize(close.map((c) => index.sizesOf(c.slot)), which);
    if (extreme !== undefined) close = [close[extreme]];
  }
  // A size was said that the one product found does not state ("0.5 mg melatonin gummies"):
  // say what there is rather than answer as if it were the size asked for.
  const hardAsked = query.sizes.some((s) => s.unit.kind !== 'fit') || query.dimensions.length > 0;
  if (close.length === 1 && hardAsked && sizeFit(index, close[0].slot, query) !== 'match') {
    return { kind: 'size', products: [close[0].product], asked: [...query.sizes.filter((s) => s.unit.kind !== 'fit'), ...query.dimensions][0] };
  }
  if (brandOnly) {
    // "Gatorade, the fruit punch": a brand with a detail that picks one of its products; two or
    // three named ("Frontline for dogs") are a question naming them; more, the count and examples.
    if (close.length === 1) return { kind: 'found', product: close[0].product };
    if (close.length <= 3) return { kind: 'choose', products: close.map((c) => c.product) };
    return { kind: 'brand', brand: brandText(pool[0], index), products: close.slice(0, BRAND_EXAMPLES).map((c) => c.product), total: close.length };
  }
  if (close.length === 1) return { kind: 'found', product: close[0].product };
  if (close.length <= 3) return { kind: 'choose', products: close.map((c) => c.product) };
  return { kind: 'detail', products: close.slice(0, DETAIL_EXAMPLES).map((c) => c.product), total: close.length, what: sharedWords(close, query) };
}

const NOT_FOUND: ProductMatch = Object.freeze({ kind: 'not_found' });

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits; b !== 0; b &= b - 1) n++;
  return n;
}

/** The caller's words that all these products have, in the order said: what "we have 40 kinds of …" is about. */
function sharedWords(candidates: readonly Candidate[], query: CallerQuery): string | undefined {
  let shared = -1;
  for (const c of candidates) shared &= c.said;
  const words = query.words.filter((w, i) => w.role === 'main' && i < 31 && shared & (1 << i)).map((w) => w.text);
  return words.length > 0 ? words.join(' ') : undefined;
}

type Fit = 'match' | 'mismatch' | 'none';

/**
 * Does the product come in the size the caller said? 'match': every size and dimension said
 * is one it has; 'mismatch': it has another of the same kind; 'none': it does not say.
 */
export function sizeFit(index: ProductIndex, slot: number, query: CallerQuery): Fit {
  // A fit ("medium") only counts where the product has one: "Medium Cheddar" names a cheese, not a size.
  let asked = query.dimensions.length;
  let matched = 0;
  let fitMatched = false;
  if (query.sizes.length > 0) {
    const sizes = index.sizesOf(slot);
    for (const size of query.sizes) {
      const fit = size.unit.kind === 'fit';
      if (!fit) asked++;
      const comparable = sizes.filter((s) => comparableKinds(s.unit.kind, size.unit.kind));
      if (comparable.length === 0) continue;
      if (!comparable.some((s) => sameSize(size, s))) return 'mismatch';
      if (fit) fitMatched = true;
      else matched++;
    }
  }
  if (query.dimensions.length > 0) {
    const dimensions = index.dimensionsOf(slot);
    for (const dimension of query.dimensions) {
      if (dimensions.length === 0) continue;
      if (!dimensions.some((d) => dimensionWithin(dimension, d))) return 'mismatch';
      matched++;
    }
  }
  if (asked > 0) return matched === asked ? 'match' : 'none';
  return fitMatched ? 'match' : 'none';
}

/** The products in the sizes there are, smallest first (equal sizes in rank order). */
function bySize(candidates: Candidate[], index: ProductIndex, asked: Size | Dimension): Product[] {
  const valueOf = (c: Candidate) => {
    if ('values' in asked) return index.dimensionsOf(c.slot)[0]?.values.reduce((a, b) => a * 1000 + b, 0) ?? 0;
    return index.sizesOf(c.slot).find((s) => comparableKinds(s.unit.kind, asked.unit.kind))?.value ?? 0;
  };
  return candidates
    .map((c, rank) => ({ c, rank, value: valueOf(c) }))
    .sort((a, b) => a.value - b.value || a.rank - b.rank)
    .map(({ c }) => c.product);
}



/** The brand as the catalogue writes it ("Kellogg's"), from the words of the name that matched. */
function brandText(candidate: Candidate, index: ProductIndex): string {
  const stems = new Set(candidate.leadTerms.map((id) => index.termText[id]));
  const name = candidate.product.name;
  const hits = normaliseTokens(name).filter((t) => stems.has(stemOf(t.text)));
  if (hits.length === 0) return name;
  return name.slice(hits[0].start, hits[hits.length - 1].end);
}
