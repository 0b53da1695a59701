import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import request from 'supertest';
import twilio from 'twilio';
import { capturingLogger } from './fixtures/helpers.js';
import { readTwiml, type VoiceFixture, voiceFixture } from './fixtures/voice-call.js';

const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';

/** Sign the way Twilio does: the full URL it called, plus the POSTed form fields. */
function sign(url: string, params: Record<string, string> = {}): string {
  return twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
}

describe('X-Twilio-Signature', () => {
  let voice: VoiceFixture;
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await voice.cleanup();
  });

  /** The app on a real port, so the URL Twilio would sign is known. */
  async function listen(): Promise<string> {
    server = voice.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  const form = { CallSid: 'CAsigned', From: '+15551234567', To: '+15555550100', SpeechResult: 'do you have milk', Confidence: '0.9' };

  test('When a request is signed for the URL called, then it is answered', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const res = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', sign(`${base}/voice/gather`, form)).send(form);
    assert.equal(res.status, 200);
    assert.ok(readTwiml(res.text).text.includes('Whole Milk, 1 Gallon is $3.79'));
  });

  test('When the signature is missing, then 403 and a log line, and nothing is said to the caller', async () => {
    const { logger, lines } = capturingLogger();
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN }, logger });
    const base = await listen();
    const res = await request(base).post('/voice').type('form').send({ CallSid: 'CAnone' });
    assert.equal(res.status, 403);
    assert.ok(!res.text.includes('<Response'));
    const warning = lines.find((l) => String(l.msg).includes('X-Twilio-Signature'));
    assert.equal(warning?.signature, 'missing');
    assert.equal(warning?.url, `${base}/voice`);
    assert.deepEqual(await voice.calls(), []);
  });

  test('When a signed parameter is tampered with, then 403', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const signature = sign(`${base}/voice/gather`, form);
    const res = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', signature).send({ ...form, SpeechResult: 'operator' });
    assert.equal(res.status, 403);
    const added = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', signature).send({ ...form, Digits: '0' });
    assert.equal(added.status, 403);
  });

  test('When the signature is for another URL or another token, then 403', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const otherPath = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', sign(`${base}/voice/status`, form)).send(form);
    assert.equal(otherPath.status, 403);
    const otherHost = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', sign('https://evil.example.com/voice/gather', form)).send(form);
    assert.equal(otherHost.status, 403);
    const otherToken = twilio.getExpectedTwilioSignature('f'.repeat(32), `${base}/voice/gather`, form);
    const wrongToken = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', otherToken).send(form);
    assert.equal(wrongToken.status, 403);
  });

  test('When Twilio calls through a proxy at PUBLIC_BASE_URL, then the signature is checked against that URL', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN, publicBaseUrl: 'https://store.example.com' } });
    const base = await listen();
    const res = await request(base)
      .post('/voice/gather')
      .type('form')
      .set('X-Twilio-Signature', sign('https://store.example.com/voice/gather', form))
      .send(form);
    assert.equal(res.status, 200);
    const local = await request(base).post('/voice/gather').type('form').set('X-Twilio-Signature', sign(`${base}/voice/gather`, form)).send(form);
    assert.equal(local.status, 403, 'the local URL is not the one Twilio signed');
  });

  test('When Twilio calls through a proxy named in TRUST_PROXY and PUBLIC_BASE_URL is unset, then the URL it signed is rebuilt from X-Forwarded-Proto and -Host', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN, trustProxy: 'loopback' } });
    const base = await listen();
    const forwarded = (test: request.Test) => test.set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'abc.ngrok.example');
    const res = await forwarded(request(base).post('/voice/gather').type('form')).set('X-Twilio-Signature', sign('https://abc.ngrok.example/voice/gather', form)).send(form);
    assert.equal(res.status, 200);
    // A proxy that passes the public Host header itself (and only X-Forwarded-Proto) works too.
    const host = await request(base)
      .post('/voice/gather')
      .type('form')
      .set('Host', 'shop.example.com')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Twilio-Signature', sign('https://shop.example.com/voice/gather', form))
      .send(form);
    assert.equal(host.status, 200);
  });

  test('When TRUST_PROXY is not set, then X-Forwarded-* headers do not change the URL the signature is checked against', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const spoofed = await request(base)
      .post('/voice/gather')
      .type('form')
      .set('X-Forwarded-Proto', 'https')
      .set('X-Forwarded-Host', 'abc.ngrok.example')
      .set('X-Twilio-Signature', sign('https://abc.ngrok.example/voice/gather', form))
      .send(form);
    assert.equal(spoofed.status, 403);
    const direct = await request(base).post('/voice/gather').type('form').set('X-Forwarded-Proto', 'https').set('X-Twilio-Signature', sign(`${base}/voice/gather`, form)).send(form);
    assert.equal(direct.status, 200, 'the URL actually called is still accepted');
  });

  test('When Twilio uses GET, then the signature covers the query string', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const path = '/voice?CallSid=CAget&From=%2B15551234567';
    const ok = await request(base).get(path).set('X-Twilio-Signature', sign(`${base}${path}`));
    assert.equal(ok.status, 200);
    const tampered = await request(base).get('/voice?CallSid=CAget&From=%2B15550000000').set('X-Twilio-Signature', sign(`${base}${path}`));
    assert.equal(tampered.status, 403);
  });

  test('When every webhook is signed, then the status and dial callbacks are accepted too', async () => {
    voice = await voiceFixture({ deps: { twilioAuthToken: AUTH_TOKEN } });
    const base = await listen();
    const dial = { CallSid: 'CAsigned', DialCallStatus: 'no-answer' };
    const dialRes = await request(base).post('/voice/dial-status').type('form').set('X-Twilio-Signature', sign(`${base}/voice/dial-status`, dial)).send(dial);
    assert.equal(dialRes.status, 200);
    const status = { CallSid: 'CAsigned', CallStatus: 'completed', CallDuration: '10' };
    const statusRes = await request(base).post('/voice/status').type('form').set('X-Twilio-Signature', sign(`${base}/voice/status`, status)).send(status);
    assert.equal(statusRes.status, 200);
    const unsigned = await request(base).post('/voice/status').type('form').send(status);
    assert.equal(unsigned.status, 403);
  });

  test('When no auth token is configured, then unsigned requests are accepted', async () => {
    voice = await voiceFixture();
    const res = await request(voice.app).post('/voice').type('form').send({ CallSid: 'CAopen' });
    assert.equal(res.status, 200);
  });
});
