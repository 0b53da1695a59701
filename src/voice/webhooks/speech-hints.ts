import { oncePerValue } from '../../shared/once-per-value.js';
import type { Department, Product } from '../../store/schemas.js';
import { type ProductIndex, productIndexFor } from '../understanding/product-index.js';

/** Twilio's limits for <Gather hints>: at most 500 phrases, each at most 100 characters. */
export const MAX_HINTS = 500;
export const MAX_HINT_LENGTH = 100;
/**
 * Our own cap on the whole list. Every <Gather> carries it, Twilio refuses TwiML over 64 KB
 * (500 long phrases alone would be 50 KB), and a small store's full list is about 3 KB.
 */
export const MAX_HINTS_CHARACTERS = 4000;

/** The list holds a few hundred phrases: the first few thousand products' keywords and names fill it many times over. */
const PRODUCTS_LOOKED_AT = 5000;

const FIXED_HINTS = ['operator', 'store hours', 'address', 'coupons', 'deals'];

/**
 * Phrases that help speech recognition hear our words: department names and keywords first
 * (few, and they route calls), then product keywords (generic words that cover many
 * products), then product names without their size ("Whole Milk"). Built again when the
 * departments or the catalogue's words change, not for a new price or stock.
 */
export function speechHints(departments: readonly Department[], inventory: readonly Product[]): string {
  return hintsFor(departments)(inventory);
}

const hintsFor = oncePerValue((departments: readonly Department[]) => {
  let last: { index: ProductIndex; wordsVersion: number; hints: string } | undefined;
  return (inventory: readonly Product[]) => {
    const index = productIndexFor(inventory);
    if (last?.index !== index || last.wordsVersion !== index.wordsVersion) {
      last = { index, wordsVersion: index.wordsVersion, hints: buildHints(departments, inventory).join(', ') };
    }
    return last.hints;
  };
});

export function buildHints(departments: readonly Department[], inventory: readonly Product[]): string[] {
  const seen = new Set<string>();
  const hints: string[] = [];
  let characters = 0;
  /** Adds a phrase unless it is there already; false once the list is full. */
  const add = (raw: string): boolean => {
    // Commas separate hints, so none may sit inside one.
    const phrase = raw.replace(/[,\s]+/g, ' ').trim();
    const key = phrase.toLowerCase();
    if (phrase === '' || phrase.length > MAX_HINT_LENGTH || seen.has(key)) return true;
    const cost = phrase.length + (hints.length > 0 ? 2 : 0); // ", "
    if (characters + cost > MAX_HINTS_CHARACTERS) return false;
    seen.add(key);
    hints.push(phrase);
    characters += cost;
    return hints.length < MAX_HINTS;
  };
  const activeDepartments = departments.filter((d) => d.active);
  const products: Product[] = [];
  for (const product of inventory) {
    if (products.length === PRODUCTS_LOOKED_AT) break;
    if (product.active) products.push(product);
  }
  const lists = [
    activeDepartments.map((d) => d.name),
    FIXED_HINTS,
    activeDepartments.flatMap((d) => d.keywords),
    products.flatMap((p) => p.keywords),
    products.map((p) => p.name.split(',')[0]),
  ];
  for (const list of lists) for (const phrase of list) if (!add(phrase)) return hints;
  return hints;
}
