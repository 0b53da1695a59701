import assert from 'node:assert/strict';
import { rename, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Express } from 'express';
import request from 'supertest';
import { createLogger } from '../src/shared/logger.js';
import { openStore, type Store } from '../src/store/index.js';
import { addStaff } from '../src/voice/domain/staff-use-cases.js';
import type { Settings } from '../src/store/schemas.js';
import type { Decision } from '../src/voice/calls/decision.js';
import { createVoiceApp } from '../src/voice/app.js';
import { decisionToTwiml } from '../src/voice/webhooks/twiml.js';
import { apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { adminSession } from './fixtures/dashboard-stack.js';
import { capturingLogger } from './fixtures/helpers.js';
import { assertWellFormedXml } from './fixtures/strict-xml.js';
import { voiceFixture, WEDNESDAY_3PM } from './fixtures/voice-call.js';
import { fileOf, read, update } from './fixtures/store-access.js';

/** Each kind of character XML forbids or a one-line field must not hold. */
const FORBIDDEN_EVERYWHERE = {
  'a NUL': '\u0000',
  'a bell': '\u0007',
  'an escape': '\u001b',
  'a DEL': '\u007f',
  'U+FFFE': '\uFFFE',
  'U+FFFF': '\uFFFF',
  'a lone high surrogate': '\uD800',
  'a lone low surrogate': '\uDC00',
};
const LINE_BREAKS_AND_TABS = { 'a line break': '\n', 'a carriage return': '\r', 'a tab': '\t' };
const hostile = (kind: string) => `Mi${kind}lk`;

interface FieldCase {
  method: 'post' | 'put';
  url: string;
  /** A valid body; `field` is then replaced by the hostile text. */
  body: Record<string, unknown>;
  field: string;
  /** The detail path the 400 names (keywords are named by their place in the list). */
  path?: string;
  oneLine: boolean;
}

const department = { name: 'Toys', extension: '150', keywords: ['toys'], description: 'Games' };
const product = { name: 'Robot', price: 5, stock: 1, sku: 'ROBOT-1', location: 'Aisle 9', keywords: ['robot'] };
const FIELDS: FieldCase[] = [
  { method: 'put', url: '/api/store-info', body: {}, field: 'name', oneLine: true },
  { method: 'put', url: '/api/store-info', body: {}, field: 'address', oneLine: true },
  { method: 'put', url: '/api/store-info', body: {}, field: 'greetingMessage', oneLine: false },
  { method: 'post', url: '/api/departments', body: department, field: 'name', oneLine: true },
  { method: 'post', url: '/api/departments', body: department, field: 'keywords', path: 'keywords[0]', oneLine: true },
  { method: 'post', url: '/api/departments', body: department, field: 'description', oneLine: false },
  { method: 'post', url: '/api/inventory', body: product, field: 'name', oneLine: true },
  { method: 'post', url: '/api/inventory', body: product, field: 'sku', oneLine: true },
  { method: 'post', url: '/api/inventory', body: product, field: 'location', oneLine: true },
  { method: 'post', url: '/api/inventory', body: product, field: 'keywords', path: 'keywords[0]', oneLine: true },
  { method: 'post', url: '/api/coupons', body: { code: 'TOYS', description: 'Toys', discountType: 'amount', discountValue: 1 }, field: 'code', oneLine: true },
  { method: 'post', url: '/api/coupons', body: { code: 'TOYS', description: 'Toys', discountType: 'amount', discountValue: 1 }, field: 'description', oneLine: false },
  { method: 'post', url: '/api/voice-templates', body: { key: 'greeting_two', text: 'Hi', active: false }, field: 'text', oneLine: false },
  { method: 'put', url: '/api/settings', body: {}, field: 'voice', oneLine: true },
];

function bodyWith(c: FieldCase, value: string): Record<string, unknown> {
  return { ...c.body, [c.field]: c.field === 'keywords' ? [value] : value };
}

/** Every webhook, as Twilio would call it in one call, with the raw XML of each answer. */
async function everyWebhook(app: Express, callSid: string): Promise<{ what: string; xml: string }[]> {
  const caller = { CallSid: callSid, From: '+15551234567', To: '+15555550100' };
  const answers: { what: string; xml: string }[] = [];
  const post = async (what: string, url: string, form: Record<string, string>) => {
    const res = await request(app).post(url).type('form').send({ ...caller, ...form });
    assert.equal(res.status, 200, `${what}: ${res.text}`);
    answers.push({ what, xml: res.text });
  };
  await post('incoming call', '/voice', { CallStatus: 'ringing' });
  const get = await request(app).get('/voice').query({ ...caller, CallSid: `${callSid}-get` });
  answers.push({ what: 'incoming call (GET)', xml: get.text });
  await post('a product question', '/voice/gather', { SpeechResult: 'do you have milk' });
  await post('a product nobody stocks', '/voice/gather', { SpeechResult: 'do you have a hovercraft' });
  await post('silence', '/voice/gather', {});
  await post('keyed digits', '/voice/gather', { Digits: '9' });
  await post('a department', '/voice/gather', { SpeechResult: 'the pharmacy please' });
  await post('a transfer nobody answered', '/voice/dial-status', { DialCallStatus: 'no-answer' });
  await post('the status callback', '/voice/status', { CallStatus: 'completed', CallDuration: '30' });
  return answers;
}

async function assertEveryWebhookWellFormed(app: Express, callSid: string): Promise<string[]> {
  const answers = await everyWebhook(app, callSid);
  for (const { what, xml } of answers) assertWellFormedXml(xml, what);
  return answers.map((a) => a.xml);
}

describe('stored text: characters XML forbids, through the API', () => {
  let f: ApiFixture;
  before(async () => (f = await apiFixture()));
  after(() => f.cleanup());

  const allBytes = () => Promise.all((['storeInfo', 'settings', 'departments', 'inventory', 'coupons', 'voiceTemplates', 'audit'] as const).map((n) => f.bytes(n)));

  for (const [kind, character] of Object.entries(FORBIDDEN_EVERYWHERE)) {
    test(`When ${kind} is saved in any text field, then 400 names the field, nothing is written, and every webhook's TwiML is well-formed`, async () => {
      const before = await allBytes();
      for (const c of FIELDS) {
        const res = await f[c.method](c.url, bodyWith(c, hostile(character)));
        assert.equal(res.status, 400, `${c.url} ${c.field}`);
        const details = (res.body as ErrorBody).error.details;
        const detail = details.find((d) => d.path === (c.path ?? c.field));
        assert.ok(detail, `${c.url} ${c.field}: ${JSON.stringify(details)}`);
        if (c.field !== 'code') assert.match(detail.message, /must not contain .*control characters/);
      }
      assert.deepEqual(await allBytes(), before);
      await assertEveryWebhookWellFormed(f.app, `CA-api-${kind.replace(/\W/g, '')}`);
    });
  }

  test('When a line break or a tab is saved in a one-line field, then 400 names the field; in a long text it is kept', async () => {
    for (const [kind, character] of Object.entries(LINE_BREAKS_AND_TABS)) {
      for (const c of FIELDS) {
        const res = await f[c.method](c.url, bodyWith(c, hostile(character)));
        if (c.oneLine) {
          assert.equal(res.status, 400, `${kind} in ${c.url} ${c.field}`);
          assert.ok((res.body as ErrorBody).error.details.some((d) => d.path === (c.path ?? c.field)), `${kind} in ${c.url} ${c.field}`);
        } else {
          assert.ok(res.status === 200 || res.status === 201, `${kind} in ${c.url} ${c.field}: ${res.status} ${res.text}`);
          assert.equal(res.body[c.field], hostile(character));
          if (res.status === 201) await f.del(`${c.url}/${res.body.id}`).expect(200);
        }
      }
    }
    await f.put('/api/store-info', { greetingMessage: 'Welcome to Maple Street Market.\r\nHow can I help?' }).expect(200);
    await assertEveryWebhookWellFormed(f.app, 'CA-api-lines');
  });

  test('When a bulk import has a control character in one row, then 400 names that row and field and nothing is imported', async () => {
    const before = await f.bytes('inventory');
    const res = await f
      .post('/api/inventory/bulk', { items: [{ name: 'Fine', price: 1, stock: 1 }, { name: 'Bad', price: 1, stock: 1, keywords: ['ok', 'b\u0007d'] }] })
      .expect(400);
    const [detail] = (res.body as ErrorBody).error.details;
    assert.deepEqual([detail.index, detail.field, detail.path], [1, 'keywords', '[1].keywords[1]']);
    assert.equal(await f.bytes('inventory'), before);
  });

  test('When a backup holds a control character, then the restore is refused naming where, and nothing is replaced', async () => {
    const backup = (await f.get('/api/backup').expect(200)).body;
    backup.departments[0].description = 'Fresh\u001b[31m';
    const before = await f.bytes('departments');
    const res = await f.post('/api/restore', backup).expect(400);
    assert.ok((res.body as ErrorBody).error.details.some((d) => d.path === 'departments[0].description'), JSON.stringify((res.body as ErrorBody).error.details));
    assert.equal(await f.bytes('departments'), before);
  });

  test('When a staff member\'s name holds a control character, then the store refuses it naming the field', async () => {
    const ctx = { store: f.store, logger: createLogger({ level: 'silent' }), actor: 'admin', now: () => new Date() };
    await assert.rejects(addStaff(ctx, { username: 'erin', name: 'Erin\u0000', role: 'staff', password: 'a-long-password' }), (error: ErrorBody['error'] & Error) => {
      assert.equal(error.details[0].path, 'name');
      assert.match(error.details[0].message, /control characters/);
      return true;
    });
  });
});

describe('stored text: what a hand-edited file or any data holds never reaches TwiML raw', () => {
  test('When the webhooks answer from data holding every kind of forbidden character, then each answer is well-formed and has none of them', async () => {
    // Bypasses every check of the store, as data from a future field or an old file would.
    // Joined with a dash, so the two lone surrogates do not make one valid pair.
    const poison = Object.values(FORBIDDEN_EVERYWHERE).join('-');
    const voice = await voiceFixture({
      wrapStore: (store) =>
        new Proxy(store, {
          get(target, property, receiver) {
            if (property !== 'callData') return Reflect.get(target, property, receiver);
            // Every webhook answers from the read model: poison what it hands out.
            return async () => {
              const data = await target.callData();
              return {
                ...data,
                departments: data.departments.map((d) => ({ ...d, name: `${d.name}${poison}`, keywords: [...d.keywords, `x${poison}y`] })),
                inventory: data.inventory.map((p) => ({ ...p, name: `${p.name}${poison}`, keywords: [...p.keywords, `k${poison}`] })),
                storeInfo: { ...data.storeInfo, greetingMessage: `Hello${poison} there.` },
                settings: { ...data.settings, voice: `Polly.Joanna${'\u0007'}` },
              };
            };
          },
        }) as Store,
    });
    try {
      const xmls = await assertEveryWebhookWellFormed(voice.app, 'CA-poisoned');
      const all = xmls.join('');
      assert.match(all, /hints="[^"]*Pharmacy/, 'the hints are still there');
      for (const character of Object.values(FORBIDDEN_EVERYWHERE)) assert.ok(!all.includes(character), `found ${JSON.stringify(character)}`);
    } finally {
      await voice.cleanup();
    }
  });

  test('When a data file is edited by hand to hold a control character, then the store names the file, and the webhooks keep answering well-formed TwiML (also after a restart)', async () => {
    const { logger, lines } = capturingLogger();
    const voice = await voiceFixture({ logger });
    try {
      await assertEveryWebhookWellFormed(voice.app, 'CA-before-edit');
      // One write through the store first, so a good copy is kept as .bak, as on any store in use.
      const inventory = await update(voice.store, 'inventory', (all) => all.map((p, i) => (i === 0 ? { ...p, stock: p.stock + 1 } : p)));
      const file = fileOf(voice.dir, 'inventory');
      const edited = inventory.map((p, i) => (i === 0 ? { ...p, keywords: [...p.keywords, 'dai\u0007ry'] } : p));
      await writeFile(`${file}.tmp`, JSON.stringify(edited, null, 2));
      await rename(`${file}.tmp`, file);
      // The API reads the file at once (the webhooks within a second): the store names the file and the field.
      await read(voice.store, 'inventory');
      const problem = lines.find((l) => String(l.problem ?? '').includes('inventory.json'));
      assert.match(String(problem?.problem), /\[0\]\.keywords\[\d+\]: must not contain line breaks, tabs or other control characters/);
      await assertEveryWebhookWellFormed(voice.app, 'CA-after-edit');
      // A restarted service has no good copy in memory: it serves the .bak, still with well-formed TwiML.
      const restarted = await openStore({ dataDir: voice.dir, logger });
      await assertEveryWebhookWellFormed(createVoiceApp({ store: restarted, logger, apiToken: 'test-api-token-voice', clock: () => WEDNESDAY_3PM }), 'CA-after-restart');
    } finally {
      await voice.cleanup();
    }
  });

  test('When the TwiML builder is given forbidden characters in every text and attribute, then it leaves them out', () => {
    // Joined with a dash, so the two lone surrogates do not make one valid pair.
    const poison = Object.values(FORBIDDEN_EVERYWHERE).join('-');
    const settings = { voice: `Polly.Joanna${poison}`, language: `en-US${poison}`, speechTimeout: 2, speechModel: 'phone_call', maxAttempts: 3, operatorExtension: '0', announceCoupons: false, transferTimeout: 20 } as unknown as Settings;
    const decisions: Decision[] = [
      { intent: 'product', say: [`Milk${poison} is $3.`], next: { kind: 'gather', prompt: [`Anything${poison} else?`] } } as unknown as Decision,
      { intent: 'department', say: [`Transferring${poison}`], next: { kind: 'dial', target: { number: `+15555550100${poison}`, sendDigits: `ww101${poison}` } } } as unknown as Decision,
      { intent: 'goodbye', say: [`Bye${poison}`], next: { kind: 'hangup' } } as unknown as Decision,
    ];
    for (const decision of decisions) {
      const xml = decisionToTwiml(decision, { settings, hints: `milk${poison}, bread`, urlFor: (p) => `https://example.test${p}${poison}` });
      assertWellFormedXml(xml, decision.intent);
      assert.match(xml, /Polly\.Joanna/);
    }
  });
});

