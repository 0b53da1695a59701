import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createLogger } from '../src/shared/logger.js';
import { apiFixture, TOKEN, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

describe('API: bearer token on every /api route', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  test('When /health is asked without a token, then it answers ok', async () => {
    const res = await request(f.app).get('/health').expect(200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  test('When a request has no Authorization header, then it gets 401 with a JSON error and a Bearer challenge', async () => {
    const res = await request(f.app).get('/api/departments').expect(401);
    assert.equal((res.body as ErrorBody).error.code, 'unauthorized');
    assert.match((res.body as ErrorBody).error.message, /Authorization/);
    assert.match(res.headers['www-authenticate'], /^Bearer/);
  });

  test('When the Authorization header is not a Bearer token, then it gets 401', async () => {
    for (const header of [`Basic ${Buffer.from('admin:admin123').toString('base64')}`, 'Bearer', 'Bearer ', TOKEN, `Bearer ${TOKEN} extra`]) {
      const res = await request(f.app).get('/api/settings').set('Authorization', header);
      assert.equal(res.status, 401, `header ${JSON.stringify(header)}`);
    }
  });

  test('When the token is wrong (same length, shorter, longer), then it gets 403', async () => {
    const wrong = [TOKEN.slice(0, -1) + 'x', 'short', TOKEN + 'longer', TOKEN.toUpperCase()];
    for (const token of wrong) {
      const res = await request(f.app).get('/api/settings').set('Authorization', `Bearer ${token}`);
      assert.equal(res.status, 403, token);
      assert.equal((res.body as ErrorBody).error.code, 'forbidden');
    }
  });

  test('When the token is right, then every resource answers, and the scheme is case-insensitive', async () => {
    for (const url of ['/api/store-info', '/api/settings', '/api/departments', '/api/inventory', '/api/coupons', '/api/voice-templates', '/api/calls', '/api/audit', '/api/backup']) {
      await request(f.app).get(url).set('Authorization', `Bearer ${TOKEN}`).expect(200);
    }
    await request(f.app).get('/api/settings').set('Authorization', `bearer ${TOKEN}`).expect(200);
  });

  test('When an unknown /api path is asked, then it is 401 without a token and a JSON 404 with one', async () => {
    await request(f.app).get('/api/nothing-here').expect(401);
    const res = await f.get('/api/nothing-here').expect(404);
    assert.equal((res.body as ErrorBody).error.code, 'not_found');
  });

  test('When a write comes with a wrong token, then nothing is written', async () => {
    const before = await f.bytes('departments');
    const auditBefore = await f.bytes('audit');
    await request(f.app).post('/api/departments').set('Authorization', 'Bearer nope').send({ name: 'Toys', extension: '150' }).expect(403);
    await request(f.app).delete('/api/departments/dept-floral').expect(401);
    assert.equal(await f.bytes('departments'), before);
    assert.equal(await f.bytes('audit'), auditBefore);
  });
});

describe('API: request logs', () => {
  test('When requests carry a token, then the log has the request id but never the token', async () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        output += String(chunk);
        callback();
      },
    });
    const f = await apiFixture({ logger: createLogger({ level: 'info' }, sink) });
    try {
      await f.get('/api/settings').set('X-Request-Id', 'req-abc-123').expect(200);
      await request(f.app).get('/api/settings').set('Authorization', 'Bearer wrong-secret-value').expect(403);
      assert.match(output, /req-abc-123/);
      assert.match(output, /"statusCode":403/);
      assert.ok(!output.includes(TOKEN), 'the API token reached the log');
      assert.ok(!output.includes('wrong-secret-value'), 'a presented token reached the log');
    } finally {
      await f.cleanup();
    }
  });
});
