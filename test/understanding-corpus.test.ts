import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CATALOGUE_SIZE, describeFailure, percent, runStore, type StoreResult } from './fixtures/understanding/run-corpus.js';
import { STORES } from './fixtures/understanding/stores.js';

/**
 * Callers of four kinds of store, each with its own catalogue padded to 20,000 products, put
 * through the real decision function turn by turn. Each store must answer at least 98 % of turns
 * the way a good clerk would, and never name a wrong product. A failure lists every failing turn
 * (`node --import tsx scripts/understanding-report.ts <store> --failures` prints the same).
 */

const MIN_ACCURACY = 98;

test('When the corpus is counted, then it holds at least 500 single-turn utterances over four stores and 10 multi-turn calls in each', () => {
  assert.ok(STORES.length >= 4, `${STORES.length} stores`);
  const single = STORES.reduce((n, s) => n + s.calls.filter((c) => c.turns.length === 1).length, 0);
  assert.ok(single >= 500, `${single} single-turn utterances`);
  for (const store of STORES) {
    const multi = store.calls.filter((c) => c.turns.length > 1).length;
    assert.ok(multi >= 10, `${store.name}: ${multi} multi-turn calls`);
  }
});

for (const fixture of STORES) {
  describe(`callers of the ${fixture.name} store`, () => {
    let result: StoreResult;
    before(() => {
      result = runStore(fixture);
    });

    test(`When the ${fixture.name} catalogue is padded to ${CATALOGUE_SIZE} products, then no padded product changes the right answer to any utterance`, () => {
      assert.equal(result.products, CATALOGUE_SIZE);
      const problems = result.problems.filter((p) => p.kind !== 'lint');
      assert.deepEqual(problems.map((p) => `${p.kind}: ${p.message}`), []);
    });

    test(`When ${fixture.name} callers ask, then at least ${MIN_ACCURACY} % of turns get what a good clerk would answer`, () => {
      const byClass = [...result.byClass].filter(([, t]) => t.turns > 0).map(([c, t]) => `${c} ${percent(t).toFixed(1)} %`);
      const summary = `${percent(result.overall).toFixed(1)} % (${result.overall.right}/${result.overall.turns}); ${byClass.join(', ')}`;
      assert.ok(
        percent(result.overall) >= MIN_ACCURACY,
        `${fixture.name}: ${summary}\n${result.failures.length} failing turns:\n${result.failures.map((f) => describeFailure(result, f)).join('\n')}`,
      );
    });

    test(`When ${fixture.name} callers ask, then no caller is told about a wrong product`, () => {
      assert.equal(
        result.wrongProducts.length,
        0,
        `${result.wrongProducts.length} wrong products:\n${result.wrongProducts.map((f) => describeFailure(result, f)).join('\n')}`,
      );
    });
  });
}
