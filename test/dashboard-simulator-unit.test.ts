import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import twilio from 'twilio';
import { createCallSimulator } from '../src/dashboard/simulator/call-simulator.js';
import { parseTwiml, spokenTexts } from '../src/dashboard/simulator/parse-twiml.js';
import { closeServer, listenOn } from './fixtures/dashboard-stack.js';

describe('TwiML as the simulator reads it', () => {
  test('When TwiML says, gathers with a nested prompt, and escapes text, then the steps come back in order with plain text', () => {
    const response = new twilio.twiml.VoiceResponse();
    response.say({ voice: 'Polly.Joanna' }, 'Thanks for calling Tom & Jerry\'s <Market>.');
    response.gather({ input: ['speech', 'dtmf'], action: '/voice/gather?attempt=1' }).say('How can I help?');
    response.say('Goodbye.');
    const steps = parseTwiml(response.toString());
    assert.deepEqual(steps, [
      { verb: 'Say', text: 'Thanks for calling Tom & Jerry\'s <Market>.' },
      { verb: 'Gather', action: '/voice/gather?attempt=1', input: 'speech dtmf', steps: [{ verb: 'Say', text: 'How can I help?' }] },
      { verb: 'Say', text: 'Goodbye.' },
    ]);
    assert.deepEqual(spokenTexts(steps), ['Thanks for calling Tom & Jerry\'s <Market>.', 'How can I help?', 'Goodbye.']);
  });

  test('When TwiML dials a number with sendDigits, then the number and digits are kept as text', () => {
    const response = new twilio.twiml.VoiceResponse();
    response.say('Transferring you to Pharmacy.');
    response.dial({ action: '/voice/dial-status', timeout: 20 }).number({ sendDigits: 'ww101' }, '+15555550100');
    response.hangup();
    const steps = parseTwiml(response.toString());
    assert.deepEqual(steps[1], { verb: 'Dial', action: '/voice/dial-status', targets: [{ number: '+15555550100', sendDigits: 'ww101' }] });
    assert.deepEqual(steps[2], { verb: 'Hangup' });
  });

  test('When the answer is not TwiML, then parsing says so', () => {
    assert.throws(() => parseTwiml('<html><body>oops</body></html>'), /not TwiML/);
  });
});

