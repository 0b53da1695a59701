/**
 * The voice service under a caller's load, as its own process over 50,000 generated products:
 *   1. gather latency at a steady 200 requests/second (open loop: sent on schedule);
 *   2. the same at 100 requests/second while staff edit: one product PUT each second through
 *      the API and a 1,000-row bulk update half way; the PUTs' and the bulk's own times;
 *      the service's memory (RSS) after it;
 *   3. memory under a flood of one-question calls (closed loop, 10 connections), from V8's
 *      own trace of each garbage collection: the heap left after each full collection
 *      early and late in the flood, and how many collections ran;
 *   4. GET /api/inventory?q=milk (a full search that finds nothing) in requests/second;
 *   5. the gather webhook as a share of a bare Express route with fixed TwiML (reported only).
 * Run alone: node --import tsx scripts/bench-voice.ts [--seconds 5] [--flood 60]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { createLogger } from '../src/shared/logger.js';
import { openStore, sampleData, type Product } from '../src/store/index.js';
import { generateCatalogue } from './lib/catalogue.js';
import { fixedRateLatency, type Latency } from './lib/fixed-rate.js';
import { api, BENCH_API_TOKEN, median, rssMb, startVoice, webhook } from './lib/voice-process.js';

/** What callers ask in the load: products of the generated catalogue, and the rest of a call's questions. */
export const QUESTIONS = [
  'How much is the peanut butter?',
  'Do you have Acme Classic Crackers?',
  'Where can I find the maple syrup?',
  'Do you have organic granola bars?',
  'Is the Harbor coffee in stock?',
  'What time do you close?',
  'Do you sell Golden Valley honey cereal, 12 oz?',
  'How much are the Summit tortilla chips?',
  'Any deals today?',
  'Do you have light bulbs?',
];

export interface VoiceBenchResult {
  products: number;
  from: string;
  /** From spawn to the first healthy answer (reading the data and indexing the catalogue), and the first caller's answer after it. */
  startupMs: number;
  firstCallMs: number;
  rssAfterLoadMb: number;
  steady200: Latency;
  staffEdits: { gather: Latency; putMedianMs: number; putMaxMs: number; puts: number; bulkMs: number; rssAfterMb: number };
  flood: { seconds: number; calls: number; rssStartMb: number; rssEndMb: number; heapEarlyMb: number; heapLateMb: number; scavenges: number; fullCollections: number };
  inventorySearch: { requestsPerSecond: number; matches: number };
  bareShare: { bareRps: number; gatherRps: number; share: number };
}

const gatherBody = (prefix: string) => (n: number) =>
  new URLSearchParams({ CallSid: `CA${prefix}${n}`, From: '+15551230000', SpeechResult: QUESTIONS[n % QUESTIONS.length], Confidence: '0.92' }).toString();

