import { doubleMetaphone } from 'double-metaphone';
import { stemmer } from 'stemmer';

/**
 * Word-level helpers shared by the product and department indexes: stems (so "batteries"
 * meets "battery"), phonetic keys (so "chedder" meets "cheddar") and which words matter.
 */

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** Both Double Metaphone codes, without duplicates or empties. */
export function phoneticKeys(word: string): string[] {
  const [primary, secondary] = doubleMetaphone(word);
  if (!primary) return [];
  return secondary && secondary !== primary ? [primary, secondary] : [primary];
}

/** Words that never identify a product: articles, pronouns, question words, shop talk. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'some', 'any', 'of', 'for', 'my', 'your', 'our', 'me', 'i', 'you', 'we', 'us', 'they', 'to', 'in', 'on', 'at',
  'is', 'are', 'was', 'be', 'it', 'its', 'them', 'that', 'this', 'those', 'these', 'there', 'here', 'do', 'does', 'did', 'have',
  'has', 'had', 'got', 'get', 'with', 'and', 'or', 'please', 'what', 'whats', 'which', 'where', 'wheres', 'how', 'much', 'many',
  'like', 'kind', 'type', 'brand', 'sort', 'stuff', 'thing', 'things', 'item', 'items', 'product', 'products', 'store', 'shop',
  'sell', 'carry', 'buy', 'find', 'looking', 'look', 'need', 'want', 'would', 'could', 'can', 'will', 'should', 'price', 'prices',
  'cost', 'costs', 'right', 'now', 'today', 'stock', 'available', 'located', 'aisle', 'still', 'also', 'too', 'guys', 'yall',
  'if', 'whether', 'about', 'from', 'by', 'up', 'so', 'very', 'really', 'ones', 'other', 'another', 'more', 'something',
  'anything', 'someone', 'somebody', 'everything', 'know', 'tell', 'wondering', 'wonder', 'question', 'questions', 'help',
  'pick', 'order', 'place', 'make', 'ask', 'check', 'talk', 'speak', 'transfer', 'connect', 'call', 'reach', 'department',
  'dept', 'section', 'regarding', 'status', 'ready', 'go', 'going', 'put', 'through', 'phone', 'line', 'person', 'people',
  'info', 'information', 'somewhere', 'am', 'im', 'were', 'he', 'she', 'his', 'her', 'their', 'then', 'than', 'just', 'not',
  'no', 'yes', 'ok', 'okay', 'also', 'some', 'got', 'gotten', 'getting', 'buying', 'finding', 'ordering', 'picking', 'did',
  'been', 'being', 'let', 'try', 'trying', 'when', 'who', 'why',
]);

/**
 * Sizes, packs and vague adjectives: they help pick between close products when they
 * match, but a caller who says "a fresh pack of strawberries" still means strawberries.
 */
export const SOFT_WORDS = new Set([
  'oz', 'ounce', 'ounces', 'lb', 'lbs', 'pound', 'pounds', 'gallon', 'gallons', 'half', 'quart', 'quarts', 'pint', 'pints',
  'liter', 'litre', 'liters', 'litres', 'ml', 'mg', 'g', 'kg', 'gram', 'grams', 'pack', 'packs', 'count', 'ct', 'each', 'per',
  'bag', 'bags', 'box', 'boxes', 'can', 'cans', 'bottle', 'bottles', 'jar', 'jars', 'roll', 'rolls', 'tablet', 'tablets',
  'caplet', 'caplets', 'capsule', 'capsules', 'carton', 'cartons', 'loaf', 'loaves', 'bunch', 'piece', 'pieces', 'size',
  'fresh', 'good', 'nice', 'regular', 'normal', 'big', 'small', 'little', 'large', 'medium', 'cheap', 'best', 'new',
]);

export function isNumber(word: string): boolean {
  return /^\d+(\.\d+)?$/.test(word);
}

export type WordClass = 'stop' | 'soft' | 'significant';

export function classify(word: string): WordClass {
  if (STOP_WORDS.has(word)) return 'stop';
  if (SOFT_WORDS.has(word) || isNumber(word)) return 'soft';
  return 'significant';
}
