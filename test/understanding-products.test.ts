import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { generateCatalogue } from '../scripts/lib/catalogue.js';
import { sampleData } from '../src/store/index.js';
import type { Product } from '../src/store/schemas.js';
import { normaliseTokens } from '../src/voice/understanding/normalise.js';
import { buildProductIndex, type ProductIndex, productIndexFor } from '../src/voice/understanding/product-index.js';
import { type ProductSearch, searchProducts } from '../src/voice/understanding/search-products.js';
import { understand } from '../src/voice/understanding/understand.js';

function search(query: string, index: ProductIndex): ProductSearch {
  return searchProducts(normaliseTokens(query), index);
}

/** What the line would do, in a word: the product's name, the names it asks about, or undefined (not found). */
function named(result: ProductSearch): string | string[] | undefined {
  const { match } = result;
  if (match.kind === 'found') return match.product.name;
  if (match.kind === 'not_found') return undefined;
  return match.products.map((p) => p.name);
}

const product = (id: string, name: string, extra: Partial<Product> = {}): Product => ({
  id,
  name,
  price: 1,
  stock: 1,
  location: 'Aisle 1',
  keywords: [],
  active: true,
  ...extra,
});

describe('the product index', () => {
  test('When the inventory value is the same, then the index is reused; a changed inventory is answered as changed, and so is the old one if asked again', () => {
    const inventory = sampleData('inventory');
    const index = productIndexFor(inventory);
    assert.equal(productIndexFor(inventory), index);
    const next = inventory.map((p) => (p.id === 'prod-0003' ? { ...p, name: 'Fat Free Milk, Half Gallon' } : p));
    assert.equal(named(search('fat free milk', productIndexFor(next))), 'Fat Free Milk, Half Gallon');
    assert.equal(named(search('skim milk', productIndexFor(next))), undefined);
    assert.equal(named(search('skim milk', productIndexFor(inventory))), 'Skim Milk, Half Gallon', 'the old version still answers as itself');
  });

  test('When a product is inactive, then it is not in the index at all', () => {
    const index = buildProductIndex(sampleData('inventory'));
    assert.ok(!index.liveProducts().some((p) => p.name.startsWith('Holiday Eggnog')));
    assert.equal(index.live, 71);
    assert.equal(named(search('eggnog', index)), undefined);
  });
});

