import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createLogger } from '../src/shared/logger.js';
import { type CallRecord, openStore } from '../src/store/index.js';
import { apiFixture, type ErrorBody } from './fixtures/api-app.js';
import { tempDir } from './fixtures/helpers.js';

const logger = createLogger({ level: 'silent' });
const call = (callSid: string, startedAt: string, extra: Partial<CallRecord> = {}): CallRecord => ({ callSid, startedAt, turns: [], unmetRequests: [], ...extra });

describe('store: the call log, a file per month', () => {
  test('When calls span months and an old single calls.jsonl, then pages are newest first across all of them and parts of one call are merged', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      // A log written by an older version: one file, read as the oldest part of the history.
      await writeFile(path.join(dir, 'calls.jsonl'), `${JSON.stringify(call('CAold', '2025-12-30T10:00:00Z', { outcome: 'goodbye' }))}\n`);
      let now = new Date('2026-01-31T23:59:00Z');
      const store = await openStore({ dataDir: dir, logger, clock: () => now });
      await store.calls.append(call('CAjan', '2026-01-31T23:58:00Z', { outcome: 'transferred', turns: [{ at: '2026-01-31T23:58:30Z', intent: 'department', said: 'Transferring.' }] }));
      now = new Date('2026-02-01T00:01:00Z');
      // Twilio's status callback for the same call lands in February's file.
      await store.calls.append({ callSid: 'CAjan', status: 'completed', durationSeconds: 120, turns: [], unmetRequests: [] });
      await store.calls.append(call('CAfeb', '2026-02-01T00:00:30Z', { unmetRequests: ['kombucha'] }));

      const files = (await readdir(dir)).filter((f) => f.startsWith('calls')).sort();
      assert.deepEqual(files, ['calls-2026-01.jsonl', 'calls-2026-02.jsonl', 'calls.jsonl']);

      const page = await store.calls.page({}, { page: 1, pageSize: 2 });
      assert.equal(page.total, 3);
      assert.deepEqual(page.items.map((c) => c.callSid), ['CAfeb', 'CAjan']);
      assert.equal(page.items[1].durationSeconds, 120, 'the part in the next month is merged in');
      assert.equal(page.items[1].outcome, 'transferred');
      assert.deepEqual((await store.calls.page({}, { page: 2, pageSize: 2 })).items.map((c) => c.callSid), ['CAold']);
      assert.deepEqual((await store.calls.page({ unmet: true }, { page: 1, pageSize: 10 })).items.map((c) => c.callSid), ['CAfeb']);
      assert.deepEqual((await store.calls.page({ outcome: 'goodbye' }, { page: 1, pageSize: 10 })).items.map((c) => c.callSid), ['CAold']);
      assert.equal((await store.calls.get('CAjan'))?.status, 'completed');
      assert.equal(await store.calls.get('CAnone'), undefined);

      // A fresh process builds the same index from the files.
      const again = await openStore({ dataDir: dir, logger, clock: () => now });
      assert.deepEqual((await again.calls.page({}, { page: 1, pageSize: 10 })).items, (await store.calls.page({}, { page: 1, pageSize: 10 })).items);
    } finally {
      await cleanup();
    }
  });

  test('When another process appends calls, then the next page shows them', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const mine = await openStore({ dataDir: dir, logger });
      const theirs = await openStore({ dataDir: dir, logger });
      await mine.calls.append(call('CA1', new Date(Date.now() - 60_000).toISOString()));
      assert.equal((await theirs.calls.page({}, { page: 1, pageSize: 10 })).total, 1);
      await theirs.calls.append(call('CA2', new Date().toISOString()));
      await mine.calls.append(call('CA3', new Date().toISOString()));
      assert.deepEqual((await mine.calls.page({}, { page: 1, pageSize: 10 })).items.map((c) => c.callSid).sort(), ['CA1', 'CA2', 'CA3']);
      assert.equal((await theirs.calls.page({}, { page: 1, pageSize: 10 })).total, 3);
    } finally {
      await cleanup();
    }
  });

  test('When a line is not a call at all, then it is skipped and the rest are read', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger });
      await store.calls.append(call('CA1', '2026-03-01T10:00:00Z'));
      const [segment] = (await readdir(dir)).filter((f) => f.startsWith('calls-'));
      const { appendFile } = await import('node:fs/promises');
      await appendFile(path.join(dir, segment), '[1,2,3]\n"text"\n{"no":"sid"}\n');
      await store.calls.append(call('CA2', '2026-03-01T11:00:00Z'));
      const fresh = await openStore({ dataDir: dir, logger });
      assert.deepEqual((await fresh.calls.page({}, { page: 1, pageSize: 10 })).items.map((c) => c.callSid), ['CA2', 'CA1']);
    } finally {
      await cleanup();
    }
  });
});

describe('store: call stats', () => {
  test("When calls are counted, then days and hours are the store's local ones and only the span's calls count", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger });
      // Kolkata is UTC+5:30: 19:00Z is 00:30 the next local day.
      await store.calls.append(call('A', '2026-03-01T19:00:00Z', { outcome: 'goodbye', turns: [{ at: '2026-03-01T19:00:00Z', intent: 'hours', said: '…' }] }));
      await store.calls.append(call('B', '2026-03-02T04:00:00Z', { outcome: 'transferred', transferredTo: { name: 'Pharmacy' } }));
      await store.calls.append(call('C', '2026-02-01T04:00:00Z', { outcome: 'goodbye' }));
      const stats = await store.calls.stats({ days: 3, timeZone: 'Asia/Kolkata', now: new Date('2026-03-02T12:00:00Z') });
      assert.deepEqual(stats.perDay, [
        { date: '2026-02-28', count: 0 },
        { date: '2026-03-01', count: 0 },
        { date: '2026-03-02', count: 2 },
      ]);
      assert.equal(stats.calls, 2);
      assert.equal(stats.perHour[0], 1, '00:30 local');
      assert.equal(stats.perHour[9], 1, '09:30 local');
      assert.deepEqual(stats.byOutcome, { goodbye: 1, transferred: 1 });
      assert.deepEqual(stats.byDepartment, { Pharmacy: 1 });
      assert.deepEqual(stats.byIntent, { hours: 1 });
      assert.equal(stats.timeZone, 'Asia/Kolkata');
    } finally {
      await cleanup();
    }
  });
});

describe('API: GET /api/calls/stats', () => {
  test('When stats are asked for a number of days, then they come in the store timezone; a bad number is a 400 naming it', async () => {
    const f = await apiFixture({ clock: () => new Date('2026-03-11T20:00:00Z') });
    try {
      await f.store.calls.append(call('CA1', '2026-03-11T15:00:00Z', { turns: [{ at: '2026-03-11T15:00:00Z', intent: 'product', query: 'kombucha', unmet: true, said: '…' }], unmetRequests: ['kombucha'] }));
      const stats = (await f.get('/api/calls/stats?days=7').expect(200)).body;
      assert.equal(stats.timeZone, 'America/Chicago');
      assert.equal(stats.perDay.length, 7);
      assert.deepEqual(stats.unmetRequests, [{ query: 'kombucha', count: 1 }]);
      assert.equal((await f.get('/api/calls/stats').expect(200)).body.perDay.length, 30, '30 days unless asked');
      for (const bad of ['0', 'many', '1000']) {
        const res = await f.get(`/api/calls/stats?days=${bad}`).expect(400);
        assert.equal((res.body as ErrorBody).error.details[0].path, 'days');
      }
    } finally {
      await f.cleanup();
    }
  });
});
