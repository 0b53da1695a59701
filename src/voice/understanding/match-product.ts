import type { Product } from '../../store/schemas.js';
import { editDistance } from './edit-distance.js';
import { byNameLength, type ProductIndex } from './product-index.js';
import { classify, isNumber, phoneticKeys, stemOf } from './terms.js';

export type ProductMatch =
  | { kind: 'found'; product: Product }
  | { kind: 'ambiguous'; products: Product[] }
  | { kind: 'not_found' };

export interface ProductSearch {
  match: ProductMatch;
  /** Significant words in the query, and how many of them the catalogue knows at all. */
  significant: number;
  known: number;
}

/** How far ahead the best product must be to be named alone; the runner-up within it is named too. */
const CLEAR_LEAD = 0.5;
const WEIGHT_EXACT = 1;
const WEIGHT_TYPO = 0.8;
const WEIGHT_SOUND = 0.7;
/** Sizes and vague words only help choose; a size number said ("the 12 pack") helps most. */
const WEIGHT_SIZE_NUMBER = 0.5;
const WEIGHT_SOFT = 0.15;

/** A heard word and the stems (by number) it may stand for, with how sure we are of each. */
interface Resolved {
  ids: number[];
  weights: number[];
}

/**
 * Find the product a caller means. Candidates come from the postings of the query's rarest
 * word; a product qualifies only if it has every significant query word (so "almond milk"
 * never answers with cow's milk) and the query names the thing it is (its head noun, or one
 * of its keywords in full), so "chicken" does not answer with chicken noodle soup.
 */
export function matchProduct(words: readonly string[], index: ProductIndex): ProductSearch {
  const significant = words.filter((w) => classify(w) === 'significant');
  if (significant.length === 0) return { match: NOT_FOUND, significant: 0, known: 0 };
  const resolved = significant.map((w) => resolveWord(w, index));
  let known = 0;
  for (const r of resolved) if (r.ids.length > 0) known++;
  if (known < significant.length) return { match: NOT_FOUND, significant: significant.length, known };

  const soft: Resolved = { ids: [], weights: [] };
  for (const w of words) {
    if (classify(w) !== 'soft') continue;
    const id = index.stemIds.get(stemOf(w));
    if (id === undefined || soft.ids.includes(id)) continue;
    soft.ids.push(id);
    soft.weights.push(isNumber(w) ? WEIGHT_SIZE_NUMBER : WEIGHT_SOFT);
  }
  const scratch = scratchFor(resolved.reduce((n, r) => n + r.ids.length, 0));
  let best = -1;
  let bestScore = -Infinity;
  let second = -1;
  let secondScore = -Infinity;
  const bound = boundFor(resolved, soft);
  const seed = seedPositions(resolved, index);
  for (let i = 0; i < seed.length; i++) {
    // A common word in a big catalogue has a thousand candidates. Those that can at best tie
    // the runner-up change nothing; candidates come shortest name first, so once even the
    // loosest bound for this name length is out of reach, so is every candidate after it.
    if (second >= 0) {
      const nameLength = index.nameStart[seed[i] + 1] - index.nameStart[seed[i]];
      if (nameLength > 0 && outOfReach(lengthBound(nameLength, bound), secondScore)) break;
      if (outOfReach(upperBound(index, seed[i], bound), secondScore)) continue;
    }
    const score = scoreAt(index, seed[i], resolved, soft, scratch);
    if (Number.isNaN(score)) continue;
    if (score > bestScore) {
      second = best;
      secondScore = bestScore;
      best = seed[i];
      bestScore = score;
    } else if (score > secondScore) {
      second = seed[i];
      secondScore = score;
    }
  }
  let match: ProductMatch;
  if (best < 0) match = NOT_FOUND;
  else if (second < 0 || bestScore - secondScore >= CLEAR_LEAD) match = { kind: 'found', product: index.products[best] };
  else match = { kind: 'ambiguous', products: [index.products[best], index.products[second]] };
  return { match, significant: significant.length, known };
}

const NOT_FOUND: ProductMatch = Object.freeze({ kind: 'not_found' });

/** One scratch buffer for every search (searches never overlap: they are synchronous). */
let sharedScratch: Scratch = { matched: new Int32Array(16), count: 0 };

function scratchFor(size: number): Scratch {
  if (sharedScratch.matched.length < size) sharedScratch = { matched: new Int32Array(size * 2), count: 0 };
  sharedScratch.count = 0;
  return sharedScratch;
}

/** The stems a heard word may stand for: itself, else dictionary words a typo or a sound away. */
function resolveWord(word: string, index: ProductIndex): Resolved {
  const stem = stemOf(word);
  const exact = index.stemIds.get(stem);
  if (exact !== undefined && index.postings.has(exact)) return { ids: [exact], weights: [WEIGHT_EXACT] };
  const found = new Map<number, number>();
  if (/\d/.test(word)) return { ids: [], weights: [] };
  const add = (candidate: string, weight: number) => {
    const id = index.stemIds.get(candidate);
    if (id !== undefined && index.postings.has(id) && !found.has(id)) found.set(id, weight);
  };
  if (stem.length >= 5) {
    for (const near of index.neighbours.near(stem, stem.length >= 8 ? 2 : 1)) {
      // Misheard words keep their first sound: "goats" is not "oats".
      if (near[0] === stem[0]) add(near, WEIGHT_TYPO);
    }
  }
  if (word.length >= 4) {
    const limit = Math.max(2, Math.floor(stem.length / 3));
    for (const key of phoneticKeys(word)) {
      for (const candidate of index.phonetic.get(key) ?? []) {
        if (editDistance(stem, candidate, limit) <= limit) add(candidate, WEIGHT_SOUND);
      }
    }
  }
  return { ids: [...found.keys()], weights: [...found.values()] };
}

