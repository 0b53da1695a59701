// npm run bench: every performance figure the project tracks, with a 50,000-product
// catalogue, printed as one table. Loopback only; each part cleans up after itself.
//   npm run bench -- --seconds 5     (per throughput measurement; default 5; the gather/bare
//                                     comparison takes 5 alternating rounds of each)
import { benchApi } from './bench-api.js';
import { benchStore } from './bench-store.js';
import { runVoiceBench } from './bench-voice.js';

const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 5;
const PRODUCTS = 50_000;

type Row = [measure: string, value: string, target: string];
const rows: Row[] = [];
const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;
const share = (value: number) => `${Math.round(value * 100)} %`;

console.error(`Benchmarking with ${PRODUCTS.toLocaleString('en-US')} generated products, ${seconds} s per throughput run (about ${Math.ceil((seconds * 13 + 45) / 60)} minutes)...`);

const voice = await runVoiceBench({ seconds, products: PRODUCTS });
rows.push(
  ['understanding one utterance, median', ms(voice.understandMedianMs), '< 1 ms'],
  ['understanding one utterance, p99', ms(voice.understandP99Ms), ''],
  ['bare Express route, fixed TwiML (same run, median of rounds)', rate(voice.bareRps), ''],
  ['POST /voice (incoming call)', rate(voice.incomingRps), ''],
  ['  as a share of the bare route', share(voice.incomingRps / voice.bareRps), ''],
  ['POST /voice/gather (product question, median of rounds)', rate(voice.gatherRps), ''],
  ['  as a share of the bare route (median of the rounds)', share(voice.gatherShare), '≥ 50 %'],
  ['  each round, gather / bare back to back', voice.gatherShareRuns.map(share).join(', '), ''],
  ...(voice.floorRps === undefined
    ? []
    : ([['floor: request log, form, params, call context; fixed TwiML', share(voice.floorRps / voice.bareRps), '']] as Row[])),
  ['gather latency at a fixed 200 req/s, p50', ms(voice.gatherAt200.p50Ms), ''],
  ['gather latency at a fixed 200 req/s, p99', ms(voice.gatherAt200.p99Ms), ''],
  ['voice service memory (RSS) after load and index', `${voice.rssAfterLoadMb.toFixed(0)} MB`, '< 250 MB'],
  ['voice service memory (RSS) after the throughput runs', `${voice.rssMb.toFixed(0)} MB`, ''],
  ['product index build (once per inventory change)', ms(voice.indexBuildMs), ''],
);

for (const r of await benchStore(PRODUCTS)) {
  rows.push([`store update, ${r.label}`, ms(r.updateMs), ''], [`store fresh read, ${r.label}`, ms(r.freshReadMs), '']);
}

const api = await benchApi({ products: PRODUCTS, seconds, query: 'milk' });
rows.push([`GET /api/inventory?q=milk (${api.matches} matches)`, rate(api.requestsPerSecond), '']);

const width = Math.max(...rows.map((row) => row[0].length));
const targetWidth = Math.max(6, ...rows.map((row) => row[2].length));
console.log(`\n| ${'measure'.padEnd(width)} | ${'result'.padStart(12)} | ${'target'.padEnd(targetWidth)} |`);
console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(12)} | ${'-'.repeat(targetWidth)} |`);
for (const [measure, value, target] of rows) console.log(`| ${measure.padEnd(width)} | ${value.padStart(12)} | ${target.padEnd(targetWidth)} |`);
console.log(`\n${voice.products.toLocaleString('en-US')} products in the voice benchmark; voice service run from ${voice.voiceRunsFrom}; 10 connections, loopback, ${seconds} s per run; bare and gather in ${voice.gatherShareRuns.length} alternating rounds.`);
