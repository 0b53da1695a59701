import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { generateCatalogue } from '../scripts/lib/catalogue.js';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

type P = { id: string; name: string; sku?: string };
const names = (body: { items: P[] }) => body.items.map((p) => p.name);

describe('API: /api/inventory', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const paths = (body: unknown) => (body as ErrorBody).error.details.map((d) => d.path).sort();

  test('When the list is asked without a query, then the first page of 50 comes with the total', async () => {
    const res = await f.get('/api/inventory').expect(200);
    assert.deepEqual([res.body.total, res.body.page, res.body.pageSize, res.body.items.length], [72, 1, 50, 50]);
    const last = await f.get('/api/inventory?page=2').expect(200);
    assert.equal(last.body.items.length, 22);
    const beyond = await f.get('/api/inventory?page=9&pageSize=10').expect(200);
    assert.deepEqual([beyond.body.items, beyond.body.total], [[], 72]);
  });

  test('When q is given, then names, SKUs and keywords are searched, case-insensitively, every word must match', async () => {
    const milk = await f.get('/api/inventory?q=MILK').expect(200);
    assert.deepEqual(names(milk.body), ['Whole Milk, 1 Gallon', '2% Reduced Fat Milk, 1 Gallon', 'Skim Milk, Half Gallon']);
    assert.deepEqual(names((await f.get('/api/inventory?q=gallon%20skim')).body), ['Skim Milk, Half Gallon']);
    assert.deepEqual(names((await f.get('/api/inventory?q=sku-10004')).body), ['Large Brown Eggs, Dozen']);
    assert.deepEqual(names((await f.get('/api/inventory?q=catsup')).body), ['Tomato Ketchup, 20 oz']); // a keyword
    assert.equal((await f.get('/api/inventory?q=unicorn')).body.total, 0);
    const paged = await f.get('/api/inventory?q=milk&page=2&pageSize=2').expect(200);
    assert.deepEqual([names(paged.body), paged.body.total], [['Skim Milk, Half Gallon'], 3]);
  });

  test('When paging values are bad, then it gets 400 naming the parameter', async () => {
    for (const [query, param] of [['page=0', 'page'], ['page=abc', 'page'], ['pageSize=501', 'pageSize'], ['pageSize=-5', 'pageSize'], ['page=1&page=2', 'page'], ['pageSize=2.5', 'pageSize']]) {
      const res = await f.get(`/api/inventory?${query}`).expect(400);
      assert.deepEqual(paths(res.body), [param], query);
      assert.match((res.body as ErrorBody).error.message, new RegExp(param));
    }
  });

  test('When a product is created, then it gets 201 with an id and defaults, and search finds it at once', async () => {
    const res = await f.post('/api/inventory', { name: 'Oat Milk, Half Gallon', sku: 'OAT-1', price: 4.49, stock: 9, departmentId: 'dept-dairy' }).expect(201);
    assert.deepEqual(res.body, { id: res.body.id, name: 'Oat Milk, Half Gallon', sku: 'OAT-1', price: 4.49, stock: 9, location: '', departmentId: 'dept-dairy', keywords: [], active: true });
    assert.ok(names((await f.get('/api/inventory?q=oat%20milk')).body).includes('Oat Milk, Half Gallon'));
    assert.equal((await f.get('/api/inventory?q=milk')).body.total, 4);
  });

  test('When a SKU is already used (in any case), then create and update get 409 and nothing is written', async () => {
    const bytes = await f.bytes('inventory');
    const res = await f.post('/api/inventory', { name: 'Copy', sku: 'sku-10001', price: 1, stock: 1 }).expect(409);
    assert.equal((res.body as ErrorBody).error.code, 'conflict');
    assert.deepEqual(paths(res.body), ['sku']);
    await f.put('/api/inventory/prod-0002', { sku: 'SKU-10001' }).expect(409);
    assert.equal(await f.bytes('inventory'), bytes);
  });

  test('When fields are invalid, unknown, or name a missing department, then it gets 400 naming each and nothing is written', async () => {
    const bytes = await f.bytes('inventory');
    const bad = await f.post('/api/inventory', { name: 'Bad', price: -1, stock: 1.5, colour: 'red' }).expect(400);
    assert.deepEqual(paths(bad.body), ['colour', 'price', 'stock']);
    const missing = await f.post('/api/inventory', { name: 'Lost', price: 1, stock: 1 }).expect(201);
    await f.del(`/api/inventory/${missing.body.id}`).expect(200);
    const afterDelete = await f.bytes('inventory');
    const noDept = await f.post('/api/inventory', { name: 'Orphan', price: 1, stock: 1, departmentId: 'dept-nowhere' }).expect(400);
    assert.deepEqual(paths(noDept.body), ['departmentId']);
    await f.put('/api/inventory/prod-0001', { price: 'cheap' }).expect(400);
    await f.put('/api/inventory/prod-0001', { departmentId: 'dept-nowhere' }).expect(400);
    assert.equal(await f.bytes('inventory'), afterDelete);
    assert.notEqual(bytes, '');
  });

  test('When a product is updated, then only the given fields change and the audit log lists them', async () => {
    const res = await f.put('/api/inventory/prod-0001', { stock: 0, price: 3.99 }).set('X-Actor', 'dave').expect(200);
    assert.deepEqual([res.body.name, res.body.stock, res.body.price], ['Whole Milk, 1 Gallon', 0, 3.99]);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual([entry.actor, entry.action, entry.id, entry.changes], ['dave', 'update', 'prod-0001', ['price', 'stock']]);
  });

  test('When an id is unknown, then GET, PUT and DELETE get 404', async () => {
    await f.get('/api/inventory/prod-9999').expect(404);
    await f.put('/api/inventory/prod-9999', { stock: 1 }).expect(404);
    await f.del('/api/inventory/prod-9999').expect(404);
  });

  test('When a product is deleted, then it answers with it, search no longer finds it, and a second app agrees', async () => {
    const second = await f.secondApp();
    const res = await f.del('/api/inventory/prod-0003').expect(200);
    assert.equal(res.body.name, 'Skim Milk, Half Gallon');
    assert.ok(!names((await f.get('/api/inventory?q=milk')).body).includes('Skim Milk, Half Gallon'));
    await authorised(request(second).get('/api/inventory/prod-0003')).expect(404);
    await authorised(request(second).put('/api/inventory/prod-0004')).send({ stock: 61 }).expect(200);
    assert.equal((await f.get('/api/inventory/prod-0004')).body.stock, 61);
  });
});

