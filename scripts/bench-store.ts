// Store timings: one update and one fresh read (after another process's write) of the
// inventory file at 50,000 products, and of a small file. Run alone: node --import tsx scripts/bench-store.ts
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { generateCatalogue } from './lib/catalogue.js';

export interface StoreBenchResult {
  label: string;
  fileBytes: number;
  updateMs: number;
  freshReadMs: number;
  cachedReadMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function benchStore(products = 50_000, rounds = 7): Promise<StoreBenchResult[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scr-bench-store-'));
  const logger = createLogger({ level: 'silent' });
  // Two instances stand for the two processes: one writes, the other must re-read.
  const writer = await openStore({ dataDir, logger });
  const reader = await openStore({ dataDir, logger, recheckMs: 0 });
  try {
    await writer.inventory.replaceAll(generateCatalogue(products));
    const results: StoreBenchResult[] = [];
    for (const [label, name] of [[`inventory, ${products.toLocaleString('en-US')} products`, 'inventory'], ['settings (small file)', 'settings']] as const) {
      const read = () => (name === 'inventory' ? reader.inventory.all() : reader.settings.get());
      await read();
      const updates: number[] = [];
      const fresh: number[] = [];
      const cached: number[] = [];
      for (let i = 0; i < rounds; i++) {
        updates.push(
          await time(() =>
            name === 'inventory'
              ? writer.inventory.all().then((items) => writer.inventory.update({ ...items[i], stock: items[i].stock + 1 }))
              : writer.settings.get().then((s) => writer.settings.put({ ...s, transferTimeout: 20 + i })),
          ),
        );
        fresh.push(await time(read));
        cached.push(await time(read));
      }
      results.push({
        label,
        fileBytes: (await stat(path.join(dataDir, name === 'inventory' ? 'inventory.json' : 'settings.json'))).size,
        updateMs: median(updates),
        freshReadMs: median(fresh),
        cachedReadMs: median(cached),
      });
    }
    return results;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchStore()) {
    console.log(`${r.label}: ${(r.fileBytes / 1e6).toFixed(1)} MB, update ${r.updateMs.toFixed(1)} ms, fresh read ${r.freshReadMs.toFixed(1)} ms, unchanged read ${r.cachedReadMs.toFixed(3)} ms (medians)`);
  }
}
