import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { addStaff, dashboardStack, loggedIn, type DashboardStack } from './fixtures/dashboard-stack.js';
import { read } from './fixtures/store-access.js';

describe('dashboard: the two upload forms (CSV import, backup restore)', () => {
  let stack: DashboardStack;
  let admin: Awaited<ReturnType<typeof loggedIn>>;
  before(async () => {
    stack = await dashboardStack();
    await addStaff(stack.store, 'clerk', 'clerk-password-1', 'staff');
    admin = await loggedIn(stack.app);
  });
  after(() => stack.close());

  const inventory = async () => JSON.stringify(await read(stack.store, 'inventory'));
  const storeInfo = async () => JSON.stringify(await read(stack.store, 'storeInfo'));

  test('When a CSV file with accents in its name and its rows is uploaded, then its text arrives as UTF-8', async () => {
    const csv = 'sku,name,price,stock\nCAFE-1,Café crème fraîche,2.5,3\n';
    await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).attach('file', Buffer.from(csv), 'stock é.csv').expect(303);
    const product = (await read(stack.store, 'inventory')).find((p) => p.sku === 'CAFE-1');
    assert.equal(product?.name, 'Café crème fraîche');
  });

  test('When a backup file with an accented name is restored, then the page names that file', async () => {
    const backup = JSON.parse((await admin.agent.get('/backup/download').expect(200)).text);
    await admin.agent.post('/backup/restore').field('_csrf', admin.csrf).field('confirm', 'on').attach('backup', Buffer.from(JSON.stringify(backup)), 'sauvegarde é.json').expect(303);
    const page = await admin.agent.get('/backup').expect(200);
    assert.match(page.text, /Restored the data from sauvegarde é\.json\./);
  });

  test('When either upload has no CSRF token, or another session\'s, then it is refused with 403 and nothing changes', async () => {
    const [items, info] = [await inventory(), await storeInfo()];
    const other = await loggedIn(stack.app);
    await admin.agent.post('/inventory/import').field('csv', 'name,price,stock\nForged,1,1\n').attach('file', Buffer.from('name,price,stock\nForged,1,1\n'), 'x.csv').expect(403);
    await admin.agent.post('/inventory/import').field('_csrf', other.csrf).attach('file', Buffer.from('name,price,stock\nForged,1,1\n'), 'x.csv').expect(403);
    await admin.agent.post('/backup/restore').field('confirm', 'on').attach('backup', Buffer.from('{}'), 'b.json').expect(403);
    await admin.agent.post('/backup/restore').type('form').send({ confirm: 'on' }).expect(403);
    // Any other form sent as multipart is still checked app-wide, before its route runs.
    await admin.agent.post('/inventory/prod-0001/delete').field('_csrf', admin.csrf).expect(403);
    assert.equal(await inventory(), items);
    assert.equal(await storeInfo(), info);
  });

  test('When an anonymous visitor uploads, then it is refused before the body is read (401); a staff user may not restore (403)', async () => {
    const items = await inventory();
    const anonymous = await request(stack.app).post('/inventory/import').field('_csrf', 'guess').attach('file', Buffer.from('name,price,stock\nForged,1,1\n'), 'x.csv');
    assert.equal(anonymous.status, 401);
    const clerk = await loggedIn(stack.app, 'clerk', 'clerk-password-1');
    const refused = await clerk.agent.post('/backup/restore').field('_csrf', clerk.csrf).field('confirm', 'on').attach('backup', Buffer.from('{}'), 'b.json');
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Only admin users can do this/);
    assert.equal(await inventory(), items);
  });

  test('When an upload is cut short or is not multipart at all, then it is refused with 400 and nothing changes', async () => {
    const items = await inventory();
    const boundary = 'x1';
    const truncated = [`--${boundary}`, 'Content-Disposition: form-data; name="_csrf"', '', admin.csrf, `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="a.csv"', '', 'name,price,stock\r\nCut,1,1'].join('\r\n');
    const cut = await admin.agent.post('/inventory/import').set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(truncated);
    assert.equal(cut.status, 400);
    assert.match(cut.text, /not valid multipart/);
    const noBoundary = await admin.agent.post('/inventory/import').set('Content-Type', 'multipart/form-data').send('whatever');
    assert.equal(noBoundary.status, 400);
    assert.equal(await inventory(), items);
  });

  test('When an uploaded file is over 64 MB, then it is refused with 413 and nothing changes', { timeout: 60_000 }, async () => {
    const items = await inventory();
    const huge = Buffer.alloc(64 * 1024 * 1024 + 1, 'a');
    const res = await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).attach('file', huge, 'huge.csv');
    assert.equal(res.status, 413);
    assert.match(res.text, /larger than 64 MB/);
    assert.equal(await inventory(), items);
  });
});
