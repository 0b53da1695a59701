/**
 * Voice-service benchmark, with the sample catalogue plus 50,000 generated products:
 *   1. understanding one utterance: median and p99 over a mix of caller utterances (target < 1 ms median);
 *   2. the gather webhook's requests/second (autocannon, 10 connections, loopback) as a share of a
 *      bare Express route returning fixed TwiML, measured in the same run in alternating rounds
 *      after a short unmeasured warm-up of both (the median of the rounds' shares; target ≥ 50%);
 *   3. the voice service's memory (rss) with the catalogue loaded and indexed (target < 250 MB).
 * Run: node --import tsx scripts/bench-voice.ts [--seconds 5] [--rounds 5] [--products 50000]
 * `runVoiceBench()` is exported so `npm run bench` can fold it into its table.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { createLogger } from '../src/shared/logger.js';
import { openStore, sampleData } from '../src/store/index.js';
import { productIndexFor } from '../src/voice/understanding/product-index.js';
import { understand } from '../src/voice/understanding/understand.js';
import { generateCatalogue } from './lib/catalogue.js';
import { fixedRateLatency } from './lib/fixed-rate.js';
import { freePort, waitForHealth } from './lib/services.js';

export const UTTERANCES = [
  'Do you have milk?',
  'How much is the two percent milk?',
  'Um, do you have double A batteries?',
  'Where can I find the peanut butter?',
  'Is the strawbery jam in stock?',
  'Do you have almond milk?',
  'tylenol',
  'I need a refill',
  'Are you open on Sunday?',
  'What time do you close?',
  'Where are you located?',
  'Any deals today?',
  'Can I talk to a real person?',
  'No thanks, that is all.',
  'How much does the organic granola cost?',
  'Do you sell Acme Classic Crackers?',
  'ibuprofin',
  'I want to return something',
  'chicken nuggets',
  'where can i find the maple syrup',
];

export interface VoiceBenchResult {
  products: number;
  understandMedianMs: number;
  understandP99Ms: number;
  gatherRps: number;
  /** POST /voice, the incoming call (greeting and first Gather). */
  incomingRps: number;
  bareRps: number;
  /** Median over the rounds of gather / bare, each pair measured back to back. */
  gatherShare: number;
  gatherShareRuns: number[];
  /** Gather latency at a fixed 200 requests/second (open loop). */
  gatherAt200: { p50Ms: number; p99Ms: number; failed: number };
  /** The same app's middleware and six fresh store reads, then fixed TwiML: no webhook that reads fresh can beat it. */
  floorRps?: number;
  /** Voice service rss once the catalogue is loaded and indexed, and again after the throughput run. */
  rssAfterLoadMb: number;
  rssMb: number;
  indexBuildMs: number;
  voiceRunsFrom: string;
}

/**
 * Both servers run as their own processes: the voice service exactly as deployed
 * (dist/voice/main.js, or src/voice/main.ts through tsx when dist cannot be built), and the
 * bare route in plain Node. So autocannon's own work is not charged to them, and the memory
 * figure is the voice service's alone.
 */
