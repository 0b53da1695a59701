import { editDistance } from './edit-distance.js';
import { PREFIX_KEY, type ProductIndex } from './product-index.js';
import { smallWord } from './product-text.js';
import { type Dimension, dimensionText, readSizes, type Size } from './sizes.js';
import { CONTAINER_WORDS, classify, phoneticKeys, stemOf } from './terms.js';
import type { Token } from './tokenise.js';

/**
 * The words a caller used for a product, read against the catalogue's vocabulary. Each word
 * has a role, and each term the words may stand for is listed with how sure we are of it:
 *   main     what they ask for ("peanut butter"): a product must have every one of these;
 *   context  after "for", "with"… ("dog food for a puppy"): ranks, never required;
 *   soft     containers, vague adjectives, numbers, single letters: ranks, never required;
 *   stop     question words and shop talk: ignored (they may still be part of a joined word).
 */
export type WordRole = 'main' | 'context' | 'soft' | 'stop';

export interface QueryWord {
  text: string;
  stem: string;
  role: WordRole;
  /** A context word set off by a pause (", the oil based one"), not by "for" or "to". */
  aside?: boolean;
}

export interface QueryTerm {
  /** The catalogue term's number. */
  id: number;
  /** 1 for the word itself; less for a typo or a sound-alike. */
  confidence: number;
  exact: boolean;
  /** A near word that is safe on its own: a long word one slip away ("ibuprofin"), not "blah" ~ "blue". */
  strong: boolean;
  /** The words it stands for: words[from..to). A joined word spans more than one. */
  from: number;
  to: number;
  /** How many of those are not stop words (at least 1): the evidence is shared among them. */
  meaningful: number;
}

export interface CallerQuery {
  words: QueryWord[];
  /** Sorted by term number, so a product's sorted terms are matched in one merge. */
  terms: QueryTerm[];
  /** Positions of the main words, in order; the last is what the caller says the thing is. */
  main: number[];
  sizes: Size[];
  dimensions: Dimension[];
}

/** Words after which the rest says what the product is for, not what it is ("food for a puppy"). */
const CONTEXT_STARTERS = new Set(['for', 'with', 'to', 'from', 'in', 'at', 'that', 'which', 'so', 'because']);
/** How big or how good: words that pick among products, never name one. */
const SIZE_WORDS = new Set(['big', 'bigger', 'biggest', 'small', 'smaller', 'smallest', 'little', 'large', 'larger', 'largest', 'medium', 'regular', 'normal', 'good', 'nice', 'best', 'cheap', 'cheaper', 'cheapest', 'new', 'fresh', 'ripe', 'decent']);
export const CONFIDENCE_TYPO = 0.8;
export const CONFIDENCE_SOUND = 0.7;
const MAX_JOIN = 4;

/**
 * `turned`: read what came after "for" or a pause as the product and the rest as context:
 * "bug spray for the house, the Ortho Home Defense" names Ortho Home Defense.
 */