describe('matching what a caller asked for', () => {
  let sample: ProductIndex;
  before(() => {
    sample = buildProductIndex(sampleData('inventory'));
  });

  test('When a word is a plural, a keyword, or a small slip, then the right product is found', () => {
    assert.equal(named(search('bagel', sample)), 'Plain Bagels, 6 Pack');
    assert.equal(named(search('paracetamol', sample)), 'Acetaminophen 500 mg, 100 Caplets');
    assert.equal(named(search('ibuprofin', sample)), 'Ibuprofen 200 mg, 100 Tablets');
    assert.equal(named(search('shampo', sample)), 'Everyday Shampoo, 12 oz');
    assert.equal(named(search('avacados', sample)), 'Hass Avocados, each');
    assert.equal(named(search('tomatos', sample)), 'Roma Tomatoes, per lb');
  });

  test('When a query names only a word that describes another thing, then that thing is not offered', () => {
    assert.equal(named(search('strawberry', sample)), 'Strawberries, 1 lb', 'not strawberry jam');
    assert.equal(named(search('tomato', sample)), 'Roma Tomatoes, per lb', 'not ketchup or sauce');
    assert.equal(named(search('peanuts', sample)), undefined, 'peanut butter is not peanuts');
    assert.equal(named(search('chocolate', sample)), undefined, 'chocolate chip cookies are not chocolate');
    assert.equal(named(search('butter', sample)), 'Salted Butter, 1 lb');
  });

  test('When a brand and a flavour are said with a kind the store sells, but not in that flavour, then products of other kinds are not offered; a kind word added to a whole name is forgiven', () => {
    const stores: Product[][] = [
      [product('a', 'Golden Valley Honey Candles, 12 oz'), product('b', 'Golden Valley Honey Flour, 12 oz'), product('c', 'Golden Valley Organic Cereal, 12 oz'), product('d', 'Sunny Farms Honey Cereal, 12 oz')],
      [product('a', 'Ridgeline Cedar Stain, 1 gal'), product('b', 'Ridgeline Cedar Fence Pickets, 6 ft'), product('c', 'Ridgeline Clear Sealer, 1 gal'), product('d', 'Harbor Cedar Sealer, 1 gal')],
      [product('a', 'Paws Chicken Jerky Treats, 8 oz'), product('b', 'Paws Chicken Shampoo, 16 oz'), product('c', 'Paws Salmon Kibble, 5 lb'), product('d', 'Happy Tail Chicken Kibble, 5 lb')],
    ];
    const asked = ['golden valley honey cereal', 'ridgeline cedar sealer', 'paws chicken kibble'];
    stores.forEach((catalogue, i) => {
      const index = buildProductIndex(catalogue);
      assert.equal(named(search(asked[i], index)), undefined, `${asked[i]}: none of this brand in that flavour and kind`);
    });
    const kelloggs = buildProductIndex([product('a', "Kellogg's Corn Flakes, 18 oz"), product('b', 'Great Value Bran Cereal, 16 oz')]);
    assert.equal(named(search("kellogg's corn flakes cereal", kelloggs)), "Kellogg's Corn Flakes, 18 oz");
  });

  test('When a query has a word no product has, then nothing is found, however close the rest', () => {
    for (const query of ['almond milk', 'oat milk', 'goat cheese', 'chicken nuggets', 'brown rice', 'turkey bacon', 'diet coke', 'apple juice', 'chocolate milk']) {
      assert.equal(search(query, sample).match.kind, 'not_found', query);
    }
    const onePercent = search('1% milk', sample);
    assert.equal(onePercent.match.kind, 'size', 'a strength not carried names the one there is');
    assert.deepEqual(named(onePercent), ['2% Reduced Fat Milk, 1 Gallon']);
    const almond = search('almond milk', sample);
    assert.deepEqual({ significant: almond.significant, known: almond.known }, { significant: 2, known: 1 });
  });

  test('When a keyword is said exactly, then its product is named; when two are equally close, then the caller is asked', () => {
    assert.equal(named(search('chicken', sample)), 'Boneless Chicken Breast, per lb');
    assert.equal(named(search('rotisserie chicken', sample)), 'Rotisserie Chicken');
    assert.equal(named(search('milk', sample)), 'Whole Milk, 1 Gallon');
    assert.deepEqual(named(search('cream', sample)), ['Heavy Whipping Cream, 1 Pint', 'Vanilla Ice Cream, 1.5 Quart']);
  });

  test('When a size is said, then it must match; a size the store does not carry is a question naming the sizes there are', () => {
    const index = buildProductIndex([product('a', 'Cola, 12 Pack Cans'), product('b', 'Cola, 2 Liter Bottle')]);
    assert.equal(named(search('12 pack of cola', index)), 'Cola, 12 Pack Cans');
    assert.equal(named(search('a 2 liter of cola', index)), 'Cola, 2 Liter Bottle');
    assert.deepEqual(named(search('cola', index)), ['Cola, 12 Pack Cans', 'Cola, 2 Liter Bottle']);
    const six = search('6 pack of cola', index);
    assert.equal(six.match.kind, 'size');
    assert.deepEqual(named(six), ['Cola, 12 Pack Cans'], 'the pack sizes there are');
  });

  test('When the catalogue has 50,000 more products, then the sample answers stay the same and near misses stay not found', () => {
    const big = productIndexFor([...sampleData('inventory'), ...generateCatalogue(50_000)]);
    assert.equal(named(search('aa batteries', big)), 'AA Batteries, 8 Pack');
    assert.equal(named(search('tylenol', big)), 'Acetaminophen 500 mg, 100 Caplets');
    assert.equal(search('almond milk', big).match.kind, 'not_found', 'almonds exist, almond milk does not');
    const peanut = search('peanut butter', big);
    assert.ok(['found', 'choose', 'detail'].includes(peanut.match.kind));
    assert.ok(peanut.candidates.every((c) => /peanut butter/i.test(c.product.name)), String(peanut.candidates.map((c) => c.product.name)));
  });
});

describe('understanding a whole utterance', () => {
  const catalogue = { departments: sampleData('departments'), inventory: sampleData('inventory'), operatorExtension: '9' };

  test('When the operator extension is keyed, or 0, then it is the operator', () => {
    assert.equal(understand({ digits: '9' }, catalogue).intent, 'operator');
    assert.equal(understand({ digits: '0' }, catalogue).intent, 'operator');
  });

  test('When keyed digits and speech both arrive, then the digits win', () => {
    const result = understand({ digits: '102', speech: 'pharmacy' }, catalogue);
    assert.equal(result.intent, 'department');
    assert.equal(result.intent === 'department' && result.department.name, 'Bakery');
  });

  test('When a product question names a department keyword in full, then it goes to that department; a partial keyword does not', () => {
    const cakes = understand({ speech: 'do you have birthday cakes' }, catalogue);
    assert.equal(cakes.intent === 'department' && cakes.department.name, 'Bakery');
    const sticks = understand({ speech: 'do you have fish sticks' }, catalogue);
    assert.equal(sticks.intent, 'product');
    assert.equal(sticks.intent === 'product' && sticks.match.kind, 'not_found');
  });

  test('When a bare phrase has no word the store knows, then it is not understood rather than a product', () => {
    assert.equal(understand({ speech: 'the weather is lovely today isnt it' }, catalogue).intent, 'not_understood');
    assert.equal(understand({ speech: 'almond milk' }, catalogue).intent, 'product');
  });

  test('When a product is not found, then the query is the caller\'s own words as said', () => {
    const result = understand({ speech: 'Do you have 5/8" plywood?' }, catalogue);
    assert.equal(result.intent === 'product' && result.query, '5/8" plywood');
  });
});
