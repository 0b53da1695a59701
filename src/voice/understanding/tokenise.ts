/**
 * What Twilio heard ("Do you have 5/8\" plywood?") or a catalogue name ("Plywood, 5/8 in.")
 * cut into words, each remembering where it came from in the original text, so the line can
 * echo the caller's own words ("5/8 inch plywood", not "0.625 inch plywood").
 *
 * Words come out lower case, without accents or apostrophes ("Kellogg's" → "kelloggs");
 * numbers as digits with fractions as one value ("1/2" → "0.5", "1-1/2" → "1.5"); inch and
 * foot marks after a number as the words "inch" and "foot"; "%" and "&" as words.
 */
export interface Token {
  text: string;
  /** Where the token came from in the original text: raw.slice(start, end). */
  start: number;
  end: number;
  /** Written straight after the previous token, with nothing in between ("12oz", "2x4", "WD40"). */
  glued: boolean;
  /** A number written after "#" ("#2 pencil"): a model number, never a size. */
  numbered?: boolean;
  /** A comma, colon or sentence end came before it ("Clorox bleach, the big jug"). */
  pause?: boolean;
}

const DENOMINATORS = new Set([2, 3, 4, 8, 16, 32, 64]);
const INCH_MARKS = new Set(['"', '\u2033', '\u201d', '\u201c']);
const FOOT_MARKS = new Set(["'", '\u2032', '\u2019']);
const APOSTROPHES = new Set(["'", '\u2019', '`']);

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c > '\u007f' && /\p{L}/u.test(c);
}

/** "Crème" → "creme": most of what Twilio hears is plain ASCII already. */
function plainWord(word: string): string {
  const lower = word.toLowerCase();
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** A number's value as canonical text: "0.5", "12", "1.25" (no trailing zeros). */
export function numberText(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

export function tokenise(raw: string): Token[] {
  const tokens: Token[] = [];
  let lastEnd = -1;
  const push = (text: string, start: number, end: number, numbered = false) => {
    const token: Token = { text, start, end, glued: start === lastEnd };
    if (numbered) token.numbered = true;
    const previous = tokens[tokens.length - 1];
    if (previous && sentenceBreak(raw.slice(lastEnd, start), previous.text)) token.pause = true;
    tokens.push(token);
    lastEnd = end;
  };
  let numberedNext = false;
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (isDigit(c)) {
      let j = i;
      let digits = '';
      let from = i;
      while (j < raw.length) {
        if (isDigit(raw[j])) j++;
        else if (raw[j] === ',' && /^\d{3}(?!\d)/.test(raw.slice(j + 1, j + 5)) && j - from <= 3 && !digits.includes('.')) {
          digits += raw.slice(from, j); // 1,000
          from = ++j;
        } else if (raw[j] === '.' && isDigit(raw[j + 1]) && !digits.includes('.') && !raw.slice(from, j).includes('.')) j++;
        else break;
      }
      digits += raw.slice(from, j);
      // "12/2" wire, "80/20" beef, "21-55 lb" and "12-2": one word, written with a slash.
      const fraction = /^[/-](\d{1,3})(?![\d/])/.exec(raw.slice(j, j + 5));
      const hyphen = fraction?.[0][0] === '-';
      const numerator = Number(digits);
      if (fraction && !hyphen && DENOMINATORS.has(Number(fraction[1])) && numerator < Number(fraction[1]) && !digits.includes('.')) {
        const end = j + fraction[0].length;
        const value = numerator / Number(fraction[1]);
        const previous = tokens[tokens.length - 1];
        // "1 1/2" and "1-1/2" are one value.
        const between = previous ? raw.slice(previous.end, i) : '';
        if (previous && /^\d+$/.test(previous.text) && !previous.numbered && /^[ -]$/.test(between)) {
          previous.text = numberText(Number(previous.text) + value);
          previous.end = end;
          lastEnd = end;
        } else push(numberText(value), i, end, numberedNext);
        i = end;
      } else if (fraction && !digits.includes('.') && !(hyphen && /^-\d{1,3}\/\d/.test(raw.slice(j, j + 8)))) {
        // "80/20", "93/7", "16/20": a ratio or a grade, one word ("80/20 ground beef" is not "93/7").
        const end = j + fraction[0].length;
        push(`${Number(digits)}/${Number(fraction[1])}`, i, end);
        i = end;
      } else {
        push(numberText(Number(digits)), i, j, numberedNext);
        i = j;
      }
      numberedNext = false;
      continue;
    }
    if (isLetter(c)) {
      let j = i + 1;
      let apostrophe = false;
      while (j < raw.length) {
        if (isLetter(raw[j])) j++;
        else if (APOSTROPHES.has(raw[j]) && isLetter(raw[j + 1])) {
          apostrophe = true; // "don't" → "dont"
          j++;
        } else break;
      }
      const word = apostrophe ? raw.slice(i, j).replace(/['\u2019`]/g, '') : raw.slice(i, j);
      const previous = tokens[tokens.length - 1];
      const text = plainWord(word);
      // "2x4s", "1990s": a plural of a number is the number.
      if (text === 's' && previous && i === lastEnd && /\d$/.test(previous.text)) {
        previous.end = j;
        lastEnd = j;
      } else push(text, i, j);
      i = j;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    const afterNumber = previous !== undefined && /^\d/.test(previous.text) && /^\s*$/.test(raw.slice(previous.end, i));
    if (c === '%') push('percent', i, i + 1);
    else if (c === '&') push('and', i, i + 1);
    else if (c === '+') push('plus', i, i + 1); // "ONE+", "Men+Care" 
    else if (c === '\u00d7') push('x', i, i + 1);
    else if (c === '#' && isDigit(raw[i + 1])) numberedNext = true;
    else if (INCH_MARKS.has(c) && afterNumber) push('inch', i, i + 1);
    else if (FOOT_MARKS.has(c) && afterNumber && i === previous.end) push('foot', i, i + 1);
    i++;
  }
  return tokens;
}

/** "Mr. Clean", "Dr. Teal's", "8 oz. bottle": a full stop after these does not end a sentence. */
export const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'jr', 'sr', 'oz', 'lb', 'lbs', 'ft', 'in', 'pk', 'ct', 'qt', 'gal', 'fl', 'sq', 'cu', 'inc', 'co', 'mt']);

/** A pause between two words: a comma, a colon, a sentence's end (not an abbreviation's full stop). */
export function sentenceBreak(between: string, previous: string): boolean {
  if (/[,;:?!]/.test(between)) return true;
  return between.includes('.') && !ABBREVIATIONS.has(previous) && !/^[a-z]$/.test(previous);
}

export function textOf(tokens: readonly Token[]): string {
  let text = '';
  for (const token of tokens) text = text === '' ? token.text : `${text} ${token.text}`;
  return text;
}
