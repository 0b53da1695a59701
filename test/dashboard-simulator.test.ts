import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dashboardStack, loggedIn, type DashboardStack } from './fixtures/dashboard-stack.js';
import { logLines } from './fixtures/store-access.js';

const transcript = (html: string) =>
  ((/<ol class="transcript"[\s\S]*?<\/ol>/.exec(html) ?? [''])[0])
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

// Monday noon in Chicago: the store is open.
const clock = () => new Date('2026-03-02T18:00:00Z');

describe('dashboard: call simulator through the real webhooks', () => {
  let stack: DashboardStack;
  let agent: Awaited<ReturnType<typeof loggedIn>>['agent'];
  let csrf: string;
  before(async () => {
    stack = await dashboardStack({ clock });
    ({ agent, csrf } = await loggedIn(stack.app));
  });
  after(() => stack.close());

  test('When a simulated caller asks for a product and then a department, then the page shows each answer and the transfer', async () => {
    await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(303);
    let page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /Phone line: Thank you for calling Maple Street Market\./);

    await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: 'how much is whole milk' }).expect(303);
    page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /Caller: how much is whole milk Phone line: Whole Milk, 1 Gallon is \$3\.79/);

    await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: 'I need a prescription refill' }).expect(303);
    page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /Transferred: dialled \+15555550100, then keyed [w]*101/);
    assert.match(page, /Nobody answers the transfer/);

    await agent.post('/simulator/no-answer').type('form').send({ _csrf: csrf }).expect(303);
    page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /Nobody answered the transfer Phone line: .+/, 'the caller is not dropped');

    const callSid = /CallSid (SIM[0-9a-f]{32})/.exec(page)![1];
    const calls = (await agent.get('/calls').expect(200)).text;
    assert.ok(calls.includes(callSid), 'the simulated call is in the call log');
    assert.match(calls, /how much is whole milk/);
  });

  test('When the simulated caller hangs up, then the call is in the log with its turns and duration', async () => {
    await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(303);
    await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: 'do you sell dragon fruit smoothies' }).expect(303);
    const callSid = /CallSid (SIM[0-9a-f]{32})/.exec((await agent.get('/simulator')).text)![1];
    await agent.post('/simulator/hang-up').type('form').send({ _csrf: csrf }).expect(303);
    const page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /The caller hung up/);
    assert.doesNotMatch(page, /action="\/simulator\/say"/, 'no more input once the call is over');
    const calls = (await agent.get('/calls').expect(200)).text;
    assert.ok(calls.includes(callSid));
    assert.match(calls, /dragon fruit smoothies/);
    const logged = (await logLines(stack.dir, 'calls')).filter((c) => c.callSid === callSid);
    assert.ok(logged.some((c) => c.status === 'completed' && typeof c.durationSeconds === 'number'));
  });

  test('When the caller keys digits equal to an extension, then the simulator sends Digits and shows the transfer', async () => {
    await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(303);
    await agent.post('/simulator/say').type('form').send({ _csrf: csrf, digits: '102' }).expect(303);
    const page = (await agent.get('/simulator').expect(200)).text;
    assert.match(transcript(page), /Caller keyed: 102 Phone line: .*Bakery/);
  });

  test('When nothing is typed or the digits are not digits, then the page says what to do and keeps the text', async () => {
    await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(303);
    const empty = await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: '  ' }).expect(400);
    assert.match(empty.text, /Type what the caller says/);
    const bad = await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: 'kept words', digits: '12a' }).expect(400);
    assert.match(bad.text, /Digits may be 0–9/);
    assert.match(bad.text, /value="kept words"/);
  });

  test('When the voice service is down, then the simulator page says so plainly', async () => {
    const local = await dashboardStack({ clock });
    try {
      const session = await loggedIn(local.app);
      await session.agent.post('/simulator/start').type('form').send({ _csrf: session.csrf }).expect(303);
      await local.stopVoice();
      const res = await session.agent.post('/simulator/say').type('form').send({ _csrf: session.csrf, speech: 'hello' }).expect(503);
      assert.match(res.text, /The voice service at .* is not reachable/);
      assert.match(res.text, /value="hello"/);
    } finally {
      await local.close();
    }
  });
});

describe('dashboard: call simulator when webhooks check Twilio signatures', () => {
  const PUBLIC = 'https://store.example.ngrok.app';

  test('When both services share the auth token and PUBLIC_BASE_URL, then signed simulated calls are accepted', async () => {
    const stack = await dashboardStack({ clock, voiceTwilioAuthToken: 'shared-twilio-token', voicePublicBaseUrl: PUBLIC, twilioAuthToken: 'shared-twilio-token', publicBaseUrl: PUBLIC });
    try {
      const { agent, csrf } = await loggedIn(stack.app);
      await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(303);
      await agent.post('/simulator/say').type('form').send({ _csrf: csrf, speech: 'what are your hours' }).expect(303);
      const page = (await agent.get('/simulator').expect(200)).text;
      assert.match(transcript(page), /Caller: what are your hours Phone line: .*hours/i);
    } finally {
      await stack.close();
    }
  });

  test('When the dashboard signs with a different token, then the page explains the refused signature', async () => {
    const stack = await dashboardStack({ clock, voiceTwilioAuthToken: 'the-real-token', twilioAuthToken: 'a-wrong-token' });
    try {
      const { agent, csrf } = await loggedIn(stack.app);
      const res = await agent.post('/simulator/start').type('form').send({ _csrf: csrf }).expect(502);
      assert.match(res.text, /signature check failed/);
    } finally {
      await stack.close();
    }
  });
});
