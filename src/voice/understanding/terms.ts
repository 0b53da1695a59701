import { doubleMetaphone } from 'double-metaphone';
import { stemmer } from 'stemmer';

/**
 * Word-level helpers shared by the product and department indexes: stems (so "batteries"
 * meets "battery"), phonetic keys (so "chedder" meets "cheddar") and which words matter.
 */

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/**
 * Spellings and short forms English writes two ways: both sides meet on one of them before
 * stemming ("catsup" and "ketchup", "doctor" and "Dr", "donut" and "doughnut").
 */
const SAME_WORD = new Map<string, string>(Object.entries({
  catsup: 'ketchup', doughnut: 'donut', doughnuts: 'donuts', yoghurt: 'yogurt', yoghurts: 'yogurts', grey: 'gray',
  colour: 'color', colours: 'colors', flavour: 'flavor', flavours: 'flavors', flavoured: 'flavored', aluminium: 'aluminum',
  tyre: 'tire', tyres: 'tires', doctor: 'dr', mister: 'mr', saint: 'st', mount: 'mt', fibre: 'fiber', litre: 'liter',
  metre: 'meter', centre: 'center', theatre: 'theater', jewellery: 'jewelry', pyjamas: 'pajamas', mould: 'mold', moulds: 'molds',
  whisky: 'whiskey', chile: 'chili', chilli: 'chili', chilies: 'chilis', chillies: 'chilis', bbq: 'barbecue', barbeque: 'barbecue',
  nite: 'night', lite: 'light', xtra: 'extra', tomatoe: 'tomato', potatoe: 'potato', ketchups: 'ketchup',
  // "Advantage II" is "Advantage 2".
  ii: '2', iii: '3', iv: '4', vi: '6',
}));

export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    const plain = SAME_WORD.get(word) ?? word;
    stem = /\d/.test(plain) ? plain : stemmer(plain);
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
  'like', 'kind', 'type', 'brand', 'sort', 'stuff', 'thing', 'things', 'item', 'items', 'product', 'products', 'store',
  'sell', 'carry', 'buy', 'find', 'looking', 'look', 'need', 'want', 'would', 'could', 'can', 'will', 'should', 'price', 'prices',
  'cost', 'costs', 'right', 'now', 'today', 'stock', 'available', 'located', 'aisle', 'still', 'also', 'too', 'guys', 'yall',
  'if', 'whether', 'about', 'from', 'by', 'up', 'so', 'very', 'really', 'ones', 'other', 'another', 'more', 'something',
  'anything', 'someone', 'somebody', 'everything', 'know', 'tell', 'wondering', 'wonder', 'question', 'questions', 'help',
  'pick', 'order', 'place', 'make', 'ask', 'check', 'talk', 'speak', 'transfer', 'connect', 'call', 'reach', 'department',
  'dept', 'section', 'regarding', 'status', 'ready', 'go', 'going', 'put', 'through', 'phone', 'line', 'person', 'people',
  'info', 'information', 'somewhere', 'am', 'im', 'were', 'he', 'she', 'his', 'her', 'their', 'then', 'than', 'just', 'not',
  'no', 'yes', 'ok', 'okay', 'also', 'some', 'got', 'gotten', 'getting', 'buying', 'finding', 'ordering', 'picking', 'did',
  'been', 'being', 'let', 'try', 'trying', 'when', 'who', 'why', 'one', 'x', 'by', 'ya', 'u', 'hi', 'hello', 'hey', 'um', 'uh',
  'kinda', 'sorta', 'maybe', 'probably', 'either', 'both', 'all', 'any', 'got', 'gotta', 'wanna', 'gonna', 'lot',
  'lots', 'plenty', 'few', 'couple', 'sure', 'thanks', 'thank', 'say', 'said', 'called', 'named', 'use', 'using',
  'used', 'yeah', 'yep', 'ok', 'actually', 'currently', 'usually', 'normally', 'around', 'left',
  'sold', 'selling', 'sells', 'carries', 'stocked', 'keep', 'offer', 'offers', 'available', 'come', 'comes', 'stores',
  'needs', 'wants', 'asked', 'told', 'sent', 'says', 'likes', 'uses', 'recommended', 'wanted', 'needed',
]);

