import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { read } from './fixtures/store-access.js';

describe('API: /api/settings', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  test('When settings are asked, then every field comes back', async () => {
    const res = await f.get('/api/settings').expect(200);
    assert.deepEqual(Object.keys(res.body).sort(), ['announceCoupons', 'language', 'maxAttempts', 'operatorExtension', 'speechModel', 'speechTimeout', 'transferTimeout', 'voice']);
  });

  test('When some fields are PUT, then they are merged and saved, and the audit log names them', async () => {
    const res = await f.put('/api/settings', { maxAttempts: 5, speechTimeout: 4, announceCoupons: true }).expect(200);
    assert.equal(res.body.maxAttempts, 5);
    assert.equal(res.body.speechTimeout, 4);
    assert.equal(res.body.voice, 'Polly.Joanna');
    assert.equal((await read(f.store, 'settings')).announceCoupons, true);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.equal(entry.collection, 'settings');
    assert.equal(entry.actor, 'api');
    assert.deepEqual(entry.changes, ['announceCoupons', 'maxAttempts', 'speechTimeout']);
  });

  test('When a PUT changes nothing, then no audit line is added', async () => {
    const audit = await f.bytes('audit');
    await f.put('/api/settings', { maxAttempts: 5 }).expect(200);
    assert.equal(await f.bytes('audit'), audit);
  });

  test('When values are out of range or of the wrong type, then it gets 400 naming each field and nothing is written', async () => {
    const bytes = await f.bytes('settings');
    const res = await f.put('/api/settings', { maxAttempts: 0, transferTimeout: 'soon', language: 'english', operatorExtension: '0#', speechTimeout: 99 }).expect(400);
    const paths = (res.body as ErrorBody).error.details.map((d) => d.path).sort();
    assert.deepEqual(paths, ['language', 'maxAttempts', 'operatorExtension', 'speechTimeout', 'transferTimeout']);
    assert.equal(await f.bytes('settings'), bytes);
  });

  test('When an unknown field is PUT, then it gets 400 naming it', async () => {
    const res = await f.put('/api/settings', { volume: 11 }).expect(400);
    assert.deepEqual((res.body as ErrorBody).error.details, [{ path: 'volume', message: 'unknown field "volume"' }]);
  });

  test('When a write goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    await f.put('/api/settings', { voice: 'Polly.Matthew' }).expect(200);
    assert.equal((await authorised(request(second).get('/api/settings'))).body.voice, 'Polly.Matthew');
  });
});
