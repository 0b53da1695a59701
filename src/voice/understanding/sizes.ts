import type { Token } from './tokenise.js';
import { comparableKinds, FIT, FIT_UNIT, PERCENT_UNIT, SIZE_UNIT, type Unit, unitAt } from './units.js';

/**
 * Sizes and dimensions in a run of words: "12 oz", "5 lb bag", "0.625 inch", "2 x 6",
 * "16 x 25 x 1", "a dozen", "21-55 lb" (a range), "per lb" (any weight), "Large" (a fit).
 * A size is one value of one kind; a dimension is a whole ("2x6" is not the numbers 2 and
 * 6, and never matches "2x4").
 */
export interface Size {
  /** In the base unit of its kind (inches, ounces, items…), so "12 in." equals "1 ft.". */
  value: number;
  /** The number as written ("0.625" for 5/8) and its unit, for reading it aloud. */
  amount: number;
  unit: Unit;
  /** A range ("for dogs 45-88 lb"): the top of it, in base units. */
  max?: number;
  /** Sold by the unit ("per lb"): any amount of its kind fits. */
  any?: boolean;
}

export interface Dimension {
  /** The numbers as written: 2x6 → [2, 6]. */
  values: number[];
  /** Where it begins among the words read (a dimension a name begins with is what the product is: "2x4 x 8 ft. Stud"). */
  at?: number;
  /** Each number's unit as said or written ("inch", "foot"), '' when none: "2 in. x 10 ft." pipe is not a 2x10 board. */
  units: string[];
}

export interface SizeReading {
  sizes: Size[];
  dimensions: Dimension[];
  /** Words that were part of a size or dimension (the number and its unit): not product words. */
  consumed: boolean[];
}

const NUMBER_RE = /^\d+(\.\d+)?$/;
const RANGE_RE = /^(\d+)\/(\d+)$/;
const PERCENT_RE = /^(\d+(?:\.\d+)?)percent$/;
const DIMENSION_WORDS = new Set(['x', 'by']);

export function isNumberWord(text: string | undefined): boolean {
  return text !== undefined && NUMBER_RE.test(text);
}

export interface ReadOptions {
  /** A product's own text, where "in" after a number is always an inch ("2 in."); from a caller "2 in" is more likely "two in stock". */
  catalogue: boolean;
  /** Where a catalogue name's variant part begins ("KONG Classic Dog Toy, Large"): fits are read only there. */
  fitsFrom?: number;
}

export function readSizes(tokens: readonly Token[], catalogue: boolean | ReadOptions): SizeReading {
  const options: ReadOptions = typeof catalogue === 'boolean' ? { catalogue } : catalogue;
  const words = tokens.map((t) => t.text);
  const consumed = new Array<boolean>(tokens.length).fill(false);
  const sizes: Size[] = [];
  const dimensions: Dimension[] = [];

  for (let i = 0; i < tokens.length; i++) {
    if (consumed[i]) continue;
    const word = words[i];
    if (isNumberWord(word)) {
      // A dimension: number [unit] (x|by) number [unit] …; "#8 x 1-1/4 in." is a screw's gauge by its length.
      const parts: { amount: number; unit?: Unit }[] = [];
      let k = i;
      while (isNumberWord(words[k])) {
        const unit = tokens[k].numbered ? undefined : unitAfter(tokens, words, k + 1, options.catalogue);
        parts.push({ amount: Number(words[k]), unit: unit?.unit });
        k += 1 + (unit?.length ?? 0);
        if (!DIMENSION_WORDS.has(words[k]) || !isNumberWord(words[k + 1])) break;
        k += 1;
      }
      if (parts.length >= 2) {
        dimensions.push({ values: parts.map((p) => p.amount), units: parts.map((p) => p.unit?.spoken ?? ''), at: i });
        for (const p of parts) if (p.unit) sizes.push(sizeOf(p.amount, p.unit));
        take(consumed, i, k);
        i = k - 1;
        continue;
      }
      if (tokens[i].numbered) continue;
      const unit = unitAfter(tokens, words, i + 1, options.catalogue);
      if (unit) {
        let amount = Number(word);
        let end = i + 1 + unit.length;
        // "1 inch and a half"
        if (words[end] === 'and' && (words[end + 1] === 'a' || words[end + 1] === 'an') && words[end + 2] === 'half') {
          amount += 0.5;
          end += 3;
        }
        sizes.push(sizeOf(amount, unit.unit));
        take(consumed, i, end);
        i = end - 1;
      }
      continue;
    }
    // "2% milk", "91% alcohol": a strength to match; "Size 4" diapers.
    const percent = PERCENT_RE.exec(word);
    if (percent) {
      sizes.push(sizeOf(Number(percent[1]), PERCENT_UNIT));
      consumed[i] = true;
      continue;
    }
    if (word === 'size' && isNumberWord(words[i + 1])) {
      sizes.push(sizeOf(Number(words[i + 1]), SIZE_UNIT));
      take(consumed, i, i + 2);
      i++;
      continue;
    }
    const range = RANGE_RE.exec(word);
    if (range && Number(range[1]) < Number(range[2])) {
      const unit = unitAfter(tokens, words, i + 1, options.catalogue);
      if (unit) {
        sizes.push({ ...sizeOf(Number(range[1]), unit.unit), max: Number(range[2]) * unit.unit.factor });
        take(consumed, i, i + 1 + unit.length);
        i += unit.length;
      }
      continue;
    }
    // "a gallon of milk", "an inch and a half", "a dozen eggs"; but "a pack of gum" is not a size of 1.
    if (word === 'a' || word === 'an') {
      const unit = unitAfter(tokens, words, i + 1, options.catalogue);
      if (unit && (unit.unit.kind !== 'count' || unit.unit.factor > 1)) {
        let amount = 1;
        let end = i + 1 + unit.length;
        if (words[end] === 'and' && (words[end + 1] === 'a' || words[end + 1] === 'an') && words[end + 2] === 'half') {
          amount += 0.5;
          end += 3;
        }
        sizes.push(sizeOf(amount, unit.unit));
        take(consumed, i, end);
        i = end - 1;
      }
      continue;
    }
    // "Bananas, per lb": any weight.
    if (word === 'per' && options.catalogue) {
      const unit = unitAt(words, i + 1, true);
      if (unit && unit.unit.kind !== 'count') {
        sizes.push({ ...sizeOf(1, unit.unit), any: true });
        take(consumed, i, i + 1 + unit.length);
        i += unit.length;
      }
      continue;
    }
    // "Large Brown Eggs, Dozen"
    if (word === 'dozen') {
      const unit = unitAt(words, i, false);
      if (unit) sizes.push(sizeOf(1, unit.unit));
      consumed[i] = true;
      continue;
    }
    const fit = fitAt(words, i);
    if (fit && (!options.catalogue || (options.fitsFrom !== undefined && tokens[i].start >= options.fitsFrom))) {
      // A fit stays a word too ("Large"), so it can still rank as one.
      sizes.push({ value: fit.rank, amount: fit.rank, unit: { ...FIT_UNIT, spoken: fit.spoken } });
      // "extra large": the "extra" is part of the size, "large" stays a word too.
      if (fit.length > 1) consumed[i] = true;
      i += fit.length - 1;
    }
  }
  return { sizes, dimensions, consumed };
}

