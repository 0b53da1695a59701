import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import request from 'supertest';
import { generateCatalogue } from '../scripts/lib/catalogue.js';
import { sampleData } from '../src/store/index.js';
import type { Department, Product } from '../src/store/schemas.js';
import { buildHints, MAX_HINT_LENGTH, MAX_HINTS, MAX_HINTS_CHARACTERS, speechHints } from '../src/voice/webhooks/speech-hints.js';
import { readTwiml, SUNDAY_7AM, type VoiceFixture, voiceFixture, WEDNESDAY_1130PM } from './fixtures/voice-call.js';
import { update } from './fixtures/store-access.js';

const GREETING_PROMPT = "You can ask me about a product, our hours, our address or today's deals, or say a department such as Pharmacy or Bakery.";

describe('the incoming call', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  test('When the store is open, then the caller hears its greeting and the menu inside a speech-and-keys <Gather>', async () => {
    voice = await voiceFixture();
    const twiml = await voice.incoming('CAopen');
    // One <Say>: the greeting and the menu, read one after the other.
    assert.deepEqual(twiml.gather?.says, [`Thank you for calling Maple Street Market. ${GREETING_PROMPT}`]);
    const attributes = twiml.gather!.attributes;
    assert.equal(attributes.input, 'speech dtmf');
    assert.equal(attributes.action, '/voice/gather');
    assert.equal(attributes.method, 'POST');
    assert.equal(attributes.language, 'en-US');
    // Twilio refuses speechTimeout="auto" with a speech model: the default is the enhanced phone-call model and 2 seconds.
    assert.equal(attributes.speechModel, 'phone_call');
    assert.equal(attributes.enhanced, 'true');
    assert.equal(attributes.speechTimeout, '2');
    assert.equal(attributes.actionOnEmptyResult, 'true');
    const hints = attributes.hints.toLowerCase().split(', ');
    for (const hint of ['pharmacy', 'customer service', 'prescription', 'whole milk', 'aa batteries', 'tylenol']) {
      assert.ok(hints.includes(hint), `hints include ${hint}`);
    }
    assert.ok(!attributes.hints.includes('Holiday Eggnog'), 'no hints for inactive products');
    assert.equal(twiml.hangup, false);
  });

  test('When the store is closed, then the caller hears the after-hours template with the hours, and can still ask', async () => {
    voice = await voiceFixture({ clock: () => WEDNESDAY_1130PM });
    const twiml = await voice.incoming('CAclosed');
    const [first] = twiml.gather!.says;
    assert.ok(first.includes('We are closed right now.'), first);
    assert.ok(first.includes('Monday to Thursday, 8 AM to 9 PM; Friday and Saturday, 8 AM to 10 PM; Sunday, 9 AM to 6 PM'), first);
    assert.ok(!twiml.text.includes('Thank you for calling Maple Street Market. You'), 'not the open greeting');
    assert.ok(first.endsWith(GREETING_PROMPT), first);
  });

  test('When it is Sunday before opening, then the store counts as closed in its own timezone, and "are you open now" says when it opens', async () => {
    voice = await voiceFixture({ clock: () => SUNDAY_7AM });
    const twiml = await voice.incoming('CAsunday');
    assert.ok(twiml.gather!.says[0].includes('We are closed right now.'));
    const now = await voice.say('CAsunday', 'are you open now?');
    assert.ok(now.text.includes('We are closed right now. We open today at 9 AM.'), now.xml);
  });

  test('When the store is closed late at night, then "are you open now" names the next opening', async () => {
    voice = await voiceFixture({ clock: () => WEDNESDAY_1130PM });
    const now = await voice.say('CAlate', 'are you still open');
    assert.ok(now.text.includes('We open again tomorrow at 8 AM.'), now.xml);
  });

  test('When a day is closed, then the week reads "closed" for it and a question about that day says so', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'storeInfo', (info) => ({ ...info, hours: { ...info.hours, sun: null } }));
    const week = await voice.say('CAclosedday', 'what are your hours');
    assert.ok(week.text.includes('Friday and Saturday, 8 AM to 10 PM; Sunday, closed.'), week.xml);
    const sunday = await voice.say('CAclosedday', 'are you open on sundays');
    assert.ok(sunday.text.includes('On Sunday we are closed.'), sunday.xml);
  });

  test('When announceCoupons is on, then the greeting names today\'s deals, never expired or inactive ones', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'settings', (s) => ({ ...s, announceCoupons: true }));
    const twiml = await voice.incoming('CAdeals');
    assert.ok(twiml.text.includes("Here are today's deals: 10 percent off your order of 50 dollars or more"), twiml.xml);
    assert.ok(!twiml.text.includes('picnic'));
    assert.ok(!twiml.text.includes('bouquet'));
  });

  test('When no coupon is valid today, then the caller hears there are no deals, and the greeting does not mention deals', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'coupons', (list) => list.map((c) => ({ ...c, validUntil: '2026-03-10', validFrom: '2026-01-01' })));
    await update(voice.store, 'settings', (s) => ({ ...s, announceCoupons: true }));
    const greeting = await voice.incoming('CAnodeals');
    assert.ok(!greeting.text.includes('deals:'));
    const deals = await voice.say('CAnodeals', 'any coupons?');
    assert.ok(deals.text.includes('We have no deals today.'), deals.xml);
  });

  test('When the greeting message uses a placeholder, then it is filled in', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'storeInfo', (info) => ({ ...info, greetingMessage: 'Hello from {{storeName}} & friends <3' }));
    const twiml = await voice.incoming('CAplaceholder');
    assert.equal(twiml.gather!.says[0], `Hello from Maple Street Market & friends <3. ${GREETING_PROMPT}`, 'a full stop before the menu');
    assert.ok(twiml.xml.includes('&amp; friends &lt;3'), 'data is XML-escaped');
  });

  test('When Twilio calls /voice with GET, then the greeting is the same', async () => {
    voice = await voiceFixture();
    const res = await request(voice.app).get('/voice').query({ CallSid: 'CAget', From: '+15551234567' });
    assert.equal(res.status, 200);
    assert.ok(readTwiml(res.text).gather?.says[0].endsWith(GREETING_PROMPT));
  });

  test('When PUBLIC_BASE_URL is set, then the Gather and Dial actions are absolute URLs on it', async () => {
    voice = await voiceFixture({ deps: { publicBaseUrl: 'https://store.example.com' } });
    const greeting = await voice.incoming('CAabs');
    assert.equal(greeting.gather?.attributes.action, 'https://store.example.com/voice/gather');
    const transfer = await voice.say('CAabs', 'pharmacy');
    assert.equal(transfer.dial?.action, 'https://store.example.com/voice/dial-status');
  });

  test('When a request has no CallSid, then it is refused with a 400 naming the field, and nothing is logged', async () => {
    voice = await voiceFixture();
    const res = await request(voice.app).post('/voice/gather').type('form').send({ SpeechResult: 'milk' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_twilio_request');
    assert.equal(res.body.error.details[0].path, 'CallSid');
    assert.deepEqual(await voice.calls(), []);
  });
});

