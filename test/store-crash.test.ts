import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../src/shared/logger.js';
import { z } from 'zod';
import { openStore, Product } from '../src/store/index.js';
import { runTs, tempDir, waitFor } from './fixtures/helpers.js';

const WORKER = 'test/fixtures/store-worker.ts';
const ROUNDS = 20;

test(`When a writer is killed with SIGKILL at random moments (${ROUNDS} times), then every file parses and no acknowledged update is lost`, { timeout: 180_000 }, async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const logger = createLogger({ level: 'silent' });
    await openStore({ dataDir: dir, logger });
    const acknowledged: string[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const worker = runTs(WORKER, [dir, 'add', `R${round}`, '100000']);
      // Kill only once it is writing (start-up time varies with the machine's load), then at a random moment.
      await waitFor(() => worker.lines.some((l) => l.startsWith('done ')), 30_000, 'the worker to make its first update');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
      worker.child.kill('SIGKILL');
      await worker.exited;
      // The killed writer usually held the lock: the next round takes it over at once (its holder is gone).
      acknowledged.push(...worker.lines.filter((l) => l.startsWith('done ')).map((l) => l.slice(5)));

      // Straight from disk, with no store in between: the file must be whole and valid.
      const raw = JSON.parse(await readFile(path.join(dir, 'inventory.json'), 'utf8'));
      const parsed = z.array(Product).safeParse(raw);
      assert.ok(parsed.success, `round ${round}: inventory.json does not validate`);
      const skus = new Set(parsed.data.map((p) => p.sku));
      for (const sku of acknowledged) assert.ok(skus.has(sku), `round ${round}: acknowledged update ${sku} is missing`);
    }
    assert.ok(acknowledged.length >= ROUNDS, `only ${acknowledged.length} updates were acknowledged; the test did not exercise writes`);

    // A new process cleans up temp files left by killed writers.
    const store = await openStore({ dataDir: dir, logger });
    const leftovers = (await readdir(dir)).filter((name) => name.endsWith('.tmp') || name.endsWith('.tmp.bak'));
    assert.deepEqual(leftovers, []);
    assert.ok((await store.inventory.all()).length >= acknowledged.length);
  } finally {
    await cleanup();
  }
});
