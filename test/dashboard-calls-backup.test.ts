import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { adminSession } from './fixtures/dashboard-stack.js';
import { auditLines, fileOf, read } from './fixtures/store-access.js';

describe('dashboard: calls, audit log, backup and restore', () => {
  const admin = adminSession(async (stack) => {
    const hourAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await stack.store.calls.append({
      callSid: 'CA1',
      from: '+15551230001',
      startedAt: hourAgo(3),
      outcome: 'answered',
      turns: [
        { at: hourAgo(3), heard: 'do you have <b>kombucha</b>', intent: 'product', query: 'kombucha', unmet: true, said: 'Sorry, I could not find kombucha.' },
        { at: hourAgo(3), heard: 'how much is milk', intent: 'product', product: 'Whole Milk, 1 Gallon', productId: 'prod-0001', said: 'Whole Milk is 3 dollars 79.' },
      ],
      unmetRequests: ['kombucha'],
    });
    await stack.store.calls.append({
      callSid: 'CA2',
      from: '+15551230002',
      startedAt: hourAgo(2),
      outcome: 'transferred',
      transferredTo: { departmentId: 'dept-pharmacy', name: 'Pharmacy', extension: '101' },
      turns: [{ at: hourAgo(2), heard: 'I need a refill', intent: 'department', department: 'Pharmacy', said: 'Please hold while I transfer you to Pharmacy.' }],
      unmetRequests: [],
    });
    await stack.store.calls.append({ callSid: 'CA2', status: 'completed', durationSeconds: 42, turns: [], unmetRequests: [] });
  });

  test('When calls are logged, then the calls page shows each turn, unmet requests ranked, transfers per department and a chart', async () => {
    const page = await admin.agent.get('/calls').expect(200);
    assert.match(page.text, /do you have &lt;b&gt;kombucha&lt;\/b&gt;/);
    assert.match(page.text, /Please hold while I transfer you to Pharmacy\./);
    assert.match(page.text, /Unmet requests: what to stock[\s\S]*?<span>kombucha<\/span> <span class="count">1<\/span>/);
    assert.match(page.text, /Transfers per department[\s\S]*?<span>Pharmacy<\/span> <span class="count">1<\/span>/);
    assert.match(page.text, /Products callers asked for[\s\S]*?Whole Milk, 1 Gallon/);
    assert.match(page.text, /<svg class="chart"/);
    assert.equal((page.text.match(/<rect /g) ?? []).length, 14);
    assert.match(page.text, /42 s/, 'the status callback line was merged in');
    const overview = await admin.agent.get('/').expect(200);
    assert.match(overview.text, /\+15551230002/);
  });

  test('When a change is made in the dashboard, then the audit log page shows who made it', async () => {
    await admin.agent.post('/coupons/coupon-dairy1').type('form').send({ _csrf: admin.csrf, code: 'DAIRY1', description: 'Audited change', discountType: 'amount', discountValue: '1.5', active: 'on' }).expect(303);
    const page = await admin.agent.get('/audit').expect(200);
    assert.match(page.text, /<td>admin<\/td>\s*<td>update<\/td>\s*<td>coupons/);
    assert.match(page.text, /discountValue/);
  });

  test('When a backup is downloaded, changed and restored, then the change is in the store; a broken backup changes nothing', async () => {
    const download = await admin.agent.get('/backup/download').expect(200);
    assert.match(String(download.headers['content-disposition']), /attachment; filename="?store-backup-/);
    const backup = JSON.parse(download.text);
    assert.equal(backup.inventory.length, (await read(admin.stack.store, 'inventory')).length);

    const before = await readFile(fileOf(admin.stack.dir, 'storeInfo'), 'utf8');
    const broken = { ...backup, storeInfo: { ...backup.storeInfo, phone: 'not a phone' } };
    const refused = await admin.agent.post('/backup/restore').field('_csrf', admin.csrf).field('confirm', 'on').attach('backup', Buffer.from(JSON.stringify(broken)), 'broken.json').expect(400);
    assert.match(refused.text, /storeInfo\.phone/);
    assert.equal(await readFile(fileOf(admin.stack.dir, 'storeInfo'), 'utf8'), before);

    const notJson = await admin.agent.post('/backup/restore').field('_csrf', admin.csrf).field('confirm', 'on').attach('backup', Buffer.from('{nope'), 'x.json').expect(400);
    assert.match(notJson.text, /is not JSON/);
    const unconfirmed = await admin.agent.post('/backup/restore').field('_csrf', admin.csrf).attach('backup', Buffer.from(JSON.stringify(backup)), 'b.json').expect(400);
    assert.match(unconfirmed.text, /Tick the box/);

    const changed = { ...backup, storeInfo: { ...backup.storeInfo, greetingMessage: 'Restored greeting' } };
    await admin.agent.post('/backup/restore').field('_csrf', admin.csrf).field('confirm', 'on').attach('backup', Buffer.from(JSON.stringify(changed)), 'good.json').expect(303);
    assert.equal((await read(admin.stack.store, 'storeInfo')).greetingMessage, 'Restored greeting');
    const audit = await auditLines(admin.stack.store);
    assert.equal(audit.at(-1)?.action, 'restore');
    assert.equal(audit.at(-1)?.actor, 'admin');
  });
});
