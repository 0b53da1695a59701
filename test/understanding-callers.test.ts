import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sampleData } from '../src/store/sample-data.js';
import type { Department, Product } from '../src/store/schemas.js';
import { answerCaller } from '../src/voice/calls/answer-caller.js';
import type { CallContext, Decision } from '../src/voice/calls/decision.js';
import { speakProductName } from '../src/voice/calls/speak-product.js';

/**
 * What callers must get, class by class, from a small shop none of the other tests use: a
 * bike and outdoor store, so nothing here leans on one catalogue's words.
 */
let n = 0;
const p = (name: string, extra: Partial<Product> = {}): Product => ({ id: `b${++n}`, name, sku: `BK-${n}`, price: 10 + n, stock: 5, location: `Aisle ${1 + (n % 9)}`, keywords: [], active: true, ...extra });

const products: Product[] = [
  p("Schwinn Men's Cruiser Bike, 26 in."),
  p("Schwinn Women's Cruiser Bike, 26 in."),
  p('Schwinn Kids Bike, 20 in.'),
  p('Kryptonite Evolution U-Lock'),
  p('Kryptonite KryptoFlex Cable Lock, 4 ft.'),
  p('Bell Sidetrack Youth Helmet, Small'),
  p('Bell Sidetrack Youth Helmet, Medium'),
  p('Slime Tube Sealant, 8 oz'),
  p('Slime Tube Sealant, 16 oz'),
  p('Presta Inner Tube 700x25'),
  p('Schrader Inner Tube 26 x 1.95'),
  p('CamelBak Podium Water Bottle, 24 oz', { keywords: ['water bottle'] }),
  p('Coleman Sundome 4-Person Tent'),
  p('Coleman Propane Fuel, 16 oz', { keywords: ['camping gas'] }),
  p('WD-40 Bike Chain Lube, 4 oz'),
  p('Park Tool #2 Tire Levers, 3 pk'),
  p('Clif Bar Chocolate Chip Energy Bar'),
  p('Clif Bar Crunchy Peanut Butter Energy Bar'),
  p('Trail Mix, 1/2 lb'),
  p('Headlamp 300 Lumen', { active: false }),
];
const departments: Department[] = [
  { id: 'repair', name: 'Bike Repair', extension: '21', keywords: ['tune up', 'flat tire repair', 'fix my bike', 'brake adjustment'], description: 'Tune-ups and repairs.', active: true },
  { id: 'rental', name: 'Rentals', extension: '22', keywords: ['rent a bike', 'kayak rental', 'rental'], description: 'Bikes and kayaks by the day.', active: true },
];

const ctx: CallContext = {
  storeInfo: { ...sampleData('storeInfo'), name: 'Spoke and Trail' },
  departments,
  inventory: products,
  coupons: [],
  templates: sampleData('voiceTemplates'),
  settings: sampleData('settings'),
  now: new Date('2026-03-11T20:00:00Z'),
};

function call(...said: string[]): Decision[] {
  let asked: Decision['asked'];
  return said.map((speech) => {
    const decision = answerCaller({ speech, failures: 0, asked }, ctx);
    asked = decision.asked;
    return decision;
  });
}
const one = (speech: string) => call(speech)[0];
const spoken = (d: Decision) => [...d.say, ...(d.next.kind === 'gather' ? d.next.prompt : [])].join(' ');
const nameOf = (d: Decision) => d.product?.name;
const asked = (d: Decision) => d.asked && { kind: d.asked.kind, names: d.asked.candidates.map((c) => c.name), total: d.asked.total };

