import assert from 'node:assert/strict';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import bcrypt from 'bcryptjs';
import { createLogger } from '../src/shared/logger.js';
import { DEFAULT_ADMIN, openStore, type StoreChange } from '../src/store/index.js';
import { FILES, MARKER_FILE } from '../src/store/json/json-store.js';
import { tempDir } from './fixtures/helpers.js';
import { TEMPLATE_KEYS } from '../src/rules/templates.js';

const logger = createLogger({ level: 'silent' });

test('When the data directory is empty, then every file is created with a usable sample store', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const files = await readdir(dir);
    for (const file of Object.values(FILES)) assert.ok(files.includes(file), `${file} created`);
    assert.ok(files.includes(MARKER_FILE), 'the directory is marked as set up');

    const departments = await store.departments.all();
    assert.ok(departments.length >= 8);
    assert.ok(departments.find((d) => d.name === 'Pharmacy')?.keywords.includes('refill'));
    const inventory = await store.inventory.all();
    assert.ok(inventory.length >= 60);
    assert.ok(inventory.some((p) => p.stock === 0), 'some products are out of stock');
    const coupons = await store.coupons.all();
    assert.ok(coupons.some((c) => c.validUntil && c.validUntil < '2026-01-01'), 'one coupon is expired');
    const keys = (await store.voiceTemplates.all()).map((t) => t.key);
    for (const key of TEMPLATE_KEYS) assert.ok(keys.includes(key), `template ${key}`);

    const [admin] = await store.staff.all();
    assert.equal(admin.username, DEFAULT_ADMIN.username);
    assert.ok(await bcrypt.compare(DEFAULT_ADMIN.password, admin.passwordHash));
    assert.equal((await stat(path.join(dir, 'staff.json'))).mode & 0o777, 0o600, 'password hashes are not world-readable');
  } finally {
    await cleanup();
  }
});

test('When a collection has not changed, then reads return the same frozen value; a write hands out a new one at once', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const first = await store.inventory.all();
    assert.equal(await store.inventory.all(), first, 'same object: no re-parse');
    assert.throws(() => (first as unknown as unknown[]).push({}), TypeError);
    assert.throws(() => {
      (first[0] as { price: number }).price = 0;
    }, TypeError);

    const updated = await store.inventory.update({ ...first[0], price: 0.99 });
    const next = await store.inventory.all();
    assert.notEqual(next, first);
    assert.equal(next[0], updated, 'the writer keeps what it wrote');
    assert.equal(next[0].price, 0.99);
    assert.equal(next[1], first[1], 'records that did not change are the same objects');
  } finally {
    await cleanup();
  }
});

test('When a write breaks a unique key, then it is refused with a 409 naming the field, and nothing is written', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const [first] = await store.inventory.all();
    const file = path.join(dir, 'inventory.json');
    const before = (await stat(file)).mtimeMs;
    await assert.rejects(store.inventory.insert({ ...first, id: 'copy', sku: ` ${first.sku!.toLowerCase()} ` }), (e: { status: number; details: { path: string }[] }) => e.status === 409 && e.details[0].path === 'sku');
    await assert.rejects(store.inventory.insert({ ...first }), (e: { status: number }) => e.status === 409, 'a second record with the same id');
    assert.equal((await stat(file)).mtimeMs, before);
    // Two inactive templates may share a key; a second active one may not.
    const [template] = await store.voiceTemplates.all();
    await store.voiceTemplates.insert({ ...template, id: 'off-1', active: false });
    await assert.rejects(store.voiceTemplates.insert({ ...template, id: 'on-2' }), /an active voice template with key/);
  } finally {
    await cleanup();
  }
});

test('When a transaction throws, then none of its writes land, in any collection', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const [department] = await store.departments.all();
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.departments.update({ ...department, name: 'Renamed' });
        await tx.settings.put({ ...(await tx.settings.get()), maxAttempts: 9 });
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal((await store.departments.get(department.id))?.name, department.name);
    assert.notEqual((await store.settings.get()).maxAttempts, 9);
    // Inside a transaction its own writes are seen; outside, only once it commits.
    await store.transaction(async (tx) => {
      await tx.departments.update({ ...department, name: 'Renamed' });
      assert.equal((await tx.departments.get(department.id))?.name, 'Renamed');
      assert.equal((await store.departments.get(department.id))?.name, department.name);
    });
    assert.equal((await store.departments.get(department.id))?.name, 'Renamed');
  } finally {
    await cleanup();
  }
});

