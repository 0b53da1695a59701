/**
 * Units of measure as callers say them and catalogues write them: "inch", "in.", `"` are one
 * unit; "ounce" and "oz" another. Each unit has a kind and a factor to that kind's base, so
 * "12 in." and "1 ft." compare equal and "5 lb" never meets "5 gal".
 */

/** What a unit measures; the index stores a size's kind as its place in this list. */
export const UNIT_KINDS = ['length', 'mass', 'volume', 'ounce', 'count', 'watt', 'volt', 'amp', 'gauge', 'grit', 'area', 'cubic', 'mah', 'penny', 'fit', 'iu', 'hour', 'percent', 'size', 'data'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  /** The unit's name as it is read aloud ("inch", "pound"). */
  spoken: string;
  kind: UnitKind;
  /** Base units per one of this: inches, ounces (weight), fluid ounces, items… */
  factor: number;
}

const u = (spoken: string, kind: UnitKind, factor = 1): Unit => ({ spoken, kind, factor });

const INCH = u('inch', 'length');
const FOOT = u('foot', 'length', 12);
const OUNCE = u('ounce', 'ounce');
const POUND = u('pound', 'mass', 16);
const GALLON = u('gallon', 'volume', 128);
const COUNT = u('count', 'count');
const PACK = u('pack', 'count');

