import { sentenceBreak, type Token } from './tokenise.js';

/**
 * "How much is the rotisserie chicken and when do you close?" is two questions. A turn is
 * cut where a sentence ends (Twilio punctuates) or where "and", "also" or "plus" is followed
 * by the start of a new question; "salt and pepper" and "milk and eggs" stay whole.
 */
const JOINERS = new Set(['and', 'also', 'plus', 'then']);
const QUESTION_STARTS = new Set([
  'when', 'what', 'whats', 'where', 'wheres', 'how', 'hows', 'do', 'does', 'are', 'is', 'can', 'could', 'will', 'would',
  'which', 'who', 'whos', 'i', 'im', 'id', 'may', 'should', 'any', 'got', 'have',
]);

function sentenceEnds(between: string, previous: string): boolean {
  return /[?!;]/.test(between) || (between.includes('.') && sentenceBreak(between, previous));
}

export function splitQuestions(tokens: readonly Token[], raw: string): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (current.length > 0 && sentenceEnds(raw.slice(tokens[i - 1].end, token.start), tokens[i - 1].text)) {
      parts.push(current);
      current = [];
    }
    if (JOINERS.has(token.text) && current.length > 0 && QUESTION_STARTS.has(tokens[i + 1]?.text ?? '')) {
      parts.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
