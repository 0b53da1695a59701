import type { Product } from '../../store/schemas.js';
import { speakList } from './speak.js';
import { speakProductName } from './speak-product.js';

/**
 * Close products named by what tells them apart:
 *   "the 2 liter and the 12 pack"            (one name, other sizes);
 *   "the Creamy and the Crunchy"            (names ending alike: "… Peanut Butter, 16 oz");
 *   "the Heavy Whipping Cream and the Vanilla Ice Cream", "the No Pulp and the Some Pulp"
 *                                             (one shared last word kept, so it is not "the No");
 *   the whole names otherwise.
 */
const MAX_DIFFERENCE_WORDS = 4;

export function tellApart(products: readonly Product[]): string {
  const names = products.map((p) => speakProductName(p.name));
  const mains = names.map((n) => n.split(',')[0].trim());
  const variants = names.map((n) => n.split(',').slice(1).join(',').trim());
  if (mains.every((m) => m === mains[0])) {
    if (variants.every((v) => v !== '' && v.split(' ').length <= MAX_DIFFERENCE_WORDS + 2) && new Set(variants).size === variants.length) {
      return speakList(variants.map((v) => `the ${v}`));
    }
    return speakList(names);
  }
  const words = mains.map((m) => m.split(/\s+/));
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  let prefix = 0;
  while (words.every((w) => w.length > prefix + 1 && same(w[prefix], words[0][prefix]))) prefix++;
  let suffix = 0;
  while (words.every((w) => w.length > prefix + suffix + 1 && same(w[w.length - 1 - suffix], words[0][words[0].length - 1 - suffix]))) suffix++;
  const middles = words.map((w) => w.slice(prefix, w.length - suffix));
  const short = middles.every((m) => m.length > 0 && m.length <= MAX_DIFFERENCE_WORDS);
  if (!short || prefix + suffix === 0) return speakList(uniqueVariants(mains, names));
  // A single shared last word is what they are ("Cream", "Pulp"): keep it. A longer shared end goes without saying.
  const ending = suffix === 1 ? ` ${words[0][words[0].length - 1]}` : '';
  const said = middles.map((m) => `the ${m.join(' ')}${ending}`);
  if (distinct(said)) return speakList(said);
  // "the Creamy, 16 ounce, the Creamy, 40 ounce and the Extra Crunchy, 16 ounce"
  const sized = said.map((s, i) => (variants[i] ? `${s}, ${variants[i]}` : s));
  return speakList(distinct(sized) ? sized : names);
}

function distinct(list: readonly string[]): boolean {
  return new Set(list.map((s) => s.toLowerCase())).size === list.length;
}

/** The names without their sizes when the names alone already differ. */
function uniqueVariants(mains: string[], names: string[]): string[] {
  return new Set(mains.map((m) => m.toLowerCase())).size === mains.length ? mains : names;
}
