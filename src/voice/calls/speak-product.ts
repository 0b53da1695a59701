import type { Dimension, Size } from '../understanding/sizes.js';

/**
 * Catalogue names read aloud: units and symbols become words, so Polly says "2 inch by 6
 * inch" for `2" x 6"`, "5 eighths inch" for "5/8 in.", "number 2" for "#2", "12 ounce" for
 * "12 oz". Units stay singular, the way a size is said before a noun ("a 5 pound bag").
 */

const UNIT_NAMES: [RegExp, string][] = [
  [/^fl\.?\s*oz\.?$/i, 'fluid ounce'],
  [/^sq\.?\s*ft\.?$/i, 'square foot'],
  [/^cu\.?\s*ft\.?$/i, 'cubic foot'],
  [/^cu\.?\s*yd\.?$/i, 'cubic yard'],
  [/^(?:in\.?|inch(?:es)?|"|\u2033|\u201d)$/i, 'inch'],
  [/^(?:ft\.?|feet|foot|'|\u2032|\u2019)$/i, 'foot'],
  [/^yds?\.?$/i, 'yard'],
  [/^oz\.?$/i, 'ounce'],
  [/^lbs?\.?$/i, 'pound'],
  [/^gal\.?$/i, 'gallon'],
  [/^qt\.?$/i, 'quart'],
  [/^pt\.?$/i, 'pint'],
  [/^ct\.?$/i, 'count'],
  [/^pk\.?$/i, 'pack'],
  [/^pcs?\.?$/i, 'piece'],
  [/^mg$/i, 'milligram'],
  [/^mcg$/i, 'microgram'],
  [/^ml$/i, 'milliliter'],
  [/^kg$/i, 'kilogram'],
  [/^g$/i, 'gram'],
  [/^l$/i, 'liter'],
  [/^mm$/i, 'millimeter'],
  [/^cm$/i, 'centimeter'],
  [/^w$/i, 'watt'],
  [/^v$/i, 'volt'],
  [/^mah$/i, 'milliamp hour'],
  [/^ga\.?$/i, 'gauge'],
  [/^hrs?\.?$/i, 'hour'],
  [/^ah$/i, 'amp hour'],
];

const UNIT_AFTER_NUMBER =
  /(\d)\s*(fl\.?\s*oz\.?|sq\.?\s*ft\.?|cu\.?\s*(?:ft|yd)\.?|in\.?(?=\s*(?:[xX\u00d7,)\-/]|$)|\s+[A-Za-z])|"|\u2033|\u201d|ft\.?|'|\u2032|\u2019|yds?\.?|oz\.?|lbs?\.?|gal\.?|qt\.?|pt\.?|ct\.?|pk\.?|pcs?\.?|mg|mcg|ml|kg|g|l|mm|cm|w|v|mah|ah|hrs?|ga\.?)(?![A-Za-z0-9])/gi;

/** 0.5 → "half", 0.625 → "5 eighths", 1.5 → "1 and a half", 12 → "12". */
export function speakAmount(value: number): string {
  const whole = Math.floor(value + 1e-9);
  const part = value - whole;
  if (part < 1e-9) return String(whole);
  const fraction = speakFraction(part);
  if (!fraction) return String(Math.round(value * 100) / 100);
  if (whole === 0) return fraction;
  return `${whole} and ${fraction === 'half' || fraction === 'quarter' ? `a ${fraction}` : fraction}`;
}

function speakFraction(part: number): string | undefined {
  for (const denominator of [2, 3, 4, 8, 16, 32, 64]) {
    const numerator = Math.round(part * denominator);
    if (Math.abs(numerator / denominator - part) > 1e-6) continue;
    return speakRatio(numerator, denominator);
  }
  return undefined;
}

const DENOMINATOR_NAMES: Record<number, [string, string]> = {
  // "3 quarter inch" is how it is said; "5 eighths inch" too.
  2: ['half', 'halves'], 3: ['third', 'thirds'], 4: ['quarter', 'quarter'], 8: ['eighth', 'eighths'],
  16: ['sixteenth', 'sixteenths'], 32: ['thirty second', 'thirty seconds'], 64: ['sixty fourth', 'sixty fourths'],
};

function speakRatio(numerator: number, denominator: number): string {
  const [one, many] = DENOMINATOR_NAMES[denominator];
  if (numerator === 1 && (denominator === 2 || denominator === 4)) return one;
  return numerator === 1 ? `1 ${one}` : `${numerator} ${many}`;
}

export function speakSize(size: Size): string {
  if (size.unit.kind === 'fit') return size.unit.spoken;
  return `${speakAmount(size.amount)} ${size.unit.spoken}`;
}

export function speakDimension(dimension: Dimension): string {
  return dimension.values.map(speakAmount).join(' by ');
}

function unitName(written: string): string {
  const compact = written.trim();
  for (const [pattern, name] of UNIT_NAMES) if (pattern.test(compact)) return name;
  return compact;
}

export function speakProductName(name: string): string {
  let text = name;
  // Units first, while their numbers are still digits: "1/2 gal" → "1/2 gallon" → "half gallon".
  text = text.replace(UNIT_AFTER_NUMBER, (_all, digit: string, unit: string) => `${digit} ${unitName(unit)}`);
  text = text.replace(PER_UNIT, (_all, unit: string) => `per ${unitName(unit)}`);
  // "40 m" of floss is meters, "3M" a brand; "16d" nails are 16 penny.
  text = text.replace(/(\d)\s+m(?=\s|,|$)/g, '$1 meter').replace(/\b(\d+)d\b/g, '$1 penny');
  // "1-1/2" and "1 1/2" → "1 and a half"; "5/8" → "5 eighths"; a ratio such as "80/20" → "80 20".
  text = text.replace(/(\d+)[\s-]+(\d{1,2})\/(\d{1,2})(?!\d)/g, (all, whole: string, n: string, d: string) =>
    isFraction(n, d) ? speakAmount(Number(whole) + Number(n) / Number(d)) : all,
  );
  text = text.replace(/(?<![\d/])(\d{1,3})\/(\d{1,3})(?![\d/])/g, (_all, n: string, d: string) => (isFraction(n, d) ? speakAmount(Number(n) / Number(d)) : `${n} ${d}`));
  // "2x6", "2 inch x 6 inch", "16x25x1" → "by".
  text = text.replace(/(\d|inch|foot|half|quarter|eighths?)\s*[xX\u00d7]\s*(?=\d|half|quarter)/g, '$1 by ');
  text = text.replace(/#\s*(\d)/g, 'number $1');
  text = text.replace(/\s*&\s*/g, ' and ');
  text = text.replace(/\bw\/\s*/gi, 'with ');
  return text.replace(/\s{2,}/g, ' ').trim();
}

/** "per lb" → "per pound". */
const PER_UNIT = /\bper\s+(lbs?\.?|oz\.?|ft\.?|gal\.?|qt\.?|pt\.?|sq\.?\s*ft\.?|yd\.?)(?![A-Za-z])/gi;

function isFraction(n: string, d: string): boolean {
  const numerator = Number(n);
  const denominator = Number(d);
  return [2, 3, 4, 8, 16, 32, 64].includes(denominator) && numerator > 0 && numerator < denominator;
}
