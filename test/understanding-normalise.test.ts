import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hoursRequest, isGoodbye, isMore, productQuery, spokenDigits } from '../src/voice/understanding/intents.js';
import { normaliseText, normaliseTokens, stripFiller } from '../src/voice/understanding/normalise.js';
import { readSizes } from '../src/voice/understanding/sizes.js';

describe('normalising what Twilio heard', () => {
  const cases: [string, string][] = [
    ['Do you have 2% milk?', 'do you have 2percent milk'],
    ['two percent milk', '2percent milk'],
    ['2 per cent milk', '2percent milk'],
    ['Double A batteries', 'aa batteries'],
    ['triple A batteries, please', 'aaa batteries please'],
    ['A A A batteries', 'aaa batteries'],
    ["What's the price of Ben & Jerry's?", 'whats the price of ben and jerrys'],
    ['twenty five pounds', '25 pounds'],
    ['eight pack of COLA!!!', '8 pack of cola'],
    ['Ground beef 80/20, 1.5 lb.', 'ground beef 80/20 1.5 lb'],
    ['Do you have 5/8" plywood?', 'do you have 0.625 inch plywood'],
    ['five eighths inch', '0.625 inch'],
    ['1-1/2 in. PVC', '1.5 in pvc'],
    ['one and a half inch', '1.5 inch'],
    ['half inch', '0.5 inch'],
    ["a 10' ladder", 'a 10 foot ladder'],
    ['2x4s', '2 x 4'],
    ['the big one', 'the big one'],
    ['extension one oh five', 'extension 1 oh 5'],
    ['half and half', 'half and half'],
    ['Coke Zero', 'coke zero'],
    ['12-2 Romex', '12/2 romex'],
    ['Ryobi ONE+', 'ryobi one plus'],
    ['two hundred fifty', '250'],
    ['1,000 mg', '1000 mg'],
    ['Crème brûlée', 'creme brulee'],
    ['twenty constructor, ninety nine valueOf', '20 constructor 99 valueof'],
    ['', ''],
  ];
  for (const [raw, expected] of cases) {
    test(`When Twilio hears ${JSON.stringify(raw)}, then it reads as ${JSON.stringify(expected)}`, () => {
      assert.equal(normaliseText(raw), expected);
    });
  }

  test('When a caller hesitates or is polite, then the filler is dropped and the request kept', () => {
    assert.equal(stripFiller(normaliseText('Um, uh, can you tell me, do you have milk please?')), 'do you have milk');
    assert.equal(stripFiller(normaliseText("Hi, I was wondering if you have eggs")), 'if you have eggs');
    assert.equal(stripFiller(normaliseText('Yes, I need the pharmacy')), 'i need the pharmacy');
    assert.equal(stripFiller('yes'), 'yes', 'a bare yes is kept for "anything else?"');
  });

  test('When words are normalised, then each keeps where it came from in what the caller said', () => {
    const raw = 'Do you have 5/8 inch plywood?';
    const tokens = normaliseTokens(raw);
    assert.deepEqual(tokens.map((t) => raw.slice(t.start, t.end)), ['Do', 'you', 'have', '5/8', 'inch', 'plywood']);
    const spoken = 'Uh, twenty five pounds';
    assert.deepEqual(normaliseTokens(spoken).map((t) => spoken.slice(t.start, t.end)), ['Uh', 'twenty five', 'pounds']);
  });

  test('When a size is said or written, then it is one value in its unit: units, fractions, ranges, dimensions', () => {
    const size = (text: string, catalogue = false) => readSizes(normaliseTokens(text), catalogue).sizes.map((s) => `${s.value}${s.max ? `-${s.max}` : ''} ${s.unit.kind}`);
    assert.deepEqual(size('5/8 inch plywood'), ['0.625 length']);
    assert.deepEqual(size('ten foot ladder'), ['120 length'], 'feet in inches');
    assert.deepEqual(size('12 oz'), ['12 ounce']);
    assert.deepEqual(size('a 5 pound bag'), ['80 mass'], 'pounds in ounces');
    assert.deepEqual(size('a gallon of milk'), ['128 volume']);
    assert.deepEqual(size('24 pack'), ['24 count']);
    assert.deepEqual(size('a dozen eggs'), ['12 count']);
    assert.deepEqual(size('Frontline for Dogs, 45-88 lb', true), ['720-1408 mass']);
    assert.deepEqual(size('Bananas, per lb', true), ['16 mass']);
    assert.deepEqual(size('2 in stock'), [], 'a caller\'s "in" is not an inch');
    assert.deepEqual(size('2 in. PVC', true), ['2 length'], 'a catalogue\'s is');
    const dims = (text: string) => readSizes(normaliseTokens(text), true).dimensions.map((d) => d.values.join('x'));
    assert.deepEqual(dims('2 by 6'), ['2x6']);
    assert.deepEqual(dims('Air Filter 16x25x1'), ['16x25x1']);
    assert.deepEqual(dims('#8 x 1-1/4 in. Wood Screws'), ['8x1.25']);
  });
});

