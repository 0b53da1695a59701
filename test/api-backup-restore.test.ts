import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import bcrypt from 'bcryptjs';
import request from 'supertest';
import { generateCatalogue } from '../scripts/lib/catalogue.js';
import { createLogger } from '../src/shared/logger.js';
import type { CollectionName, Store } from '../src/store/index.js';
import { BACKUP_COLLECTIONS, restoreBackup } from '../src/voice/domain/backup.js';
import { authorised, apiFixture, type ApiFixture, type ErrorBody } from './fixtures/api-app.js';
import { read } from './fixtures/store-access.js';

const FILES: (CollectionName | 'sessions')[] = [...BACKUP_COLLECTIONS, 'sessions'];

describe('API: GET /api/backup and POST /api/restore', () => {
  let source: ApiFixture;
  let target: ApiFixture;
  let backup: Record<string, any>;
  before(async () => {
    source = await apiFixture({ clock: () => new Date('2026-04-01T12:00:00Z') });
    target = await apiFixture();
    await source.put('/api/store-info', { name: 'Backed Up Market' }).expect(200);
    await source.post('/api/departments', { name: 'Garden', extension: '150' }).expect(201);
    await source.del('/api/inventory/prod-0072').expect(200);
    backup = (await source.get('/api/backup').expect(200)).body;
  });
  after(async () => {
    await source.cleanup();
    await target.cleanup();
  });

  const allBytes = async (f: ApiFixture) => Promise.all([...FILES, 'audit' as const].map((name) => f.bytes(name)));

  test('When a backup is asked, then one document holds every collection, staff with password hashes, and no sessions', async () => {
    const res = await source.get('/api/backup').expect(200);
    assert.match(res.headers['content-disposition'], /^attachment; filename="?store-backup-2026-04-01T12-00-00-000Z\.json"?$/);
    assert.deepEqual(Object.keys(res.body), ['version', 'exportedAt', ...BACKUP_COLLECTIONS]);
    assert.deepEqual([res.body.version, res.body.exportedAt], [1, '2026-04-01T12:00:00.000Z']);
    assert.equal(res.body.storeInfo.name, 'Backed Up Market');
    assert.equal(res.body.inventory.length, 71);
    assert.equal(res.body.departments.length, 9);
    assert.match(res.body.staff[0].passwordHash, /^\$2[aby]\$/);
  });

  test('When a backup is restored into another store, then every collection equals the backup and logins work', async () => {
    const res = await target.post('/api/restore', backup).set('X-Actor', 'admin').expect(200);
    assert.deepEqual(res.body.restored, { storeInfo: 1, departments: 9, inventory: 71, coupons: 5, voiceTemplates: 13, settings: 1, staff: 1 });
    for (const name of BACKUP_COLLECTIONS) assert.deepEqual(await read(target.store, name), backup[name], name);
    const admin = (await read(target.store, 'staff'))[0];
    assert.ok(await bcrypt.compare('admin123', admin.passwordHash));
    const [entry] = (await target.get('/api/audit')).body.items;
    assert.deepEqual([entry.actor, entry.action, entry.collection], ['admin', 'restore', 'all']);
    assert.match(entry.summary, /exported at 2026-04-01T12:00:00.000Z: 1 storeInfo, 9 departments, 71 inventory/);
  });

  test('When any collection is invalid, then it gets 400 naming each bad field by collection, and nothing is replaced', async () => {
    await target.put('/api/settings', { maxAttempts: 6 }).expect(200);
    const before = await allBytes(target);
    const bad = {
      ...backup,
      inventory: [{ name: 'no id or price' }, ...backup.inventory.slice(1)],
      settings: { ...backup.settings, maxAttempts: 0 },
      storeInfo: { ...backup.storeInfo, colour: 'green' },
    };
    const res = await target.post('/api/restore', bad).expect(400);
    const body = res.body as ErrorBody;
    assert.equal(body.error.code, 'validation_failed');
    const paths = body.error.details.map((d) => d.path);
    for (const path of ['storeInfo.colour', 'inventory[0].id', 'inventory[0].price', 'inventory[0].stock', 'settings.maxAttempts']) assert.ok(paths.includes(path), `${path} in ${paths}`);
    assert.match(body.error.message, /nothing was restored/);
    assert.deepEqual(await allBytes(target), before);
  });

  test('When a collection is missing, the version is wrong or a field is unknown, then it gets 400 and nothing is replaced', async () => {
    const before = await allBytes(target);
    const { coupons: _coupons, ...withoutCoupons } = backup;
    const missing = await target.post('/api/restore', withoutCoupons).expect(400);
    assert.deepEqual((missing.body as ErrorBody).error.details.map((d) => d.path), ['coupons']);
    const wrong = await target.post('/api/restore', { ...backup, version: 2, sessions: {} }).expect(400);
    assert.deepEqual((wrong.body as ErrorBody).error.details.map((d) => d.path), ['version', 'sessions']);
    await target.post('/api/restore', [backup]).expect(400);
    assert.deepEqual(await allBytes(target), before);
  });

  test('When the backup breaks a rule across records (a missing department, two live templates for a key, no admin), then it gets 400', async () => {
    const before = await allBytes(target);
    const res = await target
      .post('/api/restore', {
        ...backup,
        inventory: [{ ...backup.inventory[0], departmentId: 'dept-gone' }, ...backup.inventory.slice(1)],
        voiceTemplates: [...backup.voiceTemplates, { id: 'tpl-greeting-2', key: 'greeting', text: 'Hello again.', active: true }],
        staff: backup.staff.map((s: object) => ({ ...s, role: 'staff' })),
      })
      .expect(400);
    assert.deepEqual((res.body as ErrorBody).error.details.map((d) => d.path), ['inventory[0].departmentId', 'voiceTemplates[13].key', 'staff']);
    assert.deepEqual(await allBytes(target), before);
  });

  test('When a restore goes through one app, then a second app on the same data directory sees it', async () => {
    const second = await target.secondApp();
    await target.post('/api/restore', { ...backup, storeInfo: { ...backup.storeInfo, name: 'Restored Twice' } }).expect(200);
    assert.equal((await authorised(request(second).get('/api/store-info'))).body.name, 'Restored Twice');
  });
});

