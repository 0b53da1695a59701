import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barChart, callSummaries } from '../src/dashboard/calls/call-stats.js';
import { createLogger } from '../src/shared/logger.js';
import { type CallRecord, openStore } from '../src/store/index.js';
import { tempDir } from './fixtures/helpers.js';

const call = (sid: string, startedAt: string, extra: Partial<CallRecord> = {}): CallRecord => ({ callSid: sid, startedAt, turns: [], unmetRequests: [], ...extra });
const turn = (intent: string, extra: Record<string, unknown> = {}) => ({ at: '2026-03-02T15:00:00Z', intent, said: '…', ...extra });

/** The calls counted by the store's call log, as the calls page gets them from GET /api/calls/stats. */
async function callStats(calls: CallRecord[], options: { now: Date; timeZone: string; days?: number }) {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger: createLogger({ level: 'silent' }) });
    for (const record of calls) await store.calls.append(record);
    return callSummaries(await store.calls.stats({ days: options.days ?? 14, timeZone: options.timeZone, now: options.now }), { chartDays: options.days ?? 14 });
  } finally {
    await cleanup();
  }
}

describe('call statistics for the calls page', () => {
  const calls = [
    call('A', '2026-03-02T15:00:00Z', { turns: [turn('product', { product: 'Whole Milk' }), turn('product', { query: 'kombucha', unmet: true })], unmetRequests: ['kombucha'] }),
    call('B', '2026-03-02T16:00:00Z', { turns: [turn('product', { query: 'Kombucha', unmet: true }), turn('department', { department: 'Pharmacy' })], transferredTo: { name: 'Pharmacy', extension: '101' } }),
    call('C', '2026-03-01T03:30:00Z', { turns: [turn('product', { product: 'whole milk' }), turn('product', { query: 'oat milk', unmet: true })], unmetRequests: ['oat milk'] }),
    call('D', '2026-02-20T12:00:00Z', { turns: [turn('hours')], transferredTo: { name: 'Pharmacy' } }),
  ];

  test('When callers ask for things the store lacks, then unmet requests are counted once per call and ranked', async () => {
    const stats = await callStats(calls, { now: new Date('2026-03-02T18:00:00Z'), timeZone: 'America/Chicago' });
    assert.deepEqual(stats.unmet, [
      { label: 'kombucha', count: 2 },
      { label: 'oat milk', count: 1 },
    ]);
    assert.deepEqual(stats.askedFor, [{ label: 'Whole Milk', count: 2 }]);
    assert.deepEqual(stats.transfers, [{ label: 'Pharmacy', count: 2 }]);
    assert.deepEqual(stats.intents[0], { label: 'product', count: 5 });
  });

  test('When calls are counted per day, then days are the store\'s local dates and days without calls are zero', async () => {
    const stats = await callStats(calls, { now: new Date('2026-03-02T18:00:00Z'), timeZone: 'America/Chicago', days: 3 });
    // 2026-03-01T03:30Z is still 28 February in Chicago.
    assert.deepEqual(stats.perDay, [
      { date: '2026-02-28', count: 1 },
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-02', count: 2 },
    ]);
  });

  test('When the chart is drawn, then the busiest day gets the tallest bar and an empty day none', () => {
    const chart = barChart([
      { date: '2026-03-01', count: 0 },
      { date: '2026-03-02', count: 4 },
      { date: '2026-03-03', count: 2 },
    ]);
    assert.equal(chart.bars[0].height, 0);
    assert.ok(chart.bars[1].height > chart.bars[2].height);
    assert.equal(chart.bars[1].y + chart.bars[1].height, chart.bars[2].y + chart.bars[2].height, 'bars share a baseline');
    assert.equal(chart.bars[1].label, '03-02');
  });
});