test('When a transaction changes unique keys, then its own lookups and constraints see each change: a key moved, freed, taken or removed', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const [a, b] = (await store.inventory.all()).filter((p) => p.sku);
    await store.transaction(async (tx) => {
      await tx.inventory.update({ ...a, sku: 'MOVED-1' });
      assert.equal((await tx.inventory.findBy('sku', 'moved-1'))?.id, a.id, 'found by its new key, in any case');
      assert.equal(await tx.inventory.findBy('sku', a.sku!), undefined, 'its old key is free');
      await tx.inventory.update({ ...b, sku: a.sku });
      assert.equal((await tx.inventory.findBy('sku', a.sku!))?.id, b.id, 'the freed key taken by another');
      await assert.rejects(tx.inventory.insert({ ...b, id: 'p-new', sku: 'moved-1' }), (e: Error & { status?: number }) => e.status === 409);
      await tx.inventory.update({ ...a, sku: 'MOVED-2' });
      assert.equal(await tx.inventory.findBy('sku', 'MOVED-1'), undefined, 'a key moved twice frees the first');
      await tx.inventory.insert({ ...b, id: 'p-new', sku: 'MOVED-1' });
      await tx.inventory.remove('p-new');
      assert.equal(await tx.inventory.findBy('sku', 'MOVED-1'), undefined, 'a removed record holds no key');
      await tx.inventory.insert({ ...b, id: 'p-new2', sku: 'MOVED-1' });
    });
    assert.equal((await store.inventory.findBy('sku', 'MOVED-1'))?.id, 'p-new2');
    assert.equal((await store.inventory.findBy('sku', a.sku!))?.id, b.id);
    assert.equal((await store.inventory.findBy('sku', 'MOVED-2'))?.id, a.id);
  } finally {
    await cleanup();
  }
});

test('When this process writes a collection, then change listeners hear which records changed; a refused write tells nobody', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const seen: StoreChange[] = [];
    store.onChange((change) => seen.push(change));
    const [product] = await store.inventory.all();
    await store.inventory.update({ ...product, stock: 3 });
    assert.deepEqual(seen.map((c) => [c.collection, c.upserted.map((r) => r.id), c.removedIds, c.reset]), [['inventory', [product.id], [], false]]);
    await store.inventory.remove(product.id);
    assert.deepEqual(seen[1].removedIds, [product.id]);

    await assert.rejects(store.inventory.insert({ ...(await store.inventory.all())[0] }));
    assert.equal(seen.length, 2);
  } finally {
    await cleanup();
  }
});

test('When nothing changed, then the read model is the same object; a write through any collection it holds makes a new one at once', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const first = await store.callData();
    assert.equal(await store.callData(), first);
    assert.ok(Object.isFrozen(first));
    await store.settings.put({ ...first.settings, maxAttempts: 5 });
    const next = await store.callData();
    assert.notEqual(next, first);
    assert.equal(next.settings.maxAttempts, 5);
    assert.equal(next.inventory, first.inventory, 'what did not change is shared');
    await store.staff.update({ ...(await store.staff.all())[0], name: 'Someone else' });
    assert.equal(await store.callData(), next, 'staff are not part of a call');
  } finally {
    await cleanup();
  }
});

test('When another process writes, then the read model has the new value within a second', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const mine = await openStore({ dataDir: dir, logger });
    const theirs = await openStore({ dataDir: dir, logger });
    const before = await mine.callData();
    await theirs.storeInfo.put({ ...(await theirs.storeInfo.get()), name: 'Changed elsewhere' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await mine.callData();
    assert.notEqual(after, before);
    assert.equal(after.storeInfo.name, 'Changed elsewhere');
  } finally {
    await cleanup();
  }
});

test('When a file is edited by hand, then reads and the read model see it within a second, as a change of the whole collection', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const seen: StoreChange[] = [];
    store.onChange((change) => seen.push(change));
    const settings = await store.settings.get();
    await store.callData();
    await writeFile(path.join(dir, 'settings.json'), `${JSON.stringify({ ...settings, maxAttempts: 7 }, null, 2)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await store.callData()).settings.maxAttempts, 7);
    assert.equal((await store.settings.get()).maxAttempts, 7);
    assert.deepEqual(seen.map((c) => [c.collection, c.reset]), [['settings', true]]);
  } finally {
    await cleanup();
  }
});

test('When a file is written by the store, then it is the same text JSON.stringify makes, so a hand edit diffs cleanly', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger });
    const [product] = await store.inventory.all();
    await store.inventory.update({ ...product, keywords: ['one', 'two'] });
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path.join(dir, 'inventory.json'), 'utf8');
    assert.equal(text, `${JSON.stringify(await store.inventory.all(), null, 2)}\n`);
  } finally {
    await cleanup();
  }
});