export function readCallerQuery(tokens: readonly Token[], index: ProductIndex, turned = false): CallerQuery {
  const reading = readSizes(tokens, false);
  const words: ReadWord[] = [];
  // A pause before a size ("leash, 1 inch wide") is a pause before the words after it.
  let pendingPause = false;
  for (let i = 0; i < tokens.length; i++) {
    // "Do you carry 2x4s?": a dimension is a word too, where it was said (what they ask for, if nothing else is).
    const dimension = reading.dimensions.find((d) => d.at === i);
    if (dimension) {
      const text = dimensionText(dimension.values);
      words.push({ text, stem: text, role: 'soft', pause: tokens[i].pause === true, kind: 'soft', dimension: true });
    }
    if (reading.consumed[i]) {
      if (tokens[i].pause && !dimension) pendingPause = true;
      continue;
    }
    const text = tokens[i].text;
    const kind = classify(text);
    words.push({ text, stem: stemOf(text), role: kind === 'stop' ? 'stop' : kind === 'soft' ? 'soft' : 'main', pause: tokens[i].pause === true || pendingPause, kind });
    pendingPause = false;
  }

  const terms: QueryTerm[] = [];
  words.forEach((word, i) => {
    if (word.role === 'stop') return;
    const exact = index.liveTerm(word.stem);
    if (exact !== undefined) terms.push({ id: exact, confidence: 1, exact: true, strong: true, from: i, to: i + 1, meaningful: 1 });
    if (word.kind === 'significant') {
      for (const near of nearTerms(word, index)) if (near.id !== exact) terms.push({ ...near, from: i, to: i + 1, meaningful: 1 });
    }
  });
  addJoins(words, index, terms);
  // Known: the catalogue has it (or a product kept but not offered has it: "Halloween costume").
  const known = words.map((word, i) => terms.some((t) => t.from <= i && i < t.to) || (word.role !== 'stop' && index.knowsInactive(word.stem)));
  // A letter the catalogue has nowhere ("an A C filter" where no product says AC) names nothing.
  words.forEach((word, i) => {
    if (word.kind === 'significant' && word.text.length === 1 && !known[i]) word.role = 'soft';
  });
  dropPreamble(words, known);
  assignContext(words);
  if (turned) turn(words);

  const kept = terms.filter((t) => {
    for (let i = t.from; i < t.to; i++) if (words[i].role !== 'stop') return true;
    return false;
  });
  kept.sort((a, b) => a.id - b.id || a.from - b.from);
  const main: number[] = [];
  words.forEach((word, i) => {
    if (word.role === 'main') main.push(i);
  });
  return { words: words.map(({ text, stem, role, aside }) => (aside ? { text, stem, role, aside } : { text, stem, role })), terms: kept, main, sizes: reading.sizes, dimensions: reading.dimensions };
}

type ReadWord = QueryWord & { pause: boolean; kind: ReturnType<typeof classify>; dimension?: boolean };

/**
 * "My wife sent me for Bonne Maman apricot jam": a leading run of words the catalogue has
 * never heard of, set off by small words or a pause, is the caller talking, not the product.
 * ("Goat cheese" is one run, so "goat" stays and nothing is found.)
 */
function dropPreamble(words: ReadWord[], known: boolean[]): void {
  const runs: number[][] = [];
  let run: number[] = [];
  words.forEach((word, i) => {
    if (word.role === 'stop' || (word.pause && run.length > 0)) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (word.role !== 'stop') run.push(i);
  });
  if (run.length > 0) runs.push(run);
  const knownRun = (r: number[]) => r.some((i) => known[i] && words[i].kind === 'significant');
  const firstKnown = runs.findIndex(knownRun);
  if (firstKnown <= 0) return;
  for (const r of runs.slice(0, firstKnown)) if (r.every((i) => !known[i])) for (const i of r) words[i].role = 'stop';
}

/** The words after the last pause (or else every context word) become the product; the rest its context. */
function turn(words: ReadWord[]): void {
  let from = -1;
  for (let i = words.length - 1; i > 0 && from < 0; i--) if (words[i].pause && words.slice(i).some((w) => w.role === 'context')) from = i;
  words.forEach((word, i) => {
    if (word.role !== 'main' && word.role !== 'context') return;
    word.role = (from >= 0 ? i >= from : word.role === 'context') ? 'main' : 'context';
  });
}

/**
 * Once the product is named, "for my puppy", "at the deli", ", the big jug" say more about it:
 * such words rank products but are never required. With no main word at all, vague words
 * ("half and half") or a dimension ("2x4") are what the caller asks for.
 */