describe('recognising intents', () => {
  test('When the whole answer is a way of ending, then it is goodbye; when it carries a request, it is not', () => {
    for (const text of ['no', 'no thanks', 'no thank you', 'thats all', 'nope thats it', 'bye', 'goodbye', 'im good thanks', 'nothing else', 'no im all set', 'thank you very much bye', 'that is all', 'that is it']) {
      assert.ok(isGoodbye(text), text);
    }
    for (const text of ['no i need the pharmacy', 'thanks do you have milk', 'okay', 'yes']) assert.ok(!isGoodbye(text), text);
  });

  test('When a caller just says yes, then they have another question', () => {
    assert.ok(isMore('yes'));
    assert.ok(isMore('yeah i have another question'));
    assert.ok(!isMore('yes do you have milk'));
  });

  test('When a caller asks about hours, then the days asked about are picked out', () => {
    assert.deepEqual(hoursRequest('are you open on sunday'), { days: ['sun'], now: false });
    assert.deepEqual(hoursRequest('what are your hours'), { days: [], now: false });
    assert.deepEqual(hoursRequest('what time do you close'), { days: ['today'], now: false });
    assert.deepEqual(hoursRequest('are you open now'), { days: [], now: true });
    assert.deepEqual(hoursRequest('are you open this weekend'), { days: ['sat', 'sun'], now: false });
    assert.deepEqual(hoursRequest('what are your hours tomorrow'), { days: ['tomorrow'], now: false });
    assert.equal(hoursRequest('do you have milk'), undefined);
    assert.equal(hoursRequest('where is the closest parking'), undefined, '"closest" is not "close"');
  });

  test('When a caller asks about a product, then the product words are separated from the question', () => {
    const cases: [string, string, string][] = [
      ['do you have almond milk', 'almond milk', 'question'],
      ['how much is the peanut butter', 'peanut butter', 'question'],
      ['how much does a gallon of milk cost', 'a gallon of milk', 'question'],
      ['where can i find the bread', 'bread', 'question'],
      ['is the eggnog in stock', 'eggnog', 'question'],
      ['are there any strawberries available', 'strawberries', 'question'],
      ['what aisle is the rice in', 'rice', 'question'],
      ['do you sell batteries', 'batteries', 'question'],
      ['how about oat milk', 'oat milk', 'question'],
      ['im looking for paper towels', 'paper towels', 'want'],
      ['i need a refill', 'refill', 'want'],
      ['bananas', 'bananas', 'bare'],
    ];
    for (const [text, query, kind] of cases) {
      const found = productQuery(text);
      assert.deepEqual({ text: found.text, kind: found.kind }, { text: query, kind }, text);
      assert.equal(text.split(' ').slice(found.from, found.to).join(' '), query, `${text}: where the words are`);
    }
  });

  test('When a caller says an extension aloud, then it is read as digits; other numbers are not', () => {
    assert.equal(spokenDigits('extension 1 oh 1'), '101');
    assert.equal(spokenDigits('0'), '0');
    assert.equal(spokenDigits('press 1 0 7'), '107');
    assert.equal(spokenDigits('8 pack'), undefined);
    assert.equal(spokenDigits('oh'), undefined);
  });
});
