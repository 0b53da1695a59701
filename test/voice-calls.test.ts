import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { capturingLogger } from './fixtures/helpers.js';
import { STORE_PHONE, type VoiceFixture, voiceFixture } from './fixtures/voice-call.js';
import type { Store } from '../src/store/index.js';
import { logLines, read, update } from './fixtures/store-access.js';

const ANYTHING_ELSE = 'Is there anything else I can help you with?';

describe('a whole call', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  test('When a caller asks several questions and is then transferred, then each is answered and the call log holds every turn, the outcome, the unmet request and the duration', async () => {
    voice = await voiceFixture();
    const greeting = await voice.incoming('CAmany');
    assert.ok(greeting.gather?.says[0].startsWith('Thank you for calling Maple Street Market.'));

    const milk = await voice.say('CAmany', 'Do you have milk?');
    assert.ok(milk.text.includes('Whole Milk, 1 Gallon is $3.79'));
    assert.deepEqual(milk.gather?.says, [ANYTHING_ELSE]);
    const hours = await voice.say('CAmany', 'Are you open on Sunday?');
    assert.ok(hours.text.includes('On Sunday we are open from 9 AM to 6 PM.'));
    const almond = await voice.say('CAmany', 'How about almond milk?');
    assert.ok(almond.text.includes('could not find almond milk'), almond.xml);
    const transfer = await voice.say('CAmany', 'Can I talk to the pharmacy?');
    assert.equal(transfer.dial?.sendDigits, 'ww101');

    let [call] = await voice.calls();
    assert.equal(call.callSid, 'CAmany');
    assert.equal(call.from, '+15551234567');
    assert.equal(call.to, STORE_PHONE);
    assert.equal(call.startedAt, '2026-03-11T20:00:00.000Z');
    assert.equal(call.outcome, 'transferred');
    assert.deepEqual(call.transferredTo, { departmentId: 'dept-pharmacy', name: 'Pharmacy', extension: '101' });
    assert.deepEqual(
      call.turns.map((t) => t.intent),
      ['greeting', 'product', 'hours', 'product', 'department'],
    );
    assert.equal(call.turns[1].heard, 'Do you have milk?');
    assert.equal(call.turns[1].confidence, 0.91);
    assert.equal(call.turns[1].productId, 'prod-0001');
    assert.equal(call.turns[1].product, 'Whole Milk, 1 Gallon');
    assert.ok(call.turns[1].said.includes('$3.79'));
    assert.equal(call.turns[3].unmet, true);
    assert.equal(call.turns[3].query, 'almond milk');
    assert.equal(call.turns[4].department, 'Pharmacy');
    assert.deepEqual(call.unmetRequests, ['almond milk']);
    assert.equal(call.durationSeconds, undefined);

    await voice.dialStatus('CAmany', 'completed');
    await voice.status('CAmany', 'completed', 95);
    [call] = await voice.calls();
    assert.equal(call.status, 'completed');
    assert.equal(call.durationSeconds, 95);
    assert.equal(call.endedAt, '2026-03-11T20:00:00.000Z');
    assert.equal(call.outcome, 'transferred');
    assert.equal(call.turns.length, 5, 'no turn is logged twice');
  });

  test('When a caller says goodbye, then they hear the goodbye template, the call hangs up, and the log says goodbye', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAbye');
    await voice.say('CAbye', 'What time do you close?');
    const bye = await voice.say('CAbye', "No, that's all, thanks.");
    assert.equal(bye.hangup, true);
    assert.ok(bye.text.includes('Thank you for calling Maple Street Market. Goodbye!'));
    await voice.status('CAbye', 'completed', 31);
    const [call] = await voice.calls();
    assert.equal(call.outcome, 'goodbye');
    assert.equal(call.status, 'completed');
    assert.equal(call.durationSeconds, 31);
    assert.deepEqual(
      call.turns.map((t) => t.intent),
      ['greeting', 'hours', 'goodbye'],
    );
  });

  test('When a caller hangs up in the middle of the menu, then the status callback logs the turns so far as hung up', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAhang');
    await voice.say('CAhang', 'Do you have oat milk?');
    await voice.status('CAhang', 'completed', 12);
    const [call] = await voice.calls();
    assert.equal(call.outcome, 'hung_up');
    assert.equal(call.turns.length, 2);
    assert.deepEqual(call.unmetRequests, ['oat milk']);
    assert.equal(call.durationSeconds, 12);
  });

  test('When a call goes on and on, then its turns are written out in chunks and none is lost', async () => {
    voice = await voiceFixture();
    const questions = ['milk', 'eggs', 'butter', 'bread', 'rice', 'coffee', 'tea', 'sugar', 'flour', 'soda', 'water', 'chips', 'bacon', 'ham', 'salmon', 'shrimp', 'pasta', 'jam', 'cereal', 'oatmeal', 'beans', 'soup', 'ketchup', 'shampoo', 'toothpaste'];
    await voice.incoming('CAlong');
    for (const q of questions) await voice.say('CAlong', `do you have ${q}`);
    await voice.store.flush();
    const lines = (await logLines(voice.dir, 'calls')).filter((l) => l.callSid === 'CAlong');
    assert.equal(lines.length, 1, 'a chunk was written before the call ended');
    await voice.status('CAlong', 'completed', 300);
    const [call] = await voice.calls();
    assert.equal(call.turns.length, questions.length + 1);
    assert.equal(call.outcome, 'hung_up');
  });

  test('When the status callback is not final (ringing), then nothing is logged', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAring');
    await voice.status('CAring', 'in-progress');
    assert.deepEqual(await voice.calls(), []);
  });

  test('When nothing is understood maxAttempts times in a row, then the caller is transferred to the operator', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAlost');
    const first = await voice.say('CAlost', '');
    assert.ok(first.gather?.says[0].startsWith('Sorry, I did not catch that.'));
    const second = await voice.say('CAlost', 'blah blah blah');
    assert.ok(second.gather?.says[0].startsWith('Sorry, I did not catch that.'));
    const third = await voice.press('CAlost', '999');
    assert.equal(third.gather, undefined);
    assert.equal(third.dial?.sendDigits, 'ww0');
    assert.equal(third.dial?.number, STORE_PHONE);
    assert.ok(third.text.includes('trouble understanding'));
    const [call] = await voice.calls();
    assert.equal(call.outcome, 'operator');
    assert.equal(call.transferredTo?.name, 'Operator');
  });

  test('When a caller is understood between failures, then the count starts again (maxAttempts changed through the store)', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'settings', (s) => ({ ...s, maxAttempts: 2 }));
    await voice.incoming('CAreset');
    assert.ok((await voice.say('CAreset', '')).gather);
    assert.ok((await voice.say('CAreset', 'Where are you located?')).text.includes('123 Maple Street'));
    assert.ok((await voice.say('CAreset', '')).gather, 'one failure after a success is not two');
    const operator = await voice.say('CAreset', 'mumble mumble');
    assert.equal(operator.dial?.sendDigits, 'ww0');
  });

  test('When the department does not answer, then the caller hears so and is back at the menu, and can ask again', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAbusy');
    await voice.say('CAbusy', 'bakery');
    const noAnswer = await voice.dialStatus('CAbusy', 'no-answer');
    assert.equal(noAnswer.hangup, false);
    assert.equal(noAnswer.dial, undefined);
    assert.ok(noAnswer.text.includes('Sorry, Bakery is not available right now.'), noAnswer.xml);
    assert.ok(noAnswer.gather?.says[0].includes('say operator'), noAnswer.xml);
    assert.equal(noAnswer.gather?.attributes.action, '/voice/gather');

    const again = await voice.say('CAbusy', 'How much is the peanut butter?');
    assert.ok(again.text.includes('$3.49'));
    await voice.say('CAbusy', 'bakery');
    const busy = await voice.dialStatus('CAbusy', 'busy');
    assert.ok(busy.text.includes('the line for Bakery is busy'), busy.xml);
    const operator = await voice.say('CAbusy', 'operator');
    assert.equal(operator.dial?.sendDigits, 'ww0');
    const failed = await voice.dialStatus('CAbusy', 'failed');
    assert.ok(failed.text.includes('a team member is not available'), failed.xml);
    assert.ok(failed.gather);
    const canceled = await voice.dialStatus('CAbusy', 'canceled');
    assert.ok(canceled.gather);

    const [call] = await voice.calls();
    assert.ok(call.turns.some((t) => t.intent === 'transfer_failed' && t.department === 'Bakery'));
  });

  test('When the transfer went through, then the dial action hangs up', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAdone');
    await voice.say('CAdone', 'pharmacy');
    const done = await voice.dialStatus('CAdone', 'completed');
    assert.equal(done.hangup, true);
    assert.deepEqual(done.says, []);
  });

  test('When a department has its own phone number, then it is dialled directly without extension digits', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'departments', (list) => list.map((d) => (d.id === 'dept-floral' ? { ...d, phoneNumber: '+15555550199' } : d)));
    const twiml = await voice.say('CAdirect', 'I would like to order some flowers for a wedding, can I talk to the florist');
    assert.equal(twiml.dial?.number, '+15555550199');
    assert.equal(twiml.dial?.sendDigits, undefined);
  });

  test('When a department is inactive, then neither its name nor its extension reaches it', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'departments', (list) => list.map((d) => (d.id === 'dept-deli' ? { ...d, active: false } : d)));
    const byName = await voice.say('CAinactive', 'deli');
    assert.equal(byName.dial, undefined);
    const byDigits = await voice.press('CAinactive2', '103');
    assert.equal(byDigits.dial, undefined);
    assert.ok(byDigits.gather?.says[0].startsWith('Sorry, I did not catch that.'));
  });

  test('When the call state is lost (a restart mid-call), then the call goes on and the status callback still logs it', async () => {
    voice = await voiceFixture();
    await voice.incoming('CArestart');
    await voice.say('CArestart', 'bakery');
    voice.restart();
    const noAnswer = await voice.dialStatus('CArestart', 'no-answer');
    assert.ok(noAnswer.text.includes('not available right now'));
    assert.ok(noAnswer.gather);
    const milk = await voice.say('CArestart', 'skim milk');
    assert.ok(milk.text.includes('$2.49'));
    voice.restart();
    await voice.status('CArestart', 'completed', 60);
    const [call] = await voice.calls();
    assert.equal(call.status, 'completed');
    assert.equal(call.durationSeconds, 60);
    // The clock stands still in this test, so the start worked out from the duration is the earliest.
    assert.equal(call.startedAt, '2026-03-11T19:59:00.000Z');
    assert.equal(call.outcome, 'transfer_failed');
  });

  test('When a status callback arrives for a call this process never saw, then its start is worked out from the duration', async () => {
    voice = await voiceFixture();
    await voice.status('CAunknown', 'no-answer', 0);
    await voice.status('CAunknown2', 'completed', 120);
    const calls = await voice.calls();
    const known = calls.find((c) => c.callSid === 'CAunknown2');
    assert.equal(known?.startedAt, '2026-03-11T19:58:00.000Z');
    assert.equal(known?.status, 'completed');
    assert.equal(calls.find((c) => c.callSid === 'CAunknown')?.status, 'no-answer');
  });
});

