import type { Product } from '../../store/schemas.js';
import { normaliseTokens } from './normalise.js';
import { type Dimension, dimensionText, namedParts, readSizes, type Size, type SizeReading } from './sizes.js';
import { CONTAINER_WORDS, classify, stemOf } from './terms.js';
import type { Token } from './tokenise.js';

/**
 * One product as the words a caller may use for it. The name's parts play different roles:
 * in "Purina Dog Chow Complete Adult Dry Dog Food, 18 lb" the head "food" says what it is,
 * the lead "purina" (its first words: brand or line) says whose it is, and "18 lb" is its size.
 */
export const ROLE = {
  NAME: 1,
  /** The last word of the name before any comma: what the product is. */
  HEAD: 2,
  /** The name's first word, when it is not the head: usually its brand or product line. */
  LEAD: 4,
  KEYWORD: 8,
  /** A number, a single letter or a vague word: it ranks, it names nothing alone. */
  SOFT: 16,
  /** Two neighbouring words written as one ("Peanut Butter" also as "peanutbutter"). */
  JOIN: 32,
  DIMENSION: 64,
  /** Written the way brands are: "Rao's", "Kellogg's", "StarKist", "CoffeeMate". */
  MARKED: 128,
} as const;

export interface ProductText {
  /** Every term with the roles it plays in this product (flags of ROLE). */
  terms: Map<string, number>;
  /** Distinct stems of the name's naming words (no numbers, no packaging), in order: how much of the name a caller covered. */
  name: string[];
  head: string | undefined;
  /** Each keyword phrase as its significant stems (phrases with none are left out). */
  keywords: string[][];
  sizes: Size[];
  dimensions: Dimension[];
}

function addRole(terms: Map<string, number>, term: string, role: number): void {
  terms.set(term, (terms.get(term) ?? 0) | role);
}

/** Words after which a name goes on about what the product comes with or in. */
const HEAD_ENDS = new Set(['with', 'in', 'for']);