export async function runVoiceBench(options: { seconds?: number; floodSeconds?: number; products?: number } = {}): Promise<VoiceBenchResult> {
  const seconds = options.seconds ?? 5;
  const floodSeconds = options.floodSeconds ?? 60;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-voice-'));
  const inventory = [...sampleData('inventory'), ...generateCatalogue(options.products ?? 50_000)];
  const gc = new GcTrace();
  try {
    await writeInventory(dataDir, inventory);
    const voice = await startVoice(dataDir, { nodeArgs: ['--trace-gc'], onStdout: (text) => gc.read(text) });
    try {
      const firstCallStarted = performance.now();
      await webhook(voice.url, '/voice/gather', { CallSid: 'CAwarm', SpeechResult: 'peanut butter' }); // the index was built before listening
      const firstCallMs = performance.now() - firstCallStarted;
      const rssAfterLoadMb = await rssMb(voice.pid);
      await fixedRateLatency({ port: voice.port, path: '/voice/gather', body: gatherBody('warm'), ratePerSecond: 100, seconds: 2 });

      const steady200 = await fixedRateLatency({ port: voice.port, path: '/voice/gather', body: gatherBody('steady'), ratePerSecond: 200, seconds });
      const staffEdits = await whileStaffEdit(voice.url, voice.port, inventory, Math.max(10, 2 * seconds));
      const rssAfterMb = await rssMb(voice.pid);

      const floodStart = await rssMb(voice.pid);
      gc.start();
      const calls = await flood(voice.port, floodSeconds);
      const late = gc.stop();
      const rssEndMb = await rssMb(voice.pid);

      const inventorySearch = await searchRate(voice.url, 'milk', seconds);
      const bareShare = await shareOfBareRoute(voice.port, seconds);
      return {
        products: inventory.length,
        from: voice.from,
        startupMs: voice.startupMs,
        firstCallMs,
        rssAfterLoadMb,
        steady200,
        staffEdits: { ...staffEdits, rssAfterMb },
        flood: { seconds: floodSeconds, calls, rssStartMb: floodStart, rssEndMb, ...late },
        inventorySearch,
        bareShare,
      };
    } finally {
      await voice.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function writeInventory(dataDir: string, inventory: Product[]): Promise<void> {
  const store = await openStore({ dataDir, logger: createLogger({ level: 'silent' }) });
  await store.inventory.replaceAll(inventory);
  await store.close();
}

/**
 * Callers at 100 requests/second while staff work: each second one product is changed
 * through the API (its name every other time, so the product index must change too), and
 * half way a 1,000-row bulk update lands. The callers' latency is what a caller waits.
 */
async function whileStaffEdit(base: string, port: number, inventory: readonly Product[], seconds: number) {
  const callers = fixedRateLatency({ port, path: '/voice/gather', body: gatherBody('edit'), ratePerSecond: 100, seconds });
  const putTimes: number[] = [];
  let bulkMs = NaN;
  const bulk = (async () => {
    await sleep((seconds * 1000) / 2);
    const rows = inventory.slice(-1000).map((p, i) => ({ sku: p.sku, stock: (p.stock + i) % 200, price: Math.round(p.price * 105) / 100 }));
    bulkMs = (await api(base, 'POST', '/api/inventory/bulk', { items: rows })).ms;
  })();
  for (let second = 0; second < seconds - 1; second++) {
    const product = inventory[1000 + second * 37];
    const change = second % 2 === 0 ? { name: `${product.name} (new)`, price: product.price + 1 } : { price: product.price, stock: product.stock + 1 };
    putTimes.push((await api(base, 'PUT', `/api/inventory/${product.id}`, change)).ms);
    await sleep(1000 - Math.min(999, putTimes.at(-1)!));
  }
  const [gather] = await Promise.all([callers, bulk]);
  return { gather, putMedianMs: median(putTimes), putMaxMs: Math.max(...putTimes), puts: putTimes.length, bulkMs };
}

/** As many one-question calls as 10 connections get through: the greeting, then one question, each call new. */
async function flood(port: number, seconds: number): Promise<number> {
  let call = 0;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    duration: seconds,
    requests: [
      { method: 'POST', path: '/voice', headers: form, setupRequest: (r) => ({ ...r, body: new URLSearchParams({ CallSid: `CAflood${++call}`, From: '+15551230000', CallStatus: 'ringing' }).toString() }) },
      { method: 'POST', path: '/voice/gather', headers: form, setupRequest: (r) => ({ ...r, body: gatherBody('flood')(call) }) },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`flood: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return Math.round(result.requests.total / 2);
}

async function searchRate(base: string, query: string, seconds: number) {
  const urlPath = `/api/inventory?q=${encodeURIComponent(query)}`;
  const { json } = await api(base, 'GET', urlPath);
  const result = await autocannon({ url: `${base}${urlPath}`, connections: 10, duration: seconds, headers: { authorization: `Bearer ${BENCH_API_TOKEN}` } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`search: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { requestsPerSecond: result.requests.average, matches: (json as { total: number }).total };
}

/** The old yardstick, reported only: gather against plain Express sending fixed TwiML, two alternating rounds. */
async function shareOfBareRoute(voicePort: number, seconds: number) {
  const bare = await startBareRoute();
  try {
    const bareRuns: number[] = [];
    const gatherRuns: number[] = [];
    for (let round = 0; round < 2; round++) {
      bareRuns.push(await closedLoop(bare.port, '/bare', seconds));
      gatherRuns.push(await closedLoop(voicePort, '/voice/gather', seconds));
    }
    const bareRps = median(bareRuns);
    const gatherRps = median(gatherRuns);
    return { bareRps, gatherRps, share: gatherRps / bareRps };
  } finally {
    bare.stop();
  }
}

async function closedLoop(port: number, urlPath: string, seconds: number): Promise<number> {
  let sent = 0;
  const body = gatherBody('share');
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections: 10,
    duration: seconds,
    requests: [{ method: 'POST', path: urlPath, headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (r) => ({ ...r, body: body(sent++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${urlPath}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

const BARE_ROUTE = `
  import express from 'express';
  import twilio from 'twilio';
  const fixed = new twilio.twiml.VoiceResponse();
  fixed.say('Creamy Peanut Butter, 16 ounce is $3.49, and we have it in stock in Aisle 6.');
  fixed.gather({ input: ['speech', 'dtmf'], action: '/voice/gather' }).say('Is there anything else I can help you with?');
  const xml = fixed.toString();
  const app = express();
  app.post('/bare', (_req, res) => { res.type('text/xml').send(xml); });
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

async function startBareRoute(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_ROUTE], { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare route exited early (code ${code})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  child.removeAllListeners('exit');
  return { port, stop: () => child.kill() };
}

/**
 * Reads Node's --trace-gc lines ("Mark-Compact 61.2 (80.1) -> 44.0 (79.5) MB, …"): between
 * start() and stop(), how many collections ran and the heap each full collection left,
 * the first and the last third's medians (flat memory: the two are close).
 */
class GcTrace {
  private recording = false;
  private buffered = '';
  private scavenges = 0;
  private full: number[] = [];

  read(text: string): void {
    this.buffered += text;
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    if (!this.recording) return;
    for (const line of lines) {
      if (/ Scavenge /.test(line)) this.scavenges++;
      const full = /Mark-Compact(?: \([^)]*\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
      if (full) this.full.push(Number(full[1]));
    }
  }

  start(): void {
    this.recording = true;
    this.scavenges = 0;
    this.full = [];
  }

  stop() {
    this.recording = false;
    const third = Math.max(1, Math.floor(this.full.length / 3));
    return {
      heapEarlyMb: median(this.full.slice(0, third)),
      heapLateMb: median(this.full.slice(-third)),
      scavenges: this.scavenges,
      fullCollections: this.full.length,
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(JSON.stringify(await runVoiceBench({ seconds: arg('seconds'), floodSeconds: arg('flood'), products: arg('products') }), null, 2));
}
