import type { Product } from '../../store/index.js';

/**
 * The store hands out the same frozen array until inventory.json changes, so the lowercase
 * search text of each product is built once per version of the catalogue and dropped with it.
 */
const searchTexts = new WeakMap<readonly Product[], string[]>();

function textsOf(inventory: readonly Product[]): string[] {
  let texts = searchTexts.get(inventory);
  if (!texts) {
    // A newline between fields keeps one query word from matching across two of them.
    texts = inventory.map((p) => [p.name, p.sku ?? '', ...p.keywords].join('\n').toLowerCase());
    searchTexts.set(inventory, texts);
  }
  return texts;
}

export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Products whose name, SKU or keywords contain every word of the query, in catalogue order. */
export function searchProducts(inventory: readonly Product[], q: string): readonly Product[] {
  const words = queryWords(q);
  if (words.length === 0) return inventory;
  const texts = textsOf(inventory);
  const found: Product[] = [];
  for (let i = 0; i < inventory.length; i++) {
    const text = texts[i];
    if (words.every((word) => text.includes(word))) found.push(inventory[i]);
  }
  return found;
}
