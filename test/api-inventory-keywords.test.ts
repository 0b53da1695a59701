import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

/** POST /api/inventory/:id/keywords: staff teach the line a caller's words for a product. */
describe('API: teaching a product a keyword', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const gather = (sid: string, speech: string) =>
    request(f.app).post('/voice/gather').type('form').send({ CallSid: sid, From: '+15551230000', SpeechResult: speech, Confidence: '0.9' }).expect(200);

  test('When a phrase is taught, then it becomes a keyword, the change is audited, and the next caller saying it gets that product', async () => {
    const before = await gather('CAteach1', 'Do you have kombucha?');
    assert.match(before.text, /could not find kombucha/);

    const res = await f.post('/api/inventory/prod-0010/keywords', { phrase: ' Kombucha ' }).set('X-Actor', 'maria').expect(200);
    assert.equal(res.body.added, true);
    assert.deepEqual(res.body.product.keywords, ['oj', 'juice', 'Kombucha']);
    assert.deepEqual((await f.get('/api/inventory/prod-0010').expect(200)).body.keywords, ['oj', 'juice', 'Kombucha']);

    const audit = (await f.get('/api/audit').expect(200)).body.items[0];
    assert.equal(audit.action, 'update');
    assert.equal(audit.actor, 'maria');
    assert.deepEqual(audit.changes, ['keywords']);

    const after = await gather('CAteach2', 'Do you have kombucha?');
    assert.match(after.text, /Orange Juice, 52 ounce is \$4\.99/);
  });

  test('When the phrase is already a keyword (any case or spacing), then nothing changes and it still answers 200', async () => {
    const bytes = await f.bytes('inventory');
    const auditBefore = (await f.get('/api/audit').expect(200)).body.total;
    const res = await f.post('/api/inventory/prod-0010/keywords', { phrase: 'KOMBUCHA' }).expect(200);
    assert.equal(res.body.added, false);
    assert.deepEqual(res.body.product.keywords, ['oj', 'juice', 'Kombucha']);
    assert.equal(await f.bytes('inventory'), bytes);
    assert.equal((await f.get('/api/audit').expect(200)).body.total, auditBefore, 'no audit line for no change');
  });

  test('When the phrase is empty, too long, several lines or not text, then it is 400 naming the phrase, and nothing is written', async () => {
    const bytes = await f.bytes('inventory');
    for (const body of [{ phrase: '' }, { phrase: '   ' }, { phrase: 'x'.repeat(101) }, { phrase: 'two\nlines' }, { phrase: 'tab\there' }, { phrase: 42 }, {}]) {
      const res = await f.post('/api/inventory/prod-0010/keywords', body).expect(400);
      const error = (res.body as ErrorBody).error;
      assert.deepEqual(error.details.map((d) => d.path), ['phrase'], JSON.stringify(body));
    }
    const extra = await f.post('/api/inventory/prod-0010/keywords', { phrase: 'tea', sneaky: true }).expect(400);
    assert.match((extra.body as ErrorBody).error.message, /sneaky/);
    await f.post('/api/inventory/prod-0010/keywords', ['tea']).expect(400);
    assert.equal(await f.bytes('inventory'), bytes);
  });

  test('When the product does not exist, then it is 404; without the token, 401', async () => {
    const res = await f.post('/api/inventory/prod-nope/keywords', { phrase: 'tea' }).expect(404);
    assert.match((res.body as ErrorBody).error.message, /No product with id "prod-nope"/);
    await request(f.app).post('/api/inventory/prod-0010/keywords').send({ phrase: 'tea' }).expect(401);
  });

  test('When a product already has the most keywords allowed, then teaching one more is refused with 400', async () => {
    const keywords = Array.from({ length: 100 }, (_, i) => `word ${i}`);
    await f.put('/api/inventory/prod-0011', { keywords }).expect(200);
    const res = await f.post('/api/inventory/prod-0011/keywords', { phrase: 'one too many' }).expect(400);
    assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path), ['keywords']);
  });
});
