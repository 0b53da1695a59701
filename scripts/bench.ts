// npm run bench: every performance figure the project tracks, with 50,000 generated products,
// printed as one table against its targets. Loopback only; each part cleans up after itself.
//   npm run bench -- --seconds 5 --flood 60   (seconds per latency run; length of the memory flood)
// About four minutes with the defaults. Figures vary from run to run on a shared machine.
import { runCallLogBench } from './bench-call-log.js';
import { benchStore } from './bench-store.js';
import { runUnderstandingBench } from './bench-understanding.js';
import { runVoiceBench } from './bench-voice.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 5);
const floodSeconds = arg('flood', 60);
const PRODUCTS = 50_000;

type Row = [measure: string, value: string, target: string];
const rows: Row[] = [];
const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const mb = (value: number) => `${value.toFixed(0)} MB`;
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;
const latency = (l: { p99Ms: number; maxMs: number }) => `${ms(l.p99Ms)} / ${ms(l.maxMs)}`;

console.error(`Benchmarking with ${PRODUCTS.toLocaleString('en-US')} generated products (about ${Math.ceil((floodSeconds + 9 * seconds + 110) / 60)} minutes)...`);

// The load generators run first, while this process is small: the in-process parts keep a
// 50,000-product index alive here, and its garbage collections would delay reading answers.
const voice = await runVoiceBench({ seconds, floodSeconds, products: PRODUCTS });
const calls = await runCallLogBench({ products: PRODUCTS, seconds });
const understanding = runUnderstandingBench({ products: PRODUCTS });
const store = await benchStore(PRODUCTS);

rows.push(
  ['understanding one utterance, median', ms(understanding.medianMs), '< 1 ms'],
  ['understanding one utterance, p99', ms(understanding.p99Ms), ''],
  ['product index build (at startup; an edit updates it in place)', ms(understanding.indexBuildMs), ''],
);
const edits = voice.staffEdits;
rows.push(
  ['voice service startup (reading the data, indexing the catalogue) / the first call after it', `${ms(voice.startupMs)} / ${ms(voice.firstCallMs)}`, ''],
  ['gather p99 / max at a steady 200 req/s', latency(voice.steady200), '≤ 25 ms p99'],
  ['gather p99 / max at 100 req/s while staff edit (1 PUT/s, a 1,000-row bulk)', latency(edits.gather), '≤ 50 / ≤ 250 ms'],
  [`one product PUT through the API during that, median / max of ${edits.puts}`, `${ms(edits.putMedianMs)} / ${ms(edits.putMaxMs)}`, '≤ 150 ms median'],
  ['the 1,000-row bulk update during that', ms(edits.bulkMs), ''],
  ['voice service RSS after that load', mb(edits.rssAfterMb), '≤ 250 MB'],
  [`memory under a ${voice.flood.seconds} s flood of one-question calls (${voice.flood.calls.toLocaleString('en-US')} calls): heap after full GCs, first third / last third`, `${mb(voice.flood.heapEarlyMb)} / ${mb(voice.flood.heapLateMb)}`, 'flat'],
  ['  RSS at its start / end', `${mb(voice.flood.rssStartMb)} / ${mb(voice.flood.rssEndMb)}`, ''],
  ['  garbage collections: young / full', `${voice.flood.scavenges} / ${voice.flood.fullCollections}`, ''],
  [`GET /api/inventory?q=milk (${voice.inventorySearch.matches} matches), 10 connections`, perSecond(voice.inventorySearch.requestsPerSecond), ''],
  ['gather, 10 connections (reported only)', perSecond(voice.bareShare.gatherRps), ''],
  ['  as a share of a bare Express route with fixed TwiML (reported only)', `${Math.round(voice.bareShare.share * 100)} %`, ''],
);

rows.push(
  [`${calls.calls.toLocaleString('en-US')} calls logged: voice service startup`, ms(calls.startupMs), ''],
  ['  newest page of /api/calls right after a new call, median / max', `${ms(calls.newestPageMedianMs)} / ${ms(calls.newestPageMaxMs)}`, '≤ 200 ms'],
  ['  /api/calls/stats?days=30, first / median after', `${ms(calls.statsFirstMs)} / ${ms(calls.statsMedianMs)}`, ''],
  ['  voice service RSS', mb(calls.rssMb), '≤ 400 MB'],
  ['  gather p99 / max at a steady 200 req/s', latency(calls.gather200), ''],
);

for (const r of store) {
  rows.push([`store update, ${r.label}`, ms(r.updateMs), ''], [`store read after another process wrote, ${r.label}`, ms(r.freshReadMs), '']);
}

const width = Math.max(...rows.map((row) => row[0].length));
const valueWidth = Math.max(...rows.map((row) => row[1].length));
const targetWidth = Math.max(6, ...rows.map((row) => row[2].length));
console.log(`\n| ${'measure'.padEnd(width)} | ${'result'.padStart(valueWidth)} | ${'target'.padEnd(targetWidth)} |`);
console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} | ${'-'.repeat(targetWidth)} |`);
for (const [measure, value, target] of rows) console.log(`| ${measure.padEnd(width)} | ${value.padStart(valueWidth)} | ${target.padEnd(targetWidth)} |`);
console.log(`\n${voice.products.toLocaleString('en-US')} products; voice service run from ${voice.from}; loopback; latencies open loop (requests sent on schedule), ${seconds} s per run.`);
