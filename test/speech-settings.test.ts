import assert from 'node:assert/strict';
import { rename, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { openStore, SPEECH_MODELS, type SpeechModel } from '../src/store/index.js';
import { apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { adminSession } from './fixtures/dashboard-stack.js';
import { createLogger } from '../src/shared/logger.js';
import { readTwiml } from './fixtures/voice-call.js';
import { fileOf, read } from './fixtures/store-access.js';

/**
 * What Twilio's <Gather> accepts (its documentation and warning 13335): whenever a speechModel
 * is set, speechTimeout must be a positive whole number of seconds ("auto" is refused, and also
 * with the default model); `enhanced` belongs with phone_call; actionOnEmptyResult lets
 * silence reach our webhook instead of falling through.
 */
function assertTwilioAcceptsGather(attributes: Record<string, string>, model: SpeechModel, what: string) {
  assert.equal(attributes.speechModel, model, `${what}: speechModel`);
  assert.match(attributes.speechTimeout, /^[1-9]\d*$/, `${what}: speechTimeout must be whole seconds with a speech model`);
  assert.equal(attributes.enhanced, model === 'phone_call' ? 'true' : undefined, `${what}: enhanced only with phone_call`);
  assert.equal(attributes.actionOnEmptyResult, 'true', `${what}: silence must reach the webhook`);
  assert.equal(attributes.input, 'speech dtmf', what);
}

/** Every webhook answer that has a <Gather>, for one call. */
async function gathers(f: ApiFixture, callSid: string): Promise<{ what: string; attributes: Record<string, string> }[]> {
  const caller = { CallSid: callSid, From: '+15551234567', To: '+15555550100' };
  const answers: { what: string; attributes: Record<string, string> }[] = [];
  const post = async (what: string, url: string, form: Record<string, string>) => {
    const res = await request(f.app).post(url).type('form').send({ ...caller, ...form }).expect(200);
    const twiml = readTwiml(res.text);
    if (twiml.gather) answers.push({ what, attributes: twiml.gather.attributes });
  };
  await post('incoming call', '/voice', { CallStatus: 'ringing' });
  await post('a product question', '/voice/gather', { SpeechResult: 'do you have milk' });
  await post('silence', '/voice/gather', {});
  await post('not understood', '/voice/gather', { SpeechResult: 'blorp' });
  await post('a department', '/voice/gather', { SpeechResult: 'pharmacy' });
  await post('a transfer nobody answered', '/voice/dial-status', { DialCallStatus: 'no-answer' });
  assert.ok(answers.length >= 5, `expected a <Gather> in most answers, got ${answers.length}`);
  return answers;
}

describe('speech recognition settings and the <Gather> Twilio accepts', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  test('When nothing was chosen, then every <Gather> uses the enhanced phone-call model with 2 seconds', async () => {
    const settings = (await f.get('/api/settings').expect(200)).body;
    assert.deepEqual([settings.speechModel, settings.speechTimeout], ['phone_call', 2]);
    for (const { what, attributes } of await gathers(f, 'CA-default')) {
      assertTwilioAcceptsGather(attributes, 'phone_call', what);
      assert.equal(attributes.speechTimeout, '2');
    }
  });

  for (const model of Object.keys(SPEECH_MODELS) as SpeechModel[]) {
    test(`When the store chooses the ${model} model, then every <Gather> of a call is one Twilio accepts`, async () => {
      await f.put('/api/settings', { speechModel: model, speechTimeout: 3 }).expect(200);
      for (const { what, attributes } of await gathers(f, `CA-${model}`)) {
        assertTwilioAcceptsGather(attributes, model, what);
        assert.equal(attributes.speechTimeout, '3');
      }
    });
  }

  test('When "auto" is saved as the speech timeout, with any model, then 400 says why in plain words and nothing is written', async () => {
    const before = [await f.bytes('settings'), await f.bytes('audit')];
    for (const model of Object.keys(SPEECH_MODELS)) {
      const res = await f.put('/api/settings', { speechModel: model, speechTimeout: 'auto' }).expect(400);
      const [detail] = (res.body as ErrorBody).error.details;
      assert.equal(detail.path, 'speechTimeout');
      assert.match(detail.message, /cannot be "auto": Twilio does not accept it with the chosen speech recognition; choose how many seconds of silence end what the caller says \(1 to 30\)/);
    }
    const alone = await f.put('/api/settings', { speechTimeout: 'auto' }).expect(400);
    assert.equal((alone.body as ErrorBody).error.details[0].path, 'speechTimeout');
    assert.deepEqual([await f.bytes('settings'), await f.bytes('audit')], before);
  });

  test('When the model or the seconds are not among the choices, then 400 names the field', async () => {
    for (const body of [{ speechModel: 'whisper' }, { speechModel: '' }, { speechTimeout: 0 }, { speechTimeout: 31 }, { speechTimeout: 2.5 }, { speechTimeout: '2' }]) {
      const res = await f.put('/api/settings', body).expect(400);
      assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path), Object.keys(body), JSON.stringify(body));
    }
  });
});