describe('stored text: the dashboard shows the refusal next to the field', () => {
  const admin = adminSession();

  test('When a product name or a department keyword holds a control character, then the form shows it next to that field in plain words and keeps what was typed', async () => {
    const product = await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name: 'Bell\u0007 Peppers', price: '1', stock: '1', location: 'Aisle 2' }).expect(400);
    assert.match(product.text, /<p class="field-error" id="f-name-error">Name: must not contain line breaks, tabs or other control characters \(there is one at character 5\)<\/p>/);
    const department = await admin.agent.post('/departments').type('form').send({ _csrf: admin.csrf, name: 'Garden', extension: '121', keywords: 'plants, so\til' }).expect(400);
    assert.match(department.text, /id="f-keywords-error">Keywords: must not contain line breaks, tabs or other control characters/);
    assert.match(department.text, /value="Garden"/);
  });

  test('When the greeting has several lines, then it is saved with its line breaks', async () => {
    const current = await read(admin.stack.store, 'storeInfo');
    const res = await admin.agent
      .post('/store-info')
      .type('form')
      .send({ _csrf: admin.csrf, ...storeInfoForm(current), greetingMessage: 'Welcome!\r\nHow can I help?' });
    assert.equal(res.status, 303, res.text.slice(0, 2000));
    assert.equal((await read(admin.stack.store, 'storeInfo')).greetingMessage, 'Welcome!\r\nHow can I help?');
  });

  test('When a CSV import has a control character in a cell, then the report names its line and field and nothing is imported', async () => {
    const before = await read(admin.stack.store, 'inventory');
    const csv = 'sku,name,price,stock\nA-1,Apples,1,1\nB-1,"Ba\u001bnanas",1,1\nC-1,"Two\nlines",1,1\n';
    const res = await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).field('csv', csv).expect(400);
    assert.match(res.text, /<td>3<\/td><td>name<\/td><td>must not contain line breaks, tabs or other control characters \(there is one at character 3\)/);
    assert.equal([...res.text.matchAll(/<td>name<\/td><td>must not contain line breaks/g)].length, 2, 'the cell with a line break is reported too');
    assert.equal(await read(admin.stack.store, 'inventory'), before);
  });
});

/** The store-info form's fields for a record (input names are the API's paths, like hours.mon.open). */
function storeInfoForm(info: { name: string; address: string; phone: string; timezone: string; hours: Record<string, { open: string; close: string } | null> }): Record<string, string> {
  const form: Record<string, string> = { name: info.name, address: info.address, phone: info.phone, timezone: info.timezone };
  for (const [day, hours] of Object.entries(info.hours)) {
    if (hours) {
      form[`hours.${day}.open`] = hours.open;
      form[`hours.${day}.close`] = hours.close;
    } else form[`hours.${day}.closed`] = 'on';
  }
  return form;
}
