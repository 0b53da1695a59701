import { oncePerValue } from '../../shared/once-per-value.js';
import type { Product } from '../../store/schemas.js';
import { NeighbourIndex } from './edit-distance.js';
import { normaliseText, tokensOf } from './normalise.js';
import { classify, phoneticKeys, stemOf } from './terms.js';

/**
 * The live catalogue, indexed for the words callers use. Stems are numbered, and each
 * product's stems sit in flat Int32Arrays (a slice per product), so a 50,000-product
 * catalogue costs a few megabytes and scoring a candidate is a few integer comparisons.
 */
export interface ProductIndex {
  /** Active products only; a product's position is its number in the arrays below. */
  products: Product[];
  /** Stem → its number. */
  stemIds: Map<string, number>;
  /**
   * Significant stem number → positions of products holding it, shortest names first (then by
   * position): the products a query can cover best come first, so a search can stop early.
   */
  postings: Map<number, Int32Array>;
  /** Every non-stop stem of the name and keywords (sizes included), sorted: terms[termStart[p] .. termStart[p+1]). */
  terms: Int32Array;
  termStart: Int32Array;
  /** Distinct significant stems of the name: how much of the name a query covers. */
  names: Int32Array;
  nameStart: Int32Array;
  /** The name's head noun ("milk" in "Whole Milk, 1 Gallon"): what the product is; -1 if none. */
  head: Int32Array;
  /** Significant stems of each keyword phrase: keyword k is keywords[keywordStart[k] .. keywordStart[k+1]);
   *  product p owns keywords productKeywords[p] .. productKeywords[p+1]. */
  keywords: Int32Array;
  keywordStart: Int32Array;
  productKeywords: Int32Array;
  /** Bit n set: the product has a keyword of n significant stems (n ≤ 30). Lets a scorer bound a product's score cheaply. */
  keywordLengths: Int32Array;
  /** Stems filed under their one-letter deletions, for typos. */
  neighbours: NeighbourIndex;
  /** Double Metaphone code → stems of words that sound like it, for misheard words. */
  phonetic: Map<string, string[]>;
}

/**
 * The store hands out the same frozen inventory array until the file changes, so the index
 * is built once per inventory version and dropped with it.
 */
export const productIndexFor: (inventory: readonly Product[]) => ProductIndex = oncePerValue((inventory) => buildProductIndex(inventory));

export function buildProductIndex(inventory: readonly Product[]): ProductIndex {
  const products: Product[] = [];
  const stemIds = new Map<string, number>();
  const postingLists = new Map<number, number[]>();
  const neighbours = new NeighbourIndex();
  const phonetic = new Map<string, string[]>();
  const seenWords = new Set<string>();
  const terms: number[] = [];
  const termStart: number[] = [0];
  const names: number[] = [];
  const nameStart: number[] = [0];
  const head: number[] = [];
  const keywords: number[] = [];
  const keywordStart: number[] = [0];
  const productKeywords: number[] = [0];
  const keywordLengths: number[] = [];

  const idOf = (stem: string): number => {
    let id = stemIds.get(stem);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(stem, id);
    }
    return id;
  };
  const significantIds = (words: string[]) => [...new Set(words.filter((w) => classify(w) === 'significant').map((w) => idOf(stemOf(w))))];

  for (const product of inventory) {
    if (!product.active) continue;
    const position = products.length;
    products.push(product);
    const nameWords = tokensOf(normaliseText(product.name));
    const keywordWords = product.keywords.map((k) => tokensOf(normaliseText(k)));

    const productTerms = new Set<number>();
    for (const word of [...nameWords, ...keywordWords.flat()]) {
      const kind = classify(word);
      if (kind === 'stop') continue;
      const stem = stemOf(word);
      const id = idOf(stem);
      productTerms.add(id);
      if (kind !== 'significant') continue;
      const list = postingLists.get(id);
      if (!list) postingLists.set(id, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
      if (!seenWords.has(word)) {
        seenWords.add(word);
        fileWord(word, stem, neighbours, phonetic);
      }
    }
    terms.push(...[...productTerms].sort((a, b) => a - b));
    termStart.push(terms.length);
    names.push(...significantIds(nameWords));
    nameStart.push(names.length);
    const headIds = significantIds(tokensOf(normaliseText(product.name.split(',')[0])));
    head.push(headIds.length > 0 ? headIds[headIds.length - 1] : -1);
    let lengths = 0;
    for (const words of keywordWords) {
      const ids = significantIds(words);
      if (ids.length === 0) continue;
      keywords.push(...ids);
      keywordStart.push(keywords.length);
      lengths |= 1 << Math.min(ids.length, 30);
    }
    keywordLengths.push(lengths);
    productKeywords.push(keywordStart.length - 1);
  }

  const nameLength = (p: number) => nameStart[p + 1] - nameStart[p];
  const postings = new Map<number, Int32Array>();
  for (const [id, list] of postingLists) postings.set(id, Int32Array.from(list).sort(byNameLength(nameLength)));
  return {
    products,
    stemIds,
    postings,
    terms: Int32Array.from(terms),
    termStart: Int32Array.from(termStart),
    names: Int32Array.from(names),
    nameStart: Int32Array.from(nameStart),
    head: Int32Array.from(head),
    keywords: Int32Array.from(keywords),
    keywordStart: Int32Array.from(keywordStart),
    productKeywords: Int32Array.from(productKeywords),
    keywordLengths: Int32Array.from(keywordLengths),
    neighbours,
    phonetic,
  };
}

/** Shorter names first, then catalogue order: the order every candidate list is searched in. */
export function byNameLength(nameLength: (position: number) => number): (a: number, b: number) => number {
  return (a, b) => nameLength(a) - nameLength(b) || a - b;
}

/** Register a dictionary word for typo and sound-alike lookups (digits never fuzz: "1percent" is not "2percent"). */
function fileWord(word: string, stem: string, neighbours: NeighbourIndex, phonetic: Map<string, string[]>): void {
  if (/\d/.test(word)) return;
  if (stem.length >= 4) neighbours.add(stem);
  if (word.length >= 4) {
    for (const key of phoneticKeys(word)) {
      const list = phonetic.get(key);
      if (!list) phonetic.set(key, [stem]);
      else if (!list.includes(stem)) list.push(stem);
    }
  }
}