export async function runVoiceBench(options: { seconds?: number; rounds?: number; products?: number; iterations?: number } = {}): Promise<VoiceBenchResult> {
  const seconds = options.seconds ?? 5;
  const rounds = options.rounds ?? 5;
  const inventory = [...sampleData('inventory'), ...generateCatalogue(options.products ?? 50_000)];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-voice-'));
  const logger = createLogger({ level: 'silent' });
  try {
    const store = await openStore({ dataDir, logger });
    await store.inventory.replaceAll(inventory);

    // 1. Understanding, against the store's own (frozen) values, index built once up front.
    const catalogue = { departments: await store.departments.all(), inventory: await store.inventory.all(), operatorExtension: '0' };
    const buildStart = performance.now();
    productIndexFor(catalogue.inventory);
    const indexBuildMs = performance.now() - buildStart;
    const iterations = options.iterations ?? 500;
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      for (const speech of UTTERANCES) {
        const start = process.hrtime.bigint();
        understand({ speech }, catalogue);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    times.sort((a, b) => a - b);

    // 2. Throughput: the real gather webhook against a bare route, in alternating rounds so a
    // slow moment of a shared machine falls on both; each figure is the median of its rounds.
    // A busy line: every request is another caller's question (call state stays bounded by eviction).
    const body = (n: number) =>
      new URLSearchParams({ CallSid: `CAbench${n}`, From: '+15551230000', SpeechResult: 'How much is the peanut butter?', Confidence: '0.92' }).toString();
    const built = ensureBuilt();
    let floorRps: number | undefined;
    if (built) {
      const floor = await startBareRoute(FLOOR_ROUTE, { DATA_DIR: dataDir });
      floorRps = await measure(floor.port, '/bare', body, seconds).finally(() => floor.stop());
    }
    const bare = await startBareRoute(BARE_ROUTE);
    const voice = await startVoiceService(dataDir, built);
    const bareRuns: number[] = [];
    const gatherRuns: number[] = [];
    let incomingRps: number;
    let gatherAt200: VoiceBenchResult['gatherAt200'];
    let rssAfterLoadMb: number;
    let rssMb: number;
    try {
      await fetch(`http://127.0.0.1:${voice.port}/voice/gather`, { method: 'POST', headers: FORM, body: body(0) }); // builds the index, as a first call would
      rssAfterLoadMb = (await rssOf(voice.pid)) / 1024;
      // Unmeasured warm-up of both, so the first round does not also time the JIT compiling
      // the webhook's code and the call memory filling up to its steady size.
      await measure(bare.port, '/bare', body, WARM_UP_SECONDS);
      await measure(voice.port, '/voice/gather', body, WARM_UP_SECONDS);
      for (let round = 0; round < rounds; round++) {
        bareRuns.push(await measure(bare.port, '/bare', body, seconds));
        gatherRuns.push(await measure(voice.port, '/voice/gather', body, seconds));
      }
      incomingRps = await measure(voice.port, '/voice', (n) => new URLSearchParams({ CallSid: `CAin${n}`, From: '+15551230000', CallStatus: 'ringing' }).toString(), seconds);
      gatherAt200 = await fixedRateLatency({ port: voice.port, path: '/voice/gather', body, ratePerSecond: 200, seconds });
      // 3. The voice service's memory with the catalogue loaded, indexed and under load.
      rssMb = (await rssOf(voice.pid)) / 1024;
    } finally {
      voice.stop();
      bare.stop();
    }
    const bareRps = median(bareRuns);
    const gatherRps = median(gatherRuns);
    return {
      products: catalogue.inventory.length,
      understandMedianMs: times[Math.floor(times.length / 2)],
      understandP99Ms: times[Math.floor(times.length * 0.99)],
      gatherRps,
      incomingRps,
      bareRps,
      gatherShare: median(gatherRuns.map((g, i) => g / bareRuns[i])),
      gatherShareRuns: gatherRuns.map((g, i) => g / bareRuns[i]),
      gatherAt200,
      floorRps,
      rssAfterLoadMb,
      rssMb,
      indexBuildMs,
      voiceRunsFrom: voice.from,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const WARM_UP_SECONDS = 2;
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

interface Child {
  port: number;
  pid: number;
  from: string;
  stop(): void;
}

/** dist/ as `npm run start:voice` would run it; false when the tree does not build right now. */
function ensureBuilt(): boolean {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.mjs')], { cwd: ROOT, stdio: 'ignore' }).status === 0;
}

async function startVoiceService(dataDir: string, built: boolean): Promise<Child> {
  const args = built ? [path.join(ROOT, 'dist', 'voice', 'main.js')] : ['--import', 'tsx', path.join(ROOT, 'src', 'voice', 'main.ts')];
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // warn: per-request info lines would measure the log sink, not the service.
    env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', VOICE_PORT: String(port), LOG_LEVEL: 'warn', API_TOKEN: 'bench-api-token-0123456789' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => {
    child.kill();
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child, 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { port, pid: child.pid as number, from: built ? 'dist/voice/main.js' : 'src/voice/main.ts via tsx', stop };
}

/** The baseline: plain Node and Express, one route, a fixed TwiML string. */
const BARE_ROUTE = `
  import express from 'express';
  import twilio from 'twilio';
  const fixed = new twilio.twiml.VoiceResponse();
  fixed.say('Creamy Peanut Butter, 16 oz is $3.49, and we have it in stock in Aisle 6.');
  fixed.gather({ input: ['speech', 'dtmf'], action: '/voice/gather' }).say('Is there anything else I can help you with?');
  const xml = fixed.toString();
  const app = express();
  app.post('/bare', (_req, res) => { res.type('text/xml').send(xml); });
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/**
 * The webhook's fixed costs without its answer: request log, form body, Twilio's parameters
 * (zod), the call context (one stat when nothing changed), then fixed TwiML. What is left
 * of the gather figure below this is understanding, the answer and building its TwiML.
 */
const FLOOR_ROUTE = `
  import express from 'express';
  import twilio from 'twilio';
  import { createLogger } from './dist/shared/logger.js';
  import { httpLogger } from './dist/shared/http/http-logger.js';
  import { openStore } from './dist/store/index.js';
  import { loadCallContext } from './dist/voice/webhooks/call-context.js';
  import { parseTwilioParams } from './dist/voice/webhooks/twilio-params.js';
  const logger = createLogger({ level: 'warn' });
  const store = await openStore({ dataDir: process.env.DATA_DIR, logger });
  const fixed = new twilio.twiml.VoiceResponse();
  fixed.say('Creamy Peanut Butter, 16 oz is $3.49, and we have it in stock in Aisle 6.');
  fixed.gather({ input: ['speech', 'dtmf'], action: '/voice/gather' }).say('Is there anything else I can help you with?');
  const xml = fixed.toString();
  const app = express();
  app.post('/bare', httpLogger(logger), express.urlencoded({ extended: false, limit: 65536, parameterLimit: 200 }), async (req, res) => {
    parseTwilioParams(req.body);
    await loadCallContext(store, new Date());
    res.setHeader('Content-Type', 'text/xml; charset=utf-8');
    res.end(xml);
  });
  const server = app.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

async function startBareRoute(code: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (exitCode) => reject(new Error(`baseline server exited early (code ${exitCode})`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  child.removeAllListeners('exit');
  return { port, pid: child.pid as number, from: 'plain node', stop: () => child.kill() };
}

/** Resident memory in KiB, from /proc (Linux) or ps. */
async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return Number(spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measure(port: number, urlPath: string, body: (n: number) => string, seconds: number): Promise<number> {
  let sent = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${urlPath}`,
    connections: 10,
    duration: seconds,
    requests: [{ method: 'POST', path: urlPath, headers: FORM, setupRequest: (request) => ({ ...request, body: body(sent++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${urlPath}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result.requests.average;
}

export function formatVoiceBench(r: VoiceBenchResult): string {
  const rows: [string, string, string][] = [
    ['understand one utterance, median', `${(r.understandMedianMs * 1000).toFixed(1)} µs`, '< 1 ms'],
    ['understand one utterance, p99', `${(r.understandP99Ms * 1000).toFixed(1)} µs`, ''],
    ['gather webhook (product question)', `${Math.round(r.gatherRps)} req/s`, ''],
    ['bare Express route, fixed TwiML', `${Math.round(r.bareRps)} req/s`, ''],
    ['gather as share of bare (median of rounds)', `${(r.gatherShare * 100).toFixed(0)} %`, '≥ 50 %'],
    ['  each round', r.gatherShareRuns.map((x) => `${(x * 100).toFixed(0)} %`).join(', '), ''],
    ['incoming call POST /voice', `${Math.round(r.incomingRps)} req/s`, ''],
    ['/voice as share of bare', `${((r.incomingRps / r.bareRps) * 100).toFixed(0)} %`, ''],
    ['gather latency at 200 req/s, p50', `${r.gatherAt200.p50Ms.toFixed(2)} ms`, ''],
    ['gather latency at 200 req/s, p99', `${r.gatherAt200.p99Ms.toFixed(2)} ms`, ''],
    ...(r.floorRps === undefined
      ? []
      : ([
          ['floor: request log, form, params, call context; fixed TwiML', `${Math.round(r.floorRps)} req/s`, ''],
          ['floor as share of bare', `${((r.floorRps / r.bareRps) * 100).toFixed(0)} %`, ''],
        ] as [string, string, string][])),
    ['voice service memory (rss) after load + index', `${r.rssAfterLoadMb.toFixed(0)} MB`, '< 250 MB'],
    ['voice service memory (rss) after the throughput run', `${r.rssMb.toFixed(0)} MB`, ''],
    ['product index build (once per inventory version)', `${r.indexBuildMs.toFixed(0)} ms`, ''],
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  return [`Voice service (${r.voiceRunsFrom}), ${r.products} products`, ...rows.map(([name, value, target]) => `  ${name.padEnd(width)}  ${value.padStart(12)}  ${target}`)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const result = await runVoiceBench({ seconds: arg('seconds'), rounds: arg('rounds'), products: arg('products') });
  console.log(formatVoiceBench(result));
}
