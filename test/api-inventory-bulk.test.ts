import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { read } from './fixtures/store-access.js';

describe('API: POST /api/inventory/bulk', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const unchanged = async (run: () => Promise<unknown>) => {
    const before = [await f.bytes('inventory'), await f.bytes('audit')];
    await run();
    assert.deepEqual([await f.bytes('inventory'), await f.bytes('audit')], before);
  };

  test('When rows match existing SKUs or are new, then they are updated (keeping ids) or created, in one write', async () => {
    const res = await f
      .post('/api/inventory/bulk', {
        items: [
          { sku: 'sku-10001', price: 3.59, stock: 50 }, // matched case-insensitively; other fields kept
          { name: 'Oat Milk, Half Gallon', sku: 'OAT-1', price: 4.49, stock: 9, departmentId: 'dept-dairy' },
          { name: 'Loose Carrots, per lb', price: 0.99, stock: 100 }, // no sku: always new
        ],
      })
      .set('X-Actor', 'erin')
      .expect(200);
    assert.deepEqual(res.body, { created: 2, updated: 1, total: 74 });
    const inventory = await read(f.store, 'inventory');
    const milk = inventory.find((p) => p.id === 'prod-0001')!;
    assert.deepEqual([milk.name, milk.sku, milk.price, milk.stock], ['Whole Milk, 1 Gallon', 'SKU-10001', 3.59, 50]);
    assert.ok(inventory.some((p) => p.sku === 'OAT-1' && p.departmentId === 'dept-dairy'));
    assert.ok(inventory.some((p) => p.name === 'Loose Carrots, per lb' && p.sku === undefined));
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual([entry.actor, entry.action, entry.collection], ['erin', 'bulk', 'inventory']);
    assert.match(entry.summary, /3 row\(s\): 2 created, 1 updated/);
    assert.ok(entry.changes.includes('price') && entry.changes.includes('stock'));
  });

  test('When the body is a bare array, then it is accepted too', async () => {
    const res = await f.post('/api/inventory/bulk', [{ sku: 'OAT-1', stock: 8 }]).expect(200);
    assert.deepEqual(res.body, { created: 0, updated: 1, total: 74 });
  });

  test('When some rows are bad, then nothing is imported and every bad row is listed with index, path and field', async () => {
    await unchanged(async () => {
      const res = await f
        .post('/api/inventory/bulk', {
          items: [
            { name: 'Fine', sku: 'NEW-1', price: 1, stock: 1 },
            { name: 'Negative', price: -2, stock: 1 },
            { sku: 'SKU-10002', stock: 'lots' },
            { name: 'Extra', price: 1, stock: 1, colour: 'red' },
            'not an object',
            { name: 'Nowhere', price: 1, stock: 1, departmentId: 'dept-nowhere' },
            { name: 'Tags', price: 1, stock: 1, keywords: ['ok', ''] },
          ],
        })
        .expect(400);
      const body = res.body as ErrorBody;
      assert.equal(body.error.code, 'validation_failed');
      assert.match(body.error.message, /Nothing was imported: 6 of 7 row\(s\) have errors/);
      assert.deepEqual(
        body.error.details.map((d) => [d.index, d.path, d.field]),
        [
          [1, '[1].price', 'price'],
          [2, '[2].stock', 'stock'],
          [3, '[3].colour', 'colour'],
          [4, '[4]', ''],
          [5, '[5].departmentId', 'departmentId'],
          [6, '[6].keywords[1]', 'keywords'],
        ],
      );
    });
  });

  test('When a SKU appears twice in the file, then the import is refused with an error naming the other row', async () => {
    await unchanged(async () => {
      const res = await f
        .post('/api/inventory/bulk', { items: [{ name: 'A', sku: 'DUP-1', price: 1, stock: 1 }, { name: 'B', sku: ' dup-1 ', price: 1, stock: 1 }] })
        .expect(400);
      const [detail] = (res.body as ErrorBody).error.details;
      assert.deepEqual([detail.index, detail.path, detail.field], [1, '[1].sku', 'sku']);
      assert.match(detail.message, /duplicate sku "dup-1".*\[0\]/);
    });
  });

  test('When a row carries an id, then it must be the id of the product with that SKU', async () => {
    await f.post('/api/inventory/bulk', { items: [{ id: 'prod-0002', sku: 'SKU-10002', stock: 36 }] }).expect(200);
    await unchanged(async () => {
      const wrong = await f.post('/api/inventory/bulk', { items: [{ id: 'prod-0003', sku: 'SKU-10002', stock: 1 }] }).expect(400);
      assert.equal((wrong.body as ErrorBody).error.details[0].path, '[0].id');
      const fresh = await f.post('/api/inventory/bulk', { items: [{ id: 'mine', name: 'New', price: 1, stock: 1 }] }).expect(400);
      assert.equal((fresh.body as ErrorBody).error.details[0].field, 'id');
    });
  });

  test('When the body is neither { items: [...] } nor an array, then it gets 400', async () => {
    await unchanged(async () => {
      await f.post('/api/inventory/bulk', { products: [] }).expect(400);
      await f.post('/api/inventory/bulk', { items: [], extra: 1 }).expect(400);
      await f.post('/api/inventory/bulk').type('text/csv').send('name,price\nMilk,1').expect(415);
    });
  });

  test('When the file is larger than 1 MB, then bulk still takes it (64 MB limit) while an ordinary route refuses it', async () => {
    const items = Array.from({ length: 6000 }, (_, i) => ({ name: `Big Import Product ${i} ${'x'.repeat(100)}`, sku: `BIG-${i}`, price: 1 + (i % 50), stock: i % 7, location: 'Aisle 20' }));
    const body = { items };
    assert.ok(JSON.stringify(body).length > 1_048_576);
    const res = await f.post('/api/inventory/bulk', body).expect(200);
    assert.equal(res.body.created, 6000);
    await f.post('/api/inventory', body).expect(413);
  });

  test('When a bulk import goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    await authorised(request(second).post('/api/inventory/bulk')).send({ items: [{ sku: 'SKU-10005', price: 5.99 }] }).expect(200);
    assert.equal((await f.get('/api/inventory/prod-0005')).body.price, 5.99);
  });
});