describe('speech hints', () => {
  test('When the catalogue is small, then every department, keyword and product name is a hint, once', () => {
    const hints = buildHints(sampleData('departments'), sampleData('inventory'));
    assert.ok(hints.includes('Meat and Seafood'));
    assert.ok(hints.includes('Rotisserie Chicken'));
    assert.ok(hints.includes('Sharp Cheddar Cheese'), 'names without their size');
    assert.ok(hints.includes('whole milk') && !hints.includes('Whole Milk'), 'case-insensitive duplicates are dropped');
    assert.equal(new Set(hints.map((h) => h.toLowerCase())).size, hints.length);
  });

  test('When the catalogue is huge or has long names, then hints stay within Twilio\'s limits: ≤ 500 phrases, each ≤ 100 characters, no commas', () => {
    const long: Product = { id: 'long', name: `${'Very '.repeat(30)}Long Name`, price: 1, stock: 1, location: '', keywords: ['a, b'], active: true };
    const many = Array.from({ length: 700 }, (_, i): Product => ({ id: `k${i}`, name: `P${i.toString(36)}`, price: 1, stock: 1, location: '', keywords: [], active: true }));
    const hints = buildHints(sampleData('departments'), [long, ...many]);
    assert.ok(hints.length <= MAX_HINTS);
    assert.ok(hints.every((h) => h.length <= MAX_HINT_LENGTH && !h.includes(',')));
    assert.ok(!hints.some((h) => h.startsWith('Very')));
    assert.ok(hints.includes('a b'));
    assert.equal(hints.length, MAX_HINTS, 'short phrases fill the 500');
    const big = buildHints(sampleData('departments'), [...sampleData('inventory'), ...generateCatalogue(5000)]);
    assert.ok(big.join(', ').length <= MAX_HINTS_CHARACTERS);
    assert.equal(big[0], 'Pharmacy', 'departments come first');
  });

  test('When the same store values are used again, then the hints are not rebuilt; a new inventory rebuilds them', () => {
    const departments: Department[] = sampleData('departments');
    const inventory = sampleData('inventory');
    const first = speechHints(departments, inventory);
    assert.equal(speechHints(departments, inventory), first);
    const changed = [...inventory, { id: 'new', name: 'Kombucha', price: 3, stock: 1, location: '', keywords: [], active: true }];
    assert.ok(speechHints(departments, changed).includes('Kombucha'));
  });

  test('When only prices and stock change, then the hints stay; a rename, a new keyword or a product set inactive changes them', () => {
    const departments: Department[] = sampleData('departments');
    let inventory: Product[] = sampleData('inventory');
    const edit = (i: number, change: Partial<Product>) => (inventory = inventory.map((p, j) => (j === i ? { ...p, ...change } : p)));
    const before = speechHints(departments, inventory);
    edit(3, { price: inventory[3].price + 1, stock: 0 });
    assert.equal(speechHints(departments, inventory), before, 'a new price keeps the hints');
    edit(3, { name: 'Zucchini Bread, 1 loaf' });
    assert.ok(speechHints(departments, inventory).includes('Zucchini Bread'), 'a rename is heard');
    edit(4, { keywords: [...inventory[4].keywords, 'quark'] });
    assert.ok(speechHints(departments, inventory).includes('quark'), 'a new keyword is heard');
    edit(3, { active: false });
    assert.ok(!speechHints(departments, inventory).includes('Zucchini Bread'), 'an inactive product is not hinted');
    const hidden = speechHints(departments, inventory);
    inventory = inventory.filter((_, j) => j !== 4);
    assert.ok(!speechHints(departments, inventory).includes('quark'), 'a removed product is not hinted');
    assert.notEqual(speechHints(departments, inventory), hidden);
  });

  test('When a catalogue has more products than the hints can name, then only its first products are looked at and the list is still full', () => {
    const products = generateCatalogue(20_000);
    const hints = buildHints([], products);
    assert.ok(hints.join(', ').length > MAX_HINTS_CHARACTERS - 100, 'the list is filled');
    assert.deepEqual(buildHints([], [...products, { id: 'late', name: 'Zzyzx Late Product', price: 1, stock: 1, location: '', keywords: ['zzyzx'], active: true }]), hints);
  });
});
