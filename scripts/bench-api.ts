// Requests/second of GET /api/inventory?q=milk over a 50,000-product catalogue: the real
// voice app on 127.0.0.1, autocannon with 10 connections over loopback.
// Run alone: node --import tsx scripts/bench-api.ts [seconds] [query ...]   (default: 10 s, "milk")
// The generated catalogue has no milk, so "milk" measures a full scan that finds nothing;
// "coffee" (about 2% of products) adds building and sending a page of 50 matches.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { createVoiceApp } from '../src/voice/app.js';
import { generateCatalogue } from './lib/catalogue.js';

export interface ApiBenchResult {
  label: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  matches: number;
}

const TOKEN = 'bench-api-token';

export async function benchApi(options: { products?: number; seconds?: number; connections?: number; query?: string } = {}): Promise<ApiBenchResult> {
  const { products = 50_000, seconds = 10, connections = 10, query = 'milk' } = options;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scr-bench-api-'));
  const logger = createLogger({ level: 'silent' });
  const store = await openStore({ dataDir, logger });
  const server = await (async () => {
    await store.inventory.replaceAll(generateCatalogue(products));
    const app = createVoiceApp({ store, logger, apiToken: TOKEN });
    return new Promise<import('node:http').Server>((resolve, reject) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
  })();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = `${base}/api/inventory?q=${encodeURIComponent(query)}`;
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const first = await fetch(url, { headers });
    if (!first.ok) throw new Error(`GET ${url} answered ${first.status}: ${await first.text()}`);
    const { total } = (await first.json()) as { total: number };

    const result = await autocannon({ url, connections, duration: seconds, headers });
    return {
      label: `GET /api/inventory?q=${query} (${products.toLocaleString('en-US')} products, ${connections} connections, ${seconds} s)`,
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      matches: total,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.flush();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [secondsArg = '10', ...queries] = process.argv.slice(2);
  for (const query of queries.length > 0 ? queries : ['milk']) {
    const r = await benchApi({ seconds: Number(secondsArg), query });
    console.log(
      `${r.label}: ${Math.round(r.requestsPerSecond)} requests/s, latency p50 ${r.latencyP50Ms} ms, p99 ${r.latencyP99Ms} ms, ` +
        `${r.requests} requests, ${r.errors} errors, ${r.non2xx} non-2xx, ${r.matches} products match`,
    );
  }
}
