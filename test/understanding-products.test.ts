import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { generateCatalogue } from '../scripts/lib/catalogue.js';
import { sampleData } from '../src/store/index.js';
import type { Product } from '../src/store/schemas.js';
import { type ProductSearch, matchProduct } from '../src/voice/understanding/match-product.js';
import { normaliseText, tokensOf } from '../src/voice/understanding/normalise.js';
import { buildProductIndex, type ProductIndex, productIndexFor } from '../src/voice/understanding/product-index.js';
import { understand } from '../src/voice/understanding/understand.js';

function search(query: string, index: ProductIndex): ProductSearch {
  return matchProduct(tokensOf(normaliseText(query)), index);
}

function named(result: ProductSearch): string | string[] | undefined {
  const { match } = result;
  return match.kind === 'found' ? match.product.name : match.kind === 'ambiguous' ? match.products.map((p) => p.name) : undefined;
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
  test('When the inventory value is the same, then the index is reused; a new inventory value gets a new index', () => {
    const inventory = sampleData('inventory');
    const index = productIndexFor(inventory);
    assert.equal(productIndexFor(inventory), index);
    const next = [...inventory];
    assert.notEqual(productIndexFor(next), index);
  });

  test('When a product is inactive, then it is not in the index at all', () => {
    const index = buildProductIndex(sampleData('inventory'));
    assert.ok(!index.products.some((p) => p.name.startsWith('Holiday Eggnog')));
    assert.equal(index.products.length, 71);
    assert.equal(named(search('eggnog', index)), undefined);
  });

  test('When words are shared by many products, then each word lists only the products that hold it, shortest names first', () => {
    const index = buildProductIndex(sampleData('inventory'));
    const milk = index.postings.get(index.stemIds.get('milk')!)!;
    assert.deepEqual(
      [...milk].map((p) => index.products[p].name),
      ['Whole Milk, 1 Gallon', 'Skim Milk, Half Gallon', '2% Reduced Fat Milk, 1 Gallon'],
    );
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

  test('When a query names only part of what a product is, then the product must be what was asked for (its head noun)', () => {
    assert.equal(named(search('strawberry', sample)), 'Strawberries, 1 lb', 'not strawberry jam');
    assert.equal(named(search('tomato', sample)), 'Roma Tomatoes, per lb', 'not ketchup or sauce');
    assert.equal(named(search('peanut', sample)), undefined, 'peanut butter is not peanuts');
    assert.equal(named(search('butter', sample)), 'Salted Butter, 1 lb');
  });

  test('When a query has a word no product has, then nothing is found, however close the rest', () => {
    for (const query of ['almond milk', 'oat milk', 'goat cheese', 'chicken nuggets', 'brown rice', 'turkey bacon', 'diet coke', '1% milk']) {
      assert.equal(search(query, sample).match.kind, 'not_found', query);
    }
    assert.deepEqual({ significant: 2, known: 1 }, { significant: search('almond milk', sample).significant, known: search('almond milk', sample).known });
  });

  test('When two products are equally good, then both are named; when one clearly leads, only it', () => {
    assert.deepEqual(named(search('chicken', sample)), ['Boneless Chicken Breast, per lb', 'Rotisserie Chicken']);
    assert.equal(named(search('rotisserie chicken', sample)), 'Rotisserie Chicken');
    assert.equal(named(search('milk', sample)), 'Whole Milk, 1 Gallon');
  });

  test('When a size is said, then it helps choose but is not required', () => {
    const index = buildProductIndex([product('a', 'Cola, 12 Pack Cans'), product('b', 'Cola, 2 Liter Bottle')]);
    assert.equal(named(search('12 pack of cola', index)), 'Cola, 12 Pack Cans');
    assert.deepEqual(named(search('cola', index)), ['Cola, 12 Pack Cans', 'Cola, 2 Liter Bottle']);
    assert.ok(named(search('6 pack of cola', index)), 'a different size still finds cola');
  });

  test('When the catalogue has 50,000 more products, then the sample answers stay the same and near misses stay not found', () => {
    const big = productIndexFor([...sampleData('inventory'), ...generateCatalogue(50_000)]);
    assert.equal(named(search('aa batteries', big)), 'AA Batteries, 8 Pack');
    assert.equal(named(search('tylenol', big)), 'Acetaminophen 500 mg, 100 Caplets');
    assert.equal(search('almond milk', big).match.kind, 'not_found', 'almonds exist, almond milk does not');
    const peanut = named(search('peanut butter', big));
    assert.ok([peanut].flat().every((name) => /peanut butter/i.test(name ?? '')), String(peanut));
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
});
