/**
 * Understanding one caller utterance against 50,000 generated products and the sample
 * store, in this process (no HTTP): the median and p99 over a mix of what callers say, each
 * heard many times; and how long building the product index takes (once at startup; an edit
 * updates it in place).
 * Run alone: node --import tsx scripts/bench-understanding.ts [--products 50000]
 */
import { pathToFileURL } from 'node:url';
import { sampleData } from '../src/store/index.js';
import { productIndexFor } from '../src/voice/understanding/product-index.js';
import { understand } from '../src/voice/understanding/understand.js';
import { generateCatalogue } from './lib/catalogue.js';

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
  'Do you have Golden Valley honey cereal, 12 oz?',
  'blah blah',
  'How much are the Summit tortilla chips and when do you close?',
  'Do you carry Harbor?',
];

export interface UnderstandingBenchResult {
  products: number;
  medianMs: number;
  p99Ms: number;
  indexBuildMs: number;
}

export function runUnderstandingBench(options: { products?: number; rounds?: number } = {}): UnderstandingBenchResult {
  const inventory = Object.freeze([...sampleData('inventory'), ...generateCatalogue(options.products ?? 50_000)]);
  const catalogue = { departments: sampleData('departments'), inventory, operatorExtension: '0' };
  const started = performance.now();
  productIndexFor(inventory);
  const indexBuildMs = performance.now() - started;
  const times: number[] = [];
  for (let round = 0; round < (options.rounds ?? 300); round++) {
    for (const speech of UTTERANCES) {
      const start = performance.now();
      understand({ speech }, catalogue);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { products: inventory.length, medianMs: times[Math.floor(times.length / 2)], p99Ms: times[Math.floor(times.length * 0.99)], indexBuildMs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--products');
  console.log(runUnderstandingBench({ products: i > 0 ? Number(process.argv[i + 1]) : undefined }));
}