describe('API: /api/inventory search over a large catalogue', () => {
  test('When the catalogue has 20,000 products, then a search answers the right total and pages', async () => {
    const f = await apiFixture();
    try {
      const catalogue = generateCatalogue(20_000);
      await f.store.inventory.replaceAll(catalogue);
      const expected = catalogue.filter((p) => `${p.name}\n${p.sku}\n${p.keywords.join('\n')}`.toLowerCase().includes('coffee'));
      const res = await f.get('/api/inventory?q=Coffee&pageSize=500&page=2').expect(200);
      assert.equal(res.body.total, expected.length);
      assert.deepEqual(res.body.items.map((p: P) => p.id), expected.slice(500, 1000).map((p) => p.id));
      const text = (p: (typeof catalogue)[number]) => `${p.name}\n${p.sku}\n${p.keywords.join('\n')}`.toLowerCase();
      for (const q of ['organic coffee', 'GEN-0000', 'oz pack', 'e']) {
        const words = q.toLowerCase().split(' ');
        const want = catalogue.filter((p) => words.every((w) => text(p).includes(w)));
        const got = await f.get(`/api/inventory?q=${encodeURIComponent(q)}&pageSize=500`).expect(200);
        assert.equal(got.body.total, want.length, q);
        assert.deepEqual(got.body.items.map((p: P) => p.id), want.slice(0, 500).map((p) => p.id), q);
      }
      // A write makes a new catalogue version: the next search sees it.
      await f.put(`/api/inventory/${expected[0].id}`, { name: 'Plain Tea', keywords: ['tea'] }).expect(200);
      assert.equal((await f.get('/api/inventory?q=coffee')).body.total, expected.length - 1);
    } finally {
      await f.cleanup();
    }
  });
});