describe('call simulator against a stand-in webhook server', () => {
  const AUTH_TOKEN = 'simulator-test-auth-token';
  const PUBLIC = 'https://store.example.ngrok.app';
  const seen: { path: string; body: Record<string, string>; validSignature: boolean }[] = [];
  let url: string;
  let close: () => Promise<void>;

  before(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post(/.*/, (req, res) => {
      const validSignature = twilio.validateRequest(AUTH_TOKEN, String(req.headers['x-twilio-signature'] ?? ''), `${PUBLIC}${req.originalUrl}`, req.body);
      seen.push({ path: req.originalUrl, body: req.body, validSignature });
      const vr = new twilio.twiml.VoiceResponse();
      if (req.path === '/voice') {
        vr.say('Welcome.');
        // Absolute, as the voice service builds callback URLs when PUBLIC_BASE_URL is set.
        vr.gather({ input: ['speech', 'dtmf'], action: `${PUBLIC}/voice/gather` }).say('How can I help?');
      } else if (req.path === '/voice/gather' && req.body.SpeechResult === 'pharmacy') {
        vr.say('Please hold.');
        vr.dial({ action: '/voice/dial-status' }).number({ sendDigits: '101' }, '+15555550100');
      } else if (req.path === '/voice/gather' && req.body.Digits === '9') {
        vr.redirect('/voice/next');
      } else if (req.path === '/voice/next') {
        vr.say('Redirected here.');
        vr.hangup();
      } else if (req.path === '/voice/dial-status') {
        vr.say(`Nobody answered (${req.body.DialCallStatus}).`);
        vr.gather({ action: '/voice/gather' }).say('Anything else?');
      } else {
        vr.say(`You said ${req.body.SpeechResult ?? ''}.`);
        vr.gather({ action: '/voice/gather' });
      }
      res.type('text/xml').send(vr.toString());
    });
    const server = await listenOn(app);
    url = server.url;
    close = () => closeServer(server.server);
  });
  after(() => close());

  test('When a call goes turn after turn, then each post is signed like Twilio against PUBLIC_BASE_URL, with one CallSid, and the transcript grows', async () => {
    const simulator = createCallSimulator({ voiceApiUrl: url, publicBaseUrl: PUBLIC, twilioAuthToken: AUTH_TOKEN });
    let call = await simulator.start('+15555550100');
    assert.equal(call.status, 'listening');
    assert.equal(call.gatherPath, '/voice/gather');
    assert.deepEqual(call.turns[0].said, ['Welcome.', 'How can I help?']);

    call = await simulator.say(call, 'milk', '');
    assert.deepEqual(call.turns[1].said, ['You said milk.']);
    call = await simulator.say(call, 'pharmacy', '');
    assert.equal(call.status, 'transferring');
    assert.deepEqual(call.turns[2].dialled, [{ number: '+15555550100', sendDigits: '101' }]);
    assert.match(call.turns[2].outcome, /dialled \+15555550100, then keyed 101/);

    call = await simulator.noAnswer(call);
    assert.equal(call.status, 'listening');
    assert.deepEqual(call.turns[3].said, ['Nobody answered (no-answer).', 'Anything else?']);

    call = await simulator.say(call, '', '9');
    assert.equal(call.status, 'ended');
    assert.deepEqual(call.turns[4].said, ['Redirected here.']);
    assert.equal(call.turns[4].outcome, 'Hung up');

    assert.ok(seen.every((s) => s.validSignature), 'every request carried a valid X-Twilio-Signature');
    assert.equal(new Set(seen.map((s) => s.body.CallSid)).size, 1);
    assert.match(seen[0].body.CallSid, /^SIM[0-9a-f]{32}$/);
    assert.equal(seen[1].body.SpeechResult, 'milk');
    assert.equal(seen.at(-3)!.body.Digits, '9');
    // Hung up by the TwiML: Twilio's status callback follows, with the call's duration.
    assert.equal(seen.at(-1)!.path, '/voice/status');
    assert.equal(seen.at(-1)!.body.CallStatus, 'completed');
    assert.match(seen.at(-1)!.body.CallDuration, /^\d+$/);
    await assert.rejects(simulator.say(call, 'hello', ''), /not listening any more/);
  });

  test('When the caller hangs up mid-call, then the status callback is sent once and the call is over', async () => {
    const simulator = createCallSimulator({ voiceApiUrl: url, publicBaseUrl: PUBLIC, twilioAuthToken: AUTH_TOKEN, clock: (() => { let t = 1_000_000; return () => (t += 30_000); })() });
    const call = await simulator.start('+15555550100');
    const before = seen.length;
    const ended = await simulator.hangUp(call);
    assert.equal(ended.status, 'ended');
    assert.equal(ended.turns.at(-1)!.event, 'The caller hung up');
    assert.deepEqual(seen.slice(before).map((s) => [s.path, s.body.CallStatus, s.body.CallDuration, s.validSignature]), [['/voice/status', 'completed', '30', true]]);
    assert.equal(await simulator.hangUp(ended), ended, 'hanging up twice sends nothing');
    assert.equal(seen.length, before + 1);
  });

  test('When the voice service is not reachable, then the simulator says so plainly', async () => {
    const simulator = createCallSimulator({ voiceApiUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    await assert.rejects(simulator.start('+15555550100'), /The voice service at http:\/\/127\.0\.0\.1:9 is not reachable/);
  });

  test('When the signature is refused (403), then the error names the shared settings to check', async () => {
    const strict = express();
    strict.post(/.*/, (_req, res) => res.status(403).send('Forbidden'));
    const server = await listenOn(strict);
    try {
      const simulator = createCallSimulator({ voiceApiUrl: server.url });
      await assert.rejects(simulator.start('+15555550100'), /TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL/);
    } finally {
      await closeServer(server.server);
    }
  });
});
