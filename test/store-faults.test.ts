import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import request from 'supertest';
import { createLogger } from '../src/shared/logger.js';
import { type CollectionName, openStore, type Store } from '../src/store/index.js';
import { FILES, MARKER_FILE } from '../src/store/json/json-store.js';
import { createVoiceApp } from '../src/voice/app.js';
import { capturingLogger, tempDir, waitFor } from './fixtures/helpers.js';
import { read } from './fixtures/store-access.js';

const silent = createLogger({ level: 'silent' });
const DATA = Object.keys(FILES) as CollectionName[];

/**
 * A marker in each collection that sample data would not have: proof it is the store's own
 * data. Written twice, so the .bak (the version before the last write) is the store's own too.
 */
async function makeOwn(store: Store): Promise<void> {
  const info = await store.storeInfo.get();
  await store.storeInfo.put({ ...info, name: 'Own Name Hardware' });
  await store.storeInfo.put({ ...info, name: 'Own Name Hardware', address: '1 Own Street' });
  await store.settings.put({ ...(await store.settings.get()), maxAttempts: 7 });
  await store.settings.put({ ...(await store.settings.get()), operatorExtension: '9' });
  for (const name of ['departments', 'inventory', 'coupons', 'voiceTemplates', 'staff'] as const) {
    const repository = store[name] as unknown as { all(): Promise<{ id: string }[]>; insert(r: unknown): Promise<unknown> };
    const [first] = await repository.all();
    const own = { ...first, id: `own-${name}` } as Record<string, unknown>;
    if (name === 'departments') own.extension = '999';
    if (name === 'inventory') own.sku = 'OWN-1';
    if (name === 'coupons') own.code = 'OWN1';
    if (name === 'voiceTemplates') own.active = false;
    if (name === 'staff') own.username = 'own-user';
    await repository.insert(own);
    await (repository as unknown as { update(r: unknown): Promise<unknown> }).update({ ...own, ...(name === 'staff' ? { name: 'Own' } : {}) , id: own.id });
  }
}

async function isOwn(store: Store, name: CollectionName): Promise<boolean> {
  const value = await read(store, name);
  if (name === 'storeInfo') return (value as { name: string }).name === 'Own Name Hardware';
  if (name === 'settings') return (value as { maxAttempts: number }).maxAttempts === 7;
  return (value as unknown as { id: string }[]).some((r) => r.id === `own-${name}`);
}

describe('store: a data file that disappears', () => {
  for (const name of DATA) {
    test(`When ${FILES[name]} is deleted while the service runs, then every record is still served and is back on disk, and .bak keeps the store's own data`, async () => {
      const { dir, cleanup } = await tempDir();
      try {
        const { logger, lines } = capturingLogger();
        const store = await openStore({ dataDir: dir, logger, recheckMs: 0 });
        await makeOwn(store);
        await store.callData();
        const file = path.join(dir, FILES[name]);
        await rm(file);

        assert.ok(await isOwn(store, name), 'still served from memory');
        assert.ok((await store.callData()).storeInfo.name === 'Own Name Hardware');
        await waitFor(() => lines.some((l) => l.level === 50 && JSON.stringify(l).includes(FILES[name])), 5_000, 'an error naming the file');
        await store.flush();
        await waitFor(() => existsSync(file), 5_000, 'the file to be written back');

        // The next write keeps everything, and nothing anywhere holds sample data instead.
        await store.settings.put({ ...(await store.settings.get()), transferTimeout: 33 });
        const fresh = await openStore({ dataDir: dir, logger: silent });
        assert.ok(await isOwn(fresh, name), `${FILES[name]} holds the store's own data`);
        const bak = await readFile(`${file}.bak`, 'utf8');
        assert.ok(bak.includes('own-') || bak.includes('Own Name') || bak.includes('"maxAttempts": 7'), `${FILES[name]}.bak is the store's own data, not sample data`);
      } finally {
        await cleanup();
      }
    });
  }

  test('When a service starts and a file is gone but its .bak is there, then it serves the .bak and puts the file back', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = await openStore({ dataDir: dir, logger: silent });
      await makeOwn(first);
      await first.departments.insert({ id: 'own-2', name: 'Second Own', extension: '998', keywords: [], description: '', active: true });
      await rm(path.join(dir, 'departments.json'));
      const { logger, lines } = capturingLogger();
      const store = await openStore({ dataDir: dir, logger, recheckMs: 0 });
      const served = await store.departments.all();
      assert.ok(served.some((d) => d.id === 'own-departments'), 'the .bak version is served (the last write before it is lost with the file)');
      assert.ok(lines.some((l) => l.level === 50 && String(l.msg).includes('disappeared')));
      await store.departments.all(); // the next read notices and writes it back
      await store.flush();
      await waitFor(() => existsSync(path.join(dir, 'departments.json')), 5_000, 'departments.json to be written back');
    } finally {
      await cleanup();
    }
  });

  test('When a file and its .bak are both gone on a store that was set up, then reads fail naming the file; sample data never comes back', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = await openStore({ dataDir: dir, logger: silent });
      await makeOwn(first);
      await rm(path.join(dir, 'coupons.json'));
      await rm(path.join(dir, 'coupons.json.bak'), { force: true });
      const store = await openStore({ dataDir: dir, logger: silent });
      await assert.rejects(store.coupons.all(), /coupons\.json is missing .* no coupons\.json\.bak .* Restore a backup/);
      assert.ok(await isOwn(store, 'inventory'), 'the other collections are untouched');
      await assert.rejects(readFile(path.join(dir, 'coupons.json')), 'no sample coupons were written');
    } finally {
      await cleanup();
    }
  });

  test('When a data directory from before the marker is opened, then it is marked and nothing in it is replaced', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const first = await openStore({ dataDir: dir, logger: silent });
      await makeOwn(first);
      await rm(path.join(dir, MARKER_FILE));
      await rm(path.join(dir, 'inventory.json'));
      await rm(path.join(dir, 'inventory.json.bak'), { force: true });
      const store = await openStore({ dataDir: dir, logger: silent });
      assert.ok(await isOwn(store, 'storeInfo'));
      await assert.rejects(store.inventory.all(), /inventory\.json is missing/);
      assert.ok(existsSync(path.join(dir, MARKER_FILE)));
    } finally {
      await cleanup();
    }
  });
});