/**
 * Where to look: the postings of the query's rarest word. Products among them that lack
 * another query word are dropped by scoreAt, in the same pass.
 */
function seedPositions(resolved: Resolved[], index: ProductIndex): ArrayLike<number> {
  const lists = resolved.map((r) => r.ids.map((id) => index.postings.get(id) as Int32Array));
  const sizes = lists.map((l) => l.reduce((n, p) => n + p.length, 0));
  const rarest = lists[sizes.indexOf(Math.min(...sizes))];
  if (rarest.length === 1) return rarest[0];
  const nameLength = (p: number) => index.nameStart[p + 1] - index.nameStart[p];
  return Int32Array.from(new Set(rarest.flatMap((l) => [...l]))).sort(byNameLength(nameLength));
}

function hasTerm(index: ProductIndex, position: number, id: number): boolean {
  const { terms } = index;
  for (let i = index.termStart[position], end = index.termStart[position + 1]; i < end; i++) {
    if (terms[i] === id) return true;
    if (terms[i] > id) return false; // sorted
  }
  return false;
}

interface Bound {
  /** Best possible word score (every word at its surest reading). */
  words: number;
  /** Most stems one product can match; keywords and names longer than this cannot be matched in full. */
  maxMatched: number;
  soft: number;
}

function boundFor(resolved: Resolved[], soft: Resolved): Bound {
  return {
    words: resolved.reduce((sum, r) => sum + Math.max(...r.weights), 0),
    maxMatched: resolved.reduce((sum, r) => sum + r.ids.length, 0),
    soft: soft.weights.reduce((sum, w) => sum + w, 0),
  };
}

/** Never below the score scoreAt would give, from lengths alone: a few array reads. */
function upperBound(index: ProductIndex, p: number, bound: Bound): number {
  const nameLength = index.nameStart[p + 1] - index.nameStart[p];
  const keyword = (index.keywordLengths[p] & ((2 << Math.min(bound.maxMatched, 30)) - 1)) !== 0 ? 1 : 0;
  return boundFrom(nameLength, keyword, bound);
}

/** The same bound for any product whose name has `nameLength` stems (≥ 1); it only falls as names get longer. */
function lengthBound(nameLength: number, bound: Bound): number {
  return boundFrom(nameLength, 1, bound);
}

function boundFrom(nameLength: number, keyword: number, bound: Bound): number {
  const coverage = nameLength > 0 ? Math.min(1, bound.maxMatched / nameLength) : 0;
  const nameExact = nameLength <= bound.maxMatched ? 1 : 0;
  return bound.words + coverage + keyword + nameExact + 0.5 + bound.soft;
}

/** A candidate that can at best tie the runner-up (to rounding) cannot change the answer: only a higher score moves it. */
function outOfReach(upper: number, secondScore: number): boolean {
  return upper <= secondScore + 1e-9;
}

interface Scratch {
  /** Stems this product matched; only the first `count` entries are in use. */
  matched: Int32Array;
  count: number;
}

function isMatched(scratch: Scratch, id: number): boolean {
  for (let i = 0; i < scratch.count; i++) if (scratch.matched[i] === id) return true;
  return false;
}

/**
 * Higher is better; NaN when the product lacks a query word or does not qualify. Runs for
 * every candidate (a thousand for a common word in a big catalogue), so it allocates nothing.
 */
function scoreAt(index: ProductIndex, p: number, resolved: Resolved[], soft: Resolved, scratch: Scratch): number {
  scratch.count = 0;
  let wordScore = 0;
  for (const r of resolved) {
    let best = 0;
    for (let i = 0; i < r.ids.length; i++) {
      const id = r.ids[i];
      if (!hasTerm(index, p, id)) continue;
      if (!isMatched(scratch, id)) scratch.matched[scratch.count++] = id;
      if (r.weights[i] > best) best = r.weights[i];
    }
    if (best === 0) return NaN;
    wordScore += best;
  }

  let keywordFull = false;
  let keywordExact = false;
  const { keywords, keywordStart } = index;
  for (let k = index.productKeywords[p], end = index.productKeywords[p + 1]; k < end; k++) {
    let all = true;
    for (let i = keywordStart[k]; i < keywordStart[k + 1] && all; i++) all = isMatched(scratch, keywords[i]);
    if (!all) continue;
    keywordFull = true;
    if (keywordStart[k + 1] - keywordStart[k] === scratch.count) keywordExact = true;
  }
  const head = index.head[p];
  const headMatched = head >= 0 && isMatched(scratch, head);
  if (!headMatched && !keywordFull) return NaN;

  const nameFrom = index.nameStart[p];
  const nameLength = index.nameStart[p + 1] - nameFrom;
  let nameHits = 0;
  for (let i = nameFrom; i < nameFrom + nameLength; i++) if (isMatched(scratch, index.names[i])) nameHits++;
  const coverage = nameLength > 0 ? nameHits / nameLength : 0;
  const nameExact = nameHits === nameLength && scratch.count === nameLength;
  let softScore = 0;
  for (let i = 0; i < soft.ids.length; i++) if (hasTerm(index, p, soft.ids[i])) softScore += soft.weights[i];
  return wordScore + coverage + (keywordExact ? 1 : 0) + (nameExact ? 1 : 0) + (headMatched ? 0.5 : 0) + softScore;
}