describe('API: restoring a large catalogue', () => {
  test('When the backup holds 50,000 products (about 14 MB), then it restores under the 64 MB limit', { timeout: 60_000 }, async () => {
    const f = await apiFixture();
    try {
      const backup = (await f.get('/api/backup')).body;
      const inventory = generateCatalogue(50_000);
      const body = JSON.stringify({ ...backup, inventory }, null, 2); // as a saved backup file is
      assert.ok(body.length > 10_000_000, `the document is ${body.length} bytes`);
      const res = await f.post('/api/restore').set('Content-Type', 'application/json').send(body).expect(200);
      assert.equal(res.body.restored.inventory, 50_000);
      assert.equal((await f.get('/api/inventory?pageSize=1')).body.total, 50_000);
    } finally {
      await f.cleanup();
    }
  });

  test('When a restore body is over 64 MB, then it gets 413 and nothing is replaced', { timeout: 60_000 }, async () => {
    const f = await apiFixture();
    try {
      const before = await f.bytes('inventory');
      const huge = `{"version":1,"inventory":[${'{"name":"x"},'.repeat(5_300_000)}{}]}`;
      assert.ok(huge.length > 64 * 1024 * 1024);
      const res = await f.post('/api/restore').set('Content-Type', 'application/json').send(huge);
      assert.equal(res.status, 413);
      assert.equal((res.body as ErrorBody).error.code, 'payload_too_large');
      assert.equal(await f.bytes('inventory'), before);
    } finally {
      await f.cleanup();
    }
  });
});

describe('restoreBackup: a failure while replacing', () => {
  test('When a replace fails half-way, then the collections already replaced are put back', async () => {
    const f = await apiFixture();
    try {
      const backup = (await f.get('/api/backup')).body;
      const before = await Promise.all(BACKUP_COLLECTIONS.map((name) => f.bytes(name)));
      // A store whose disk "fails" when the settings are written, after other collections were.
      const failing = Object.create(f.store) as Store;
      failing.transaction = (work) =>
        f.store.transaction((tx) => work({ ...tx, settings: { ...tx.settings, replace: () => Promise.reject(new Error('disk full')) } }));
      const changed = { ...backup, storeInfo: { ...backup.storeInfo, name: 'Half Restored' }, inventory: backup.inventory.slice(0, 3) };
      const ctx = { store: failing, logger: createLogger({ level: 'silent' }), actor: 'test', now: () => new Date() };
      await assert.rejects(restoreBackup(ctx, changed), /disk full/);
      assert.equal((await read(f.store, 'storeInfo')).name, 'Maple Street Market');
      assert.equal((await read(f.store, 'inventory')).length, 72);
      const after = await Promise.all(BACKUP_COLLECTIONS.map((name) => read(f.store, name)));
      assert.deepEqual(after.map((v) => JSON.stringify(v)), before.map((b) => JSON.stringify(JSON.parse(b))));
      assert.equal(await f.bytes('audit'), '');
    } finally {
      await f.cleanup();
    }
  });
});
