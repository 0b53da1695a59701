import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import bcrypt from 'bcryptjs';
import request from 'supertest';
import { BCRYPT_COST } from '../src/voice/domain/staff-use-cases.js';
import { adminSession, csrfOf, type DashboardStack } from './fixtures/dashboard-stack.js';
import { auditLines, read } from './fixtures/store-access.js';

async function canLogIn(stack: DashboardStack, username: string, password: string): Promise<boolean> {
  const agent = request.agent(stack.app);
  const csrf = csrfOf((await agent.get('/login')).text);
  return (await agent.post('/login').type('form').send({ _csrf: csrf, username, password })).status === 302;
}

describe('dashboard: staff accounts', () => {
  const admin = adminSession();

  test('When an admin adds a staff user, then the password is a bcrypt hash of cost ≥ 10, never shown, and the user can log in', async () => {
    await admin.agent.post('/staff').type('form').send({ _csrf: admin.csrf, username: 'maria', name: 'Maria Lopez', role: 'staff', password: 'maria-first-pass' }).expect(303);
    const maria = (await read(admin.stack.store, 'staff')).find((s) => s.username === 'maria')!;
    assert.equal(maria.role, 'staff');
    assert.ok(Number(/^\$2[aby]\$(\d\d)\$/.exec(maria.passwordHash)![1]) >= 10);
    assert.equal(Number(/^\$2[aby]\$(\d\d)\$/.exec(maria.passwordHash)![1]), BCRYPT_COST);
    const page = await admin.agent.get('/staff').expect(200);
    assert.match(page.text, /Maria Lopez/);
    assert.doesNotMatch(page.text, /\$2[aby]\$/);
    assert.ok(await canLogIn(admin.stack, 'maria', 'maria-first-pass'));
    const audit = await auditLines(admin.stack.store);
    assert.ok(audit.some((e) => e.collection === 'staff' && e.action === 'create' && e.actor === 'admin'));
  });

  test('When a new user has a taken username, a bad username or a short password, then the form says which and keeps the typed values', async () => {
    const taken = await admin.agent.post('/staff').type('form').send({ _csrf: admin.csrf, username: 'MARIA', name: 'Typed Name', role: 'admin', password: 'long-enough-pass' }).expect(409);
    assert.match(taken.text, /Username: is already taken/);
    assert.match(taken.text, /value="Typed Name"/);
    assert.match(taken.text, /<option value="admin" selected>/);
    const shortPass = await admin.agent.post('/staff').type('form').send({ _csrf: admin.csrf, username: 'newbie', role: 'staff', password: 'short' }).expect(400);
    assert.match(shortPass.text, /First password: must be at least 8 characters/);
    assert.doesNotMatch(shortPass.text, /value="short"/, 'a password is never echoed back');
    const badName = await admin.agent.post('/staff').type('form').send({ _csrf: admin.csrf, username: 'no spaces allowed', role: 'staff', password: 'long-enough-pass' }).expect(400);
    assert.match(badName.text, /Username: must be 2–40 letters/);
    assert.ok(!(await read(admin.stack.store, 'staff')).some((s) => s.username === 'newbie'));
  });

  test('When an admin resets a password and deactivates a user, then the old password fails, and a deactivated user cannot log in', async () => {
    const id = (await read(admin.stack.store, 'staff')).find((s) => s.username === 'maria')!.id;
    await admin.agent.post(`/staff/${id}/password`).type('form').send({ _csrf: admin.csrf, password: 'maria-second-pass' }).expect(303);
    assert.ok(!(await canLogIn(admin.stack, 'maria', 'maria-first-pass')));
    assert.ok(await canLogIn(admin.stack, 'maria', 'maria-second-pass'));
    await admin.agent.post(`/staff/${id}`).type('form').send({ _csrf: admin.csrf, name: 'Maria Lopez', role: 'staff' }).expect(303);
    assert.equal((await read(admin.stack.store, 'staff')).find((s) => s.id === id)!.active, false);
    assert.ok(!(await canLogIn(admin.stack, 'maria', 'maria-second-pass')));
  });

  test('When the last active admin would lose the role or be deactivated, then it is refused', async () => {
    const res = await admin.agent.post('/staff/staff-admin').type('form').send({ _csrf: admin.csrf, name: 'Admin', role: 'staff', active: 'on' }).expect(409);
    assert.match(res.text, /at least one active admin must remain/);
    await admin.agent.post('/staff/staff-admin').type('form').send({ _csrf: admin.csrf, name: 'Admin', role: 'admin' }).expect(409);
    assert.equal((await read(admin.stack.store, 'staff')).find((s) => s.id === 'staff-admin')!.active, true);
    assert.equal((await read(admin.stack.store, 'staff')).find((s) => s.id === 'staff-admin')!.role, 'admin');
  });

  test('When a user changes their own password, then the current one must be right, and the overview warning about admin123 goes away', async () => {
    assert.match((await admin.agent.get('/').expect(200)).text, /still has the default password/);
    const wrong = await admin.agent.post('/account/password').type('form').send({ _csrf: admin.csrf, currentPassword: 'not-it', newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pass' }).expect(400);
    assert.match(wrong.text, /Current password: is not right/);
    const mismatch = await admin.agent.post('/account/password').type('form').send({ _csrf: admin.csrf, currentPassword: 'admin123', newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pazz' }).expect(400);
    assert.match(mismatch.text, /does not match the new password/);
    const same = await admin.agent.post('/account/password').type('form').send({ _csrf: admin.csrf, currentPassword: 'admin123', newPassword: 'admin123', confirmPassword: 'admin123' }).expect(400);
    assert.match(same.text, /New password/);
    await admin.agent.post('/account/password').type('form').send({ _csrf: admin.csrf, currentPassword: 'admin123', newPassword: 'brand-new-pass', confirmPassword: 'brand-new-pass' }).expect(303);
    const account = (await read(admin.stack.store, 'staff')).find((s) => s.id === 'staff-admin')!;
    assert.ok(await bcrypt.compare('brand-new-pass', account.passwordHash));
    assert.doesNotMatch((await admin.agent.get('/').expect(200)).text, /still has the default password/);
  });
});
