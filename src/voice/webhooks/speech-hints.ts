import { oncePerValue } from '../../shared/once-per-value.js';
import type { Department, Product } from '../../store/schemas.js';

/** Twilio's limits for <Gather hints>: at most 500 phrases, each at most 100 characters. */
export const MAX_HINTS = 500;
export const MAX_HINT_LENGTH = 100;
/**
 * Our own cap on the whole list. Every <Gather> carries it, Twilio refuses TwiML over 64 KB
 * (500 long phrases alone would be 50 KB), and a small store's full list is about 3 KB.
 */
export const MAX_HINTS_CHARACTERS = 4000;

const FIXED_HINTS = ['operator', 'store hours', 'address', 'coupons', 'deals'];

/**
 * Phrases that help speech recognition hear our words: department names and keywords first
 * (few, and they route calls), then product keywords (generic words that cover many
 * products), then product names without their size ("Whole Milk"). Built once per
 * departments/inventory version.
 */
export function speechHints(departments: readonly Department[], inventory: readonly Product[]): string {
  return hintsFor(departments)(inventory);
}

const hintsFor = oncePerValue((departments: readonly Department[]) =>
  oncePerValue((inventory: readonly Product[]) => buildHints(departments, inventory).join(', ')),
);

export function buildHints(departments: readonly Department[], inventory: readonly Product[]): string[] {
  const seen = new Set<string>();
  const hints: string[] = [];
  let characters = 0;
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
  // Products are walked only until the hints are full: a 50,000-product catalogue fills them in its first few hundred.
  const phrases = function* () {
    for (const d of activeDepartments) yield d.name;
    yield* FIXED_HINTS;
    for (const d of activeDepartments) yield* d.keywords;
    for (const p of inventory) if (p.active) yield* p.keywords;
    for (const p of inventory) if (p.active) yield p.name.split(',')[0];
  };
  for (const phrase of phrases()) if (!add(phrase)) break;
  return hints;
}
