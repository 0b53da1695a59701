import { numberText, type Token } from './tokenise.js';
import { isUnitWord } from './units.js';

/**
 * Numbers said as words become digits, fractions one value, so "five eighths inch", "5/8 inch"
 * and `5/8"` all read "0.625 in": "twenty five" → 25, "two hundred" → 200, "one and a half"
 * → 1.5, "half inch" → 0.5 inch, "three quarter" → 0.75. "The big one" keeps its "one".
 */

const UNITS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}));
const TENS = new Map<string, number>(Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));
/** "three quarters", "five eighths": the denominator a fraction word stands for. */
const FRACTION_WORDS = new Map<string, number>(Object.entries({
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fourth: 4, fourths: 4, eighth: 8, eighths: 8,
  sixteenth: 16, sixteenths: 16, thirtysecond: 32, thirtyseconds: 32,
}));
/** What may follow "one" when it is still a number ("one gallon", "one hundred", "one and a half"). */
const ONE_AS_NUMBER_BEFORE = new Set(['hundred', 'thousand', 'percent', 'by', 'x', 'and', 'oh', 'zero', 'more', 'of', 'dollar', 'dollars']);

function isNumberText(text: string | undefined): boolean {
  return text !== undefined && /^\d+(\.\d+)?$/.test(text);
}

function merge(tokens: Token[], from: number, to: number, text: string): Token {
  const token: Token = { text, start: tokens[from].start, end: tokens[to].end, glued: tokens[from].glued };
  if (tokens[from].pause) token.pause = true;
  return token;
}

/** "one" stays a word when it stands for a thing: "the big one", "that one", but "one gallon", "one oh one" are numbers. */
function oneIsNumber(words: readonly Token[], i: number): boolean {
  const next = words[i + 1]?.text;
  const previous = words[i - 1]?.text;
  if (next !== undefined && (isUnitWord(next) || ONE_AS_NUMBER_BEFORE.has(next) || FRACTION_WORDS.has(next) || UNITS.has(next) || isNumberText(next))) return true;
  if (previous === undefined) return true;
  // "extension one oh one", "press one"; but "the sharp one", "I need one".
  return UNITS.has(previous) || TENS.has(previous) || isNumberText(previous) || NUMBER_CUES.has(previous);
}

const NUMBER_CUES = new Set(['oh', 'extension', 'ext', 'press', 'dial', 'option', 'number', 'zero']);

function zeroIsNumber(words: readonly Token[], i: number): boolean {
  if (words.length === 1) return true;
  const near = [words[i - 1]?.text, words[i + 1]?.text];
  return near.some((w) => w !== undefined && (UNITS.has(w) || TENS.has(w) || isNumberText(w) || w === 'oh' || w === 'percent' || w === 'extension' || w === 'press' || w === 'dial'));
}

export function numberWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].text;
    const tens = TENS.get(word);
    let unit = UNITS.get(word);
    if (word === 'one' && !oneIsNumber(tokens, i)) unit = undefined;
    // "Coke Zero" and "zero sugar" are words; "zero", "one oh zero" and "zero percent" are numbers.
    if (word === 'zero' && !zeroIsNumber(tokens, i)) unit = undefined;
    if (tens === undefined && unit === undefined) {
      out.push(tokens[i]);
      continue;
    }
    let value = tens ?? (unit as number);
    let last = i;
    if (tens !== undefined) {
      const next = UNITS.get(tokens[i + 1]?.text);
      if (next !== undefined && next > 0 && next < 10) {
        value += next;
        last = i + 1;
      }
    }
    // "two hundred fifty", "one thousand".
    const scale = tokens[last + 1]?.text;
    if (scale === 'hundred' || scale === 'thousand') {
      value *= scale === 'hundred' ? 100 : 1000;
      last += 1;
      const rest = tokens[last + 1]?.text;
      const restTens = TENS.get(rest);
      const restUnit = UNITS.get(rest);
      if (restTens !== undefined || (restUnit !== undefined && restUnit > 0)) {
        value += restTens ?? (restUnit as number);
        last += 1;
        const after = UNITS.get(tokens[last + 1]?.text);
        if (restTens !== undefined && after !== undefined && after > 0 && after < 10) {
          value += after;
          last += 1;
        }
      }
    }
    out.push(merge(tokens, i, last, numberText(value)));
    i = last;
  }
  return fractionWords(out);
}

/**
 * Fractions said aloud: "5 eighths" → 0.625, "3 quarter inch" → 0.75, "1 and a half" → 1.5,
 * "a half" / "half inch" / "quarter pound" → 0.5 / 0.25 before a unit. "Half and half" stays words.
 */
function fractionWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const next = tokens[i + 1]?.text;
    if (isNumberText(token.text) && !token.numbered) {
      const whole = Number(token.text);
      // "1 and a half", "2 and 3 quarters"
      if (next === 'and' && (tokens[i + 2]?.text === 'a' || tokens[i + 2]?.text === 'an') && FRACTION_WORDS.has(tokens[i + 3]?.text)) {
        out.push(merge(tokens, i, i + 3, numberText(whole + 1 / (FRACTION_WORDS.get(tokens[i + 3].text) as number))));
        i += 3;
        continue;
      }
      if (next === 'and' && isNumberText(tokens[i + 2]?.text) && FRACTION_WORDS.has(tokens[i + 3]?.text)) {
        out.push(merge(tokens, i, i + 3, numberText(whole + Number(tokens[i + 2].text) / (FRACTION_WORDS.get(tokens[i + 3].text) as number))));
        i += 3;
        continue;
      }
      // "5 eighths", "3 quarter", "1 half": only a fraction when it is less than one whole.
      const denominator = next === undefined ? undefined : FRACTION_WORDS.get(next);
      if (denominator !== undefined && whole < denominator && Number.isInteger(whole)) {
        out.push(merge(tokens, i, i + 1, numberText(whole / denominator)));
        i += 1;
        continue;
      }
    }
    const denominator = FRACTION_WORDS.get(token.text);
    if (denominator !== undefined && (token.text === 'half' || token.text === 'quarter')) {
      const previous = out[out.length - 1]?.text;
      // "a half inch", "half gallon", "a quarter pound"
      if (next !== undefined && isUnitWord(next)) {
        if (previous === 'a' || previous === 'an') out.pop();
        const start = previous === 'a' || previous === 'an' ? tokens[i - 1] : token;
        out.push({ text: numberText(1 / denominator), start: start.start, end: token.end, glued: start.glued });
        continue;
      }
    }
    out.push(token);
  }
  return out;
}
