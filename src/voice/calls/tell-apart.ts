import type { Product } from '../../store/schemas.js';
import { STOP_WORDS } from '../understanding/terms.js';
import { speakList } from './speak.js';
import { speakProductName } from './speak-product.js';

/**
 * Close products named by what tells them apart: "the Creamy and the Crunchy" for two
 * peanut butters, "the 2 liter and the 12 pack" for two sizes of one drink, "the No Pulp and
 * the Some Pulp". When the differences are not a few words each, the whole names are said.
 */
const MAX_DIFFERENCE_WORDS = 4;
const MAX_VARIANT_WORDS = 6;

export function tellApart(products: readonly Product[]): string {
  const names = products.map((p) => speakProductName(p.name));
  // Same name, other size or pack ("Coca-Cola Classic, 2 liter" / "…, 12 pack"): say what follows the comma.
  const [mains, variants] = [names.map((n) => n.split(',')[0].trim()), names.map((n) => n.split(',').slice(1).join(',').trim())];
  if (mains.every((m) => m === mains[0]) && variants.every((v) => v !== '' && v.split(' ').length <= MAX_VARIANT_WORDS) && new Set(variants).size === variants.length) {
    return speakList(variants.map((v) => `the ${v}`));
  }
  const words = names.map((name) => name.split(/[\s,]+/).filter((w) => w !== ''));
  const lower = (w: string) => w.toLowerCase();
  const inAll = new Set(words[0].map(lower).filter((w) => words.every((list) => list.some((x) => lower(x) === w))));
  const differences = words.map((list) => {
    const picked: string[] = [];
    list.forEach((w, i) => {
      if (!inAll.has(lower(w))) picked.push(w);
      // "No" alone says nothing: "No Pulp" does.
      else if (i > 0 && !inAll.has(lower(list[i - 1])) && STOP_WORDS.has(lower(list[i - 1]))) picked.push(w);
    });
    return picked.join(' ');
  });
  const shared = [...inAll].some((w) => /[a-z]{3,}/.test(w));
  const distinct = new Set(differences.map(lower)).size === differences.length;
  const short = differences.every((d) => d !== '' && d.split(' ').length <= MAX_DIFFERENCE_WORDS);
  if (shared && distinct && short) return speakList(differences.map((d) => `the ${d}`));
  return speakList(names);
}