describe('speech settings: a settings file from before the model choice', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const OLD_SETTINGS = { voice: 'Polly.Joanna', language: 'en-US', speechTimeout: 'auto', maxAttempts: 3, operatorExtension: '0', announceCoupons: false, transferTimeout: 20 };

  test('When settings.json has speechTimeout "auto" and no speechModel, then it loads as phone_call and 2 seconds, TwiML is accepted, and the file is not rewritten by reading', async () => {
    const file = fileOf(f.dir, 'settings');
    const text = `${JSON.stringify(OLD_SETTINGS, null, 2)}\n`;
    await writeFile(`${file}.tmp`, text);
    await rename(`${file}.tmp`, file);
    const settings = (await f.get('/api/settings').expect(200)).body;
    assert.deepEqual([settings.speechModel, settings.speechTimeout], ['phone_call', 2]);
    for (const { what, attributes } of await gathers(f, 'CA-old-file')) assertTwilioAcceptsGather(attributes, 'phone_call', what);
    assert.equal(await f.bytes('settings'), text, 'reading changes nothing on disk');

    // A fresh process (no copy in memory) starts on it too.
    const fresh = await openStore({ dataDir: f.dir, logger: createLogger({ level: 'silent' }) });
    assert.equal((await fresh.settings.get()).speechTimeout, 2);

    // The next save writes the upgraded values.
    await f.put('/api/settings', { maxAttempts: 4 }).expect(200);
    const saved = JSON.parse(await f.bytes('settings'));
    assert.deepEqual([saved.speechModel, saved.speechTimeout, saved.maxAttempts], ['phone_call', 2, 4]);
  });

  test('When an old backup with "auto" is restored, then it is accepted and stored with whole seconds', async () => {
    const backup = (await f.get('/api/backup').expect(200)).body;
    backup.settings = OLD_SETTINGS;
    await f.post('/api/restore', backup).expect(200);
    const stored = await read(f.store, 'settings');
    assert.deepEqual([stored.speechModel, stored.speechTimeout], ['phone_call', 2]);
  });
});

describe('speech settings on the dashboard', () => {
  const admin = adminSession();

  test('When the settings page is shown, then the speech model and the pause are chosen from lists', async () => {
    const page = (await admin.agent.get('/settings').expect(200)).text;
    assert.match(page, /<select id="f-speechModel" name="speechModel"/);
    assert.match(page, /<option value="phone_call" selected>Phone calls, enhanced \(recommended\)<\/option>/);
    assert.match(page, /<select id="f-speechTimeout" name="speechTimeout"/);
    assert.match(page, /<option value="2" selected>2 seconds<\/option>/);
    assert.doesNotMatch(page, /value="auto"/);
  });

  test('When an old form posts "auto", then the reason shows next to the field and nothing is saved', async () => {
    const before = await read(admin.stack.store, 'settings');
    const res = await admin.agent
      .post('/settings')
      .type('form')
      .send({ _csrf: admin.csrf, voice: 'Polly.Joanna', language: 'en-US', speechModel: 'phone_call', speechTimeout: 'auto', maxAttempts: '3', operatorExtension: '0', transferTimeout: '20' })
      .expect(400);
    assert.match(res.text, /id="f-speechTimeout-error">Pause that ends what the caller says: cannot be &#34;auto&#34;: Twilio does not accept it/);
    assert.deepEqual(await read(admin.stack.store, 'settings'), before);
  });
});
