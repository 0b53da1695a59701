import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { withFileLock } from '../src/store/json/file-lock.js';
import { runTs, tempDir, waitFor } from './fixtures/helpers.js';

const WORKER = 'test/fixtures/store-worker.ts';
const logger = createLogger({ level: 'silent' });

describe('store: two processes writing the same file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  test('When two processes each make 500 inserts into one file, then all 1000 are there', { timeout: 120_000 }, async () => {
    const store = await openStore({ dataDir: dir, logger, recheckMs: 0 });
    const before = (await store.inventory.all()).length;

    const a = runTs(WORKER, [dir, 'add', 'A', '500']);
    const b = runTs(WORKER, [dir, 'add', 'B', '500']);
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);

    const skus = new Set((await store.inventory.all()).map((p) => p.sku));
    assert.equal(skus.size, before + 1000);
    for (let i = 0; i < 500; i++) {
      assert.ok(skus.has(`A-${i}`), `A-${i} lost`);
      assert.ok(skus.has(`B-${i}`), `B-${i} lost`);
    }
  });

  test('When one process writes, then the other process reads it (at once with no recheck delay)', { timeout: 30_000 }, async () => {
    const store = await openStore({ dataDir: dir, logger, recheckMs: 0 });
    assert.notEqual((await store.storeInfo.get()).greetingMessage, 'Hello from the other process');

    const writer = runTs(WORKER, [dir, 'write-greeting', 'Hello from the other process']);
    assert.equal((await writer.exited).code, 0);
    assert.equal((await store.callData()).storeInfo.greetingMessage, 'Hello from the other process', "the webhooks' read model never hands out the old greeting");

    await store.storeInfo.put({ ...(await store.storeInfo.get()), greetingMessage: 'And hello back' });
    const reader = runTs(WORKER, [dir, 'read-greeting']);
    assert.equal((await reader.exited).code, 0);
    assert.deepEqual(reader.lines, ['And hello back']);
  });

  test('When writes are queued in one process, then they are applied in order and none fails', async () => {
    const store = await openStore({ dataDir: dir, logger });
    const settings = await store.settings.get();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.settings.put({ ...settings, transferTimeout: 10 + i })));
    assert.equal(results.at(-1)!.transferTimeout, 59);
    assert.equal((await store.settings.get()).transferTimeout, 59);
  });
});

describe('store: locks left behind', () => {
  test('When the lock holder is killed, then the next write takes the lock over at once, without waiting for it to go stale', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger });
      const holder = runTs(WORKER, [dir, 'hold-lock', 'settings.json', '100', 'kill']);
      await waitFor(() => holder.lines.includes('locked'), 20_000, 'the holder to take the lock');
      assert.equal((await holder.exited).signal, 'SIGKILL');

      const started = Date.now();
      await store.settings.put({ ...(await store.settings.get()), maxAttempts: 5 });
      assert.ok(Date.now() - started < 2_000, `the write took ${Date.now() - started} ms; the default stale time is 10 s`);
      assert.equal((await store.settings.get()).maxAttempts, 5);
    } finally {
      await cleanup();
    }
  });

  test('When a lock was left by this very process before a restart (same pid, another run), then it is taken over at once', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger });
      const file = path.join(dir, 'settings.json');
      await mkdir(`${file}.lock`);
      const { dev, ino } = await import('node:fs').then((fs) => fs.statSync(`${file}.lock`, { bigint: true }));
      await writeFile(`${file}.lock-owner`, JSON.stringify({ host: (await import('node:os')).hostname(), pid: process.pid, run: 'an-earlier-run', lock: `${dev}:${ino}` }));
      const started = Date.now();
      await store.settings.put({ ...(await store.settings.get()), maxAttempts: 6 });
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await cleanup();
    }
  });

  test('When the lock is held by a live process, then a write waits for it, and then succeeds', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger });
      const holder = runTs(WORKER, [dir, 'hold-lock', 'settings.json', '1500']);
      await waitFor(() => holder.lines.includes('locked'), 20_000, 'the holder to take the lock');
      const started = Date.now();
      await store.settings.put({ ...(await store.settings.get()), maxAttempts: 7 });
      assert.ok(holder.lines.includes('released'), 'it waited for the holder');
      assert.ok(Date.now() - started >= 1_000);
      assert.equal((await holder.exited).code, 0);
    } finally {
      await cleanup();
    }
  });

  test('When the lock directory is deleted and taken by someone else while held, then the holder knows before it publishes', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = path.join(dir, 'settings.json');
      const { rm } = await import('node:fs/promises');
      await withFileLock(file, { staleMs: 10_000, updateMs: 2_000, waitMs: 5_000 }, logger, async (held) => {
        held.assertHeld();
        await rm(`${file}.lock`, { recursive: true });
        assert.throws(() => held.assertHeld(), /was removed or taken while this write held it/);
        // Someone else takes it meanwhile: still not ours.
        const other = runTs(WORKER, [dir, 'hold-lock', 'settings.json', '300']);
        await waitFor(() => other.lines.includes('locked'), 20_000, 'the other process to take the lock');
        assert.throws(() => held.assertHeld(), /was removed or taken/);
        await other.exited;
      });
    } finally {
      await cleanup();
    }
  });
});