describe('callers of a shop no other test knows', () => {
  test('When a product is named by its brand or line alone, then one is answered and several are a question with a count', () => {
    assert.equal(nameOf(one('Do you have the Sidetrack helmet in small?')), 'Bell Sidetrack Youth Helmet, Small');
    assert.equal(nameOf(one('Do you have KryptoFlex?')), 'Kryptonite KryptoFlex Cable Lock, 4 ft.');
    const schwinn = one('Do you carry Schwinn?');
    assert.deepEqual(asked(schwinn)?.kind, 'choose');
    assert.equal(asked(schwinn)?.names.length, 3);
    assert.match(spoken(schwinn), /Which one would you like\?/);
  });

  test('When sizes are said in words or figures, then they must match; a size not carried names the sizes there are', () => {
    assert.equal(nameOf(one('How much is the sixteen ounce Slime?')), 'Slime Tube Sealant, 16 oz');
    assert.equal(nameOf(one('Do you have a half pound of trail mix?')), 'Trail Mix, 1/2 lb');
    const big = one('Do you have a 32 ounce Slime?');
    assert.deepEqual(asked(big), { kind: 'size', names: ['Slime Tube Sealant, 8 oz', 'Slime Tube Sealant, 16 oz'], total: 2 });
    assert.match(spoken(big), /do not have that in 32 ounce\. We have it in 8 ounce and 16 ounce/);
    assert.equal(nameOf(one('Do you have a 700 by 25 tube?')), 'Presta Inner Tube 700x25');
    assert.equal(nameOf(one("I need a 26 inch women's cruiser.")), "Schwinn Women's Cruiser Bike, 26 in.");
  });

  test('When speech recognition splits, joins or spells words, then the product is still found', () => {
    assert.equal(nameOf(one('Do you have W D 40 chain lube?')), 'WD-40 Bike Chain Lube, 4 oz');
    assert.equal(nameOf(one('Camel back water bottle')), 'CamelBak Podium Water Bottle, 24 oz');
    assert.equal(nameOf(one('Do you have the Coleman sun dome tent?')), 'Coleman Sundome 4-Person Tent');
    assert.equal(nameOf(one('Kryptonight U lock')), 'Kryptonite Evolution U-Lock');
  });

  test('When extra words come with the product, then they are ignored or rank, never fail the match', () => {
    assert.equal(nameOf(one("I'm going camping this weekend, do you have Coleman propane for my stove?")), 'Coleman Propane Fuel, 16 oz');
    assert.equal(nameOf(one('A Clif bar, the peanut butter one.')), 'Clif Bar Crunchy Peanut Butter Energy Bar');
  });

  test('When two or three products are close, then one question names what tells them apart, and the next turn picks one', () => {
    const [question, answer] = call('Do you have Clif bars?', 'The chocolate chip one.');
    assert.equal(asked(question)?.kind, 'choose');
    assert.match(spoken(question), /We have the Chocolate Chip and the Crunchy Peanut Butter/);
    assert.equal(nameOf(answer), 'Clif Bar Chocolate Chip Energy Bar');
    assert.equal(nameOf(call('How much is the Slime sealant?', 'The big one.')[1]), 'Slime Tube Sealant, 16 oz');
    assert.equal(nameOf(call('How much is the Slime sealant?', 'The first one.')[1]), 'Slime Tube Sealant, 8 oz');
    assert.equal(nameOf(call('How much is the Slime sealant?', '16.')[1]), 'Slime Tube Sealant, 16 oz');
    const [, sorry] = call('Do you have the Bell helmet?', 'Can I talk to someone about a tune up?');
    assert.equal(sorry.department?.name, 'Bike Repair', 'a new request, not an answer');
  });

  test('When a caller asks two things in one turn, then both are answered in order', () => {
    const both = one('How much is the Coleman tent and what time do you close?');
    assert.deepEqual(both.parts?.map((part) => part.intent), ['product', 'hours']);
    assert.equal(both.parts?.[0].product?.name, 'Coleman Sundome 4-Person Tent');
    assert.match(spoken(both), /Coleman Sundome 4-Person Tent is \$\d+.*we are open/);
    const list = one('Do you have tire levers and a U lock?');
    assert.deepEqual(list.parts?.map((part) => part.product?.name), ['Park Tool #2 Tire Levers, 3 pk', 'Kryptonite Evolution U-Lock']);
  });

  test('When a department keyword phrase or plain wording about its work is said, then the caller reaches it', () => {
    assert.equal(one('Can you fix my bike?').department?.name, 'Bike Repair');
    assert.equal(one('I have a flat tire, can you repair it?').department?.name, 'Bike Repair');
    assert.equal(one('I want to rent a bike for Saturday.').department?.name, 'Rentals');
  });

  test('When a product name is read aloud, then units and symbols are words, and a not-found answer echoes the caller', () => {
    assert.equal(speakProductName('Park Tool #2 Tire Levers, 3 pk'), 'Park Tool number 2 Tire Levers, 3 pack');
    assert.equal(speakProductName('Trail Mix, 1/2 lb'), 'Trail Mix, half pound');
    assert.equal(speakProductName('Kryptonite KryptoFlex Cable Lock, 4 ft.'), 'Kryptonite KryptoFlex Cable Lock, 4 foot');
    assert.equal(speakProductName('Presta Inner Tube 700x25'), 'Presta Inner Tube 700 by 25');
    assert.equal(speakProductName('Pipe, 1-1/2 in. x 10 ft.'), 'Pipe, 1 and a half inch by 10 foot');
    assert.equal(speakProductName('Plywood, 5/8 in.'), 'Plywood, 5 eighths inch');
    assert.match(spoken(one('Do you have 5/8 inch chain?')), /could not find 5\/8 inch chain/);
  });

  test('When the caller says nonsense, a cough, "uh huh", "hello?", a name or a place, then no product is named and nobody is transferred', () => {
    for (const speech of ['Blah blah blah.', 'Cough cough.', 'Uh huh.', 'Hello?', 'Hmm.', 'My name is Kevin Schwartz.', 'I live in Bellingham.', 'Is this Portland?', 'Coleman.', 'Mm-hmm.', 'Bell.']) {
      const d = one(speech);
      assert.equal(d.product?.id, undefined, speech);
      assert.equal(d.next.kind === 'dial' && d.next.target.kind === 'department', false, speech);
    }
  });

  test('When a product is inactive, then it is not offered', () => {
    const d = one('Do you have a headlamp?');
    assert.equal(d.product, undefined);
    assert.equal(d.unmet, true);
  });

  test('When the line explains itself, then the decision carries the top candidates and their scores', () => {
    const d = one('Do you have Clif bars?');
    assert.ok(d.explain && d.explain.candidates.length >= 2);
    assert.ok(d.explain.candidates.every((c) => typeof c.score === 'number' && c.name.startsWith('Clif Bar')));
  });
});