/**
 * Containers, packs and vague adjectives: they help pick between close products when they
 * match, but a caller who says "a fresh pack of strawberries" still means strawberries.
 * (Units after a number are read as sizes before words are classified; these are the words
 * said without one: "a bag of", "the big one".)
 */
export const SOFT_WORDS = new Set([
  'oz', 'ounce', 'ounces', 'lb', 'lbs', 'pound', 'pounds', 'gallon', 'gallons', 'half', 'quart', 'quarts', 'pint', 'pints',
  'liter', 'litre', 'liters', 'litres', 'ml', 'mg', 'g', 'kg', 'gram', 'grams', 'pack', 'packs', 'count', 'ct', 'each', 'per',
  'bag', 'bags', 'box', 'boxes', 'can', 'cans', 'bottle', 'bottles', 'jar', 'jars', 'roll', 'rolls', 'tablet', 'tablets',
  'caplet', 'caplets', 'capsule', 'capsules', 'carton', 'cartons', 'loaf', 'loaves', 'bunch', 'piece', 'pieces', 'size', 'sizes',
  'fresh', 'good', 'nice', 'regular', 'normal', 'big', 'bigger', 'biggest', 'small', 'smaller', 'smallest', 'little', 'large',
  'larger', 'largest', 'medium', 'cheap', 'cheaper', 'cheapest', 'best', 'new', 'ripe', 'decent', 'inch', 'inches', 'in', 'ft',
  'foot', 'feet', 'pk', 'pc', 'pcs', 'sheet', 'sheets', 'set', 'kit', 'pair', 'pairs', 'case', 'tub', 'tube', 'container',
  'package', 'packet', 'packets', 'bundle', 'value', 'economy', 'variety', 'assorted', 'sack', 'pouch', 'dozen',
  // What a whole range is called: "Milwaukee tools", "pool supplies".
  'tools', 'supplies', 'gear', 'equipment', 'accessories', 'panel', 'panels', 'medicine', 'medicines', 'medication', 'meds',
  // How big: "1 inch wide", "the long one".
  'wide', 'long', 'tall', 'thick', 'thin', 'narrow', 'deep', 'starter', 'combo',
]);

/** Packaging and counting words: never what a product is ("Plywood Sheet" is plywood, "Potatoes, 5 lb Bag" potatoes). */
export const CONTAINER_WORDS = new Set([
  'pack', 'packs', 'count', 'ct', 'each', 'per', 'bag', 'bags', 'box', 'boxes', 'can', 'cans', 'bottle', 'bottles', 'jar', 'jars',
  'carton', 'cartons', 'case', 'tub', 'tube', 'container', 'package', 'packet', 'packets', 'bundle', 'sack', 'pouch', 'sheet',
  'sheets', 'set', 'kit', 'pair', 'pairs', 'piece', 'pieces', 'size', 'sizes', 'value', 'economy', 'variety', 'assorted', 'pk',
  'pc', 'pcs', 'oz', 'ounce', 'ounces', 'lb', 'lbs', 'pound', 'pounds', 'gallon', 'gallons', 'quart', 'quarts', 'pint', 'pints',
  'liter', 'litre', 'liters', 'litres', 'ml', 'mg', 'g', 'kg', 'gram', 'grams', 'inch', 'inches', 'in', 'ft', 'foot', 'feet',
  'panel', 'panels', 'tools', 'supplies', 'starter', 'combo',
]);

export function isNumber(word: string): boolean {
  return /^\d+(\.\d+)?$/.test(word);
}

export type WordClass = 'stop' | 'soft' | 'significant';

export function classify(word: string): WordClass {
  if (STOP_WORDS.has(word)) return 'stop';
  // A single letter counts ("vitamin C", "Zyrtec D", "D batteries"); "a" and "i" are stop words.
  if (SOFT_WORDS.has(word) || isNumber(word)) return 'soft';
  return 'significant';
}
