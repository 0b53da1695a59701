import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { openStore } from '../src/store/index.js';
import { createVoiceApp } from '../src/voice/app.js';
import { capturingLogger, tempDir } from './fixtures/helpers.js';

test('When Twilio calls a webhook, then one request line is logged with a request id, echoed in X-Request-Id, and no signature', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const { logger, lines } = capturingLogger();
    const store = await openStore({ dataDir: dir, logger });
    const app = createVoiceApp({ store, logger, apiToken: 'a-test-token-0123456789' });
    const response = await request(app)
      .post('/voice/gather')
      .set('X-Twilio-Signature', 'secret-signature-value')
      .type('form')
      .send({ CallSid: 'CAlog1', From: '+15551230000', SpeechResult: 'what are your hours' })
      .expect(200);

    const requestId = response.headers['x-request-id'];
    assert.ok(requestId);
    const completed = lines.filter((l) => l.msg === 'request completed');
    assert.equal(completed.length, 1);
    assert.equal(completed[0].reqId, requestId);
    assert.deepEqual(completed[0].req, { method: 'POST', url: '/voice/gather' });
    assert.deepEqual(completed[0].res, { statusCode: 200 });
    assert.ok(lines.some((l) => l.msg === 'caller turn' && l.reqId === requestId), 'the turn line carries the request id');
    assert.ok(!JSON.stringify(lines).includes('secret-signature-value'));
  } finally {
    await cleanup();
  }
});
