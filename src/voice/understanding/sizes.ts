import type { Token } from './tokenise.js';
import { comparableKinds, type Unit, unitAt } from './units.js';

/**
 * Sizes and dimensions in a run of words: "12 oz", "5 lb bag", "0.625 inch", "2 x 6",
 * "16 x 25 x 1", "a dozen". A size is one value of one kind; a dimension is a whole
 * ("2x6" is not the numbers 2 and 6, and never matches "2x4").
 */
export interface Size {
  /** In the base unit of its kind (inches, ounces, items…), so "12 in." equals "1 ft.". */
  value: number;
  /** The number as written ("0.625" for 5/8) and its unit, for reading it aloud. */
  amount: number;
  unit: Unit;
}

export interface Dimension {
  /** The numbers as written: 2x6 → [2, 6]. */
  values: number[];
}

export interface SizeReading {
  sizes: Size[];
  dimensions: Dimension[];
  /** Words that were part of a size or dimension (the number and its unit): not product words. */
  consumed: boolean[];
}

const NUMBER_RE = /^\d+(\.\d+)?$/;
const DIMENSION_WORDS = new Set(['x', 'by']);

export function isNumberWord(text: string | undefined): boolean {
  return text !== undefined && NUMBER_RE.test(text);
}

/**
 * `catalogue`: a product's own text, where "in" after a number is always an inch ("2 in.");
 * from a caller "2 in" is more likely "two in stock", so only a glued "2in" counts.
 */
export function readSizes(tokens: readonly Token[], catalogue: boolean): SizeReading {
  const words = tokens.map((t) => t.text);
  const consumed = new Array<boolean>(tokens.length).fill(false);
  const sizes: Size[] = [];
  const dimensions: Dimension[] = [];
  const unitAfter = (i: number) => unitAt(words, i, catalogue || tokens[i]?.glued === true || DIMENSION_WORDS.has(words[i + 1]));

  for (let i = 0; i < tokens.length; i++) {
    if (consumed[i]) continue;
    const word = words[i];
    if (isNumberWord(word) && !tokens[i].numbered) {
      // A dimension: number [unit] (x|by) number [unit] …
      const parts: { amount: number; unit?: Unit }[] = [];
      let k = i;
      while (isNumberWord(words[k])) {
        const unit = unitAfter(k + 1);
        parts.push({ amount: Number(words[k]), unit: unit?.unit });
        k += 1 + (unit?.length ?? 0);
        if (!DIMENSION_WORDS.has(words[k]) || !isNumberWord(words[k + 1])) break;
        k += 1;
      }
      if (parts.length >= 2) {
        dimensions.push({ values: parts.map((p) => p.amount) });
        for (const p of parts) if (p.unit) sizes.push(sizeOf(p.amount, p.unit));
        for (let j = i; j < k; j++) consumed[j] = true;
        i = k - 1;
        continue;
      }
      const unit = unitAfter(i + 1);
      if (unit) {
        let amount = Number(word);
        let end = i + 1 + unit.length;
        // "1 inch and a half"
        if (words[end] === 'and' && (words[end + 1] === 'a' || words[end + 1] === 'an') && words[end + 2] === 'half') {
          amount += 0.5;
          end += 3;
        }
        sizes.push(sizeOf(amount, unit.unit));
        for (let j = i; j < end; j++) consumed[j] = true;
        i = end - 1;
      }
      continue;
    }
    // "a gallon of milk", "an inch and a half", "a dozen eggs"; but "a pack of gum" is not a size of 1.
    if (word === 'a' || word === 'an') {
      const unit = unitAfter(i + 1);
      if (unit && (unit.unit.kind !== 'count' || unit.unit.factor > 1)) {
        let amount = 1;
        let end = i + 1 + unit.length;
        if (words[end] === 'and' && (words[end + 1] === 'a' || words[end + 1] === 'an') && words[end + 2] === 'half') {
          amount += 0.5;
          end += 3;
        }
        sizes.push(sizeOf(amount, unit.unit));
        for (let j = i; j < end; j++) consumed[j] = true;
        i = end - 1;
      }
      continue;
    }
    // "Large Brown Eggs, Dozen"
    if (word === 'dozen') {
      const unit = unitAt(words, i, false);
      if (unit) sizes.push(sizeOf(1, unit.unit));
      consumed[i] = true;
    }
  }
  return { sizes, dimensions, consumed };
}

function sizeOf(amount: number, unit: Unit): Size {
  return { value: amount * unit.factor, amount, unit };
}

/** Equal within a few percent, so "1 liter" meets "33.8 oz" and "12 in." meets "1 ft.". */
export function sameSize(a: Size, b: Size): boolean {
  if (!comparableKinds(a.unit.kind, b.unit.kind)) return false;
  return Math.abs(a.value - b.value) <= 0.03 * Math.max(a.value, b.value);
}

export function sameKind(a: Size, b: Size): boolean {
  return comparableKinds(a.unit.kind, b.unit.kind);
}

/** "2x6" inside "2 x 6 x 8": the caller's numbers in a row among the product's. */
export function dimensionWithin(asked: Dimension, product: Dimension): boolean {
  const a = asked.values;
  const p = product.values;
  for (let start = 0; start + a.length <= p.length; start++) {
    let all = true;
    for (let j = 0; j < a.length && all; j++) all = Math.abs(a[j] - p[start + j]) < 1e-9;
    if (all) return true;
  }
  return false;
}

/** "2x6", "16x25x1": how a dimension is filed as a term. */
export function dimensionText(values: readonly number[]): string {
  return values.map((v) => String(v)).join('x');
}
