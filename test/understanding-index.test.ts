import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Product } from '../src/store/schemas.js';
import { readCallerQuery } from '../src/voice/understanding/caller-query.js';
import { normaliseTokens } from '../src/voice/understanding/normalise.js';
import { buildProductIndex, type ProductIndex, updateProductIndex } from '../src/voice/understanding/product-index.js';
import { rankCandidates, searchProducts } from '../src/voice/understanding/search-products.js';

/**
 * Properties of the product index, over random catalogues from a small vocabulary (so words
 * collide the way a real store's do) and random edits.
 */

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const BRANDS = ['Acme', "Rao's", 'Blue Ridge', 'Kelloggs', 'Purina', 'Zanzibar', 'WD-40', 'Coca-Cola'];
const WORDS = ['Creamy', 'Crunchy', 'Peanut', 'Butter', 'Dog', 'Food', 'Puppy', 'Cat', 'Litter', 'Milk', 'Whole', 'Almond', 'Saffron', 'Threads', 'Ladder', 'Step', 'Plywood', 'Sauce', 'Marinara', 'Tooth', 'Paste', 'Cola', 'Chips', 'Sea', 'Salt'];
const SIZES = ['12 oz', '24 oz', '5 lb', '1/2 in.', '5/8 in.', '10 ft.', '2x4 x 8 ft.', '24 ct', '1 gal', ''];
const QUERIES = [
  'peanut butter', 'creamy peanut butter', 'dog food for a puppy', 'purina', 'acme', 'raos marinara', 'zanzibar saffron', 'the 12 ounce peanut butter',
  'five eighths inch plywood', 'ten foot ladder', 'tooth paste', 'toothpaste', 'wd 40', 'coca cola', 'cocacola', 'milk', 'almond milk', 'sea salt chips',
  'crunchy', 'blah blah', '2x4', 'cat litter 5 pound', 'peanutbutter', 'kellogs', 'blue ridge', 'whole milk 1 gallon',
  // trailing words a product may lack, and a first word alone that must be all of a name
  'creamy peanut butter cookies', 'acme dog food bag', 'purina cat', 'whole milk drink', 'saffron spice jar', 'peanut butter crunchy chips',
  'cola soda pop', 'marinara sauce jar', 'litter box', 'milk chocolate bar', 'zanzibar threads tin', 'tooth paste tube',
];

function randomProduct(next: () => number, id: string): Product {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const words = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(WORDS));
  const size = pick(SIZES);
  const name = `${next() < 0.7 ? `${pick(BRANDS)} ` : ''}${words.join(' ')}${size ? `, ${size}` : ''}`;
  return {
    id,
    name,
    price: 1,
    stock: next() < 0.1 ? 0 : 5,
    location: 'Aisle 1',
    keywords: next() < 0.3 ? [words.slice(-2).join(' ').toLowerCase()] : [],
    active: next() > 0.1,
  };
}

/** What a search answers, in plain values (ids, rounded scores), independent of where products sit in the index. */
function answers(index: ProductIndex): string[] {
  return QUERIES.map((q) => {
    const search = searchProducts(normaliseTokens(q), index);
    const match = search.match;
    const picked = match.kind === 'found' ? [match.product.id] : match.kind === 'not_found' ? [] : match.products.map((p) => p.id);
    const ranked = search.candidates.map((c) => `${c.product.id}:${c.score.toFixed(6)}`);
    return `${q} → ${match.kind} [${picked.join(',')}] {${ranked.join(' ')}}`;
  });
}

describe('the product index, edited in place', () => {
  test('When random edits are applied one batch at a time, then the index answers every query exactly as one built afresh from the result', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const next = random(seed);
      let catalogue = Array.from({ length: 40 + Math.floor(next() * 60) }, (_, i) => randomProduct(next, `p${i}`));
      let index = buildProductIndex(catalogue);
      let counter = catalogue.length;
      for (let round = 0; round < 8; round++) {
        const upserted: Product[] = [];
        const removedIds: string[] = [];
        const byId = new Map(catalogue.map((p) => [p.id, p]));
        for (let k = 0, n = 1 + Math.floor(next() * 6); k < n; k++) {
          const roll = next();
          const existing = catalogue[Math.floor(next() * catalogue.length)];
          if (roll < 0.3 && existing) {
            removedIds.push(existing.id);
            byId.delete(existing.id);
          } else if (roll < 0.7 && existing) {
            const changed = { ...randomProduct(next, existing.id) };
            upserted.push(changed);
            byId.set(existing.id, changed);
          } else {
            const added = randomProduct(next, `p${counter++}`);
            upserted.push(added);
            byId.set(added.id, added);
          }
        }
        // A product both changed and removed in one batch is removed last: keep the batch consistent.
        const finalUpserts = upserted.filter((p) => byId.get(p.id) === p);
        catalogue = [...byId.values()];
        index = updateProductIndex(index, { upserted: finalUpserts, removedIds: removedIds.filter((id) => !byId.has(id)) });
        assert.deepEqual(answers(index), answers(buildProductIndex(catalogue)), `seed ${seed}, round ${round}`);
      }
    }
  });

  test('When one product of a large catalogue changes, then only it is re-indexed (the rest keep their slots) and the answers follow', () => {
    const next = random(7);
    const catalogue = Array.from({ length: 20_000 }, (_, i) => randomProduct(next, `p${i}`));
    const index = buildProductIndex(catalogue);
    const renamed = { ...catalogue[5], name: 'Zanzibar Saffron Threads, 2 g', active: true };
    const slots = index.products.length;
    const other = index.products[6];
    updateProductIndex(index, { upserted: [renamed], removedIds: [] });
    assert.equal(index.products.length, slots + 1, 'the renamed product takes one new slot; nothing is rebuilt');
    assert.equal(index.products[6], other);
    const search = searchProducts(normaliseTokens('zanzibar saffron threads'), index);
    assert.ok(search.candidates.some((c) => c.product.id === 'p5'));
  });
});

describe('the pruned search', () => {
  test('When candidates are taken from the postings of the rarest required word, then the ranking is exactly what scoring every product gives', () => {
    for (let seed = 100; seed < 130; seed++) {
      const next = random(seed);
      const catalogue = Array.from({ length: 150 }, (_, i) => randomProduct(next, `p${i}`));
      const index = buildProductIndex(catalogue);
      for (const q of QUERIES) {
        const query = readCallerQuery(normaliseTokens(q), index);
        const pruned = rankCandidates(query, index).map((c) => `${c.product.id}:${c.score}`);
        const everything = rankCandidates(query, index, true).map((c) => `${c.product.id}:${c.score}`);
        assert.deepEqual(pruned, everything, `seed ${seed}: "${q}"`);
      }
    }
  });
});
