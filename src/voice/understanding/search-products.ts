import type { Product } from '../../store/schemas.js';
import { type CallerQuery, readCallerQuery } from './caller-query.js';
import { normaliseTokens } from './normalise.js';
import type { ProductIndex } from './product-index.js';
import { type Candidate, ScoreScratch, scoreProduct } from './score-product.js';
import { type Dimension, dimensionWithin, type Size, sameSize } from './sizes.js';
import { stemOf } from './terms.js';
import type { Token } from './tokenise.js';
import { comparableKinds } from './units.js';

/**
 * From scored candidates to what the line does: one product named → answer it; two or
 * three close → ask which; more → say how many and ask for a detail; a brand alone → say
 * how many of its products there are, with examples; the size asked is not carried → say
 * which sizes there are; nothing qualifies → not found.
 */
export type ProductMatch =
  | { kind: 'found'; product: Product }
  | { kind: 'choose'; products: Product[] }
  | { kind: 'detail'; products: Product[]; total: number }
  | { kind: 'brand'; brand: string; products: Product[]; total: number }
  | { kind: 'size'; products: Product[]; asked: Size | Dimension }
  | { kind: 'not_found' };

export interface ProductSearch {
  match: ProductMatch;
  /** Main words in the query, and how many of them the catalogue knows at all. */
  significant: number;
  known: number;
  /** The best candidates, best first, for the debug log. */
  candidates: Candidate[];
  query: CallerQuery;
}

/** How far ahead the best product must be to be named alone; the others within it are close. */
export const CLEAR_LEAD = 0.5;
const BRAND_EXAMPLES = 2;
const DETAIL_EXAMPLES = 3;
const MAX_SIZES_NAMED = 6;
const EXPLAIN = 5;

const scratch = new ScoreScratch();
let stamps = new Uint32Array(1024);
let epoch = 0;

export function searchProducts(tokens: readonly Token[], index: ProductIndex): ProductSearch {
  const query = readCallerQuery(tokens, index);
  const significant = query.main.length;
  let known = 0;
  for (const i of query.main) if (query.terms.some((t) => t.from <= i && i < t.to)) known++;
  const ranked = rankCandidates(query, index);
  return { match: decide(ranked, query, index), significant, known, candidates: ranked.slice(0, EXPLAIN), query };
}

/**
 * Every qualifying product, best first. Candidates come from the postings of the rarest
 * word a product must have (a product lacking it cannot qualify); `everyProduct` scores the
 * whole catalogue instead, which the tests use to check that this pruning loses nothing.
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
    const lists = seedLists(query, index);
    if (stamps.length < index.products.length) stamps = new Uint32Array(index.products.length * 2);
    epoch = epoch === 0xffffffff ? 1 : epoch + 1;
    if (epoch === 1) stamps.fill(0);
    for (const list of lists) {
      for (const slot of list) {
        if (stamps[slot] === epoch || !index.products[slot]) continue;
        stamps[slot] = epoch;
        consider(slot);
      }
    }
  }
  return ranked(found);
}

/** The postings of the required word with the fewest products (up to two trailing kind words may be missing, so they are never the seed). */
function seedLists(query: CallerQuery, index: ProductIndex): number[][] {
  const required = query.main.slice(0, Math.max(1, query.main.length - 2));
  let bestLists: number[][] = [];
  let bestSize = Infinity;
  for (const i of required) {
    const lists: number[][] = [];
    let size = 0;
    for (const term of query.terms) {
      if (term.from > i || i >= term.to) continue;
      lists.push(index.postings[term.id]);
      size += index.df[term.id];
    }
    if (size < bestSize) {
      bestSize = size;
      bestLists = lists;
    }
  }
  return bestLists;
}

/** Best first; equal scores by shorter name, then id, so the order never depends on where a product sits in the index. */
function ranked(candidates: Candidate[]): Candidate[] {
  return candidates.sort((a, b) => b.score - a.score || a.product.name.length - b.product.name.length || (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0));
}

