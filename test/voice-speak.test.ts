import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sampleData } from '../src/store/index.js';
import type { Coupon, Hours } from '../src/store/schemas.js';
import { CallStates } from '../src/voice/calls/call-state.js';
import { speakList, speakLocation, speakMoney, speakStock, speakTime, speakWeekHours } from '../src/voice/calls/speak.js';
import { templateText } from '../src/voice/calls/templates.js';
import { spoken } from '../src/voice/webhooks/twiml.js';
import { localTime } from '../src/shared/local-time.js';
import { DEFAULT_TEMPLATE_TEXTS, renderTemplate } from '../src/rules/templates.js';
import { couponsValidOn } from '../src/rules/coupons-today.js';

describe('saying data aloud', () => {
  test('When a price is spoken, then it is money: dollars and cents, no trailing zeros for whole dollars', () => {
    assert.equal(speakMoney(6.49), '$6.49');
    assert.equal(speakMoney(0.59), '59 cents');
    assert.equal(speakMoney(5), '$5');
    assert.equal(speakMoney(3.7), '$3.70');
    assert.equal(speakMoney(1299.99), '$1,299.99');
    assert.equal(speakMoney(0.1 + 0.2), '30 cents');
    assert.equal(speakMoney(0), '$0');
  });

  test('When stock and location are spoken, then they read as a sentence part', () => {
    assert.equal(speakStock(3), 'in stock');
    assert.equal(speakStock(0), 'out of stock right now');
    assert.equal(speakLocation('Aisle 3'), 'Aisle 3');
    assert.equal(speakLocation('Produce section'), 'the Produce section');
    assert.equal(speakLocation('the Bakery'), 'the Bakery');
    assert.equal(speakLocation(''), 'the store');
  });

  test('When times are spoken, then they use AM/PM, noon and midnight', () => {
    assert.equal(speakTime('08:00'), '8 AM');
    assert.equal(speakTime('21:30'), '9:30 PM');
    assert.equal(speakTime('12:00'), 'noon');
    assert.equal(speakTime('00:00'), 'midnight');
    assert.equal(speakTime('24:00'), 'midnight');
    assert.equal(speakTime('12:15'), '12:15 PM');
    assert.equal(speakTime('00:05'), '12:05 AM');
  });

  test('When the week is spoken, then runs of equal days are grouped and closed days say so', () => {
    assert.equal(
      speakWeekHours(sampleData('storeInfo').hours),
      'Monday to Thursday, 8 AM to 9 PM; Friday and Saturday, 8 AM to 10 PM; Sunday, 9 AM to 6 PM',
    );
    const same = { open: '07:00', close: '23:00' };
    const everyDay: Hours = { mon: same, tue: same, wed: same, thu: same, fri: same, sat: same, sun: same };
    assert.equal(speakWeekHours(everyDay), 'every day, 7 AM to 11 PM');
    const allDay = Object.fromEntries(Object.keys(everyDay).map((d) => [d, { open: '00:00', close: '24:00' }])) as typeof everyDay;
    assert.equal(speakWeekHours(allDay), 'every day, open 24 hours');
    assert.equal(speakWeekHours({ ...everyDay, mon: null, sun: null }), 'Monday, closed; Tuesday to Saturday, 7 AM to 11 PM; Sunday, closed');
    assert.equal(speakWeekHours({ ...everyDay, wed: { open: '09:00', close: '12:00' } }), 'Monday and Tuesday, 7 AM to 11 PM; Wednesday, 9 AM to noon; Thursday to Sunday, 7 AM to 11 PM');
  });

  test('When a list is spoken, then it reads "a, b and c"', () => {
    assert.equal(speakList(['a']), 'a');
    assert.equal(speakList(['a', 'b']), 'a and b');
    assert.equal(speakList(['a', 'b', 'c']), 'a, b and c');
  });
});

