/**
 * The voice service with a long history: 200,000 calls over the last 180 days and 50,000
 * products. Its startup, the newest page of GET /api/calls right after a new call has been
 * logged (what the calls page shows), GET /api/calls/stats?days=30, its memory, and gather
 * latency at a steady 200 requests/second with that history loaded.
 * Run alone: node --import tsx scripts/bench-call-log.ts [--calls 200000] [--seconds 5]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLogger } from '../src/shared/logger.js';
import { openStore, sampleData } from '../src/store/index.js';
import { writeCallHistory } from './lib/call-log-fixture.js';
import { generateCatalogue } from './lib/catalogue.js';
import { fixedRateLatency, type Latency } from './lib/fixed-rate.js';
import { api, median, rssMb, startVoice, webhook } from './lib/voice-process.js';

export interface CallLogBenchResult {
  calls: number;
  startupMs: number;
  newestPageMedianMs: number;
  newestPageMaxMs: number;
  statsFirstMs: number;
  statsMedianMs: number;
  rssMb: number;
  gather200: Latency;
}

const ROUNDS = 7;

export async function runCallLogBench(options: { calls?: number; products?: number; seconds?: number } = {}): Promise<CallLogBenchResult> {
  const calls = options.calls ?? 200_000;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-calls-'));
  try {
    const store = await openStore({ dataDir, logger: createLogger({ level: 'silent' }) });
    await store.inventory.replaceAll([...sampleData('inventory'), ...generateCatalogue(options.products ?? 50_000)]);
    await store.close();
    await writeCallHistory(dataDir, calls, 180);

    const voice = await startVoice(dataDir);
    try {
      const pageTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const callSid = `CAbenchnew${round}`;
        await webhook(voice.url, '/voice', { CallSid: callSid, From: '+15559990000', CallStatus: 'ringing' });
        await webhook(voice.url, '/voice/gather', { CallSid: callSid, SpeechResult: 'What time do you close?' });
        await webhook(voice.url, '/voice/status', { CallSid: callSid, CallStatus: 'completed', CallDuration: '35' });
        const { ms, json } = await api(voice.url, 'GET', '/api/calls?page=1&pageSize=50');
        const newest = (json as { items: { callSid: string }[]; total: number }).items[0];
        if (newest?.callSid !== callSid) throw new Error(`the newest page does not start with the call just made (${callSid}), but ${newest?.callSid}`);
        pageTimes.push(ms);
      }
      const statsTimes: number[] = [];
      for (let round = 0; round < ROUNDS; round++) statsTimes.push((await api(voice.url, 'GET', '/api/calls/stats?days=30')).ms);
      const rss = await rssMb(voice.pid);
      const question = (prefix: string) => (n: number) =>
        new URLSearchParams({ CallSid: `CA${prefix}${n}`, From: '+15551230000', SpeechResult: 'How much is the peanut butter?' }).toString();
      await fixedRateLatency({ port: voice.port, path: '/voice/gather', body: question('warm'), ratePerSecond: 100, seconds: 2 });
      const gather200 = await fixedRateLatency({ port: voice.port, path: '/voice/gather', body: question('log'), ratePerSecond: 200, seconds: options.seconds ?? 5 });
      return {
        calls,
        startupMs: voice.startupMs,
        newestPageMedianMs: median(pageTimes),
        newestPageMaxMs: Math.max(...pageTimes),
        statsFirstMs: statsTimes[0],
        statsMedianMs: median(statsTimes.slice(1)),
        rssMb: Math.max(rss, await rssMb(voice.pid)),
        gather200,
      };
    } finally {
      await voice.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  console.log(JSON.stringify(await runCallLogBench({ calls: arg('calls'), seconds: arg('seconds') }), null, 2));
}
