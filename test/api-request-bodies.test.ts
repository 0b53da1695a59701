import assert from 'node:assert/strict';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { apiFixture, TOKEN, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

describe('API: request bodies (415, 400 malformed, 413)', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const unchanged = async (run: () => Promise<unknown>) => {
    const before = [await f.bytes('departments'), await f.bytes('storeInfo'), await f.bytes('audit')];
    await run();
    assert.deepEqual([await f.bytes('departments'), await f.bytes('storeInfo'), await f.bytes('audit')], before);
  };

  test('When a POST or PUT body is not JSON, then it gets 415 and nothing is written', async () => {
    await unchanged(async () => {
      const form = await f.post('/api/departments').type('form').send('name=Toys&extension=150').expect(415);
      assert.equal((form.body as ErrorBody).error.code, 'unsupported_media_type');
      assert.match((form.body as ErrorBody).error.message, /application\/json/);
      await f.put('/api/store-info').set('Content-Type', 'text/plain').send('{"name":"X"}').expect(415);
      await f.post('/api/departments').expect(415); // no body and no Content-Type at all
    });
  });

  test('When the JSON is malformed, then it gets 400 saying so and nothing is written', async () => {
    await unchanged(async () => {
      const res = await f.post('/api/departments').set('Content-Type', 'application/json').send('{"name": "Toys",').expect(400);
      assert.equal((res.body as ErrorBody).error.code, 'malformed_json');
      await f.put('/api/store-info').set('Content-Type', 'application/json').send('"just a string"').expect(400);
    });
  });

  test('When a record body is an array or empty, then it gets 400 naming the problem', async () => {
    await unchanged(async () => {
      const res = await f.post('/api/departments', [{ name: 'Toys', extension: '150' }]).expect(400);
      assert.match((res.body as ErrorBody).error.message, /must be a JSON object, got an array/);
      const empty = await f.post('/api/departments').set('Content-Type', 'application/json').send('').expect(400);
      assert.equal((empty.body as ErrorBody).error.code, 'empty_body');
    });
  });

  test('When a request declares JSON but sends no body at all, then it gets 400 (not 415) saying what the body must be', async () => {
    await unchanged(async () => {
      const server = f.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        // Raw HTTP: no Content-Length and no Transfer-Encoding, which clients such as curl -X POST send.
        const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
        socket.end(`POST /api/departments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n`);
        let response = '';
        for await (const chunk of socket) response += String(chunk);
        assert.match(response, /^HTTP\/1\.1 400/);
        assert.match(response, /must be a JSON object, got nothing/);
      } finally {
        server.close();
      }
    });
  });

  describe('empty bodies on every write route', () => {
    const ALL = ['storeInfo', 'settings', 'departments', 'inventory', 'coupons', 'voiceTemplates', 'audit'] as const;
    const allBytes = async () => Promise.all(ALL.map((name) => f.bytes(name)));
    let routes: [method: 'post' | 'put', url: string][];
    before(async () => {
      const firstId = async (url: string) => {
        const body = (await f.get(url).expect(200)).body as { id: string }[] | { items: { id: string }[] };
        return (Array.isArray(body) ? body : body.items)[0].id;
      };
      routes = [
        ['put', '/api/store-info'],
        ['put', '/api/settings'],
        ['post', '/api/departments'],
        ['put', `/api/departments/${await firstId('/api/departments')}`],
        ['post', '/api/inventory'],
        ['put', `/api/inventory/${await firstId('/api/inventory')}`],
        ['post', '/api/inventory/bulk'],
        ['post', '/api/coupons'],
        ['put', `/api/coupons/${await firstId('/api/coupons')}`],
        ['post', '/api/voice-templates'],
        ['put', `/api/voice-templates/${await firstId('/api/voice-templates')}`],
        ['post', '/api/restore'],
      ];
    });

    test('When any write route gets Content-Type: application/json and zero bytes, then 400 says the body is empty and nothing is written', async () => {
      const before = await allBytes();
      for (const [method, url] of routes) {
        const res = await f[method](url).set('Content-Type', 'application/json').send('');
        assert.equal(res.status, 400, `${method.toUpperCase()} ${url}`);
        assert.equal((res.body as ErrorBody).error.code, 'empty_body', `${method.toUpperCase()} ${url}`);
        assert.match((res.body as ErrorBody).error.message, /request body is empty/);
      }
      assert.deepEqual(await allBytes(), before);
    });

    test('When an empty body comes chunked (no Content-Length), then it is refused the same way', async () => {
      const before = await allBytes();
      const server = f.app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      try {
        const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
        socket.end(`PUT /api/settings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`);
        let response = '';
        for await (const chunk of socket) response += String(chunk);
        assert.match(response, /^HTTP\/1\.1 400/);
        assert.match(response, /"code":"empty_body"/);
      } finally {
        server.close();
      }
      assert.deepEqual(await allBytes(), before);
    });

    test('When a PUT body is an empty object, then 400 says there is nothing to change and nothing is written', async () => {
      const before = await allBytes();
      for (const [, url] of routes.filter(([method]) => method === 'put')) {
        const res = await f.put(url, {}).expect(400);
        assert.equal((res.body as ErrorBody).error.code, 'nothing_to_change', url);
        assert.match((res.body as ErrorBody).error.message, /Nothing to change/);
      }
      assert.deepEqual(await allBytes(), before);
    });

    test('When the bulk import gets an empty list (wrapped or bare), then 400 says there is nothing to import, with no rewrite and no audit line', async () => {
      const before = await allBytes();
      for (const body of [{ items: [] }, []]) {
        const res = await f.post('/api/inventory/bulk', body).expect(400);
        assert.equal((res.body as ErrorBody).error.code, 'nothing_to_import');
        assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path), ['items']);
      }
      assert.deepEqual(await allBytes(), before);
    });

    test('When a POST body is an empty object, then the record\'s own validation names the missing fields (not "nothing to change")', async () => {
      const res = await f.post('/api/departments', {}).expect(400);
      assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path).sort(), ['extension', 'name']);
    });
  });

  test('When an ordinary request body is over 1 MB, then it gets 413 and nothing is written', async () => {
    await unchanged(async () => {
      const res = await f.post('/api/departments', { name: 'Toys', extension: '150', description: 'x'.repeat(1_100_000) }).expect(413);
      assert.equal((res.body as ErrorBody).error.code, 'payload_too_large');
      await f.put('/api/store-info', { greetingMessage: 'y'.repeat(1_100_000) }).expect(413);
    });
  });

  test('When the JSON content type carries a charset, then it is accepted', async () => {
    const res = await f
      .put('/api/settings')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ maxAttempts: 4 }))
      .expect(200);
    assert.equal(res.body.maxAttempts, 4);
  });
});