describe('a question the line asks, within one call', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  test('When the line asks which one, then the next turn is read against the question; an answer clears it; silence keeps it', async () => {
    voice = await voiceFixture();
    await voice.incoming('CAask');
    const question = await voice.say('CAask', 'Do you have cream?');
    assert.ok(question.gather?.says[0].includes('We have the Heavy Whipping Cream and the Vanilla Ice Cream. Which one would you like?'), question.xml);
    const silence = await voice.say('CAask', '');
    assert.ok(silence.gather?.says[0].startsWith('Sorry, I did not catch that.'));
    const second = await voice.say('CAask', 'The second one.');
    assert.ok(second.text.includes('Vanilla Ice Cream, 1.5 Quart is $5.29'), second.xml);
    const again = await voice.say('CAask', 'The second one.');
    assert.ok(again.gather?.says[0].startsWith('Sorry, I did not catch that.'), 'the question was answered: "the second one" means nothing now');
    await voice.status('CAask', 'completed', 40);
    const [call] = await voice.calls();
    assert.ok(call.turns.some((t) => t.product === 'Vanilla Ice Cream, 1.5 Quart' && t.productId === 'prod-0011'));
  });

  test('When a new call starts, then it does not inherit another call\'s question', async () => {
    voice = await voiceFixture();
    await voice.say('CAfirst', 'Do you have cream?');
    const other = await voice.say('CAother', 'The second one.');
    assert.ok(other.gather?.says[0].startsWith('Sorry, I did not catch that.'), other.xml);
  });
});

