import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../src/shared/logger.js';
import { JsonStore } from '../src/store/index.js';
import { runTs, tempDir, waitFor } from './fixtures/helpers.js';

const WORKER = 'test/fixtures/store-worker.ts';
const logger = createLogger({ level: 'silent' });

describe('store: two processes writing the same file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  test('When two processes each make 500 read-modify-write updates of one file, then all 1000 are there', { timeout: 120_000 }, async () => {
    const store = new JsonStore({ dataDir: dir, logger });
    await store.init();
    const before = (await store.read('inventory')).length;

    const a = runTs(WORKER, [dir, 'add', 'A', '500']);
    const b = runTs(WORKER, [dir, 'add', 'B', '500']);
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);

    const skus = new Set((await store.read('inventory')).map((p) => p.sku));
    assert.equal(skus.size, before + 1000);
    for (let i = 0; i < 500; i++) {
      assert.ok(skus.has(`A-${i}`), `A-${i} lost`);
      assert.ok(skus.has(`B-${i}`), `B-${i} lost`);
    }
  });

  test('When one process writes, then the other process sees it on its very next read', { timeout: 30_000 }, async () => {
    const store = new JsonStore({ dataDir: dir, logger });
    assert.notEqual((await store.read('storeInfo')).greetingMessage, 'Hello from the other process');

    assert.ok(store.peek(['storeInfo']), 'in memory and unchanged');

    const writer = runTs(WORKER, [dir, 'write-greeting', 'Hello from the other process']);
    assert.equal((await writer.exited).code, 0);
    assert.equal(store.peek(['storeInfo']), undefined, "the webhooks' fast path never hands out the old greeting");
    assert.equal((await store.read('storeInfo')).greetingMessage, 'Hello from the other process');

    await store.update('storeInfo', (info) => ({ ...info, greetingMessage: 'And hello back' }));
    const reader = runTs(WORKER, [dir, 'read-greeting']);
    assert.equal((await reader.exited).code, 0);
    assert.deepEqual(reader.lines, ['And hello back']);
  });

  test('When updates are queued in one process, then they are applied in order and none fails', async () => {
    const store = new JsonStore({ dataDir: dir, logger });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.update('settings', (s) => ({ ...s, transferTimeout: 10 + i }))),
    );
    assert.equal(results.at(-1)!.transferTimeout, 59);
    assert.equal((await store.read('settings')).transferTimeout, 59);
  });
});

describe('store: a stale lock left by a killed holder', () => {
  test('When the lock holder is killed, then the lock is taken over within the stale time', { timeout: 30_000 }, async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const staleMs = 2_000;
      const store = new JsonStore({ dataDir: dir, logger, lock: { staleMs, updateMs: 1_000 } });
      await store.init();
      const holder = runTs(WORKER, [dir, 'hold-lock', 'settings.json', String(staleMs)]);
      await waitFor(() => holder.lines.includes('locked'), 20_000, 'the holder to take the lock');
      const { signal } = await holder.exited;
      assert.equal(signal, 'SIGKILL');
      // Left behind by the killed holder. Its mtime is the holder's last heartbeat (proper-lockfile
      // may round the first one up to the next second), and staleness counts from there.
      const heartbeat = (await stat(path.join(dir, 'settings.json.lock'))).mtimeMs;

      await store.update('settings', (s) => ({ ...s, maxAttempts: 5 }));
      const takenOverAfter = Date.now() - heartbeat;
      assert.equal((await store.read('settings')).maxAttempts, 5);
      assert.ok(takenOverAfter <= staleMs + 500, `taken over ${takenOverAfter} ms after the last heartbeat; stale is ${staleMs} ms`);
    } finally {
      await cleanup();
    }
  });
});