function decide(all: Candidate[], query: CallerQuery, index: ProductIndex): ProductMatch {
  if (all.length === 0) return NOT_FOUND;
  // Everything said beats a product that lacks a trailing kind word ("Purina cat food" is not Dog Chow).
  const fewestMissing = Math.min(...all.map((c) => c.missing));
  let pool = all.filter((c) => c.missing === fewestMissing);
  // Said right beats a near word: "Phillips screwdriver" never offers the Philips bulbs too.
  const bestExact = Math.max(...pool.map((c) => (c.exact ? c.score : -Infinity)));
  if (bestExact > -Infinity) pool = pool.filter((c) => c.exact || c.score > bestExact);
  // The product itself named beats a brand named: "chicken" is Rotisserie Chicken, not every chicken soup.
  const brandOnly = !pool.some((c) => c.tier === 'name');
  if (!brandOnly) pool = pool.filter((c) => c.tier === 'name');

  const asked = [...query.sizes, ...query.dimensions];
  if (asked.length > 0) {
    const fits = pool.map((c) => sizeFit(index, c.slot, query));
    const matching = pool.filter((_, i) => fits[i] === 'match');
    const other = pool.filter((_, i) => fits[i] === 'mismatch');
    if (matching.length > 0) pool = matching;
    else if (other.length > 0) return { kind: 'size', products: bySize(other, index, asked[0]).slice(0, MAX_SIZES_NAMED), asked: asked[0] };
  }
  // "Pampers size 4", "the 40": a number the caller said that some of them carry picks those.
  const numbers = saidNumbers(query, index);
  if (numbers.length > 0) {
    const carrying = pool.filter((c) => numbers.every((id) => index.rolesOf(c.slot, id) !== 0));
    if (carrying.length > 0) pool = carrying;
  }

  if (brandOnly) {
    // "Gatorade, the fruit punch": a brand with a detail that picks one of its products.
    if (pool.length === 1 || pool[0].score - pool[1].score >= CLEAR_LEAD) return { kind: 'found', product: pool[0].product };
    return { kind: 'brand', brand: brandText(pool[0], index), products: pool.slice(0, BRAND_EXAMPLES).map((c) => c.product), total: pool.length };
  }
  const best = pool[0].score;
  const close = pool.filter((c) => c.score >= best - CLEAR_LEAD);
  if (close.length === 1) return { kind: 'found', product: close[0].product };
  if (close.length <= 3) return { kind: 'choose', products: close.map((c) => c.product) };
  return { kind: 'detail', products: close.slice(0, DETAIL_EXAMPLES).map((c) => c.product), total: close.length };
}

const NOT_FOUND: ProductMatch = Object.freeze({ kind: 'not_found' });

type Fit = 'match' | 'mismatch' | 'none';

/** Does the product come in the size the caller said? 'none': it has no size of that kind to compare. */
export function sizeFit(index: ProductIndex, slot: number, query: CallerQuery): Fit {
  let fit: Fit = 'none';
  if (query.sizes.length > 0) {
    const sizes = index.sizesOf(slot);
    for (const asked of query.sizes) {
      const comparable = sizes.filter((s) => comparableKinds(s.kind, asked.unit.kind));
      if (comparable.length === 0) continue;
      if (!comparable.some((s) => sameSize(asked, { value: s.value, amount: s.value, unit: { spoken: '', kind: s.kind, factor: 1 } }))) return 'mismatch';
      fit = 'match';
    }
  }
  if (query.dimensions.length > 0) {
    const dimensions = index.dimensionsOf(slot);
    if (dimensions.length > 0) {
      for (const asked of query.dimensions) {
        if (!dimensions.some((d) => dimensionWithin(asked, d))) return 'mismatch';
        fit = 'match';
      }
    }
  }
  return fit;
}

/** The products in the sizes there are, smallest first (equal sizes in rank order). */
function bySize(candidates: Candidate[], index: ProductIndex, asked: Size | Dimension): Product[] {
  const valueOf = (c: Candidate) => {
    if ('values' in asked) return index.dimensionsOf(c.slot)[0]?.values.reduce((a, b) => a * 1000 + b, 0) ?? 0;
    return index.sizesOf(c.slot).find((s) => comparableKinds(s.kind, asked.unit.kind))?.value ?? 0;
  };
  return candidates
    .map((c, rank) => ({ c, rank, value: valueOf(c) }))
    .sort((a, b) => a.value - b.value || a.rank - b.rank)
    .map(({ c }) => c.product);
}

/** Plain numbers the caller said (not sizes): catalogue terms, when the catalogue has them. */
function saidNumbers(query: CallerQuery, index: ProductIndex): number[] {
  const ids: number[] = [];
  for (const word of query.words) {
    if (word.role !== 'soft' || !/^\d/.test(word.text)) continue;
    const id = index.liveTerm(word.stem);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** The brand as the catalogue writes it ("Kellogg's"), from the words of the name that matched. */
function brandText(candidate: Candidate, index: ProductIndex): string {
  const stems = new Set(candidate.leadTerms.map((id) => index.termText[id]));
  const name = candidate.product.name;
  const hits = normaliseTokens(name).filter((t) => stems.has(stemOf(t.text)));
  if (hits.length === 0) return name;
  return name.slice(hits[0].start, hits[hits.length - 1].end);
}
