import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { speakProductName } from '../src/voice/calls/speak-product.js';
import { STORE_PHONE, type Twiml, type VoiceFixture, voiceFixture } from './fixtures/voice-call.js';

/**
 * What a caller says (or keys) on the sample store's line, and what they must hear and get.
 * Each row is one turn of a fresh call on Wednesday 11 March 2026 at 3 PM in Chicago.
 */
type Expect =
  | { transfer: string; extension: string }
  | { operator: true }
  | { product: string; price: string; location: string; stock: 'in' | 'out' }
  | { ask: string[] }
  | { notFound: string }
  | { hours: string[] }
  | { address: true }
  | { coupons: true }
  | { goodbye: true }
  | { reprompt: true }
  | { more: true };

interface Row {
  say?: string;
  digits?: string;
  expect: Expect;
}

const rows: Row[] = [
  // Departments by name, keyword and plain wording
  { say: 'pharmacy', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'Can I talk to the pharmacy, please?', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'I need a refill', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'I need to pick up my prescription.', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'Is my prescription ready?', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'perscription', expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: "I'd like to get a flu shot", expect: { transfer: 'Pharmacy', extension: '101' } },
  { say: 'Bakery.', expect: { transfer: 'Bakery', extension: '102' } },
  { say: 'I want to order a birthday cake', expect: { transfer: 'Bakery', extension: '102' } },
  { say: 'Do you have birthday cakes?', expect: { transfer: 'Bakery', extension: '102' } },
  { say: 'The deli, please.', expect: { transfer: 'Deli', extension: '103' } },
  { say: 'Can I order a party platter?', expect: { transfer: 'Deli', extension: '103' } },
  { say: 'Produce department', expect: { transfer: 'Produce', extension: '104' } },
  { say: 'Connect me to the butcher.', expect: { transfer: 'Meat and Seafood', extension: '105' } },
  { say: 'seafood', expect: { transfer: 'Meat and Seafood', extension: '105' } },
  { say: 'dairy', expect: { transfer: 'Dairy and Frozen', extension: '106' } },
  { say: 'I want to return something.', expect: { transfer: 'Customer Service', extension: '107' } },
  { say: 'I need a refund', expect: { transfer: 'Customer Service', extension: '107' } },
  { say: 'Can I speak to a manager?', expect: { transfer: 'Customer Service', extension: '107' } },
  { say: 'gift cards', expect: { transfer: 'Customer Service', extension: '107' } },
  { say: "I'd like to make a complaint", expect: { transfer: 'Customer Service', extension: '107' } },
  { say: 'customer service', expect: { transfer: 'Customer Service', extension: '107' } },
  { say: 'florist', expect: { transfer: 'Floral', extension: '108' } },
  // Keyed and spoken digits
  { digits: '101', expect: { transfer: 'Pharmacy', extension: '101' } },
  { digits: '108#', expect: { transfer: 'Floral', extension: '108' } },
  { digits: '0', expect: { operator: true } },
  { digits: '999', expect: { reprompt: true } },
  { say: 'extension one oh five', expect: { transfer: 'Meat and Seafood', extension: '105' } },
  { say: 'zero', expect: { operator: true } },
  // A person
  { say: 'operator', expect: { operator: true } },
  { say: 'Can I talk to a real person?', expect: { operator: true } },
  { say: 'Representative.', expect: { operator: true } },
  { say: 'I want to speak to a human', expect: { operator: true } },
  { say: 'agent please', expect: { operator: true } },
  { say: 'Can I talk to someone?', expect: { operator: true } },
  { say: 'Hello? Is anybody there?', expect: { operator: true } },
  { say: 'Can someone tell me if you have milk?', expect: { product: 'Whole Milk, 1 Gallon', price: '$3.79', location: 'Aisle 1', stock: 'in' } },
  // Products: price, stock and aisle
  { say: 'Do you have milk?', expect: { product: 'Whole Milk, 1 Gallon', price: '$3.79', location: 'Aisle 1', stock: 'in' } },
  { say: 'How much is the two percent milk?', expect: { product: '2% Reduced Fat Milk, 1 Gallon', price: '$3.69', location: 'Aisle 1', stock: 'in' } },
  { say: 'How much does 2% milk cost?', expect: { product: '2% Reduced Fat Milk, 1 Gallon', price: '$3.69', location: 'Aisle 1', stock: 'in' } },
  { say: 'skim milk', expect: { product: 'Skim Milk, Half Gallon', price: '$2.49', location: 'Aisle 1', stock: 'in' } },
  { say: 'Um, do you have double A batteries?', expect: { product: 'AA Batteries, 8 Pack', price: '$8.99', location: 'Aisle 11', stock: 'in' } },
  { say: 'triple a batteries', expect: { product: 'AAA Batteries, 8 Pack', price: '$8.99', location: 'Aisle 11', stock: 'out' } },
  { say: 'Are the AAA batteries in stock?', expect: { product: 'AAA Batteries, 8 Pack', price: '$8.99', location: 'Aisle 11', stock: 'out' } },
  { say: 'Where can I find the peanut butter?', expect: { product: 'Creamy Peanut Butter, 16 oz', price: '$3.49', location: 'Aisle 6', stock: 'in' } },
  { say: 'tylenol', expect: { product: 'Acetaminophen 500 mg, 100 Caplets', price: '$6.99', location: 'Aisle 12', stock: 'in' } },
  { say: 'Do you have Advil?', expect: { product: 'Ibuprofen 200 mg, 100 Tablets', price: '$7.49', location: 'Aisle 12', stock: 'in' } },
  { say: 'ibuprofin', expect: { product: 'Ibuprofen 200 mg, 100 Tablets', price: '$7.49', location: 'Aisle 12', stock: 'in' } },
  { say: 'do you have bandades', expect: { product: 'Adhesive Bandages, 60 Count', price: '$4.99', location: 'Aisle 12', stock: 'in' } },
  { say: 'band aids', expect: { product: 'Adhesive Bandages, 60 Count', price: '$4.99', location: 'Aisle 12', stock: 'in' } },
  { say: 'strawbery jam', expect: { product: 'Strawberry Jam, 18 oz', price: '$3.79', location: 'Aisle 6', stock: 'in' } },
  { say: 'Do you have blueberries?', expect: { product: 'Blueberries, 1 Pint', price: '$4.49', location: 'Produce section', stock: 'out' } },
  { say: 'strawberries', expect: { product: 'Strawberries, 1 lb', price: '$3.99', location: 'Produce section', stock: 'in' } },
  { say: 'How much are the bananas?', expect: { product: 'Bananas, per lb', price: '59 cents', location: 'Produce section', stock: 'in' } },
  { say: 'Is there any shrimp?', expect: { product: 'Raw Jumbo Shrimp, 1 lb', price: '$12.99', location: 'Seafood counter', stock: 'out' } },
  { say: 'What aisle is the rice in?', expect: { product: 'Long Grain White Rice, 5 lb', price: '$4.99', location: 'Aisle 5', stock: 'in' } },
  { say: 'Do you sell coffee?', expect: { product: 'Medium Roast Ground Coffee, 12 oz', price: '$8.99', location: 'Aisle 7', stock: 'in' } },
  { say: "I'm looking for paper towels", expect: { product: 'Paper Towels, 6 Rolls', price: '$9.99', location: 'Aisle 10', stock: 'in' } },
  { say: 'toilet paper', expect: { product: 'Toilet Paper, 12 Rolls', price: '$11.49', location: 'Aisle 10', stock: 'in' } },
  { say: 'How much is a rotisserie chicken?', expect: { product: 'Rotisserie Chicken', price: '$7.99', location: 'Deli counter', stock: 'in' } },
  { say: 'cheddar cheese', expect: { product: 'Sharp Cheddar Cheese, 8 oz', price: '$3.99', location: 'Aisle 1', stock: 'in' } },
  { say: 'chedder', expect: { product: 'Sharp Cheddar Cheese, 8 oz', price: '$3.99', location: 'Aisle 1', stock: 'in' } },
  { say: 'serial', expect: { product: 'Honey Oat Cereal, 14 oz', price: '$4.29', location: 'Aisle 6', stock: 'in' } },
  { say: 'greek yogurt', expect: { product: 'Plain Greek Yogurt, 32 oz', price: '$5.99', location: 'Aisle 1', stock: 'in' } },
  { say: 'ice cream', expect: { product: 'Vanilla Ice Cream, 1.5 Quart', price: '$5.29', location: 'Aisle 2', stock: 'in' } },
  { say: 'frozen pizza', expect: { product: 'Frozen Pepperoni Pizza', price: '$6.99', location: 'Aisle 2', stock: 'in' } },
  { say: 'orange juice', expect: { product: 'Orange Juice, 52 oz', price: '$4.99', location: 'Aisle 1', stock: 'in' } },
  { say: 'catsup', expect: { product: 'Tomato Ketchup, 20 oz', price: '$2.99', location: 'Aisle 8', stock: 'in' } },
  { say: 'cough syrup', expect: { product: 'Cough Syrup, 8 oz', price: '$8.49', location: 'Aisle 12', stock: 'out' } },
  { say: 'dish soap', expect: { product: 'Dish Soap, 24 oz', price: '$2.99', location: 'Aisle 10', stock: 'in' } },
  { say: 'a dozen eggs', expect: { product: 'Large Brown Eggs, Dozen', price: '$4.29', location: 'Aisle 1', stock: 'in' } },
  { say: 'Do you have roses?', expect: { product: 'Dozen Red Roses', price: '$19.99', location: 'Floral', stock: 'in' } },
  { say: 'I was wondering if you have olive oil', expect: { product: 'Extra Virgin Olive Oil, 16.9 oz', price: '$8.49', location: 'Aisle 8', stock: 'in' } },
  { say: 'How much for a loaf of bread?', expect: { product: 'White Sandwich Bread', price: '$2.99', location: 'Aisle 4', stock: 'in' } },
  { say: 'Can you tell me where the croissants are?', expect: { product: 'Butter Croissants, 4 Pack', price: '$4.99', location: 'Bakery', stock: 'out' } },
  // A keyword said exactly names its product; two close products are a question naming both
  { say: 'chicken', expect: { product: 'Boneless Chicken Breast, per lb', price: '$4.99', location: 'Meat counter', stock: 'in' } },
  { say: 'Do you have cream?', expect: { ask: ['We have the Heavy Whipping Cream and the Vanilla Ice Cream. Which one would you like?'] } },
  { say: 'How much is the rotisserie chicken and when do you close?', expect: { ask: ['Rotisserie Chicken is $7.99', 'Today, Wednesday, we are open from 8 AM to 9 PM.'] } },
  // Near misses and things the store does not carry: never a wrong product
  { say: 'Do you have almond milk?', expect: { notFound: 'almond milk' } },
  { say: 'oat milk', expect: { notFound: 'oat milk' } },
  { say: 'Do you sell goat cheese?', expect: { notFound: 'goat cheese' } },
  { say: 'chicken nuggets', expect: { notFound: 'chicken nuggets' } },
  { say: 'Is the eggnog in stock?', expect: { notFound: 'eggnog' } },
  { say: 'chocolate milk', expect: { notFound: 'chocolate milk' } },
  { say: 'Do you have fish sticks?', expect: { notFound: 'fish sticks' } },
  // A strength the store does not carry is a question naming the one it has.
  { say: 'Do you have 1% milk?', expect: { ask: ['Sorry, we do not have that in 1 percent. We have 2% Reduced Fat Milk, 1 Gallon.'] } },
  { say: 'Do you carry diapers?', expect: { notFound: 'diapers' } },
  { say: 'apple juice', expect: { notFound: 'apple juice' } },
  // Hours, address, deals
  { say: 'What are your hours?', expect: { hours: ['Monday to Thursday, 8 AM to 9 PM; Friday and Saturday, 8 AM to 10 PM; Sunday, 9 AM to 6 PM'] } },
  { say: 'Are you open on Sunday?', expect: { hours: ['On Sunday we are open from 9 AM to 6 PM.'] } },
  { say: 'What time do you close?', expect: { hours: ['Today, Wednesday, we are open from 8 AM to 9 PM.'] } },
  { say: 'Are you open right now?', expect: { hours: ['Yes, we are open now, until 9 PM today.'] } },
  { say: 'Are you open on the weekend?', expect: { hours: ['On Saturday we are open from 8 AM to 10 PM.', 'On Sunday we are open from 9 AM to 6 PM.'] } },
  { say: 'What time do you open tomorrow?', expect: { hours: ['Tomorrow, Thursday, we are open from 8 AM to 9 PM.'] } },
  { say: 'Where are you located?', expect: { address: true } },
  { say: "What's your address?", expect: { address: true } },
  { say: 'How do I get to the store?', expect: { address: true } },
  { say: 'Do you have any coupons?', expect: { coupons: true } },
  { say: 'Any deals today?', expect: { coupons: true } },
  { say: "What's on sale this week?", expect: { coupons: true } },
  // Ending the call, and not understanding
  { say: 'No thanks', expect: { goodbye: true } },
  { say: "No, that's all.", expect: { goodbye: true } },
  { say: 'Bye!', expect: { goodbye: true } },
  { say: "That's it, thank you.", expect: { goodbye: true } },
  { say: '', expect: { reprompt: true } },
  { say: 'blah blah blah', expect: { reprompt: true } },
  { say: 'What is the meaning of life?', expect: { reprompt: true } },
  { say: 'um', expect: { reprompt: true } },
  { say: 'Yes', expect: { more: true } },
];

