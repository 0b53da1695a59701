import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { read } from './fixtures/store-access.js';

describe('API: /api/store-info', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture({ clock: () => new Date('2026-03-02T15:00:00Z') })));
  after(() => f.cleanup());

  test('When store info is asked, then the whole object comes back', async () => {
    const res = await f.get('/api/store-info').expect(200);
    assert.equal(res.body.name, 'Maple Street Market');
    assert.deepEqual(Object.keys(res.body.hours), ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  test('When one field is PUT, then only it changes, it is saved, and the audit log names it and the actor', async () => {
    const before = (await f.get('/api/store-info')).body;
    const res = await f.put('/api/store-info', { greetingMessage: 'Welcome to Maple Street!' }).set('X-Actor', 'alice').expect(200);
    assert.deepEqual(res.body, { ...before, greetingMessage: 'Welcome to Maple Street!' });
    assert.equal((await read(f.store, 'storeInfo')).greetingMessage, 'Welcome to Maple Street!');
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.deepEqual(entry, {
      at: '2026-03-02T15:00:00.000Z',
      actor: 'alice',
      action: 'update',
      collection: 'storeInfo',
      changes: ['greetingMessage'],
      summary: 'Updated store info',
    });
  });

  test('When hours for one day are PUT, then the other days are kept', async () => {
    const res = await f.put('/api/store-info', { hours: { sun: null, sat: { open: '07:30', close: '23:00' } } }).expect(200);
    assert.equal(res.body.hours.sun, null);
    assert.deepEqual(res.body.hours.sat, { open: '07:30', close: '23:00' });
    assert.deepEqual(res.body.hours.mon, { open: '08:00', close: '21:00' });
  });

  test('When fields are invalid, then it gets 400 naming each one and nothing is written', async () => {
    const bytes = await f.bytes('storeInfo');
    const audit = await f.bytes('audit');
    const res = await f.put('/api/store-info', { phone: '555-0100', timezone: 'Mars/Olympus', hours: { mon: { open: '25:00', close: '10:00' }, funday: null } }).expect(400);
    const body = res.body as ErrorBody;
    assert.equal(body.error.code, 'validation_failed');
    const paths = body.error.details.map((d) => d.path).sort();
    assert.deepEqual(paths, ['hours.funday', 'hours.mon.open', 'phone', 'timezone']);
    assert.match(body.error.message, /phone/);
    assert.equal(await f.bytes('storeInfo'), bytes);
    assert.equal(await f.bytes('audit'), audit);
  });

  test('When an unknown field or an empty name is PUT, then it gets 400 naming it', async () => {
    const res = await f.put('/api/store-info', { name: '  ', colour: 'blue' }).expect(400);
    assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path).sort(), ['colour', 'name']);
    assert.match((res.body as ErrorBody).error.message, /unknown field "colour"/);
  });

  test('When hours is not an object, then it gets 400 on hours', async () => {
    const res = await f.put('/api/store-info', { hours: 'always' }).expect(400);
    assert.equal((res.body as ErrorBody).error.details[0].path, 'hours');
  });

  test('When X-Actor is long or has control characters, then the audit actor is one clean line of at most 100 characters', async () => {
    await f.put('/api/store-info', { name: 'Maple Street Market and Co' }).set('X-Actor', `  bob\t${'z'.repeat(200)}`).expect(200);
    const [entry] = (await f.get('/api/audit')).body.items;
    assert.equal(entry.actor.length, 100);
    assert.ok(entry.actor.startsWith('bobzzz'));
  });

  test('When a write goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await f.secondApp();
    await f.put('/api/store-info', { address: '9 Elm Road, Springfield' }).expect(200);
    const res = await authorised(request(second).get('/api/store-info')).expect(200);
    assert.equal(res.body.address, '9 Elm Road, Springfield');
  });
});
