import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CASE_CLASSES, type StoreFixture } from '../test/fixtures/understanding/corpus.js';
import { describeFailure, percent, runStore, type StoreResult } from '../test/fixtures/understanding/run-corpus.js';
import { STORES, storeNamed } from '../test/fixtures/understanding/stores.js';

/**
 * How well the line understands each store's callers:
 *   node --import tsx scripts/understanding-report.ts [store|fixture.ts …] [--failures] [--lint]
 * One table per store (accuracy per class and overall, wrong products); --failures adds every
 * failing turn (what was said, what was expected, what the line did and said); --lint adds the
 * corpus's advice to its author. A path to a fixture file (default export) works as a store name.
 */

const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
const showLint = args.includes('--lint');
const names = args.filter((a) => !a.startsWith('--'));

async function fixturesFor(list: string[]): Promise<StoreFixture[]> {
  if (list.length === 0) return [...STORES];
  const fixtures: StoreFixture[] = [];
  for (const name of list) {
    const known = storeNamed(name);
    if (known) {
      fixtures.push(known);
      continue;
    }
    if (!/[\\/]|\.ts$/.test(name)) throw new Error(`no store named "${name}"; known: ${STORES.map((s) => s.name).join(', ')}, or give a path to a fixture file`);
    const module = (await import(pathToFileURL(path.resolve(name)).href)) as { default?: StoreFixture };
    if (!module.default?.calls) throw new Error(`${name} has no default export that is a store fixture`);
    fixtures.push(module.default);
  }
  return fixtures;
}

function table(result: StoreResult): string {
  const rows = CASE_CLASSES.map((c) => ({ c, t: result.byClass.get(c)! })).filter((r) => r.t.turns > 0);
  const lines = [
    `${result.store}: ${result.products} products, ${result.singleTurnCalls} single-turn calls, ${result.multiTurnCalls} multi-turn calls, median ${result.medianMs.toFixed(3)} ms per turn`,
    `  ${'class'.padEnd(15)} ${'turns'.padStart(6)} ${'right'.padStart(6)} ${'accuracy'.padStart(9)}`,
    ...rows.map(({ c, t }) => `  ${c.padEnd(15)} ${String(t.turns).padStart(6)} ${String(t.right).padStart(6)} ${`${percent(t).toFixed(1)} %`.padStart(9)}`),
    `  ${'overall'.padEnd(15)} ${String(result.overall.turns).padStart(6)} ${String(result.overall.right).padStart(6)} ${`${percent(result.overall).toFixed(1)} %`.padStart(9)}`,
    `  wrong products: ${result.wrongProducts.length}`,
  ];
  const problems = result.problems.filter((p) => p.kind !== 'lint');
  if (problems.length > 0) lines.push(`  CORPUS PROBLEMS (${problems.length}):`, ...problems.map((p) => `    ${p.kind}: ${p.message}`));
  return lines.join('\n');
}

let fixtures: StoreFixture[];
try {
  fixtures = await fixturesFor(names);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const results: StoreResult[] = [];
for (const fixture of fixtures) {
  const result = runStore(fixture);
  results.push(result);
  console.log(table(result));
  if (showLint) {
    const lint = result.problems.filter((p) => p.kind === 'lint');
    console.log(`  lint (${lint.length}):`);
    for (const p of lint) console.log(`    ${p.message}`);
  }
  if (showFailures && result.failures.length > 0) {
    console.log(`  failures (${result.failures.length}):`);
    for (const f of result.failures) console.log(describeFailure(result, f));
  }
  console.log('');
}
if (results.length > 1) {
  const turns = results.reduce((n, r) => n + r.overall.turns, 0);
  const right = results.reduce((n, r) => n + r.overall.right, 0);
  const wrong = results.reduce((n, r) => n + r.wrongProducts.length, 0);
  console.log(`all stores: ${right}/${turns} turns right (${percent({ turns, right }).toFixed(1)} %), ${wrong} wrong products`);
}
