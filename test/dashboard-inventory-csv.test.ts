import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvToProducts, productsToCsv } from '../src/dashboard/forms/inventory-csv.js';
import { adminSession, dashboardStack, loggedIn } from './fixtures/dashboard-stack.js';
import { auditLines, fileOf, read } from './fixtures/store-access.js';

describe('inventory CSV format', () => {
  test('When products are written to CSV and read back, then every field survives, keywords split on semicolons', () => {
    const products = [
      { id: 'p1', name: 'Milk, "Whole"', sku: 'M-1', price: 3.79, stock: 4, location: 'Aisle 1', departmentId: 'dept-dairy', keywords: ['milk', 'whole milk'], active: true },
      { id: 'p2', name: 'Bread', price: 2, stock: 0, location: '', keywords: [], active: false },
    ];
    const parsed = csvToProducts(productsToCsv(products));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.items, [
      { name: 'Milk, "Whole"', sku: 'M-1', price: 3.79, stock: 4, location: 'Aisle 1', departmentId: 'dept-dairy', keywords: ['milk', 'whole milk'], active: true },
      { name: 'Bread', price: 2, stock: 0, location: '', departmentId: null, keywords: [], active: false },
    ]);
    assert.deepEqual(parsed.rows, [2, 3]);
  });

  test('When the header has an unknown column or lacks price, then the header line is reported', () => {
    const parsed = csvToProducts('name,colour,stock\nMilk,white,3\n');
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.errors.map((e) => [e.row, e.field]), [[1, 'colour'], [1, 'price']]);
  });

  test('When rows have text for numbers or a bad active flag, then each is reported with its line', () => {
    const parsed = csvToProducts('name,price,stock,active\nMilk,abc,3,yes\n\nEggs,2,,maybe\n');
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.errors, [
      { row: 2, field: 'price', message: 'must be a number, got "abc"' },
      { row: 4, field: 'stock', message: 'is required' },
      { row: 4, field: 'active', message: 'must be true or false, got "maybe"' },
    ]);
  });

  test('When the text is not CSV (an unclosed quote), then one clear error names it', () => {
    const parsed = csvToProducts('name,price,stock\n"Milk,3,4\n');
    assert.ok(!parsed.ok);
    assert.match(parsed.errors[0].message, /not a readable CSV file/);
  });
});