function assignContext(words: ReadWord[]): void {
  let sawMain = false;
  let inContext = false;
  let aside = false;
  let sawDimension = false;
  for (const word of words) {
    if ((sawMain || sawDimension) && (CONTEXT_STARTERS.has(word.text) || word.pause)) {
      // Set off by a pause (", the oil based one") it is the caller's own choice of words: it counts more.
      if (word.pause) aside = true;
      inContext = true;
    }
    if (word.role === 'main') {
      if (inContext) {
        word.role = 'context';
        if (aside) word.aside = true;
      } else sawMain = true;
    }
    if (word.dimension && !inContext) sawDimension = true;
  }
  if (sawMain) return;
  for (const word of words) {
    if (word.role === 'soft' && !CONTAINER_WORDS.has(word.text) && !SIZE_WORDS.has(word.text) && !/^\d+(\.\d+)?$/.test(word.text) && word.text.length > 1) {
      word.role = 'main';
      sawMain = true;
    }
  }
}

/**
 * Dictionary words a typo or a sound away. Misheard words keep their first letter ("goats"
 * is not "oats"); a sound-alike must also be spelled close ("serial" ~ "cereal").
 */
function nearTerms(word: Pick<QueryWord, 'text' | 'stem'>, index: ProductIndex): Omit<QueryTerm, 'from' | 'to' | 'meaningful'>[] {
  const { text, stem } = word;
  if (/\d/.test(text) || text.length < 3) return [];
  const found = new Map<number, Omit<QueryTerm, 'from' | 'to' | 'meaningful'>>();
  const add = (candidate: string, confidence: number, strong: boolean) => {
    const id = index.liveTerm(candidate);
    if (id === undefined) return;
    const known = found.get(id);
    if (!known || known.confidence < confidence) found.set(id, { id, confidence, exact: false, strong: strong || (known?.strong ?? false) });
  };
  if (stem.length >= 5) {
    const max = stem.length >= 8 ? 2 : 1;
    for (const near of index.neighbours.near(stem, max)) {
      if (near[0] !== stem[0]) continue;
      const distance = editDistance(stem, near, max);
      add(near, CONFIDENCE_TYPO, text.length >= 6 && distance <= 1);
    }
  }
  // "Worcester" for "Worcestershire": the start of a long word, said whole.
  if (stem.length >= 6) {
    for (const longer of index.prefixes.get(stem.slice(0, PREFIX_KEY)) ?? []) {
      if (longer.length - stem.length >= 2 && longer.startsWith(stem)) add(longer, CONFIDENCE_SOUND, stem.length >= 7);
    }
  }
  const limit = Math.max(2, Math.floor(stem.length / 3));
  const keys = new Set([...phoneticKeys(text), ...phoneticKeys(stem)]);
  for (const key of keys) {
    for (const candidate of index.phonetic.get(key) ?? []) {
      if (candidate === stem) continue;
      const distance = editDistance(stem, candidate, limit);
      if (distance <= limit) add(candidate, CONFIDENCE_SOUND, text.length >= 6 && distance <= 2);
    }
  }
  return [...found.values()];
}

/**
 * Words the caller (or speech recognition) split that the catalogue writes as one: "tooth
 * paste", "W D 40", "A C filter". Joined runs of two to four neighbouring words are looked up.
 */
function addJoins(words: readonly QueryWord[], index: ProductIndex, terms: QueryTerm[]): void {
  for (let from = 0; from < words.length; from++) {
    if (smallWord(words[from].text)) continue;
    let joined = words[from].text;
    for (let to = from + 2; to <= Math.min(words.length, from + MAX_JOIN); to++) {
      if (smallWord(words[to - 1].text)) break;
      joined += words[to - 1].text;
      let meaningful = 0;
      for (let i = from; i < to; i++) if (words[i].role !== 'stop') meaningful++;
      if (meaningful === 0) continue;
      const stem = stemOf(joined);
      const id = index.liveTerm(stem);
      if (id !== undefined) {
        terms.push({ id, confidence: 1, exact: true, strong: true, from, to, meaningful });
        continue;
      }
      // "Camel back" for "CamelBak", "Quick Crete" for "Quikrete": two words said apart, spelled close to one.
      if (to - from === 2 && joined.length >= 7 && !/\d/.test(joined)) {
        for (const near of nearTerms({ text: joined, stem }, index)) terms.push({ ...near, strong: true, from, to, meaningful });
      }
    }
  }
}
