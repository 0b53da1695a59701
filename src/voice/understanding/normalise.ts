import { numberWords } from './number-words.js';
import { textOf, type Token, tokenise } from './tokenise.js';

/**
 * Turn what Twilio heard ("Um, do you have 2% milk?") and what the catalogue says
 * ("2% Reduced Fat Milk, 1 Gallon") into the same plain word sequence, so both sides
 * can be compared word for word: lower case, no punctuation, digits for number words,
 * "2%" and "two percent" both as "2percent", "double a" as "aa". Every word keeps where it
 * came from, so the caller's own words can be echoed back.
 */
export function normaliseTokens(raw: string): Token[] {
  return numberedAloud(joinPhrases(numberWords(tokenise(raw))));
}

/** "number 8 screws" is "#8 screws": a model or gauge number, never a size or a count. */
function numberedAloud(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (tokens[i].text === 'number' && next && /^\d+$/.test(next.text)) {
      out.push({ ...next, start: tokens[i].start, numbered: true, ...(tokens[i].pause ? { pause: true } : {}) });
      i++;
    } else out.push(tokens[i]);
  }
  return out;
}

export function normaliseText(raw: string): string {
  return textOf(normaliseTokens(raw));
}

export function tokensOf(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

function merged(first: Token, last: Token, text: string): Token {
  const token: Token = { text, start: first.start, end: last.end, glued: first.glued };
  if (first.pause) token.pause = true;
  return token;
}

/** Phrases speech recognition spells out that product names write compactly. */
function joinPhrases(words: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].text;
    const n1 = words[i + 1]?.text;
    const n2 = words[i + 2]?.text;
    if ((w === 'triple' && n1 === 'a') || (w === 'a' && n1 === 'a' && n2 === 'a')) {
      const skip = w === 'triple' ? 1 : 2;
      out.push(merged(words[i], words[i + skip], 'aaa'));
      i += skip;
    } else if ((w === 'double' && n1 === 'a') || (w === 'a' && n1 === 'a')) {
      out.push(merged(words[i], words[i + 1], 'aa'));
      i += 1;
    } else if (w === 'per' && n1 === 'cent') {
      pushPercent(out, merged(words[i], words[i + 1], 'percent'));
      i += 1;
    } else if (w === 'percent') {
      pushPercent(out, words[i]);
    } else out.push(words[i]);
  }
  return out;
}

/** "2 percent" is one idea: "1 percent milk" must not match "2% milk" through the word "percent". */
function pushPercent(out: Token[], percent: Token): void {
  const previous = out[out.length - 1];
  if (previous !== undefined && /^\d+(\.\d+)?$/.test(previous.text)) out[out.length - 1] = merged(previous, percent, `${previous.text}percent`);
  else out.push(percent);
}

const FILLER_PHRASES = [
  'can you please tell me', 'could you please tell me', 'can you tell me', 'could you tell me', 'would you tell me',
  'can someone tell me', 'could someone tell me', 'can anyone tell me',
  'can you let me know', 'could you let me know', 'let me know', 'i was wondering', 'i am wondering', 'im wondering',
  'i wonder', 'i would like to know', 'id like to know', 'i want to know', 'i wanted to know', 'do you know', 'i need to know',
  'can you check', 'could you check', 'can you help me', 'could you help me', 'i have a question', 'quick question',
  'excuse me', 'good morning', 'good afternoon', 'good evening', 'thank you', 'thanks',
].map((phrase) => phrase.split(' '));
const FILLER_WORDS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'ah', 'hmm', 'mm', 'please', 'hi', 'hello', 'hey', 'just', 'actually', 'basically', 'kindly', 'maybe']);
const LEADING_WORDS = new Set(['yes', 'yeah', 'yep', 'ok', 'okay', 'so', 'well', 'oh', 'and', 'also', 'alright', 'sure', 'no']);

/** Remove politeness and hesitation that carries no meaning for what the caller wants. */
export function stripFillerTokens(tokens: readonly Token[]): Token[] {
  const keep = new Array<boolean>(tokens.length).fill(true);
  for (const phrase of FILLER_PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (tokens[i].text !== phrase[0]) continue;
      let all = true;
      for (let j = 1; j < phrase.length && all; j++) all = tokens[i + j].text === phrase[j];
      if (all) for (let j = 0; j < phrase.length; j++) keep[i + j] = false;
    }
  }
  const words = tokens.filter((t, i) => keep[i] && !FILLER_WORDS.has(t.text));
  let start = 0;
  while (start < words.length - 1 && LEADING_WORDS.has(words[start].text)) start++;
  return words.slice(start);
}

/** The same on plain normalised text (for tests and callers that have only the text). */
export function stripFiller(text: string): string {
  const tokens = tokensOf(text).map((word, i) => ({ text: word, start: i, end: i + 1, glued: false }));
  return textOf(stripFillerTokens(tokens));
}
