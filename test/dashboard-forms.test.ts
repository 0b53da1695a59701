import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { adminSession, closeServer, dashboardStack, listenOn, loggedIn, sameBrowser, type DashboardStack } from './fixtures/dashboard-stack.js';
import { auditLines, fileOf, read } from './fixtures/store-access.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const hours = (open = '08:00', close = '21:00') => Object.fromEntries(DAYS.flatMap((d) => [[`hours.${d}.open`, open], [`hours.${d}.close`, close]]));

describe('dashboard: forms save through the voice API', () => {
  const admin = adminSession();

  test('When the store info is saved with Sunday closed, then the API has the new greeting and a null Sunday, and the audit names the user', async () => {
    await admin.agent
      .post('/store-info')
      .type('form')
      .send({ _csrf: admin.csrf, name: 'Maple Street Market', greetingMessage: 'Welcome to Maple!', address: '123 Maple Street', phone: '+15555550100', timezone: 'America/New_York', ...hours(), 'hours.sun.closed': 'on' })
      .expect(303);
    const info = await read(admin.stack.store, 'storeInfo');
    assert.equal(info.greetingMessage, 'Welcome to Maple!');
    assert.equal(info.timezone, 'America/New_York');
    assert.equal(info.hours.sun, null);
    assert.deepEqual(info.hours.mon, { open: '08:00', close: '21:00' });
    const audit = await auditLines(admin.stack.store);
    assert.ok(audit.some((e) => e.collection === 'storeInfo' && e.actor === 'admin'));
    const page = await admin.agent.get('/store-info').expect(200);
    assert.match(page.text, /Saved store info\./);
    assert.match(page.text, /name="hours\.sun\.closed" checked/);
  });

  test('When the store info has a bad phone and a bad time, then the API\'s messages show next to those fields and every typed value stays', async () => {
    const before = await readFile(fileOf(admin.stack.dir, 'storeInfo'), 'utf8');
    const res = await admin.agent
      .post('/store-info')
      .type('form')
      .send({ _csrf: admin.csrf, name: 'Typed Name <b>', greetingMessage: 'Typed greeting', address: 'Typed address', phone: '555-0100', timezone: 'America/Chicago', ...hours(), 'hours.tue.close': '25:99' })
      .expect(400);
    assert.match(res.text, /Store phone number: must be a phone number in E\.164 form/);
    assert.match(res.text, /Tuesday: must be a time as HH:MM/);
    assert.match(res.text, /value="Typed Name &lt;b&gt;"/);
    assert.match(res.text, />Typed greeting</);
    assert.match(res.text, /value="555-0100"/);
    assert.match(res.text, /value="25:99"/);
    assert.equal(await readFile(fileOf(admin.stack.dir, 'storeInfo'), 'utf8'), before);
  });

  test('When a product is added, then it is in the API, and a bad price shows the API message and keeps the typed name', async () => {
    await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name: 'Oat Milk, 64 oz', sku: 'OAT-64', price: '4.49', stock: '12', location: 'Aisle 1', departmentId: 'dept-dairy', keywords: 'oat milk, plant milk', active: 'on' }).expect(303);
    const oat = (await read(admin.stack.store, 'inventory')).find((p) => p.sku === 'OAT-64');
    assert.deepEqual(oat && { price: oat.price, stock: oat.stock, keywords: oat.keywords, departmentId: oat.departmentId }, { price: 4.49, stock: 12, keywords: ['oat milk', 'plant milk'], departmentId: 'dept-dairy' });

    const count = (await read(admin.stack.store, 'inventory')).length;
    const bad = await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name: 'Typed Almond Milk', price: '-2', stock: '1.5', location: 'Aisle 9' }).expect(400);
    assert.match(bad.text, /Price \(\$\): must be 0 or more/);
    assert.match(bad.text, /Stock: must be a whole number/);
    assert.match(bad.text, /value="Typed Almond Milk"/);
    assert.match(bad.text, /value="-2"/);
    assert.match(bad.text, /value="Aisle 9"/);
    const notNumber = await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name: 'Typed Rice Milk', price: 'cheap', stock: '3' }).expect(400);
    assert.match(notNumber.text, /Price \(\$\): must be a number/);
    assert.match(notNumber.text, /value="cheap"/);
    assert.equal((await read(admin.stack.store, 'inventory')).length, count, 'nothing saved');
  });

  test('When a product is edited to clear its department and a duplicate SKU is refused, then the API gets null and the 409 shows on the form', async () => {
    const id = (await read(admin.stack.store, 'inventory')).find((p) => p.sku === 'OAT-64')!.id;
    await admin.agent.post(`/inventory/${id}`).type('form').send({ _csrf: admin.csrf, name: 'Oat Milk, 64 oz', sku: 'OAT-64', price: '4.29', stock: '10', location: 'Aisle 1', departmentId: '', keywords: '', active: 'on' }).expect(303);
    const saved = (await read(admin.stack.store, 'inventory')).find((p) => p.id === id)!;
    assert.equal(saved.departmentId, undefined);
    assert.deepEqual(saved.keywords, []);
    const dup = await admin.agent.post(`/inventory/${id}`).type('form').send({ _csrf: admin.csrf, name: 'Oat Milk, 64 oz', sku: 'SKU-10001', price: '4.29', stock: '10' }).expect(409);
    assert.match(dup.text, /SKU-10001/);
    assert.match(dup.text, /value="SKU-10001"/);
  });

  test('When the inventory is searched and paged, then the page shows the matches and a pager', async () => {
    const found = await admin.agent.get('/inventory?q=milk').expect(200);
    assert.match(found.text, /Whole Milk, 1 Gallon/);
    assert.doesNotMatch(found.text, /Bananas/);
    const first = await admin.agent.get('/inventory').expect(200);
    assert.match(first.text, /Page 1 of \d/);
    const second = await admin.agent.get('/inventory?page=2').expect(200);
    assert.match(second.text, /Page 2 of/);
  });

  test('When data holds <script>, then every page shows it as text', async () => {
    await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name: '<script>alert(1)</script> Soda', price: '1', stock: '1', location: '"><img src=x onerror=alert(2)>' }).expect(303);
    const list = await admin.agent.get('/inventory?q=soda').expect(200);
    assert.doesNotMatch(list.text, /<script>alert\(1\)/);
    assert.match(list.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; Soda/);
    assert.doesNotMatch(list.text, /<img src=x/);
  });

  test('When a department is added, edited and deleted, then each lands in the API; a department in use is not deleted without confirmation', async () => {
    await admin.agent.post('/departments').type('form').send({ _csrf: admin.csrf, name: 'Garden Centre', extension: '120', keywords: 'garden, plants; soil', description: 'Outdoor plants', active: 'on' }).expect(303);
    const garden = (await read(admin.stack.store, 'departments')).find((d) => d.name === 'Garden Centre')!;
    assert.deepEqual(garden.keywords, ['garden', 'plants', 'soil']);
    const dup = await admin.agent.post('/departments').type('form').send({ _csrf: admin.csrf, name: 'Other', extension: '120' }).expect(409);
    assert.match(dup.text, /120/);
    await admin.agent.post(`/departments/${garden.id}/delete`).type('form').send({ _csrf: admin.csrf }).expect(303);
    assert.ok(!(await read(admin.stack.store, 'departments')).some((d) => d.id === garden.id));

    const inUse = await admin.agent.post('/departments/dept-floral/delete').type('form').send({ _csrf: admin.csrf }).expect(303);
    assert.equal(inUse.headers.location, '/departments/dept-floral');
    const page = await admin.agent.get('/departments/dept-floral').expect(200);
    assert.match(page.text, /Not deleted: .*used by 2 products/);
    await admin.agent.post('/departments/dept-floral/delete').type('form').send({ _csrf: admin.csrf, unassignProducts: 'on' }).expect(303);
    assert.ok(!(await read(admin.stack.store, 'departments')).some((d) => d.id === 'dept-floral'));
    assert.ok(!(await read(admin.stack.store, 'inventory')).some((p) => p.departmentId === 'dept-floral'));
  });

  test('When a coupon is saved with a percent over 100 and dates in the wrong order, then both messages show and nothing is saved', async () => {
    const res = await admin.agent.post('/coupons').type('form').send({ _csrf: admin.csrf, code: 'BIG', description: 'Too big', discountType: 'percent', discountValue: '150', validFrom: '2026-05-01', validUntil: '2026-04-01', active: 'on' }).expect(400);
    assert.match(res.text, /Discount value: a percent discount must be at most 100/);
    assert.match(res.text, /Valid until: must not be before validFrom/);
    assert.match(res.text, /value="2026-05-01"/);
    assert.ok(!(await read(admin.stack.store, 'coupons')).some((c) => c.code === 'BIG'));
    await admin.agent.post('/coupons').type('form').send({ _csrf: admin.csrf, code: 'BIG', description: 'Big', discountType: 'percent', discountValue: '15', validFrom: '', validUntil: '2030-01-01', active: 'on' }).expect(303);
    const big = (await read(admin.stack.store, 'coupons')).find((c) => c.code === 'BIG')!;
    assert.equal(big.validFrom, undefined);
    assert.equal(big.validUntil, '2030-01-01');
  });

  test('When a voice template is previewed, then the spoken text shows with sample values and nothing is saved; an unknown placeholder is refused', async () => {
    const before = await readFile(fileOf(admin.stack.dir, 'voiceTemplates'), 'utf8');
    const preview = await admin.agent.post('/voice-templates/tpl-goodbye').type('form').send({ _csrf: admin.csrf, key: 'goodbye', text: 'Bye from {{storeName}} at {{address}}!', active: 'on', intent: 'preview' }).expect(200);
    assert.match(preview.text, /Bye from Maple Street Market at 123 Maple Street/);
    assert.equal(await readFile(fileOf(admin.stack.dir, 'voiceTemplates'), 'utf8'), before);
    const bad = await admin.agent.post('/voice-templates/tpl-goodbye').type('form').send({ _csrf: admin.csrf, key: 'goodbye', text: 'Bye {{customer}}', active: 'on' }).expect(400);
    assert.match(bad.text, /unknown placeholder \{\{customer\}\}/);
    assert.match(bad.text, />Bye \{\{customer\}\}</);
    await admin.agent.post('/voice-templates/tpl-goodbye').type('form').send({ _csrf: admin.csrf, key: 'goodbye', text: 'See you at {{storeName}}.', active: 'on' }).expect(303);
    assert.equal((await read(admin.stack.store, 'voiceTemplates')).find((t) => t.id === 'tpl-goodbye')?.text, 'See you at {{storeName}}.');
  });

  test('When settings are saved, then the speech choices and numbers are typed right; a bad value shows its message', async () => {
    await admin.agent.post('/settings').type('form').send({ _csrf: admin.csrf, voice: 'Polly.Matthew', language: 'en-GB', speechModel: 'numbers_and_commands', speechTimeout: '4', maxAttempts: '2', operatorExtension: '0', transferTimeout: '30', announceCoupons: 'on' }).expect(303);
    const settings = await read(admin.stack.store, 'settings');
    assert.deepEqual(settings, { voice: 'Polly.Matthew', language: 'en-GB', speechModel: 'numbers_and_commands', speechTimeout: 4, maxAttempts: 2, operatorExtension: '0', transferTimeout: 30, announceCoupons: true });
    const bad = await admin.agent.post('/settings').type('form').send({ _csrf: admin.csrf, voice: 'Polly.Matthew', language: 'english', speechTimeout: 'soon', maxAttempts: '20', operatorExtension: '0', transferTimeout: '30' }).expect(400);
    assert.match(bad.text, /Language: must be a language tag like en-US/);
    assert.match(bad.text, /Attempts before the operator: must be at most 10/);
    assert.match(bad.text, /value="english"/);
  });

  test('When the overview is shown with the default admin password, then it warns, says open or closed, and shows counts', async () => {
    const page = await admin.agent.get('/').expect(200);
    assert.match(page.text, /still has the default password/);
    assert.match(page.text, /Open now|Closed now/);
    assert.match(page.text, /Running/);
    assert.match(page.text, /Products<\/a><\/dt><dd>\d+/);
  });
});