/** Make `dir` unwritable even for root (chattr +i), or by mode for anyone else; undefined when neither is possible here. */
async function lockDown(dir: string): Promise<(() => Promise<void>) | undefined> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return () => chmod(dir, 0o755);
  }
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    return async () => {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    };
  } catch {
    return undefined;
  }
}

describe('store: a data directory that cannot be written', () => {
  test('When the directory becomes unwritable, then a write fails at once with a clear message, and reads and webhooks keep answering', async (t) => {
    const { dir, cleanup } = await tempDir();
    const store = await openStore({ dataDir: dir, logger: silent });
    await store.callData();
    const release = await lockDown(dir);
    if (!release) {
      t.skip('cannot make a directory unwritable here (needs chattr as root)');
      await cleanup();
      return;
    }
    try {
      const started = Date.now();
      const settings = await store.settings.get();
      await assert.rejects(store.settings.put({ ...settings, maxAttempts: 2 }), (e: Error) => /Could not access .*settings\.json.*(permissions|read-only)/.test(e.message));
      assert.ok(Date.now() - started < 2_000, `failed after ${Date.now() - started} ms`);

      const app = createVoiceApp({ store, logger: silent, apiToken: 'read-only-test-token-123' });
      const put = await request(app).put('/api/settings').set('Authorization', 'Bearer read-only-test-token-123').send({ maxAttempts: 2 });
      assert.equal(put.status, 500);
      assert.match(put.body.error.message, /Could not access/);
      const call = await request(app).post('/voice/gather').type('form').send({ CallSid: 'CAro', SpeechResult: 'do you have milk' }).expect(200);
      assert.match(call.text, /Whole Milk/);
      const bye = await request(app).post('/voice/gather').type('form').send({ CallSid: 'CAro', SpeechResult: 'no thanks bye' }).expect(200);
      assert.match(bye.text, /Hangup/, 'the call log cannot be written, and the caller never notices');
      assert.ok(Date.now() - started < 5_000);
    } finally {
      await release();
      await store.flush();
      await cleanup();
    }
  });

  test('When a service starts on a directory it cannot write, then it still opens and answers reads', async (t) => {
    const { dir, cleanup } = await tempDir();
    await openStore({ dataDir: dir, logger: silent });
    const release = await lockDown(dir);
    if (!release) {
      t.skip('cannot make a directory unwritable here');
      await cleanup();
      return;
    }
    try {
      const store = await openStore({ dataDir: dir, logger: silent });
      assert.equal((await store.callData()).storeInfo.name, 'Maple Street Market');
    } finally {
      await release();
      await cleanup();
    }
  });
});

// A file path that is a directory: the plainest fault any user can cause.
test('When a file cannot be written because something else is in its place, then the write fails with the file named and nothing else changes', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await openStore({ dataDir: dir, logger: silent });
    const info = await store.storeInfo.get();
    await writeFile(path.join(dir, 'store_info.json.bak'), 'x');
    await rm(path.join(dir, 'store_info.json.bak'));
    await (await import('node:fs/promises')).mkdir(path.join(dir, 'store_info.json.bak', 'inside'), { recursive: true });
    await assert.rejects(store.storeInfo.put({ ...info, name: 'Blocked' }), /store_info\.json/);
    assert.equal((await store.storeInfo.get()).name, info.name);
  } finally {
    await cleanup();
  }
});