describe('inventory CSV: formulas (CSV injection)', () => {
  // Cells a spreadsheet would run as formulas, next to ordinary ones and ones with quotes of their own.
  const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '+1 555 0100', '-Sale-', '@SUM(A1:A9)', '=1+1', "'=already quoted", "''=twice"];
  const ORDINARY = ["'Tis the Season Cookies", "Rock 'n' Roll Candy", 'Milk', '1-2-3 Cereal', "''Quoted"];
  const product = (name: string, i: number) => ({ id: `p${i}`, name, sku: i % 2 ? `-SKU-${i}` : `SKU-${i}`, price: 1.5, stock: i, location: i === 0 ? '@front' : 'Aisle 1', departmentId: i === 1 ? '-dept' : 'dept-dairy', keywords: i === 2 ? ['=cmd', 'plain'] : ['plain', '-minus'], active: true });

  test('When products are exported, then every cell a spreadsheet would run starts with a single quote, and no other cell changes', () => {
    const products = [...HOSTILE, ...ORDINARY].map(product);
    const rows = parse(productsToCsv(products), { columns: true }) as Record<string, string>[];
    rows.forEach((row, i) => {
      for (const [column, cell] of Object.entries(row)) {
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `row ${i} ${column}: ${cell}`);
      }
      const name = products[i].name;
      assert.equal(row.name, /^'*[=+\-@]/.test(name) ? `'${name}` : name);
    });
    assert.equal(rows[0].location, "'@front");
    assert.equal(rows[1].departmentId, "'-dept");
    assert.equal(rows[2].keywords, "'=cmd;plain");
    assert.equal(rows[3].keywords, 'plain;-minus', 'only the start of a cell counts');
  });

  test('When our own export is imported again, then every hostile and ordinary cell reads back exactly as it was', () => {
    const products = [...HOSTILE, ...ORDINARY].map(product);
    const parsed = csvToProducts(productsToCsv(products));
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
    assert.deepEqual(
      parsed.items,
      products.map(({ id: _id, ...rest }) => rest),
    );
  });

  test('When a file written by a person has a quote before a formula character, then it is read as the spreadsheet text mark; a quote before other text is kept', () => {
    const parsed = csvToProducts("sku,name,price,stock\nA,'=1+1,1,1\nB,'Tis the Season,1,1\nC,'-Sale-,1,1\n");
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.items.map((p) => p.name), ['=1+1', "'Tis the Season", '-Sale-']);
  });
});

describe('dashboard: inventory CSV export and import', () => {
  const admin = adminSession();

  test('When the inventory is exported and imported again unchanged, then it is the same catalogue (same columns back)', async () => {
    const res = await admin.agent.get('/inventory/export.csv').expect(200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="?inventory-\d{4}-\d{2}-\d{2}\.csv"?/);
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    const stored = await read(admin.stack.store, 'inventory');
    assert.equal(rows.length, stored.length);
    assert.deepEqual(Object.keys(rows[0]), ['sku', 'name', 'price', 'stock', 'location', 'departmentId', 'keywords', 'active']);
    assert.deepEqual(rows[0], { sku: 'SKU-10001', name: 'Whole Milk, 1 Gallon', price: '3.79', stock: '42', location: 'Aisle 1', departmentId: 'dept-dairy', keywords: 'milk;whole milk;vitamin d milk', active: 'true' });

    const before = JSON.stringify(stored);
    await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).attach('file', Buffer.from(res.text), 'inventory.csv').expect(303);
    assert.equal(JSON.stringify(await read(admin.stack.store, 'inventory')), before);
    const page = await admin.agent.get('/inventory').expect(200);
    assert.match(page.text, /Imported 72 products: 0 added, 72 updated\./);
  });

  test('When a pasted CSV updates one product by SKU and adds one, then both are saved in one bulk write', async () => {
    const csv = 'sku,name,price,stock,location,departmentId,keywords,active\nSKU-10001,Whole Milk 1 Gallon,3.99,40,Aisle 1,dept-dairy,milk,true\nNEW-1,Goat Milk,5.49,6,Aisle 1,,goat milk;chevre,true\n';
    await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).field('csv', csv).expect(303);
    const inventory = await read(admin.stack.store, 'inventory');
    assert.equal(inventory.find((p) => p.sku === 'SKU-10001')?.price, 3.99);
    const goat = inventory.find((p) => p.sku === 'NEW-1')!;
    assert.deepEqual(goat.keywords, ['goat milk', 'chevre']);
    assert.equal(goat.departmentId, undefined);
    const bulkLines = (await auditLines(admin.stack.store)).filter((e) => e.action === 'bulk');
    assert.equal(bulkLines.at(-1)?.actor, 'admin');
  });

  test('When some rows are invalid for the API, then a report lists row, field and message, nothing is imported, and the text stays to fix', async () => {
    const before = await readFile(fileOf(admin.stack.dir, 'inventory'), 'utf8');
    const csv = 'sku,name,price,stock,location,departmentId,keywords,active\nOK-1,Fine Product,1,1,Aisle 1,,,true\nBAD-1,Negative,-3,1,Aisle 1,,,true\nBAD-2,Nowhere,1,1,Aisle 1,dept-nowhere,,true\nBAD-3,,1,2.5,Aisle 1,,,true\n';
    const res = await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).attach('file', Buffer.from(csv), 'bad.csv').expect(400);
    assert.match(res.text, /nothing was imported/);
    const cells = [...res.text.matchAll(/<tr><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    assert.deepEqual(cells, [
      [3, 'price', 'must be 0 or more'],
      [4, 'departmentId', 'no department with id &#34;dept-nowhere&#34;'],
      [5, 'name', 'must not be empty'],
      [5, 'stock', 'must be a whole number'],
    ]);
    assert.match(res.text, /BAD-1,Negative,-3/, 'the file text is kept in the textarea');
    assert.equal(await readFile(fileOf(admin.stack.dir, 'inventory'), 'utf8'), before);
  });

  test('When the file itself is unreadable or empty, then the page says so and nothing is imported', async () => {
    const empty = await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).field('csv', '').expect(400);
    assert.match(empty.text, /Choose a CSV file or paste its contents/);
    const header = await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).field('csv', 'name;price;stock\n').expect(400);
    assert.match(header.text, /unknown column/);
  });

  test('When the voice service is down during an import, then the page says nothing was imported and keeps the text', async () => {
    const local = await dashboardStack();
    try {
      const session = await loggedIn(local.app);
      await local.stopVoice();
      const res = await session.agent.post('/inventory/import').field('_csrf', session.csrf).field('csv', 'name,price,stock\nKept Row,1,1\n').expect(503);
      assert.match(res.text, /not reachable; nothing was saved/);
      assert.match(res.text, /Kept Row,1,1/);
    } finally {
      await local.close();
    }
  });
});

describe('dashboard: an export with formula-like names, imported again', () => {
  const admin = adminSession();

  test('When products named like formulas are exported and the file is imported unchanged, then the catalogue is exactly the same', async () => {
    // Rows are matched by sku on import (a row without one adds a product), so each has one; some look like formulas too.
    const names = ['=HYPERLINK("http://evil.example")', '-Sale- Chips', '+Plus Size Tee', '@Home Candle', "'Tis the Season Cookies"];
    for (const [i, name] of names.entries()) {
      await admin.agent.post('/inventory').type('form').send({ _csrf: admin.csrf, name, sku: i % 2 ? `-F-${i}` : `F-${i}`, price: '2', stock: '3', location: 'Aisle 4', keywords: '-minus, =eq' }).expect(303);
    }
    const csv = (await admin.agent.get('/inventory/export.csv').expect(200)).text;
    assert.match(csv, /,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);
    assert.match(csv, /,'-Sale- Chips,/);
    assert.match(csv, /,'Tis the Season Cookies,/, 'an apostrophe of the text itself is not doubled');
    const before = JSON.stringify(await read(admin.stack.store, 'inventory'));
    await admin.agent.post('/inventory/import').field('_csrf', admin.csrf).attach('file', Buffer.from(csv), 'inventory.csv').expect(303);
    assert.equal(JSON.stringify(await read(admin.stack.store, 'inventory')), before);
  });
});