/** Where the name proper ends: "Whole Milk, 1 Gallon", "Step Ladder - 6 ft.", "Batteries (8 Pack)". */
function mainPartEnd(name: string): number {
  const cut = /,|\s[-\u2013\u2014]\s|\(/.exec(name);
  return cut ? cut.index : name.length;
}

/** The sizes a product's name gives ("KONG Classic Dog Toy, Large" → a fit; "…, 5 lb" → 5 pounds). */
export function sizesOfName(name: string): SizeReading {
  const mainEnd = mainPartEnd(name);
  return readSizes(normaliseTokens(name), { catalogue: true, fitsFrom: mainEnd < name.length ? mainEnd : undefined });
}

export function productText(product: Pick<Product, 'name' | 'keywords'>): ProductText {
  const terms = new Map<string, number>();
  const add = addRole.bind(undefined, terms);

  const tokens = normaliseTokens(product.name);
  const mainEnd = mainPartEnd(product.name);
  const reading = readSizes(tokens, { catalogue: true, fitsFrom: mainEnd < product.name.length ? mainEnd : undefined });
  const words: { stem: string; main: boolean; significant: boolean; token: Token }[] = [];
  tokens.forEach((token, i) => {
    if (reading.consumed[i]) return;
    const kind = classify(token.text);
    if (kind === 'stop') return;
    words.push({ stem: stemOf(token.text), main: token.start < mainEnd, significant: kind === 'significant', token });
  });

  // The name's words that say what it is: vague words count ("Half & Half"), packaging does not.
  const naming = words.filter((w) => !CONTAINER_WORDS.has(w.token.text) && (w.token.text.length > 1 || /\d/.test(w.token.text)));
  const name: string[] = [];
  for (const w of naming) if (!name.includes(w.stem)) name.push(w.stem);
  // "StarKist Chunk Light Tuna in Water" is tuna; "Lasagna with Meat Sauce" is lasagna.
  const cut = tokens.findIndex((t, i) => !reading.consumed[i] && t.start < mainEnd && HEAD_ENDS.has(t.text) && naming.filter((w) => w.token.start < t.start).length >= 2);
  const headEnd = cut > 0 ? tokens[cut].start : mainEnd;
  const heads = naming.filter((w) => w.token.start < headEnd && !/^\d/.test(w.stem));
  const head = heads.length > 0 ? heads[heads.length - 1].stem : undefined;
  const leadWord = naming.find((w) => w.significant && !/^\d/.test(w.stem) && w.token.start < mainEnd);
  const lead = leadWord && leadWord.stem !== head ? leadWord.stem : undefined;

  for (const w of words) {
    let role: number = ROLE.NAME;
    if (!w.significant) role |= ROLE.SOFT;
    if (w.stem === head) role |= ROLE.HEAD;
    if (w.stem === lead) role |= ROLE.LEAD;
    const written = product.name.slice(w.token.start, w.token.end);
    if (/['\u2019]s\b|[a-z][A-Z]/.test(written)) role |= ROLE.MARKED;
    add(w.stem, role);
  }
  addJoins(tokens, reading.consumed, head, add, ROLE.NAME);
  for (const dimension of reading.dimensions) addDimension(dimension, add, dimension.at === 0 ? ROLE.HEAD : 0);

  const keywords: string[][] = [];
  const dimensions = [...reading.dimensions];
  for (const keyword of product.keywords) {
    const kwTokens = normaliseTokens(keyword);
    const kwReading = readSizes(kwTokens, true);
    const phrase: string[] = [];
    kwTokens.forEach((token, i) => {
      if (kwReading.consumed[i]) return;
      const kind = classify(token.text);
      if (kind === 'stop') return;
      const stem = stemOf(token.text);
      add(stem, ROLE.KEYWORD | (kind === 'significant' ? 0 : ROLE.SOFT));
      if (kind === 'significant' && !phrase.includes(stem)) phrase.push(stem);
    });
    addJoins(kwTokens, kwReading.consumed, undefined, add, ROLE.KEYWORD);
    // "two percent milk" is not the keyword "milk": the strength stays part of the phrase.
    for (const size of kwReading.sizes) {
      if (size.unit.kind !== 'percent') continue;
      const term = `${size.amount}percent`;
      add(term, ROLE.KEYWORD | ROLE.SOFT);
      if (!phrase.includes(term)) phrase.push(term);
    }
    for (const dimension of kwReading.dimensions) {
      addDimension(dimension, add);
      const text = dimensionText(dimension.values);
      if (!phrase.includes(text)) phrase.push(text);
      dimensions.push(dimension);
    }
    if (phrase.length > 0) keywords.push(phrase);
  }
  return { terms, name, head, keywords, sizes: reading.sizes, dimensions };
}

/** A stop word of more than one letter: never part of a joined word. */
export function smallWord(word: string): boolean {
  return word.length > 1 && classify(word) === 'stop';
}

/**
 * "Tooth Paste" is also "toothpaste", "WD-40" also "wd40", "A/C" also "ac": neighbouring
 * words joined, so a caller (or speech recognition) who runs them together still matches.
 */
function addJoins(tokens: readonly Token[], consumed: readonly boolean[], head: string | undefined, add: (term: string, role: number) => void, role: number): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (consumed[i] || consumed[i + 1]) continue;
    const a = tokens[i].text;
    const b = tokens[i + 1].text;
    if (/^\d/.test(a) && /^\d/.test(b)) continue;
    // "A/C" joins to "ac", "U-Lock" to "ulock"; "loaf of bread" makes no "ofbread".
    if (smallWord(a) || smallWord(b)) continue;
    const joined = stemOf(a + b);
    add(joined, role | ROLE.JOIN | (head !== undefined && stemOf(b) === head ? ROLE.HEAD : 0));
  }
}

/** "2 x 6 x 8" is filed as 2x6x8, 2x6 and 6x8: a caller names the part that matters to them. */
function addDimension(dimension: Dimension, add: (term: string, role: number) => void, role = 0): void {
  for (const part of namedParts(dimension)) add(dimensionText(part), ROLE.NAME | ROLE.DIMENSION | role);
}