describe('why the line answered as it did', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  test('When LOG_LEVEL is debug, then each product turn logs one line with the top candidates and their scores', async () => {
    const { logger, lines } = capturingLogger();
    voice = await voiceFixture({ logger });
    await voice.say('CAwhy', 'Do you have cream?');
    const line = lines.find((l) => l.msg === 'understanding');
    assert.ok(line, 'a debug line');
    assert.equal(line.level, 20);
    assert.equal(line.callSid, 'CAwhy');
    assert.equal(line.asked, 'choose');
    const candidates = line.candidates as { name: string; score: number }[];
    assert.deepEqual(candidates.slice(0, 2).map((c) => c.name).sort(), ['Heavy Whipping Cream, 1 Pint', 'Vanilla Ice Cream, 1.5 Quart']);
    assert.ok(candidates.every((c) => typeof c.score === 'number'));
    assert.match(String(line.why), /words/);
  });
});

describe('changes through the store are heard on the next webhook', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  test('When a price and a template change, then the very next answer uses both', async () => {
    voice = await voiceFixture();
    assert.ok((await voice.say('CAchange', 'skim milk')).text.includes('$2.49'));
    await update(voice.store, 'inventory', (list) => list.map((p) => (p.id === 'prod-0003' ? { ...p, price: 2.19, stock: 0 } : p)));
    await update(voice.store, 'voiceTemplates', (list) =>
      list.map((t) => (t.key === 'product_out_of_stock' ? { ...t, text: 'Sadly {{product}} ({{price}}) is {{stock}}.' } : t)),
    );
    const after = await voice.say('CAchange', 'skim milk');
    assert.ok(after.text.includes('Sadly Skim Milk, Half Gallon ($2.19) is out of stock right now.'), after.xml);
  });

  test('When a product is added or deactivated, then the next question sees it', async () => {
    voice = await voiceFixture();
    assert.ok((await voice.say('CAadd', 'do you have almond milk')).text.includes('could not find'));
    await update(voice.store, 'inventory', (list) => [
      ...list.map((p) => (p.id === 'prod-0001' ? { ...p, active: false } : p)),
      { id: 'prod-almond', name: 'Unsweetened Almond Milk, Half Gallon', price: 3.49, stock: 8, location: 'Aisle 1', keywords: [], active: true },
    ]);
    const almond = await voice.say('CAadd', 'do you have almond milk');
    assert.ok(almond.text.includes('Unsweetened Almond Milk, Half Gallon is $3.49'), almond.xml);
    const whole = await voice.say('CAadd', 'whole milk');
    assert.ok(!whole.text.includes('Whole Milk, 1 Gallon is'), 'an inactive product is never offered');
  });

  test('When the newest active template for a key is inactive or missing, then the next one or the built-in text is used', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'voiceTemplates', (list) => [
      ...list.map((t) => (t.key === 'anything_else' ? { ...t, active: false } : t)),
      { id: 'tpl-hours-2', key: 'hours', text: 'We are open {{hours}}, seven days a week.', active: true },
      { id: 'tpl-hours-3', key: 'hours', text: 'Not this one.', active: false },
    ]);
    const hours = await voice.say('CAtpl', 'what are your hours');
    assert.ok(hours.text.startsWith('We are open Monday to Thursday, 8 AM to 9 PM;'), hours.xml);
    assert.deepEqual(hours.gather?.says, ['Is there anything else I can help you with?'], 'built-in text for a disabled template');
  });

  test('When the not-found template forgets the operator, then the caller is still offered one', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'voiceTemplates', (list) =>
      list.map((t) => (t.key === 'product_not_found' ? { ...t, text: 'We do not carry {{product}}.' } : t)),
    );
    const twiml = await voice.say('CAoffer', 'goat cheese');
    assert.ok(twiml.text.includes('We do not carry goat cheese. To speak with a team member, say operator.'), twiml.xml);
  });

  test('When the voice setting changes, then every <Say> uses the new voice', async () => {
    voice = await voiceFixture();
    await update(voice.store, 'settings', (s) => ({ ...s, voice: 'Polly.Matthew', language: 'en-GB', transferTimeout: 35 }));
    const twiml = await voice.say('CAvoice', 'bakery');
    assert.deepEqual(twiml.sayAttributes, [{ voice: 'Polly.Matthew', language: 'en-GB' }]);
    assert.equal(twiml.dial?.timeout, '35');
  });
});