describe('filling templates', () => {
  test('When a template has placeholders, then each is filled, spaces inside the braces allowed, and a missing value leaves no gap or braces', () => {
    const values = { storeName: 'Maple', product: 'Milk', price: '$3.79' };
    assert.equal(renderTemplate('{{product}} is {{ price }} at {{storeName}}.', values), 'Milk is $3.79 at Maple.');
    assert.equal(renderTemplate('Hi {{location}} there {{storeName}}', values), 'Hi there Maple');
    assert.equal(renderTemplate('  {{location}} Plain text.  ', values), 'Plain text.');
    assert.equal(renderTemplate('No placeholders at all.', values), 'No placeholders at all.');
    assert.equal(renderTemplate('{{product}}{{product}}', values), 'MilkMilk');
    assert.equal(renderTemplate('{{}} and {{nope}}!', values), 'and !');
    // The same text twice gives the same answer with other values (the split is kept per text).
    assert.equal(renderTemplate('{{product}} is {{ price }} at {{storeName}}.', { product: 'Eggs', price: '$2', storeName: 'Oak' }), 'Eggs is $2 at Oak.');
  });
});

describe('lines spoken back to back', () => {
  test('When several lines are said in a row, then they become one text, with a full stop where a line had no end mark', () => {
    assert.equal(spoken(['I found 2 matches.', 'Milk is $3.79', '  ', 'Bread is $2!']), 'I found 2 matches. Milk is $3.79. Bread is $2!');
    assert.equal(spoken(['Is there anything else?']), 'Is there anything else?');
    assert.equal(spoken(['no end mark on the last line']), 'no end mark on the last line');
    assert.equal(spoken(['', ' ']), '');
  });
});

describe('coupons valid today', () => {
  const coupon = (code: string, extra: Partial<Coupon>): Coupon => ({
    id: code,
    code,
    description: code,
    discountType: 'amount',
    discountValue: 1,
    active: true,
    ...extra,
  });
  const coupons = [
    coupon('OPEN', {}),
    coupon('STARTS-TODAY', { validFrom: '2026-03-11' }),
    coupon('ENDS-TODAY', { validUntil: '2026-03-11' }),
    coupon('TOMORROW', { validFrom: '2026-03-12' }),
    coupon('YESTERDAY', { validUntil: '2026-03-10' }),
    coupon('OFF', { active: false }),
  ];

  test('When today is inside a coupon\'s dates (both ends included) and it is active, then it is offered', () => {
    assert.deepEqual(
      couponsValidOn(coupons, '2026-03-11').map((c) => c.code),
      ['OPEN', 'STARTS-TODAY', 'ENDS-TODAY'],
    );
  });

  test('When it is already tomorrow in UTC but still today in the store\'s timezone, then today\'s coupons still count', () => {
    const lateEvening = new Date('2026-03-12T03:30:00Z'); // 10:30 PM on 11 March in Chicago
    const today = localTime(lateEvening, 'America/Chicago').date;
    assert.equal(today, '2026-03-11');
    assert.ok(couponsValidOn(coupons, today).some((c) => c.code === 'ENDS-TODAY'));
  });
});

describe('templates', () => {
  test('When several active templates share a key, then the newest (last) wins; inactive ones are skipped; missing keys use built-in text', () => {
    const templates = [
      { id: 't1', key: 'hours', text: 'old', active: true },
      { id: 't2', key: 'hours', text: 'new', active: true },
      { id: 't3', key: 'hours', text: 'paused', active: false },
    ];
    assert.equal(templateText(templates, 'hours'), 'new');
    assert.equal(templateText(templates, 'goodbye'), DEFAULT_TEMPLATE_TEXTS.goodbye);
    assert.equal(templateText([], 'anything_else'), 'Is there anything else I can help you with?');
  });
});

describe('per-call memory', () => {
  test('When a call is not heard from for an hour, then it is forgotten', () => {
    let now = Date.parse('2026-03-11T20:00:00Z');
    const states = new CallStates({ now: () => now, ttlMs: 60 * 60 * 1000 });
    states.open('CA1', {}, new Date(now)).failures = 2;
    now += 30 * 60 * 1000;
    assert.equal(states.get('CA1')?.failures, 2);
    now += 61 * 60 * 1000;
    assert.equal(states.get('CA1'), undefined);
    assert.equal(states.open('CA1', {}, new Date(now)).failures, 0, 'a forgotten call starts afresh');
  });

  test('When more calls than the limit are remembered, then the least recently heard are dropped first', () => {
    const states = new CallStates({ maxCalls: 3 });
    for (const sid of ['A', 'B', 'C']) states.open(sid, {}, new Date());
    states.open('A', {}, new Date()); // A heard again
    states.open('D', {}, new Date());
    assert.equal(states.size, 3);
    assert.equal(states.get('B'), undefined);
    assert.ok(states.get('A'));
  });
});
