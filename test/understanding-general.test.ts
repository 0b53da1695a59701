import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sampleData } from '../src/store/sample-data.js';
import type { Department, Product } from '../src/store/schemas.js';
import { answerCaller } from '../src/voice/calls/answer-caller.js';
import type { CallContext, Decision } from '../src/voice/calls/decision.js';

/**
 * Kinds of thing a store the corpus never saw showed up: a camera and music shop, so the
 * mechanisms are tested on other words than the ones they were first fixed for.
 */
let n = 0;
const p = (name: string, extra: Partial<Product> = {}): Product => ({ id: `c${++n}`, name, sku: `CM-${n}`, price: 10 + n, stock: 5, location: `Aisle ${1 + (n % 9)}`, keywords: [], active: true, ...extra });

const products: Product[] = [
  p('Lexar Professional 64GB SD Card'),
  p('Lexar Professional 256GB SD Card'),
  p('WD My Passport Portable Hard Drive, 2TB'),
  p('Canon LP-E6NH Camera Battery'),
  p('Nikon EN-EL15c Camera Battery'),
  p('Fender 250L Electric Guitar Strings, 10 Pack'),
  p("Ernie Ball Regular Slinky Guitar Strings"),
  p('Dunlop Tortex Guitar Picks, 12 ct'),
  p('Strings Cleaner, Fast Fret'),
  p('Roland Cube Guitar Amp'),
];
const departments: Department[] = [
  { id: 'photo', name: 'Photo Lab', extension: '31', keywords: ['prints', 'photo printing'], description: 'We print photos from phones and cameras, and scan old slides and negatives.', active: true },
  { id: 'repairs', name: 'Instrument Repairs', extension: '32', keywords: ['setup', 'restring'], description: 'Guitar setups, restringing and amp repairs.', active: true },
];

const ctx: CallContext = {
  storeInfo: { ...sampleData('storeInfo'), name: 'Shutter and String' },
  departments,
  inventory: products,
  coupons: [],
  templates: sampleData('voiceTemplates'),
  settings: sampleData('settings'),
  now: new Date('2026-03-11T20:00:00Z'),
};

const answer = (speech: string): Decision => answerCaller({ speech, failures: 0 }, ctx);

describe('understanding, in a store the corpus never saw', () => {
  test('When a caller says a data size as words ("256 gig", "2 terabyte"), then it is the size the catalogue writes as GB or TB', () => {
    assert.equal(answer('Do you have a 256 gig SD card?').product?.name, 'Lexar Professional 256GB SD Card');
    assert.equal(answer('How much is the 2 terabyte portable drive?').product?.name, 'WD My Passport Portable Hard Drive, 2TB');
    const missing = answer('Do you have a 128 gigabyte SD card?');
    assert.equal(missing.asked?.kind, 'size', 'a size not carried is the sizes there are, never the 64 or the 256 as if asked');
  });

  test('When the words after a pause pin the product down (brand, model), then they beat a product whose name merely leads with the kind word', () => {
    assert.equal(answer('I need a battery for my camera, the Nikon EN-EL15c.').product?.name, 'Nikon EN-EL15c Camera Battery');
    assert.equal(answer('Do you have strings for my guitar, the Ernie Ball Slinky?').product?.name, 'Ernie Ball Regular Slinky Guitar Strings');
  });

  test('When a caller describes what a department does in their own words and order, then the call goes there', () => {
    assert.equal(answer('Can you scan some old negatives for me?').department?.name, 'Photo Lab');
    assert.equal(answer('I need someone to restring my guitar and do a setup.').department?.name, 'Instrument Repairs');
    // Only one of the caller's words is a department's: no transfer on that alone.
    assert.notEqual(answer('Do you sell old vinyl records?').next.kind, 'dial');
  });

  test('When many products fit, then the question names what they have in common, not the whole sentence said', () => {
    const many = ['Manfrotto Compact Action Tripod', 'Joby GorillaPod 3K Tripod', 'Vanguard Alta Pro Tripod', 'Benro Travel Tripod', 'Amazon Basics 60-Inch Tripod'].map((name) => p(name));
    const decision = answerCaller({ speech: 'Do you have tripods for my camera please', failures: 0 }, { ...ctx, inventory: [...products, ...many] });
    assert.equal(decision.asked?.kind, 'detail');
    assert.match(decision.next.kind === 'gather' ? decision.next.prompt.join(' ') : '', /We have 5 kinds of tripods\./);
  });
});
