import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { adminSession, csrfOf } from './fixtures/dashboard-stack.js';
import { auditLines, read } from './fixtures/store-access.js';

describe('dashboard: teaching the line an unmet request', () => {
  const admin = adminSession(async (stack) => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    await stack.store.calls.append({
      callSid: 'CAteach',
      from: '+15551230009',
      startedAt: at,
      outcome: 'hung_up',
      turns: [{ at, heard: 'Do you have kombucha & co?', intent: 'product', query: 'kombucha & co', unmet: true, said: 'Sorry, I could not find kombucha & co in our store.' }],
      unmetRequests: ['kombucha & co'],
    });
  });

  const gather = (sid: string, speech: string) =>
    request(admin.stack.voiceUrl).post('/voice/gather').type('form').send({ CallSid: sid, From: '+15551230000', SpeechResult: speech }).expect(200);

  test('When the calls page lists an unmet request, then it has a Teach link carrying the caller\'s words', async () => {
    const page = await admin.agent.get('/calls').expect(200);
    assert.match(page.text, /<a class="teach" href="\/calls\/teach\?phrase=kombucha%20%26%20co"/);
  });

  test('When the teach page opens, then it shows the words and the products found for them, and a search finds others by name', async () => {
    const page = await admin.agent.get('/calls/teach?phrase=kombucha').expect(200);
    assert.match(page.text, /name="phrase" value="kombucha"/);
    assert.match(page.text, /No product matches “kombucha”/);
    const searched = await admin.agent.get('/calls/teach?phrase=kombucha&q=orange%20juice').expect(200);
    assert.match(searched.text, /value="prod-0010"/);
    assert.match(searched.text, /Orange Juice, 52 oz/);
    assert.match(searched.text, /name="phrase" value="kombucha"/, 'the phrase is kept while searching');
  });

  test('When a product is chosen and submitted, then the flash says what callers will now get, and the next caller gets it', async () => {
    assert.match((await gather('CAbefore', 'Do you have kombucha?')).text, /could not find kombucha/);
    const page = await admin.agent.get('/calls/teach?phrase=kombucha&q=orange%20juice').expect(200);
    const res = await admin.agent.post('/calls/teach').type('form').send({ _csrf: csrfOf(page.text), phrase: 'kombucha', q: 'orange juice', productId: 'prod-0010' }).expect(303);
    assert.equal(res.headers.location, '/calls');
    const calls = await admin.agent.get('/calls').expect(200);
    assert.match(calls.text, /Taught\. Callers who say &#34;kombucha&#34; will now hear about Orange Juice, 52 oz\./);
    const product = (await read(admin.stack.store, 'inventory')).find((p) => p.id === 'prod-0010');
    assert.deepEqual(product?.keywords, ['oj', 'juice', 'kombucha']);
    const audit = await auditLines(admin.stack.store);
    assert.equal(audit.at(-1)?.actor, 'admin');
    assert.deepEqual(audit.at(-1)?.changes, ['keywords']);
    assert.match((await gather('CAafter', 'Do you have kombucha?')).text, /Orange Juice, 52 ounce is \$4\.99/);

    const again = await admin.agent.post('/calls/teach').type('form').send({ _csrf: csrfOf(page.text), phrase: 'Kombucha', productId: 'prod-0010' }).expect(303);
    assert.equal(again.headers.location, '/calls');
    assert.match((await admin.agent.get('/calls').expect(200)).text, /already leads callers to Orange Juice, 52 oz\. Nothing changed\./);
  });

  test('When the product or the words are missing, or the product is gone, then the page says so next to the field and keeps what was typed', async () => {
    const page = await admin.agent.get('/calls/teach?phrase=tea').expect(200);
    const csrf = csrfOf(page.text);
    const noProduct = await admin.agent.post('/calls/teach').type('form').send({ _csrf: csrf, phrase: 'green tea bags', q: 'tea' }).expect(400);
    assert.match(noProduct.text, /Choose the product the caller meant\./);
    assert.match(noProduct.text, /name="phrase" value="green tea bags"/);
    const noWords = await admin.agent.post('/calls/teach').type('form').send({ _csrf: csrf, phrase: '  ', productId: 'prod-0047' }).expect(400);
    assert.match(noWords.text, /Type what the caller said\./);
    const gone = await admin.agent.post('/calls/teach').type('form').send({ _csrf: csrf, phrase: 'green tea bags', productId: 'prod-gone' }).expect(404);
    assert.match(gone.text, /That product is gone\./);
    assert.doesNotMatch(gone.text, /prod-gone/, 'no ids in what staff read');
  });

  test('When the form is posted without its CSRF token, then it is refused and nothing is taught', async () => {
    await admin.agent.post('/calls/teach').type('form').send({ phrase: 'sneaky', productId: 'prod-0010' }).expect(403);
    const product = (await read(admin.stack.store, 'inventory')).find((p) => p.id === 'prod-0010');
    assert.ok(!product?.keywords.includes('sneaky'));
  });
});
