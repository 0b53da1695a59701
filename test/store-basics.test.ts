import assert from 'node:assert/strict';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import bcrypt from 'bcryptjs';
import { createLogger } from '../src/shared/logger.js';
import { COLLECTIONS, DEFAULT_ADMIN, GENERATION_FILE, JsonStore, TEMPLATE_KEYS } from '../src/store/index.js';
import { tempDir } from './fixtures/helpers.js';

const logger = createLogger({ level: 'silent' });

test('When the data directory is empty, then every file is created with a usable sample store', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    await store.init();
    const files = await readdir(dir);
    for (const { file } of Object.values(COLLECTIONS)) assert.ok(files.includes(file), `${file} created`);

    const departments = await store.read('departments');
    assert.ok(departments.length >= 8);
    assert.ok(departments.find((d) => d.name === 'Pharmacy')?.keywords.includes('refill'));
    const inventory = await store.read('inventory');
    assert.ok(inventory.length >= 60);
    assert.ok(inventory.some((p) => p.stock === 0), 'some products are out of stock');
    const coupons = await store.read('coupons');
    assert.ok(coupons.some((c) => c.validUntil && c.validUntil < '2026-01-01'), 'one coupon is expired');
    const keys = (await store.read('voiceTemplates')).map((t) => t.key);
    for (const key of TEMPLATE_KEYS) assert.ok(keys.includes(key), `template ${key}`);

    const [admin] = await store.read('staff');
    assert.equal(admin.username, DEFAULT_ADMIN.username);
    assert.ok(await bcrypt.compare(DEFAULT_ADMIN.password, admin.passwordHash));
    assert.equal((await stat(path.join(dir, 'staff.json'))).mode & 0o777, 0o600, 'password hashes are not world-readable');
  } finally {
    await cleanup();
  }
});

test('When a file has not changed, then a read returns the cached value without parsing; values are frozen', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    const first = await store.read('inventory');
    assert.equal(await store.read('inventory'), first, 'same object: no re-parse');
    assert.throws(() => (first as unknown as unknown[]).push({}), TypeError);
    assert.throws(() => {
      (first[0] as { price: number }).price = 0;
    }, TypeError);

    const updated = await store.update('inventory', (items) => items.map((p, i) => (i === 0 ? { ...p, price: 0.99 } : p)));
    const next = await store.read('inventory');
    assert.notEqual(next, first);
    assert.equal(next, updated, 'the writer caches what it wrote');
    assert.equal(next[0].price, 0.99);
  } finally {
    await cleanup();
  }
});

test('When an update adds an invalid record next to valid ones, then only the new record is reported, at its index', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    const items = await store.read('inventory');
    await assert.rejects(
      store.update('inventory', (list) => [...list, { ...list[0], id: 'new-one', sku: 'NEW-1', price: 'free' as never }]),
      (e: { details: { path: string }[] }) => e.details.length === 1 && e.details[0].path === `[${items.length}].price`,
    );
    // A record of another collection is not trusted just because this store validated it.
    const [department] = await store.read('departments');
    await assert.rejects(store.update('inventory', (list) => [...list, department as never]), /Invalid inventory\.json/);
  } finally {
    await cleanup();
  }
});

test('When this process writes a collection, then change listeners get the value now on disk; a refused write tells nobody', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    const seen: [string, unknown][] = [];
    store.onChange((name, value) => seen.push([name, value]));
    const written = await store.update('settings', (s) => ({ ...s, maxAttempts: 2 }));
    assert.deepEqual(seen, [['settings', written]]);
    assert.equal(seen[0][1], await store.read('settings'));

    await assert.rejects(store.update('settings', (s) => ({ ...s, maxAttempts: 0 })));
    assert.equal(seen.length, 1);
  } finally {
    await cleanup();
  }
});

test('When values were read and nothing changed, then peek hands them out without waiting; before any read, it has nothing', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    assert.equal(store.peek(['settings']), undefined, 'nothing in memory yet');
    const settings = await store.read('settings');
    const info = await store.read('storeInfo');
    const [peekedSettings, peekedInfo] = store.peek(['settings', 'storeInfo'])!;
    assert.equal(peekedSettings, settings);
    assert.equal(peekedInfo, info);

    const saved = await store.update('settings', (s) => ({ ...s, maxAttempts: 5 }));
    assert.equal(store.peek(['settings'])![0], saved, "this process's own write is peeked at once");
  } finally {
    await cleanup();
  }
});

test('When another store on the same directory writes, then peek never hands out the old value; read gets the new one', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const mine = new JsonStore({ dataDir: dir, logger });
    const theirs = new JsonStore({ dataDir: dir, logger });
    await mine.read('storeInfo');
    await mine.read('settings');
    assert.ok(mine.peek(['storeInfo', 'settings']));

    await theirs.update('storeInfo', (info) => ({ ...info, name: 'Changed elsewhere' }));
    assert.equal(mine.peek(['settings', 'storeInfo']), undefined, 'one stale value and peek gives nothing');
    assert.equal((await mine.read('storeInfo')).name, 'Changed elsewhere');
    assert.equal(mine.peek(['storeInfo'])![0].name, 'Changed elsewhere');
  } finally {
    await cleanup();
  }
});

test('When a file is edited by hand (not through a store), then read sees it at once and peek within a second', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = new JsonStore({ dataDir: dir, logger });
    const settings = await store.read('settings');
    assert.ok(store.peek(['settings']));
    await writeFile(path.join(dir, COLLECTIONS.settings.file), `${JSON.stringify({ ...settings, maxAttempts: 7 }, null, 2)}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(store.peek(['settings']), undefined, 'the periodic check saw the file change');
    assert.equal((await store.read('settings')).maxAttempts, 7);
  } finally {
    await cleanup();
  }
});

test('When the generation file grows past 1 MiB or is deleted, then it starts again and writes are still noticed', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const mine = new JsonStore({ dataDir: dir, logger });
    const theirs = new JsonStore({ dataDir: dir, logger });
    await mine.read('settings');
    const generation = path.join(dir, GENERATION_FILE);
    await writeFile(generation, Buffer.alloc(1 << 20, '.'));
    assert.ok(mine.peek(['settings']), 'the generation changed: settings is checked by its own stat, and has not changed');

    await theirs.update('settings', (s) => ({ ...s, maxAttempts: 4 }));
    assert.equal((await stat(generation)).size, 1, 'emptied, then counted');
    assert.equal(mine.peek(['settings']), undefined);
    await mine.read('settings');
    assert.equal(mine.peek(['settings'])![0].maxAttempts, 4);

    await rm(generation);
    await theirs.update('settings', (s) => ({ ...s, maxAttempts: 6 }));
    assert.equal(mine.peek(['settings']), undefined);
    assert.equal((await mine.read('settings')).maxAttempts, 6);
  } finally {
    await cleanup();
  }
});
