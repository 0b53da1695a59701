import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { addStaff, dashboardStack, loggedIn, type DashboardStack } from './fixtures/dashboard-stack.js';
import { fileOf, read } from './fixtures/store-access.js';

describe('dashboard: CSRF and roles', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack();
    await addStaff(stack.store, 'clerk', 'clerk-password-1', 'staff');
  });
  after(() => stack.close());

  const storeInfoForm = (csrf?: string) => ({
    ...(csrf ? { _csrf: csrf } : {}),
    name: 'Forged Market',
    greetingMessage: 'Forged greeting',
    address: '1 Forged Road',
    phone: '+15555550100',
    timezone: 'America/Chicago',
    ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].flatMap((d) => [[`hours.${d}.open`, '08:00'], [`hours.${d}.close`, '20:00']])),
  });

  test('When a logged-in form is posted without the CSRF token, then it is refused with 403 and nothing changes', async () => {
    const { agent } = await loggedIn(stack.app);
    const before = await readFile(fileOf(stack.dir, 'storeInfo'), 'utf8');
    const res = await agent.post('/store-info').type('form').send(storeInfoForm()).expect(403);
    assert.match(res.text, /Nothing was changed/);
    assert.equal(await readFile(fileOf(stack.dir, 'storeInfo'), 'utf8'), before);
  });

  test('When a form carries a token from another session, then it is refused with 403 and nothing changes', async () => {
    const mine = await loggedIn(stack.app);
    const theirs = await loggedIn(stack.app);
    const before = await readFile(fileOf(stack.dir, 'inventory'), 'utf8');
    await mine.agent.post('/inventory').type('form').send({ _csrf: theirs.csrf + 'x', name: 'Forged product', price: '1', stock: '1' }).expect(403);
    await mine.agent.post('/inventory/prod-0001/delete').type('form').send({ _csrf: 'not-the-token' }).expect(403);
    assert.equal(await readFile(fileOf(stack.dir, 'inventory'), 'utf8'), before);
  });

  test('When a multipart upload has no CSRF token, then it is refused with 403', async () => {
    const { agent } = await loggedIn(stack.app);
    const before = await readFile(fileOf(stack.dir, 'inventory'), 'utf8');
    await agent.post('/inventory/import').attach('file', Buffer.from('name,price,stock\nForged,1,1\n'), 'x.csv').expect(403);
    assert.equal(await readFile(fileOf(stack.dir, 'inventory'), 'utf8'), before);
  });

  test('When a staff user edits a product and a coupon, then it is allowed', async () => {
    const { agent, csrf } = await loggedIn(stack.app, 'clerk', 'clerk-password-1');
    await agent.post('/inventory/prod-0001').type('form').send({ _csrf: csrf, name: 'Whole Milk, 1 Gallon', price: '3.89', stock: '40', location: 'Aisle 1', departmentId: 'dept-dairy', keywords: 'milk', active: 'on' }).expect(303);
    assert.equal((await read(stack.store, 'inventory')).find((p) => p.id === 'prod-0001')?.price, 3.89);
    await agent.post('/coupons/coupon-dairy1').type('form').send({ _csrf: csrf, code: 'DAIRY1', description: '1 dollar off milk', discountType: 'amount', discountValue: '1', active: 'on' }).expect(303);
  });

  test('When a staff user tries admin pages and admin forms, then each answers 403 and nothing changes', async () => {
    const { agent, csrf } = await loggedIn(stack.app, 'clerk', 'clerk-password-1');
    for (const path of ['/staff', '/backup', '/backup/download']) {
      const res = await agent.get(path).expect(403);
      assert.match(res.text, /Only admin users can do this/);
    }
    const files = ['storeInfo', 'settings', 'staff', 'departments'] as const;
    const before = await Promise.all(files.map((f) => readFile(fileOf(stack.dir, f), 'utf8')));
    await agent.post('/store-info').type('form').send(storeInfoForm(csrf)).expect(403);
    await agent.post('/settings').type('form').send({ _csrf: csrf, voice: 'alice', language: 'en-US', speechTimeout: 'auto', maxAttempts: '3', operatorExtension: '0', transferTimeout: '20' }).expect(403);
    await agent.post('/staff').type('form').send({ _csrf: csrf, username: 'sneaky', role: 'admin', password: 'sneaky-password' }).expect(403);
    await agent.post('/departments').type('form').send({ _csrf: csrf, name: 'Sneaky', extension: '999' }).expect(403);
    await agent.post('/departments/dept-bakery/delete').type('form').send({ _csrf: csrf }).expect(403);
    await agent.post('/backup/restore').type('form').send({ _csrf: csrf }).expect(403);
    const afterFiles = await Promise.all(files.map((f) => readFile(fileOf(stack.dir, f), 'utf8')));
    assert.deepEqual(afterFiles, before);
  });

  test('When a staff user opens settings and store info, then they see them read-only without a Save button', async () => {
    const { agent } = await loggedIn(stack.app, 'clerk', 'clerk-password-1');
    for (const path of ['/settings', '/store-info', '/departments/dept-bakery']) {
      const res = await agent.get(path).expect(200);
      assert.match(res.text, /Read only/);
      assert.doesNotMatch(res.text, />Save</);
    }
    const nav = (await agent.get('/').expect(200)).text;
    assert.doesNotMatch(nav, /href="\/staff"/, 'no Staff link for staff users');
  });

  test('When an admin deactivates a logged-in user, then that user\'s next request goes to the login page', async () => {
    const clerk = await loggedIn(stack.app, 'clerk', 'clerk-password-1');
    await clerk.agent.get('/inventory').expect(200);
    const admin = await loggedIn(stack.app);
    await admin.agent.post('/staff/staff-clerk').type('form').send({ _csrf: admin.csrf, name: 'Clerk', role: 'staff' }).expect(303);
    const res = await clerk.agent.get('/inventory').expect(302);
    assert.match(String(res.headers.location), /^\/login/);
  });
});
