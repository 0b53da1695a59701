/**
 * Turn what Twilio heard ("Um, do you have 2% milk?") and what the catalogue says
 * ("2% Reduced Fat Milk, 1 Gallon") into the same plain word sequence, so both sides
 * can be compared word for word: lower case, no punctuation, digits for number words,
 * "2%" and "two percent" both as "2percent", "double a" as "aa".
 */

const UNITS = new Map<string, number>(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
}));
const TENS = new Map<string, number>(Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));

const ASCII = /^[\x00-\x7f]*$/;

export function normaliseText(raw: string): string {
  let text = raw.toLowerCase();
  // Accents off ("crème" → "creme"); most of what Twilio hears is plain ASCII already.
  if (!ASCII.test(text)) text = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // Each rewrite only when its character is there: most of what callers say has none of them.
  if (text.includes('%')) text = text.replace(/%/g, ' percent ');
  if (text.includes('&')) text = text.replace(/&/g, ' and ');
  if (/['’`]/.test(text)) text = text.replace(/['’`]/g, ''); // "don't" → "dont", "what's" → "whats"
  if (text.includes(',')) text = text.replace(/(\d),(\d{3})\b/g, '$1$2'); // 1,000 → 1000
  if (text.includes('.')) text = text.replace(/(?<!\d)\.|\.(?!\d)/g, ' '); // keep only decimal points
  text = text.replace(/[^a-z0-9.]+/g, ' ').trim();
  return text === '' ? '' : joinPhrases(numberWords(text.split(' '))).join(' ');
}

export function tokensOf(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

/** "twenty five" → "25", "two" → "2". */
function numberWords(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const tens = TENS.get(word);
    const unit = UNITS.get(word);
    if (tens !== undefined) {
      const next = UNITS.get(words[i + 1]);
      if (next !== undefined && next > 0 && next < 10) {
        out.push(String(tens + next));
        i++;
      } else out.push(String(tens));
    } else if (unit !== undefined) out.push(String(unit));
    else out.push(word);
  }
  return out;
}

/** Phrases speech recognition spells out that product names write compactly. */
function joinPhrases(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const n1 = words[i + 1];
    const n2 = words[i + 2];
    if ((w === 'triple' && n1 === 'a') || (w === 'a' && n1 === 'a' && n2 === 'a')) {
      out.push('aaa');
      i += w === 'triple' ? 1 : 2;
    } else if ((w === 'double' && n1 === 'a') || (w === 'a' && n1 === 'a')) {
      out.push('aa');
      i += 1;
    } else if (w === 'per' && n1 === 'cent') {
      pushPercent(out);
      i += 1;
    } else if (w === 'percent') {
      pushPercent(out);
    } else out.push(w);
  }
  return out;
}

/** "2 percent" is one idea: "1 percent milk" must not match "2% milk" through the word "percent". */
function pushPercent(out: string[]): void {
  const previous = out[out.length - 1];
  if (previous !== undefined && /^\d+(\.\d+)?$/.test(previous)) out[out.length - 1] = `${previous}percent`;
  else out.push('percent');
}

const FILLER_PHRASES = [
  'can you please tell me', 'could you please tell me', 'can you tell me', 'could you tell me', 'would you tell me',
  'can someone tell me', 'could someone tell me', 'can anyone tell me',
  'can you let me know', 'could you let me know', 'let me know', 'i was wondering', 'i am wondering', 'im wondering',
  'i wonder', 'i would like to know', 'id like to know', 'i want to know', 'i wanted to know', 'do you know', 'i need to know',
  'can you check', 'could you check', 'can you help me', 'could you help me', 'i have a question', 'quick question',
  'excuse me', 'good morning', 'good afternoon', 'good evening', 'thank you', 'thanks',
];
const FILLER_WORDS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'ah', 'hmm', 'mm', 'please', 'hi', 'hello', 'hey', 'just', 'actually', 'basically', 'kindly', 'maybe']);
const LEADING_WORDS = new Set(['yes', 'yeah', 'yep', 'ok', 'okay', 'so', 'well', 'oh', 'and', 'also', 'alright', 'sure', 'no']);

/** Each phrase padded for a whole-word search, with its first word: a phrase whose first word was not said is not looked for. */
const PADDED_FILLER_PHRASES = FILLER_PHRASES.map((phrase) => ({ first: phrase.split(' ')[0], padded: ` ${phrase} ` }));

/** Remove politeness and hesitation that carries no meaning for what the caller wants. */
export function stripFiller(text: string, said: readonly string[] = tokensOf(text)): string {
  const heard = new Set(said);
  let padded: string | undefined;
  for (const phrase of PADDED_FILLER_PHRASES) {
    if (!heard.has(phrase.first)) continue;
    padded ??= ` ${text} `;
    if (padded.includes(phrase.padded)) padded = padded.split(phrase.padded).join(' ');
  }
  const words = (padded === undefined ? said : tokensOf(padded.trim())).filter((w) => !FILLER_WORDS.has(w));
  let start = 0;
  while (start < words.length - 1 && LEADING_WORDS.has(words[start])) start++;
  return words.slice(start).join(' ');
}