describe('dashboard: when the voice service is down or slow', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack();
  });
  after(() => stack.close());

  test('When the voice service is stopped, then a form says so plainly, keeps what was typed, and the dashboard stays up', async () => {
    const { agent, csrf } = await loggedIn(stack.app);
    await stack.stopVoice();
    const res = await agent.post('/inventory').type('form').send({ _csrf: csrf, name: 'Typed while down', price: '2.50', stock: '4', location: 'Aisle 2' }).expect(503);
    assert.match(res.text, new RegExp(`The voice service at ${stack.voiceUrl.replace(/\./g, '\\.')} is not reachable; nothing was saved\\.`));
    assert.match(res.text, /value="Typed while down"/);
    assert.match(res.text, /value="2.50"/);
    const store = await agent.post('/store-info').type('form').send({ _csrf: csrf, name: 'Down', greetingMessage: 'Typed greeting while down', address: 'a', phone: '+15555550100', timezone: 'America/Chicago', ...hours() }).expect(503);
    assert.match(store.text, /not reachable; nothing was saved/);
    assert.match(store.text, />Typed greeting while down</);
    const list = await agent.get('/coupons').expect(503);
    assert.match(list.text, /The voice service at .* is not reachable/);
    const overview = await agent.get('/').expect(200);
    assert.match(overview.text, /Not reachable/);
    await request(stack.app).get('/health').expect(200);
  });

  test('When the voice service refuses the dashboard\'s API token, then the page says both services need the same API_TOKEN', async () => {
    const { createDashboardApp } = await import('../src/dashboard/app.js');
    const { createLogger } = await import('../src/shared/logger.js');
    const { SESSION_SECRET } = await import('./fixtures/dashboard-stack.js');
    const other = await dashboardStack();
    try {
      const app = createDashboardApp({ sessions: other.dashboardStore.sessions, logger: createLogger({ level: 'silent' }), voiceApiUrl: other.voiceUrl, apiToken: 'a-different-token-123456', sessionSecret: SESSION_SECRET });
      const agent = sameBrowser((await loggedIn(other.app)).agent, app);
      const res = await agent.get('/coupons').expect(502);
      assert.match(res.text, /refused the dashboard&#39;s API token .*Both services must use the same API_TOKEN/);
    } finally {
      await other.close();
    }
  });

  test('When the voice service accepts but never answers, then the page gives up after the timeout with the same plain message', async () => {
    const silent = await listenOn(() => {
      /* never answers */
    });
    const slow = await dashboardStack({ apiTimeoutMs: 300 });
    try {
      const { createDashboardApp } = await import('../src/dashboard/app.js');
      const { createLogger } = await import('../src/shared/logger.js');
      const { API_TOKEN, SESSION_SECRET } = await import('./fixtures/dashboard-stack.js');
      const app = createDashboardApp({ sessions: slow.dashboardStore.sessions, logger: createLogger({ level: 'silent' }), voiceApiUrl: silent.url, apiToken: API_TOKEN, sessionSecret: SESSION_SECRET, apiTimeoutMs: 300 });
      const session = await loggedIn(slow.app);
      const agent = sameBrowser(session.agent, app);
      const csrf = session.csrf;
      const started = Date.now();
      const res = await agent.post('/coupons').type('form').send({ _csrf: csrf, code: 'SLOW', description: 'Typed slowly', discountType: 'amount', discountValue: '1' }).expect(503);
      assert.ok(Date.now() - started < 3_000);
      assert.match(res.text, /not reachable; nothing was saved/);
      assert.match(res.text, /Typed slowly/);
    } finally {
      await closeServer(silent.server);
      await slow.close();
    }
  });
});
