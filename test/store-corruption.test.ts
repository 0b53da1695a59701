import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { AppError } from '../src/shared/app-error.js';
import { createLogger } from '../src/shared/logger.js';
import { JsonStore } from '../src/store/index.js';
import { capturingLogger, tempDir } from './fixtures/helpers.js';

const silent = createLogger({ level: 'silent' });

describe('store: a corrupt data file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await new JsonStore({ dataDir: dir, logger: silent }).init();
  });
  afterEach(() => cleanup());

  test('When a file stops parsing, then reads serve the last good copy, the log names the file and line, and the bytes stay untouched', async () => {
    const { logger, lines } = capturingLogger();
    const store = new JsonStore({ dataDir: dir, logger });
    const good = await store.read('departments');
    const file = path.join(dir, 'departments.json');
    const broken = '[\n  { "id": "dept-x",\n    "name": "Broken" \n';
    await writeFile(file, broken);

    assert.deepEqual(await store.read('departments'), good);
    const error = lines.find((l) => l.level === 50);
    assert.ok(error, 'an error was logged');
    assert.match(String(error.problem), /departments\.json is not valid JSON/);
    assert.match(String(error.problem), /line \d+ column \d+/);
    assert.equal(error.servedFrom, 'memory');

    await assert.rejects(
      store.update('departments', (list) => list),
      (e: AppError) => e.code === 'data_file_corrupt' && /departments\.json/.test(e.message) && /Nothing was written/.test(e.message),
    );
    assert.equal(await readFile(file, 'utf8'), broken, 'the corrupt file is byte-for-byte untouched');
  });

  test('When a new process finds a corrupt file, then it serves the .bak copy and says so', async () => {
    const first = new JsonStore({ dataDir: dir, logger: silent });
    await first.update('coupons', (list) => list.filter((c) => c.code !== 'SAVE10'));
    const lastGood = await first.read('coupons');
    const file = path.join(dir, 'coupons.json');
    // A valid JSON document that breaks the schema: the error names the zod path.
    const invalid = JSON.stringify([{ ...lastGood[0], discountType: 'bogus' }]);
    await writeFile(file, invalid);

    const { logger, lines } = capturingLogger();
    const second = new JsonStore({ dataDir: dir, logger });
    const served = await second.read('coupons');
    assert.equal(served.length, lastGood.length + 1, 'the .bak holds the version before the last update');
    const error = lines.find((l) => l.level === 50)!;
    assert.match(String(error.problem), /coupons\.json does not match its schema: \[0\]\.discountType/);
    assert.equal(error.servedFrom, 'coupons.json.bak');
    assert.equal(await readFile(file, 'utf8'), invalid);
  });

  test('When there is no good copy at all, then reads fail with an error naming the file', async () => {
    await rm(path.join(dir, 'settings.json.bak'), { force: true });
    await writeFile(path.join(dir, 'settings.json'), '{ "voice": ');
    const store = new JsonStore({ dataDir: dir, logger: silent });
    await assert.rejects(store.read('settings'), /settings\.json is not valid JSON/);
  });

  test('When a restore replaces a corrupt file, then the corrupt bytes are kept aside and .bak keeps the last good version', async () => {
    const store = new JsonStore({ dataDir: dir, logger: silent });
    const good = await store.read('settings');
    await store.update('settings', (s) => ({ ...s, maxAttempts: 4 }));
    const file = path.join(dir, 'settings.json');
    await writeFile(file, 'garbage');

    await store.replace('settings', { ...good, maxAttempts: 2 });
    assert.equal((await store.read('settings')).maxAttempts, 2);
    const aside = (await readdir(dir)).filter((n) => n.startsWith('settings.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(await readFile(path.join(dir, aside[0]), 'utf8'), 'garbage');
    assert.equal(JSON.parse(await readFile(`${file}.bak`, 'utf8')).maxAttempts, good.maxAttempts);
  });
});

describe('store: invalid records', () => {
  test('When an update produces invalid records, then it is refused with the zod path of each bad field and nothing is written', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = new JsonStore({ dataDir: dir, logger: silent });
      await store.init();
      const file = path.join(dir, 'inventory.json');
      const before = await readFile(file, 'utf8');

      const error = await store
        .update('inventory', (items) => [
          ...items,
          { id: 'bad-1', name: '', price: -1, stock: 1.5, location: 'Aisle 1', keywords: [], active: true, colour: 'red' } as never,
        ])
        .then(() => assert.fail('the update should be refused'), (e: AppError) => e);
      assert.equal(error.status, 400);
      const paths = error.details.map((d) => d.path).sort();
      const at = `[${(await store.read('inventory')).length}]`;
      assert.deepEqual(paths, [`${at}.colour`, `${at}.name`, `${at}.price`, `${at}.stock`].sort());
      assert.equal(await readFile(file, 'utf8'), before);

      await assert.rejects(
        store.update('inventory', (items) => [...items, { ...items[0], id: 'copy' }]),
        (e: AppError) => e.details.some((d) => d.path.endsWith('.sku') && /duplicate sku/.test(d.message)),
      );
      assert.equal(await readFile(file, 'utf8'), before);
    } finally {
      await cleanup();
    }
  });
});

describe('store: append-only logs', () => {
  test('When the last line was torn by a crash, then reads skip it and the next append starts on a new line', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = new JsonStore({ dataDir: dir, logger: silent });
      const entry = (id: string) => ({ at: new Date().toISOString(), actor: 'test', action: 'update', collection: 'settings', id, changes: ['voice'] });
      await store.append('audit', entry('1'));
      await appendFile(path.join(dir, 'audit.jsonl'), '{"at":"2026-01-01","actor":"te');
      assert.deepEqual((await store.readLog('audit')).map((e) => e.id), ['1']);

      await store.append('audit', entry('2'));
      assert.deepEqual((await store.readLog('audit')).map((e) => e.id), ['1', '2']);
    } finally {
      await cleanup();
    }
  });
});