const ANYTHING_ELSE = 'Is there anything else I can help you with?';
const FALLBACK = 'Sorry, I did not catch that.';

function assertTurn(row: Row, twiml: Twiml): void {
  const e = row.expect;
  const where = `${JSON.stringify(row.say ?? row.digits)} → ${twiml.xml}`;
  if ('transfer' in e) {
    assert.ok(twiml.text.includes(`transfer you to ${e.transfer}`), where);
    assert.equal(twiml.dial?.number, STORE_PHONE, where);
    assert.equal(twiml.dial?.sendDigits, `ww${e.extension}`, where);
    assert.equal(twiml.dial?.action, '/voice/dial-status', where);
    assert.equal(twiml.dial?.timeout, '20', where);
    assert.equal(twiml.gather, undefined, where);
  } else if ('operator' in e) {
    assert.ok(twiml.text.includes('connect you with a team member'), where);
    assert.equal(twiml.dial?.number, STORE_PHONE, where);
    assert.equal(twiml.dial?.sendDigits, 'ww0', where);
  } else if ('product' in e) {
    const location = e.location.startsWith('Aisle') ? e.location : `the ${e.location}`;
    // Names are read aloud with their units as words ("16 oz" → "16 ounce").
    assert.ok(twiml.text.includes(`${speakProductName(e.product)} is ${e.price}`), where);
    assert.ok(twiml.text.includes(location), where);
    if (e.stock === 'in') assert.ok(twiml.text.includes('in stock') && !twiml.text.includes('out of stock'), where);
    else assert.ok(twiml.text.includes('out of stock right now'), where);
    assert.deepEqual(twiml.gather?.says, [ANYTHING_ELSE], where);
    assert.equal(twiml.dial, undefined, where);
  } else if ('ask' in e) {
    // One turn, everything said, and the caller can answer (a question, or two answers).
    for (const part of e.ask) assert.ok(twiml.text.includes(part), where);
    assert.ok(twiml.gather, where);
    assert.equal(twiml.dial, undefined, where);
  } else if ('notFound' in e) {
    assert.ok(twiml.text.includes(`Sorry, I could not find ${e.notFound} in our store.`), where);
    assert.ok(twiml.text.includes('say operator'), where);
    assert.ok(!twiml.text.includes('$'), `no price for something we do not sell: ${where}`);
    assert.deepEqual(twiml.gather?.says, [ANYTHING_ELSE], where);
  } else if ('hours' in e) {
    for (const part of e.hours) assert.ok(twiml.text.includes(part), where);
    assert.ok(twiml.gather, where);
  } else if ('address' in e) {
    assert.ok(twiml.text.includes('We are at 123 Maple Street, Springfield, IL 62701.'), where);
    assert.ok(twiml.gather, where);
  } else if ('coupons' in e) {
    assert.ok(twiml.text.includes('10 percent off your order of 50 dollars or more'), where);
    assert.ok(twiml.text.includes('1 dollar off any gallon of milk'), where);
    assert.ok(twiml.text.includes('2 dollars off any custom cake from the bakery'), where);
    assert.ok(!twiml.text.includes('picnic'), `expired SUMMER25 must not be offered: ${where}`);
    assert.ok(!twiml.text.includes('bouquet'), `inactive FLOWERS5 must not be offered: ${where}`);
  } else if ('goodbye' in e) {
    assert.ok(twiml.text.includes('Thank you for calling Maple Street Market. Goodbye!'), where);
    assert.equal(twiml.hangup, true, where);
    assert.equal(twiml.gather, undefined, where);
  } else if ('reprompt' in e) {
    assert.ok(twiml.gather?.says.some((s) => s.startsWith(FALLBACK)), where);
    assert.equal(twiml.dial, undefined, where);
    assert.equal(twiml.hangup, false, where);
  } else if ('more' in e) {
    assert.deepEqual(twiml.gather?.says, ['Sure. What can I help you with?'], where);
  }
}

describe('caller utterances against the sample store', () => {
  let voice: VoiceFixture;
  before(async () => {
    voice = await voiceFixture();
  });
  after(async () => {
    await voice.cleanup();
  });

  test(`the table holds at least 80 utterances (${rows.length})`, () => {
    assert.ok(rows.length >= 80);
  });

  rows.forEach((row, i) => {
    const heard = row.digits !== undefined ? `keys ${row.digits}` : `says ${JSON.stringify(row.say)}`;
    test(`When a caller ${heard}, then they get ${Object.keys(row.expect)[0]} ${JSON.stringify(Object.values(row.expect)[0])}`, async () => {
      const sid = `CAtable${i}`;
      const twiml = row.digits !== undefined ? await voice.press(sid, row.digits) : await voice.say(sid, row.say ?? '');
      assertTurn(row, twiml);
      // Every <Say> carries the store's voice and language.
      for (const attributes of twiml.sayAttributes) assert.deepEqual(attributes, { voice: 'Polly.Joanna', language: 'en-US' });
    });
  });
});
