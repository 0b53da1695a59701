import assert from 'node:assert/strict';
import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { AppError } from '../src/shared/app-error.js';
import { createLogger } from '../src/shared/logger.js';
import { openStore } from '../src/store/index.js';
import { capturingLogger, tempDir } from './fixtures/helpers.js';
import { auditLines, logText } from './fixtures/store-access.js';

const silent = createLogger({ level: 'silent' });

describe('store: a corrupt data file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    await openStore({ dataDir: dir, logger: silent });
  });
  afterEach(() => cleanup());

  test('When a file stops parsing, then reads serve the last good copy, the log names the file and line, and the bytes stay untouched', async () => {
    const { logger, lines } = capturingLogger();
    const store = await openStore({ dataDir: dir, logger, recheckMs: 0 });
    const good = await store.departments.all();
    const file = path.join(dir, 'departments.json');
    const broken = '[\n  { "id": "dept-x",\n    "name": "Broken" \n';
    await writeFile(file, broken);

    assert.deepEqual(await store.departments.all(), good);
    const error = lines.find((l) => l.level === 50);
    assert.ok(error, 'an error was logged');
    assert.match(String(error.problem), /departments\.json is not valid JSON/);
    assert.match(String(error.problem), /line \d+ column \d+/);
    assert.equal(error.servedFrom, 'memory');

    await assert.rejects(
      store.departments.update(good[0]),
      (e: AppError) => e.code === 'data_file_corrupt' && /departments\.json/.test(e.message) && /Nothing was written/.test(e.message),
    );
    assert.equal(await readFile(file, 'utf8'), broken, 'the corrupt file is byte-for-byte untouched');
  });

  test('When a new process finds a corrupt file, then it serves the .bak copy and says so', async () => {
    const first = await openStore({ dataDir: dir, logger: silent });
    await first.coupons.remove((await first.coupons.all()).find((c) => c.code === 'SAVE10')!.id);
    const lastGood = await first.coupons.all();
    const file = path.join(dir, 'coupons.json');
    // A valid JSON document that breaks the schema: the error names the zod path.
    const invalid = JSON.stringify([{ ...lastGood[0], discountType: 'bogus' }]);
    await writeFile(file, invalid);

    const { logger, lines } = capturingLogger();
    const second = await openStore({ dataDir: dir, logger });
    const served = await second.coupons.all();
    assert.equal(served.length, lastGood.length + 1, 'the .bak holds the version before the last update');
    const error = lines.find((l) => l.level === 50)!;
    assert.match(String(error.problem), /coupons\.json does not match its schema: \[0\]\.discountType/);
    assert.equal(error.servedFrom, 'coupons.json.bak');
    assert.equal(await readFile(file, 'utf8'), invalid);
  });

  test('When a file breaks a unique key, then it is corrupt like one that does not parse', async () => {
    const store = await openStore({ dataDir: dir, logger: silent });
    await store.inventory.update({ ...(await store.inventory.all())[0], stock: 1 }); // so there is a .bak
    const products = await store.inventory.all();
    await writeFile(path.join(dir, 'inventory.json'), JSON.stringify([...products, { ...products[0], id: 'copy' }]));
    const { logger, lines } = capturingLogger();
    const fresh = await openStore({ dataDir: dir, logger });
    assert.equal((await fresh.inventory.all()).length, products.length, 'served from .bak');
    assert.match(String(lines.find((l) => l.level === 50)?.problem), /inventory\.json breaks a unique key: \[\d+\]\.sku/);
  });

  test('When there is no good copy at all, then reads fail with an error naming the file', async () => {
    await rm(path.join(dir, 'settings.json.bak'), { force: true });
    await writeFile(path.join(dir, 'settings.json'), '{ "voice": ');
    const store = await openStore({ dataDir: dir, logger: silent });
    await assert.rejects(store.settings.get(), /settings\.json is not valid JSON/);
  });

  test('When a restore replaces a corrupt file, then the corrupt bytes are kept aside and .bak keeps the last good version', async () => {
    const store = await openStore({ dataDir: dir, logger: silent, recheckMs: 0 });
    const good = await store.settings.get();
    await store.settings.put({ ...good, maxAttempts: 4 });
    const file = path.join(dir, 'settings.json');
    await writeFile(file, 'garbage');

    await assert.rejects(store.settings.put({ ...good, maxAttempts: 3 }), /Nothing was written/, 'a change is refused over the damaged file');
    await store.settings.replace({ ...good, maxAttempts: 2 });
    assert.equal((await store.settings.get()).maxAttempts, 2);
    const aside = (await readdir(dir)).filter((n) => n.startsWith('settings.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(await readFile(path.join(dir, aside[0]), 'utf8'), 'garbage');
    assert.equal(JSON.parse(await readFile(`${file}.bak`, 'utf8')).maxAttempts, good.maxAttempts);
  });
});

describe('store: append-only logs', () => {
  test('When the last line was torn by a crash, then reads skip it and the next append starts on a new line', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ dataDir: dir, logger: silent });
      const entry = (id: string) => ({ at: new Date().toISOString(), actor: 'test', action: 'update', collection: 'settings', id, changes: ['voice'] });
      await store.audit.append(entry('1'));
      const [segment] = (await readdir(dir)).filter((f) => f.startsWith('audit-'));
      await appendFile(path.join(dir, segment), '{"at":"2026-01-01","actor":"te');
      const fresh = await openStore({ dataDir: dir, logger: silent });
      assert.deepEqual((await auditLines(fresh)).map((e) => e.id), ['1']);

      await fresh.audit.append(entry('2'));
      assert.deepEqual((await auditLines(fresh)).map((e) => e.id), ['1', '2']);
      assert.deepEqual((await auditLines(await openStore({ dataDir: dir, logger: silent }))).map((e) => e.id), ['1', '2']);
      assert.match(await logText(dir, 'audit'), /"actor":"te\n\{/);
    } finally {
      await cleanup();
    }
  });
});