/** The unit word at tokens[i], if any: "in" only where an inch is meant (glued, in a catalogue, or before "x"). */
function unitAfter(tokens: readonly Token[], words: readonly string[], i: number, catalogue: boolean): { unit: Unit; length: number } | undefined {
  const glued = tokens[i]?.glued === true;
  return unitAt(words, i, catalogue || glued || DIMENSION_WORDS.has(words[i + 1]), glued, catalogue);
}

function take(consumed: boolean[], from: number, to: number): void {
  for (let j = from; j < to; j++) consumed[j] = true;
}

/** "large", "extra large", "x large", "xl". */
function fitAt(words: readonly string[], i: number): { rank: number; spoken: string; length: number } | undefined {
  const word = words[i];
  if ((word === 'extra' || word === 'x') && (words[i + 1] === 'large' || words[i + 1] === 'small')) {
    const fit = FIT.get(words[i + 1] === 'large' ? 'xl' : 'xs');
    return fit && { ...fit, length: 2 };
  }
  const fit = FIT.get(word);
  return fit && { ...fit, length: 1 };
}

function sizeOf(amount: number, unit: Unit): Size {
  return { value: amount * unit.factor, amount, unit };
}

/** Equal within a few percent, so "1 liter" meets "33.8 oz" and "12 in." meets "1 ft."; within a range; any, when sold by the unit. */
export function sameSize(asked: Size, own: Size): boolean {
  if (!comparableKinds(asked.unit.kind, own.unit.kind)) return false;
  if (own.any) return true;
  if (own.max !== undefined) return asked.value >= own.value * 0.97 && asked.value <= own.max * 1.03;
  return Math.abs(asked.value - own.value) <= 0.03 * Math.max(asked.value, own.value);
}

export function sameKind(a: Size, b: Size): boolean {
  return comparableKinds(a.unit.kind, b.unit.kind);
}

/**
 * The parts of a dimension a caller may name on their own: all of it, and any two numbers in a
 * row in one unit ("2x4" of "2x4 x 8 ft.", "4x8" of "1/2 in. x 4 ft. x 8 ft."); not "2x10" of
 * a "2 in. x 10 ft." pipe.
 */
export function namedParts(dimension: Dimension): number[][] {
  const { values, units } = dimension;
  const parts: number[][] = [values];
  for (let from = 0; from + 2 <= values.length; from++) {
    for (let to = from + 2; to <= values.length; to++) {
      if (to - from === values.length) continue;
      if (units.slice(from, to).every((u) => u === units[from])) parts.push(values.slice(from, to));
    }
  }
  // A pipe's "2 in. x 10 ft." is not a 2x10; a screw's "#8 x 1-1/4 in." is an 8 by 1 and a quarter.
  if (values.length === 2 && units[0] !== '' && units[1] !== '' && units[0] !== units[1]) parts.shift();
  return parts;
}

/** "2x6" inside "2 x 6 x 8": the caller's numbers in a row among the product's, as namedParts allows. */
export function dimensionWithin(asked: Dimension, product: Dimension): boolean {
  return namedParts(product).some((part) => part.length === asked.values.length && part.every((v, j) => Math.abs(v - asked.values[j]) < 1e-9));
}

/** "2x6", "16x25x1": how a dimension is filed as a term. */
export function dimensionText(values: readonly number[]): string {
  return values.map((v) => String(v)).join('x');
}