/** Unit words that mean a unit wherever they follow a number. */
const UNIT_WORDS = new Map<string, Unit>([
  ['inch', INCH], ['inches', INCH],
  ['foot', FOOT], ['feet', FOOT], ['ft', FOOT],
  ['yard', u('yard', 'length', 36)], ['yards', u('yard', 'length', 36)], ['yd', u('yard', 'length', 36)],
  ['mm', u('millimeter', 'length', 1 / 25.4)], ['millimeter', u('millimeter', 'length', 1 / 25.4)], ['millimeters', u('millimeter', 'length', 1 / 25.4)],
  ['cm', u('centimeter', 'length', 1 / 2.54)], ['centimeter', u('centimeter', 'length', 1 / 2.54)], ['centimeters', u('centimeter', 'length', 1 / 2.54)],
  ['meter', u('meter', 'length', 39.37)], ['meters', u('meter', 'length', 39.37)], ['metre', u('meter', 'length', 39.37)], ['metres', u('meter', 'length', 39.37)],
  ['ounce', OUNCE], ['ounces', OUNCE], ['oz', OUNCE],
  ['pound', POUND], ['pounds', POUND], ['lb', POUND], ['lbs', POUND],
  ['gram', u('gram', 'mass', 1 / 28.3495)], ['grams', u('gram', 'mass', 1 / 28.3495)], ['g', u('gram', 'mass', 1 / 28.3495)],
  ['kg', u('kilogram', 'mass', 35.274)], ['kilogram', u('kilogram', 'mass', 35.274)], ['kilograms', u('kilogram', 'mass', 35.274)], ['kilo', u('kilo', 'mass', 35.274)], ['kilos', u('kilo', 'mass', 35.274)],
  ['mg', u('milligram', 'mass', 1 / 28349.5)], ['milligram', u('milligram', 'mass', 1 / 28349.5)], ['milligrams', u('milligram', 'mass', 1 / 28349.5)],
  ['mcg', u('microgram', 'mass', 1 / 28349500)], ['microgram', u('microgram', 'mass', 1 / 28349500)], ['micrograms', u('microgram', 'mass', 1 / 28349500)],
  ['gallon', GALLON], ['gallons', GALLON], ['gal', GALLON],
  ['quart', u('quart', 'volume', 32)], ['quarts', u('quart', 'volume', 32)], ['qt', u('quart', 'volume', 32)],
  ['pint', u('pint', 'volume', 16)], ['pints', u('pint', 'volume', 16)], ['pt', u('pint', 'volume', 16)],
  ['liter', u('liter', 'volume', 33.814)], ['liters', u('liter', 'volume', 33.814)], ['litre', u('liter', 'volume', 33.814)], ['litres', u('liter', 'volume', 33.814)], ['l', u('liter', 'volume', 33.814)], ['ltr', u('liter', 'volume', 33.814)],
  ['ml', u('milliliter', 'volume', 0.033814)], ['milliliter', u('milliliter', 'volume', 0.033814)], ['milliliters', u('milliliter', 'volume', 0.033814)],
  ['count', COUNT], ['ct', COUNT], ['cnt', COUNT], ['pack', PACK], ['packs', PACK], ['pk', PACK], ['pc', u('piece', 'count')], ['pcs', u('piece', 'count')],
  ['piece', u('piece', 'count')], ['pieces', u('piece', 'count')], ['dozen', u('dozen', 'count', 12)],
  ['tablets', u('tablets', 'count')], ['tabs', u('tablets', 'count')], ['caplets', u('caplets', 'count')], ['capsules', u('capsules', 'count')],
  ['softgels', u('softgels', 'count')], ['gels', u('gels', 'count')], ['rolls', u('rolls', 'count')], ['bags', u('bags', 'count')],
  ['sheets', u('sheets', 'count')], ['sheet', u('sheets', 'count')], ['ream', u('ream', 'count', 500)], ['reams', u('ream', 'count', 500)], ['cans', u('cans', 'count')], ['bottles', u('bottles', 'count')], ['bars', u('bars', 'count')],
  ['pods', u('pods', 'count')], ['wipes', u('wipes', 'count')], ['pairs', u('pairs', 'count')], ['lozenges', u('lozenges', 'count')],
  ['chews', u('chews', 'count')], ['treats', u('treats', 'count')], ['bulbs', u('bulbs', 'count')],
  ['watt', u('watt', 'watt')], ['watts', u('watt', 'watt')], ['w', u('watt', 'watt')],
  ['volt', u('volt', 'volt')], ['volts', u('volt', 'volt')], ['v', u('volt', 'volt')],
  ['amp', u('amp', 'amp')], ['amps', u('amp', 'amp')], ['ampere', u('amp', 'amp')], ['amperes', u('amp', 'amp')],
  ['mah', u('milliamp hour', 'mah')],
  ['ah', u('amp hour', 'mah', 1000)],
  ['gauge', u('gauge', 'gauge')], ['ga', u('gauge', 'gauge')], ['awg', u('gauge', 'gauge')],
  ['grit', u('grit', 'grit')],
  ['penny', u('penny', 'penny')],
  ['iu', u('IU', 'iu')],
  ['mb', u('megabyte', 'data', 0.001)], ['megabyte', u('megabyte', 'data', 0.001)], ['megabytes', u('megabyte', 'data', 0.001)],
  ['gb', u('gigabyte', 'data')], ['gig', u('gigabyte', 'data')], ['gigs', u('gigabyte', 'data')], ['gigabyte', u('gigabyte', 'data')], ['gigabytes', u('gigabyte', 'data')],
  ['tb', u('terabyte', 'data', 1000)], ['terabyte', u('terabyte', 'data', 1000)], ['terabytes', u('terabyte', 'data', 1000)],
  ['hour', u('hour', 'hour')], ['hours', u('hour', 'hour')], ['hr', u('hour', 'hour')], ['hrs', u('hour', 'hour')],
]);

/** "2%" is read as "2percent": a strength or a grade, compared like a size (1% milk is not the 2%). */
export const PERCENT_UNIT = u('percent', 'percent');
/** "Diapers, Size 4": a numbered size. */
export const SIZE_UNIT = u('size', 'size');

/** Written only glued to their number in catalogues and by speech recognition: "16d" nails, "40 m" of floss. */
const GLUED_OR_CATALOGUE = new Map<string, { unit: Unit; glued: boolean }>([
  ['d', { unit: u('penny', 'penny'), glued: true }],
  ['m', { unit: u('meter', 'length', 39.37), glued: false }],
]);

