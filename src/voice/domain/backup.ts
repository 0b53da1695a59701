import { z } from 'zod';
import type { ErrorDetail } from '../../shared/app-error.js';
import { zodDetails } from '../../shared/zod-details.js';
import {
  type CollectionName,
  DEFINITIONS,
  duplicateKeys,
  type ListCollectionName,
  type ListDefinition,
  type RecordOf,
  type SingletonName,
  type Transaction,
  type ValueOf,
} from '../../store/index.js';
import { auditIn } from './audit.js';
import type { UseCaseContext } from './context.js';
import { invalid, requireObject } from './validate.js';

/**
 * Everything a store needs to be rebuilt, in one document. Staff are included with their
 * password hashes so a restore brings the logins back; the document is only ever served
 * behind the API token. Sessions and the logs are not part of it.
 */
export const BACKUP_COLLECTIONS = ['storeInfo', 'departments', 'inventory', 'coupons', 'voiceTemplates', 'settings', 'staff'] as const satisfies readonly CollectionName[];
export type BackupCollection = (typeof BACKUP_COLLECTIONS)[number];

export const BACKUP_VERSION = 1;

type BackupData = { [K in BackupCollection]: K extends SingletonName ? ValueOf<K> : readonly RecordOf<K & ListCollectionName>[] };
export type BackupDocument = { version: typeof BACKUP_VERSION; exportedAt: string } & BackupData;

export async function exportBackup(ctx: UseCaseContext): Promise<BackupDocument> {
  const { store } = ctx;
  return {
    version: BACKUP_VERSION,
    exportedAt: ctx.now().toISOString(),
    storeInfo: await store.storeInfo.get(),
    departments: await store.departments.all(),
    inventory: await store.inventory.all(),
    coupons: await store.coupons.all(),
    voiceTemplates: await store.voiceTemplates.all(),
    settings: await store.settings.get(),
    staff: await store.staff.all(),
  };
}

export type RestoreResult = { restored: Record<BackupCollection, number> };

/**
 * Validate every collection of the document (and the rules that span collections) before
 * anything is replaced; a document missing a collection is refused rather than half-applied.
 * Then every collection is replaced in one transaction: all of them, or none.
 */
export async function restoreBackup(ctx: UseCaseContext, input: unknown): Promise<RestoreResult> {
  const doc = requireObject(input, 'backup');
  const data = validateBackup(doc);
  const restored = Object.fromEntries(BACKUP_COLLECTIONS.map((name) => [name, countOf(data[name])])) as Record<BackupCollection, number>;
  await ctx.store.transaction(async (tx) => {
    await tx.storeInfo.replace(data.storeInfo);
    await tx.settings.replace(data.settings);
    for (const name of ['departments', 'inventory', 'coupons', 'voiceTemplates', 'staff'] as const) await replaceList(tx, name, data[name]);
    auditIn(tx, ctx, {
      action: 'restore',
      collection: 'all',
      changes: [...BACKUP_COLLECTIONS],
      summary: `Restored a backup${doc.exportedAt ? ` exported at ${String(doc.exportedAt).slice(0, 40)}` : ''}: ${BACKUP_COLLECTIONS.map((n) => `${restored[n]} ${n}`).join(', ')}`,
    });
  });
  return { restored };
}

function replaceList<K extends ListCollectionName>(tx: Transaction, name: K, records: readonly RecordOf<K>[]): Promise<void> {
  return (tx[name] as unknown as { replaceAll(records: readonly RecordOf<K>[]): Promise<void> }).replaceAll(records);
}

const countOf = (value: unknown) => (Array.isArray(value) ? value.length : 1);

function validateBackup(doc: Record<string, unknown>): BackupData {
  const details: ErrorDetail[] = [];
  const known = new Set<string>(['version', 'exportedAt', ...BACKUP_COLLECTIONS]);
  if (doc.version !== BACKUP_VERSION) details.push({ path: 'version', message: `must be ${BACKUP_VERSION} (a backup made by GET /api/backup)` });
  if (doc.exportedAt !== undefined && typeof doc.exportedAt !== 'string') details.push({ path: 'exportedAt', message: 'must be a string' });
  for (const key of Object.keys(doc)) if (!known.has(key)) details.push({ path: key, message: `unknown field "${key}"` });

  const data: Record<string, unknown> = {};
  for (const name of BACKUP_COLLECTIONS) {
    if (doc[name] === undefined) {
      details.push({ path: name, message: 'is missing; a backup must hold every collection, so nothing is restored by halves' });
      continue;
    }
    const definition = DEFINITIONS[name];
    const schema = definition.kind === 'list' ? z.array(definition.record as z.ZodType) : definition.value;
    const parsed = schema.safeParse(doc[name]);
    if (!parsed.success) {
      details.push(...zodDetails(parsed.error, [name]));
      continue;
    }
    data[name] = parsed.data;
    if (definition.kind === 'list') {
      for (const d of duplicateKeys(parsed.data as { id: string }[], definition as unknown as ListDefinition<{ id: string }>)) {
        if (!d.partial) details.push({ path: `${name}[${d.index}].${d.field}`, message: `duplicate ${d.field} "${d.value}" (also at [${d.firstIndex}])` });
      }
    }
  }
  if (details.length === 0) details.push(...crossChecks(data as BackupData));
  if (details.length > 0) throw invalid('backup (nothing was restored)', details.slice(0, 1000));
  return data as BackupData;
}

/** Rules the API enforces across collections, so a restore cannot bring in what a write would refuse. */
function crossChecks(data: BackupData): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const departmentIds = new Set(data.departments.map((d) => d.id));
  data.inventory.forEach((p, i) => {
    if (p.departmentId !== undefined && !departmentIds.has(p.departmentId)) {
      details.push({ path: `inventory[${i}].departmentId`, message: `no department with id "${p.departmentId}" in this backup` });
    }
  });
  for (const d of duplicateKeys(data.voiceTemplates, DEFINITIONS.voiceTemplates)) {
    if (d.partial) details.push({ path: `voiceTemplates[${d.index}].key`, message: `a second active template for "${d.value}" (also at [${d.firstIndex}])` });
  }
  if (!data.staff.some((s) => s.active && s.role === 'admin')) {
    details.push({ path: 'staff', message: 'must include at least one active admin, or nobody could log in to manage the store' });
  }
  return details;
}
