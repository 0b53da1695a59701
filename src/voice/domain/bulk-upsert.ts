import { randomUUID } from 'node:crypto';
import type { ErrorDetail } from '../../shared/app-error.js';
import { summariseDetails, zodDetails } from '../../shared/zod-details.js';
import { AppError } from '../../shared/app-error.js';
import { Product } from '../../store/index.js';
import { auditIn, changedFields } from './audit.js';
import type { UseCaseContext } from './context.js';
import { applyPatch, invalid, withoutNulls } from './validate.js';

export interface BulkResult {
  created: number;
  updated: number;
  /** Products in the catalogue after the import. */
  total: number;
}

/** A row problem, so an import report can show "row 4, price: must be 0 or more". */
export interface RowError extends ErrorDetail {
  index: number;
  field: string;
}

/** A huge file full of errors would make a huge response; the first ones are what a person fixes first. */
const MAX_REPORTED = 1000;

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `{ "items": [...] }`, or a bare array. */
export function bulkRows(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (isPlainObject(input) && Array.isArray(input.items)) {
    const extra = Object.keys(input).filter((k) => k !== 'items');
    if (extra.length > 0) throw invalid('bulk import', extra.map((key) => ({ path: key, message: `unknown field "${key}"` })));
    return input.items;
  }
  throw invalid('bulk import', [{ path: 'items', message: 'must be a list of products: { "items": [ { "name": …, "price": …, … } ] }' }]);
}

/**
 * Upsert products by SKU in one transaction: a row whose SKU exists updates that product
 * (keeping its id, merging the given fields), any other row is created. All or nothing: one
 * bad row refuses the whole file, with every bad row listed.
 */
export async function bulkUpsertProducts(ctx: UseCaseContext, input: unknown): Promise<BulkResult> {
  const rows = bulkRows(input);
  return ctx.store.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    const changed = new Set<string>();
    const seen = new Map<string, number>();
    const errors: RowError[] = [];
    // `rest` is the path inside the row, e.g. "price" or "keywords[2]"; `field` its top-level name.
    const fail = (index: number, rest: string, message: string) =>
      errors.push({ index, path: rest ? `[${index}].${rest}` : `[${index}]`, field: rest.split(/[.[]/)[0], message });

    for (const [index, row] of rows.entries()) {
      if (!isPlainObject(row)) {
        fail(index, '', 'must be an object with the product fields');
        continue;
      }
      const key = typeof row.sku === 'string' ? row.sku.trim().toLowerCase() : '';
      if (key) {
        const first = seen.get(key);
        if (first !== undefined) {
          fail(index, 'sku', `duplicate sku "${String(row.sku).trim()}" in this import (also at [${first}])`);
          continue;
        }
        seen.set(key, index);
      }
      const existing = key ? await tx.inventory.findBy('sku', key) : undefined;
      const { id: rowId, ...fields } = row;
      if (rowId !== undefined && rowId !== existing?.id) {
        fail(index, 'id', existing ? `must be the id of the product with this sku (${existing.id}) or left out` : 'is assigned by the server; leave it out (rows are matched by sku)');
        continue;
      }
      // The SKU is the match key: a matched product keeps its own spelling of it.
      const { sku: _matchedSku, ...patch } = fields;
      const parsed = Product.safeParse(existing ? applyPatch(existing, patch) : { ...withoutNulls(fields), id: randomUUID() });
      if (!parsed.success) {
        for (const d of zodDetails(parsed.error)) fail(index, d.path === '(root)' ? '' : d.path, d.message);
        continue;
      }
      const product = parsed.data;
      if (product.departmentId !== undefined && product.departmentId !== existing?.departmentId && !(await tx.departments.get(product.departmentId))) {
        fail(index, 'departmentId', `no department with id "${product.departmentId}"`);
        continue;
      }
      if (errors.length > 0) continue; // nothing will be written: checking the rest is enough
      if (existing) {
        updated++;
        const fieldsChanged = changedFields(existing, product);
        if (fieldsChanged.length === 0) continue;
        await tx.inventory.update(product);
        for (const field of fieldsChanged) changed.add(field);
      } else {
        await tx.inventory.insert(product);
        created++;
        for (const field of Object.keys(product)) if (field !== 'id') changed.add(field);
      }
    }

    if (errors.length > 0) throw rowErrors(errors, rows.length);
    const total = (await tx.inventory.list({ pageSize: 1 })).total;
    if (changed.size > 0) {
      auditIn(tx, ctx, {
        action: 'bulk',
        collection: 'inventory',
        changes: [...changed].sort(),
        summary: `Bulk import of ${rows.length} row(s): ${created} created, ${updated} updated`,
      });
    }
    return { created, updated, total };
  });
}

function rowErrors(errors: RowError[], rowCount: number): AppError {
  const badRows = new Set(errors.map((e) => e.index)).size;
  const shown = errors.slice(0, MAX_REPORTED);
  const more = errors.length > shown.length ? ` (the first ${shown.length} of ${errors.length} problems are listed)` : '';
  return new AppError(
    'validation_failed',
    `Nothing was imported: ${badRows} of ${rowCount} row(s) have errors${more}: ${summariseDetails(errors)}`,
    400,
    shown,
  );
}