/** Clothes, collars, toys: small to extra large, as a rank so "the bigger one" can compare them. */
export const FIT = new Map<string, { spoken: string; rank: number }>([
  ['xs', { spoken: 'extra small', rank: 1 }], ['small', { spoken: 'small', rank: 2 }], ['medium', { spoken: 'medium', rank: 3 }],
  ['large', { spoken: 'large', rank: 4 }], ['xl', { spoken: 'extra large', rank: 5 }], ['xxl', { spoken: 'extra extra large', rank: 6 }],
]);
export const FIT_UNIT = u('', 'fit');

/** "in" after a number is an inch only where a preposition cannot be meant: glued ("2in"), or in a catalogue name. */
export const INCH_ABBREVIATION = 'in';

/** Two-word units, read before the one-word ones: "fl oz", "sq ft", "cu ft", "fluid ounces". */
const FIRST_OF_PAIR = new Map<string, Map<string, Unit>>([
  ['fl', new Map([['oz', u('fluid ounce', 'volume')], ['ounce', u('fluid ounce', 'volume')], ['ounces', u('fluid ounce', 'volume')]])],
  ['fluid', new Map([['oz', u('fluid ounce', 'volume')], ['ounce', u('fluid ounce', 'volume')], ['ounces', u('fluid ounce', 'volume')]])],
  ['sq', new Map([['ft', u('square foot', 'area')], ['feet', u('square foot', 'area')], ['foot', u('square foot', 'area')], ['in', u('square inch', 'area', 1 / 144)]])],
  ['square', new Map([['ft', u('square foot', 'area')], ['feet', u('square foot', 'area')], ['foot', u('square foot', 'area')], ['inch', u('square inch', 'area', 1 / 144)], ['inches', u('square inch', 'area', 1 / 144)]])],
  ['cu', new Map([['ft', u('cubic foot', 'cubic')], ['feet', u('cubic foot', 'cubic')], ['foot', u('cubic foot', 'cubic')], ['yd', u('cubic yard', 'cubic', 27)]])],
  ['amp', new Map([['hour', u('amp hour', 'mah', 1000)], ['hours', u('amp hour', 'mah', 1000)]])],
  ['cubic', new Map([['ft', u('cubic foot', 'cubic')], ['feet', u('cubic foot', 'cubic')], ['foot', u('cubic foot', 'cubic')], ['yard', u('cubic yard', 'cubic', 27)], ['yards', u('cubic yard', 'cubic', 27)]])],
]);

export function isUnitWord(word: string): boolean {
  return UNIT_WORDS.has(word) || FIRST_OF_PAIR.has(word) || word === INCH_ABBREVIATION;
}

/** The unit at words[i] (and words[i + 1] for two-word units), with how many words it takes. */
export function unitAt(words: readonly string[], i: number, inchAbbreviation: boolean, glued = false, catalogue = false): { unit: Unit; length: number } | undefined {
  const word = words[i];
  const special = GLUED_OR_CATALOGUE.get(word);
  if (special) return (special.glued ? glued : catalogue && !glued) ? { unit: special.unit, length: 1 } : undefined;
  const pair = FIRST_OF_PAIR.get(word)?.get(words[i + 1]);
  if (pair) return { unit: pair, length: 2 };
  if (word === INCH_ABBREVIATION) return inchAbbreviation ? { unit: INCH, length: 1 } : undefined;
  const unit = UNIT_WORDS.get(word);
  return unit ? { unit, length: 1 } : undefined;
}

/** Weight in ounces and fluid ounces are both "oz" on a label: an ounce compares with either. */
export function comparableKinds(a: UnitKind, b: UnitKind): boolean {
  if (a === b) return true;
  if (a === 'ounce') return b === 'mass' || b === 'volume';
  if (b === 'ounce') return a === 'mass' || a === 'volume';
  return false;
}
