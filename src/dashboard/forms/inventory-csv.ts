import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Product } from '../../store/index.js';
import { fromSpreadsheetCell, toSpreadsheetCell } from './spreadsheet-cells.js';

/**
 * The inventory CSV, one format both ways: export writes these columns, import reads them.
 * Products are matched by sku on import (a row without sku adds a new product); ids are the
 * server's business, so they are not in the file. Keywords are separated by semicolons.
 */
export const CSV_COLUMNS = ['sku', 'name', 'price', 'stock', 'location', 'departmentId', 'keywords', 'active'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ['name', 'price', 'stock'];

export interface RowError {
  /** The line in the file (the header is line 1). */
  row: number;
  field: string;
  message: string;
}

/** `departmentId: null` clears a matched product's department (the API's PUT/bulk meaning of null). */
export type ProductInput = Omit<Product, 'id' | 'departmentId'> & { departmentId?: string | null };

export type CsvParseResult = { ok: true; items: ProductInput[]; rows: number[] } | { ok: false; errors: RowError[] };

/** Every cell is made safe to open in a spreadsheet (see spreadsheet-cells.ts). */
export function productsToCsv(products: readonly Product[]): string {
  return stringify(
    products.map((p) => [p.sku ?? '', p.name, p.price, p.stock, p.location, p.departmentId ?? '', p.keywords.join(';'), p.active ? 'true' : 'false'].map((v) => toSpreadsheetCell(String(v)))),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export function csvToProducts(text: string): CsvParseResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as never;
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { ok: false, errors: [{ row: e.lines ?? 1, field: '(file)', message: `not a readable CSV file: ${e.message}` }] };
  }
  if (records.length === 0) return { ok: false, errors: [{ row: 1, field: '(file)', message: 'the file is empty; the first line must name the columns' }] };

  const header = records[0].record.map((h) => h.trim());
  const errors: RowError[] = [];
  const index = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = CSV_COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase());
    if (!column) errors.push({ row: 1, field: name || `(column ${i + 1})`, message: `unknown column; the columns are ${CSV_COLUMNS.join(', ')}` });
    else if (index.has(column)) errors.push({ row: 1, field: name, message: 'this column appears twice' });
    else index.set(column, i);
  });
  for (const column of REQUIRED) if (!index.has(column)) errors.push({ row: 1, field: column, message: 'this column is required' });
  if (errors.length > 0) return { ok: false, errors };
  if (records.length === 1) return { ok: false, errors: [{ row: 1, field: '(file)', message: 'there are no products under the header line' }] };

  const items: ProductInput[] = [];
  const rows: number[] = [];
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    const cell = (c: Column) => (index.has(c) ? fromSpreadsheetCell((record[index.get(c)!] ?? '').trim()) : '');
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      errors.push({ row, field: '(row)', message: `has ${record.length} values but the header names ${header.length} columns` });
    }
    const number = (c: Column, whole: boolean): number => {
      const raw = cell(c);
      const n = Number(raw);
      if (raw === '') errors.push({ row, field: c, message: 'is required' });
      else if (!Number.isFinite(n)) errors.push({ row, field: c, message: whole ? `must be a whole number, got "${raw}"` : `must be a number, got "${raw}"` });
      return n;
    };
    const price = number('price', false);
    const stock = number('stock', true);
    const activeRaw = cell('active').toLowerCase();
    if (activeRaw !== '' && !TRUE.has(activeRaw) && !FALSE.has(activeRaw)) errors.push({ row, field: 'active', message: `must be true or false, got "${cell('active')}"` });

    const item: ProductInput = {
      name: cell('name'),
      price,
      stock,
      location: cell('location'),
      keywords: cell('keywords')
        .split(';')
        .map((k) => k.trim())
        .filter(Boolean),
      active: !FALSE.has(activeRaw),
    };
    if (cell('sku')) item.sku = cell('sku');
    // An empty department in the file means "none", also for a product that had one.
    item.departmentId = cell('departmentId') || null;
    items.push(item);
    rows.push(row);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items, rows };
}
