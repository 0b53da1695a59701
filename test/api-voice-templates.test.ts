import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

describe('API: /api/voice-templates', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  test('When the list is asked, then every template comes back', async () => {
    const res = await f.get('/api/voice-templates').expect(200);
    assert.ok(res.body.some((t: { key: string }) => t.key === 'greeting'));
    assert.equal(res.body.length, 13);
  });

  test('When a template uses an unknown placeholder, then it gets 400 naming the placeholder and nothing is written', async () => {
    const bytes = await f.bytes('voiceTemplates');
    const res = await f.post('/api/voice-templates', { key: 'holiday', text: 'Happy holidays from {{storeName}} at {{ shopName }}!' }).expect(400);
    const body = res.body as ErrorBody;
    assert.equal(body.error.details[0].path, 'text');
    assert.match(body.error.details[0].message, /unknown placeholder \{\{shopName\}\}/);
    assert.match(body.error.message, /\{\{shopName\}\}/);
    await f.put('/api/voice-templates/tpl-goodbye', { text: 'Bye from {{store}}' }).expect(400);
    assert.equal(await f.bytes('voiceTemplates'), bytes);
  });

  test('When a template with known placeholders is created, then it gets 201', async () => {
    const res = await f.post('/api/voice-templates', { key: 'holiday', text: 'Happy holidays from {{storeName}}! Our hours are {{hours}}.' }).expect(201);
    assert.deepEqual(res.body, { id: res.body.id, key: 'holiday', text: 'Happy holidays from {{storeName}}! Our hours are {{hours}}.', active: true });
  });

  test('When a second active template for a key is created or activated, then it gets 409; an inactive one is allowed', async () => {
    const bytes = await f.bytes('voiceTemplates');
    const res = await f.post('/api/voice-templates', { key: 'greeting', text: 'Hello there.' }).expect(409);
    assert.equal((res.body as ErrorBody).error.code, 'conflict');
    assert.match((res.body as ErrorBody).error.message, /active voice template with key "greeting"/);
    assert.equal(await f.bytes('voiceTemplates'), bytes);

    const draft = (await f.post('/api/voice-templates', { key: 'greeting', text: 'A new greeting, not live yet.', active: false }).expect(201)).body;
    await f.put(`/api/voice-templates/${draft.id}`, { active: true }).expect(409);
    // Swap: retire the live one, then the draft may go live.
    await f.put('/api/voice-templates/tpl-greeting', { active: false }).expect(200);
    await f.put(`/api/voice-templates/${draft.id}`, { active: true }).expect(200);
  });

  test('When the key is malformed or a field unknown, then it gets 400 naming each', async () => {
    const res = await f.post('/api/voice-templates', { key: 'Not A Key', text: '', voice: 'x' }).expect(400);
    assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path).sort(), ['key', 'text', 'voice']);
  });

  test('When a template text is updated, then it is saved and the audit names the field', async () => {
    const res = await f.put('/api/voice-templates/tpl-goodbye', { text: 'Goodbye from {{storeName}}, take care!' }).set('X-Actor', 'frank').expect(200);
    assert.equal(res.body.text, 'Goodbye from {{storeName}}, take care!');
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual([entry.actor, entry.id, entry.changes, entry.summary], ['frank', 'tpl-goodbye', ['text'], 'Updated voice template goodbye']);
  });

  test('When an id is unknown, then 404; when a template is deleted, then it is gone', async () => {
    await f.get('/api/voice-templates/nope').expect(404);
    await f.del('/api/voice-templates/nope').expect(404);
    await f.del('/api/voice-templates/tpl-operator').expect(200);
    await f.get('/api/voice-templates/tpl-operator').expect(404);
  });

  test('When a write goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    await f.put('/api/voice-templates/tpl-hours', { text: 'We are open {{hours}}.' }).expect(200);
    const res = await authorised(request(second).get('/api/voice-templates/tpl-hours')).expect(200);
    assert.equal(res.body.text, 'We are open {{hours}}.');
  });
});
