import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { CallRecord } from '../src/store/index.js';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';

const call = (sid: string, startedAt: string, extra: Partial<CallRecord> = {}): CallRecord => ({
  callSid: sid,
  from: '+15555550123',
  startedAt,
  turns: [{ at: startedAt, heard: 'hello', intent: 'greeting', said: 'Hi.' }],
  unmetRequests: [],
  ...extra,
});

describe('API: GET /api/calls', () => {
  let f: ApiFixture;
  before(async () => {
    f = await apiFixture();
    await f.store.calls.append(call('CA1', '2026-03-01T10:00:00Z', { outcome: 'answered' }));
    await f.store.calls.append(call('CA2', '2026-03-02T10:00:00Z', { outcome: 'not_found', unmetRequests: ['kombucha'] }));
    await f.store.calls.append(call('CA3', '2026-03-03T10:00:00Z', { outcome: 'transferred' }));
    // Twilio's status callback adds a second line for CA1.
    await f.store.calls.append({ callSid: 'CA1', status: 'completed', durationSeconds: 42, endedAt: '2026-03-01T10:01:00Z', turns: [], unmetRequests: [] });
  });
  after(() => f.cleanup());

  test('When the call log is asked, then calls come merged by CallSid, newest first, paged', async () => {
    const res = await f.get('/api/calls').expect(200);
    assert.deepEqual([res.body.total, res.body.page, res.body.pageSize], [3, 1, 50]);
    assert.deepEqual(res.body.items.map((c: CallRecord) => c.callSid), ['CA3', 'CA2', 'CA1']);
    const first = res.body.items[2];
    assert.deepEqual([first.outcome, first.status, first.durationSeconds, first.turns.length], ['answered', 'completed', 42, 1]);
    const page2 = await f.get('/api/calls?page=2&pageSize=2').expect(200);
    assert.deepEqual(page2.body.items.map((c: CallRecord) => c.callSid), ['CA1']);
  });

  test('When filtered by unmet requests or outcome, then only those calls come back', async () => {
    assert.deepEqual((await f.get('/api/calls?unmet=true')).body.items.map((c: CallRecord) => c.callSid), ['CA2']);
    assert.deepEqual((await f.get('/api/calls?outcome=transferred')).body.items.map((c: CallRecord) => c.callSid), ['CA3']);
    await f.get('/api/calls?unmet=maybe').expect(400);
  });

  test('When paging values are bad, then it gets 400 naming the parameter', async () => {
    const res = await f.get('/api/calls?pageSize=0').expect(400);
    assert.equal((res.body as ErrorBody).error.details[0].path, 'pageSize');
  });

  test('When a new call is logged, then the next request sees it (also from a second app)', async () => {
    await f.store.calls.append(call('CA4', '2026-03-04T10:00:00Z'));
    assert.equal((await f.get('/api/calls')).body.items[0].callSid, 'CA4');
    const second = await f.secondApp();
    assert.equal((await authorised(request(second).get('/api/calls'))).body.total, 4);
  });
});

describe('API: GET /api/audit', () => {
  let f: ApiFixture;
  let clock = new Date('2026-03-01T09:00:00Z');
  before(async () => (f = await apiFixture({ clock: () => clock })));
  after(() => f.cleanup());

  test('When there were no changes yet, then the audit log is an empty page', async () => {
    assert.deepEqual((await f.get('/api/audit').expect(200)).body, { items: [], total: 0, page: 1, pageSize: 50 });
  });

  test('When changes are made, then each is one line, newest first, with time, actor, action, collection, id and fields', async () => {
    await f.put('/api/settings', { maxAttempts: 4 }).set('X-Actor', 'admin').expect(200);
    clock = new Date('2026-03-01T09:05:00Z');
    const created = (await f.post('/api/coupons', { code: 'AUDIT1', description: 'audited', discountType: 'amount', discountValue: 1 }).expect(201)).body;
    clock = new Date('2026-03-01T09:10:00Z');
    await f.del(`/api/coupons/${created.id}`).set('X-Actor', 'admin').expect(200);

    const res = await f.get('/api/audit').expect(200);
    assert.equal(res.body.total, 3);
    assert.deepEqual(res.body.items, [
      { at: '2026-03-01T09:10:00.000Z', actor: 'admin', action: 'delete', collection: 'coupons', id: created.id, changes: [], summary: 'Deleted coupon AUDIT1' },
      { at: '2026-03-01T09:05:00.000Z', actor: 'api', action: 'create', collection: 'coupons', id: created.id, changes: ['active', 'code', 'description', 'discountType', 'discountValue'], summary: 'Created coupon AUDIT1' },
      { at: '2026-03-01T09:00:00.000Z', actor: 'admin', action: 'update', collection: 'settings', changes: ['maxAttempts'], summary: 'Updated settings' },
    ]);
  });

  test('When filtered and paged, then only the matching lines of that page come back', async () => {
    assert.equal((await f.get('/api/audit?collection=coupons')).body.total, 2);
    assert.equal((await f.get('/api/audit?actor=admin')).body.total, 2);
    const page = await f.get('/api/audit?page=2&pageSize=1').expect(200);
    assert.deepEqual([page.body.items[0].action, page.body.total], ['create', 3]);
    await f.get('/api/audit?page=first').expect(400);
  });

  test('When a request is refused, then no audit line is written', async () => {
    const before = await f.bytes('audit');
    await f.post('/api/coupons', { code: 'bad code' }).expect(400);
    await f.put('/api/settings', { maxAttempts: 99 }).expect(400);
    await f.del('/api/coupons/nope').expect(404);
    assert.equal(await f.bytes('audit'), before);
  });
});