describe('when something breaks inside a webhook', () => {
  let voice: VoiceFixture;
  afterEach(async () => {
    await voice.cleanup();
  });

  /** The real store, whose reads can be made to fail. */
  function breakable(): { wrap: (store: Store) => Store; broken: { value: boolean } } {
    const broken = { value: false };
    const wrap = (store: Store) =>
      new Proxy(store, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (property === 'callData') {
            return async () => {
              if (broken.value) throw new Error('disk on fire');
              return target.callData();
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    return { wrap, broken };
  }

  test('When the store cannot be read, then Twilio still gets TwiML: an apology and a transfer to a person, and the error is logged', async () => {
    const { logger, lines } = capturingLogger();
    const { wrap, broken } = breakable();
    voice = await voiceFixture({ wrapStore: wrap, logger });
    await voice.incoming('CAerr');
    broken.value = true;
    const twiml = await voice.say('CAerr', 'do you have milk');
    assert.ok(twiml.text.includes('Sorry, something went wrong on our end.'), twiml.xml);
    assert.equal(twiml.dial?.sendDigits, 'ww0');
    assert.equal(twiml.dial?.number, STORE_PHONE);
    assert.ok(lines.some((l) => l.level === 50 && String(l.msg).includes('voice webhook failed')));
    broken.value = false;
    const [call] = await voice.calls();
    assert.equal(call.outcome, 'error');
  });

  test('When the very first request fails before any data was read, then the caller hears an apology, never a JSON error', async () => {
    const { wrap, broken } = breakable();
    broken.value = true;
    voice = await voiceFixture({ wrapStore: wrap });
    const twiml = await voice.incoming('CAfirst');
    assert.ok(twiml.text.includes('Sorry, something went wrong on our end.'));
    assert.equal(twiml.hangup, true);
  });
});
