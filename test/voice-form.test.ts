import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, test } from 'node:test';
import express from 'express';
import request from 'supertest';
import { isAppError } from '../src/shared/app-error.js';
import { jsonErrorHandler } from '../src/voice/http/json-errors.js';
import { parseTwilioParams } from '../src/voice/webhooks/twilio-params.js';
import { type VoiceFixture, voiceFixture } from './fixtures/voice-call.js';

/** The webhooks' form reader (smaller limits) and the API's error handler, echoing what it parsed. */
function echoApp() {
  const app = express();
  app.post('/echo', express.urlencoded({ extended: false, limit: 1024, parameterLimit: 5 }), (req, res) => {
    res.json({ body: req.body ?? null });
  });
  app.use(jsonErrorHandler);
  return app;
}

describe("reading Twilio's form body", () => {
  test('When Twilio posts its form, then every field arrives decoded: plus signs, percent escapes, accents', async () => {
    const res = await request(echoApp())
      .post('/echo')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('CallSid=CA1&From=%2B15551234567&SpeechResult=Do+you+have+cr%C3%A8me+fra%C3%AEche%3F&Confidence=0.9&Empty=');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.body, { CallSid: 'CA1', From: '+15551234567', SpeechResult: 'Do you have crème fraîche?', Confidence: '0.9', Empty: '' });
  });

  test('When the content type names UTF-8 or is in capitals, then it is read; when a name repeats, then its values form a list', async () => {
    const res = await request(echoApp()).post('/echo').set('Content-Type', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8').send('a=1&a=2&a=3&b=x');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.body, { a: ['1', '2', '3'], b: 'x' });
  });

  test('When the body is another type, then it is left alone (no body), as express.urlencoded does', async () => {
    const res = await request(echoApp()).post('/echo').set('Content-Type', 'application/json').send('{"CallSid":"CA1"}');
    assert.equal(res.status, 200);
    assert.equal(res.body.body, null);
  });

  test('When the charset is not UTF-8, then 415 names it', async () => {
    const res = await request(echoApp()).post('/echo').set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1').send('a=1');
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, 'unsupported_media_type');
    assert.match(res.body.error.message, /latin1/);
  });

  test('When the body is over the limit (declared, or streamed without a length), then 413 names the limit', async () => {
    const declared = await request(echoApp()).post('/echo').set('Content-Type', 'application/x-www-form-urlencoded').send(`a=${'x'.repeat(2000)}`);
    assert.equal(declared.status, 413);
    assert.match(declared.body.error.message, /1024 bytes/);

    // Chunked: no Content-Length, so the limit is found while reading.
    const app = echoApp();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/echo', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        for (let i = 0; i < 10; i++) req.write(`a${i}=${'y'.repeat(300)}&`);
        req.end();
      });
      assert.equal(answer.status, 413);
      assert.match(JSON.parse(answer.body).error.message, /1024 bytes/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('When there are more parameters than allowed, then 413 says there are too many', async () => {
    const res = await request(echoApp()).post('/echo').set('Content-Type', 'application/x-www-form-urlencoded').send('a=1&b=2&c=3&d=4&e=5&f=6');
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'payload_too_large');
    assert.match(res.body.error.message, /Too many parameters/);
  });
});

describe('the webhooks with that reader', () => {
  let voice: VoiceFixture;
  afterEach(() => voice.cleanup());

  test('When a webhook body is too large, then it is a JSON 413, not TwiML, and no call is logged', async () => {
    voice = await voiceFixture();
    const res = await request(voice.app).post('/voice/gather').type('form').send({ CallSid: 'CAbig', SpeechResult: 'x'.repeat(70 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'payload_too_large');
    assert.deepEqual(await voice.calls(), []);
  });

  test('When a webhook has far more parameters than Twilio sends, or a charset other than UTF-8, then it is a JSON 413 or 415, not TwiML', async () => {
    voice = await voiceFixture();
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`P${i}`, 'x']));
    const crowded = await request(voice.app).post('/voice/gather').type('form').send({ CallSid: 'CAmany', SpeechResult: 'milk', ...many });
    assert.equal(crowded.status, 413);
    assert.equal(crowded.body.error.code, 'payload_too_large');
    const latin = await request(voice.app).post('/voice/gather').set('Content-Type', 'application/x-www-form-urlencoded; charset=windows-1252').send('CallSid=CAlatin&SpeechResult=milk');
    assert.equal(latin.status, 415);
    assert.equal(latin.body.error.code, 'unsupported_media_type');
    assert.deepEqual(await voice.calls(), []);
  });

  test('When a webhook is sent as JSON, then it is refused with 400 naming CallSid', async () => {
    voice = await voiceFixture();
    const res = await request(voice.app).post('/voice/gather').send({ CallSid: 'CAjson', SpeechResult: 'milk' });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details[0].path, 'CallSid');
  });
});

describe("Twilio's parameters", () => {
  const body = (fields: Record<string, unknown>) => Object.assign(Object.create(null), fields);

  test('When a webhook body is read, then the fields we use come out typed and trimmed, and the others are not copied', () => {
    const params = parseTwilioParams(body({ CallSid: ' CA1 ', From: '+15551234567', SpeechResult: 'Do you have milk?', Confidence: '0.92', CallDuration: '42', AccountSid: 'AC1' }));
    assert.deepEqual(params, { CallSid: 'CA1', From: '+15551234567', SpeechResult: 'Do you have milk?', Confidence: 0.92, CallDuration: 42 });
  });

  test('When an optional field is unreadable, then it is dropped and the call goes on', () => {
    const raw = body({ CallSid: 'CA1', From: 'x'.repeat(65), Confidence: 'very', Digits: ['1', '2'], CallDuration: '-3', CallStatus: 7 });
    const params = parseTwilioParams(raw);
    assert.equal(params.CallSid, 'CA1');
    for (const field of ['From', 'Confidence', 'Digits', 'CallDuration', 'CallStatus'] as const) assert.equal(params[field], undefined, field);
  });

  test('When CallSid is missing, blank or too long, then the request is refused with a 400 naming it', () => {
    for (const callSid of [undefined, '   ', 'C'.repeat(65), 12]) {
      assert.throws(
        () => parseTwilioParams(body(callSid === undefined ? { From: '+1555' } : { CallSid: callSid })),
        (error: unknown) => isAppError(error) && error.status === 400 && error.code === 'invalid_twilio_request' && error.message.includes('CallSid'),
        String(callSid),
      );
    }
    assert.throws(() => parseTwilioParams(undefined), /CallSid/);
  });
});
