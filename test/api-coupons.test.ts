import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

describe('API: /api/coupons', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const paths = (body: unknown) => (body as ErrorBody).error.details.map((d) => d.path).sort();
  const sample = { code: 'SPRING5', description: '5 dollars off any plant', discountType: 'amount', discountValue: 5, validFrom: '2026-03-01', validUntil: '2026-05-31' };

  test('When the list is asked, then every coupon comes back, inactive and expired ones too', async () => {
    const res = await f.get('/api/coupons').expect(200);
    assert.deepEqual(res.body.map((c: { code: string }) => c.code), ['SAVE10', 'DAIRY1', 'BREAD2', 'SUMMER25', 'FLOWERS5']);
  });

  test('When a coupon is created, then it gets 201 with an id and is saved and audited', async () => {
    const res = await f.post('/api/coupons', sample).expect(201);
    assert.deepEqual(res.body, { ...sample, id: res.body.id, active: true });
    assert.deepEqual((await f.get(`/api/coupons/${res.body.id}`)).body, res.body);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual([entry.action, entry.collection, entry.summary], ['create', 'coupons', 'Created coupon SPRING5']);
  });

  test('When a code is already used, in any case, then create and update get 409 and nothing is written', async () => {
    const bytes = await f.bytes('coupons');
    const res = await f.post('/api/coupons', { ...sample, code: 'save10' }).expect(409);
    assert.deepEqual(paths(res.body), ['code']);
    assert.match((res.body as ErrorBody).error.message, /code "SAVE10" already exists/);
    await f.put('/api/coupons/coupon-dairy1', { code: 'Spring5' }).expect(409);
    assert.equal(await f.bytes('coupons'), bytes);
  });

  test('When values break the rules, then it gets 400 naming each field and nothing is written', async () => {
    const bytes = await f.bytes('coupons');
    const percent = await f.post('/api/coupons', { ...sample, code: 'BIG', discountType: 'percent', discountValue: 150 }).expect(400);
    assert.deepEqual(paths(percent.body), ['discountValue']);
    const dates = await f.post('/api/coupons', { ...sample, code: 'DATES', validFrom: '2026-01-01', validUntil: '2026-02-30' }).expect(400);
    assert.deepEqual(paths(dates.body), ['validUntil']);
    const order = await f.post('/api/coupons', { ...sample, code: 'ORDER', validFrom: '2026-06-01', validUntil: '2026-05-01' }).expect(400);
    assert.match((order.body as ErrorBody).error.message, /validUntil: must not be before validFrom/);
    const many = await f.post('/api/coupons', { code: 'has space', description: '', discountType: 'free', discountValue: 0 }).expect(400);
    assert.deepEqual(paths(many.body), ['code', 'description', 'discountType', 'discountValue']);
    await f.put('/api/coupons/coupon-save10', { discountValue: 101 }).expect(400);
    assert.equal(await f.bytes('coupons'), bytes);
  });

  test('When a coupon is updated, then the given fields change and null clears an optional date', async () => {
    const res = await f.put('/api/coupons/coupon-save10', { validUntil: null, active: false }).expect(200);
    assert.equal('validUntil' in res.body, false);
    assert.equal(res.body.active, false);
    assert.equal(res.body.validFrom, '2026-01-01');
  });

  test('When an id is unknown, then 404; when a coupon is deleted, then it is gone', async () => {
    await f.get('/api/coupons/nope').expect(404);
    await f.put('/api/coupons/nope', { active: true }).expect(404);
    const res = await f.del('/api/coupons/coupon-summer').expect(200);
    assert.equal(res.body.code, 'SUMMER25');
    await f.get('/api/coupons/coupon-summer').expect(404);
    await f.del('/api/coupons/coupon-summer').expect(404);
  });

  test('When a write goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    const created = (await authorised(request(second).post('/api/coupons')).send({ ...sample, code: 'OTHERAPP' }).expect(201)).body;
    assert.equal((await f.get(`/api/coupons/${created.id}`).expect(200)).body.code, 'OTHERAPP');
  });
});
