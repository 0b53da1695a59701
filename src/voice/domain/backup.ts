import { AppError, type ErrorDetail } from '../../shared/app-error.js';
import type { CollectionData } from '../../store/index.js';
import { recordAudit } from './audit.js';
import type { UseCaseContext } from './context.js';
import { invalid, requireObject } from './validate.js';

/**
 * Everything a store needs to be rebuilt, in one document. Staff are included with their
 * password hashes so a restore brings the logins back; the document is only ever served
 * behind the API token. Sessions are not data worth keeping and are left out.
 */
export const BACKUP_COLLECTIONS = ['storeInfo', 'departments', 'inventory', 'coupons', 'voiceTemplates', 'settings', 'staff'] as const;
export type BackupCollection = (typeof BACKUP_COLLECTIONS)[number];

export const BACKUP_VERSION = 1;

export type BackupDocument = { version: typeof BACKUP_VERSION; exportedAt: string } & { [K in BackupCollection]: CollectionData[K] };

export async function exportBackup(ctx: UseCaseContext): Promise<BackupDocument> {
  const doc: Record<string, unknown> = { version: BACKUP_VERSION, exportedAt: ctx.now().toISOString() };
  for (const name of BACKUP_COLLECTIONS) doc[name] = await ctx.store.read(name);
  return doc as BackupDocument;
}

export type RestoreResult = { restored: Record<BackupCollection, number> };

/**
 * Validate every collection of the document (and the rules that span collections) before
 * anything is replaced; a document missing a collection is refused rather than half-applied.
 * If a replace then fails (a disk error), the collections already replaced are put back.
 */
export async function restoreBackup(ctx: UseCaseContext, input: unknown): Promise<RestoreResult> {
  const doc = requireObject(input, 'backup');
  const data = validateBackup(ctx, doc);

  const previous = new Map<BackupCollection, unknown>();
  for (const name of BACKUP_COLLECTIONS) previous.set(name, await ctx.store.read(name));
  const replaced: BackupCollection[] = [];
  try {
    for (const name of BACKUP_COLLECTIONS) {
      await ctx.store.replace(name, data[name] as never);
      replaced.push(name);
    }
  } catch (error) {
    for (const name of replaced.reverse()) {
      await ctx.store.replace(name, previous.get(name) as never).catch((rollbackError: unknown) => {
        ctx.logger.error({ err: rollbackError, collection: name }, 'restore failed and this collection could not be put back');
      });
    }
    throw error;
  }

  const restored = Object.fromEntries(BACKUP_COLLECTIONS.map((name) => [name, countOf(data[name])])) as Record<BackupCollection, number>;
  await recordAudit(ctx, {
    action: 'restore',
    collection: 'all',
    changes: [...BACKUP_COLLECTIONS],
    summary: `Restored a backup${doc.exportedAt ? ` exported at ${String(doc.exportedAt).slice(0, 40)}` : ''}: ${BACKUP_COLLECTIONS.map((n) => `${restored[n]} ${n}`).join(', ')}`,
  });
  return { restored };
}

const countOf = (value: unknown) => (Array.isArray(value) ? value.length : 1);

function validateBackup(ctx: UseCaseContext, doc: Record<string, unknown>): { [K in BackupCollection]: CollectionData[K] } {
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
    try {
      data[name] = ctx.store.validate(name, doc[name]);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      details.push(...error.details.map((d) => ({ ...d, path: prefixPath(name, d.path) })));
    }
  }
  if (details.length === 0) details.push(...crossChecks(data as { [K in BackupCollection]: CollectionData[K] }));
  if (details.length > 0) throw invalid('backup (nothing was restored)', details.slice(0, 1000));
  return data as { [K in BackupCollection]: CollectionData[K] };
}

function prefixPath(collection: string, path: string): string {
  if (path === '(root)') return collection;
  return path.startsWith('[') ? `${collection}${path}` : `${collection}.${path}`;
}

/** Rules the API enforces across records and collections, so a restore cannot bring in what a write would refuse. */
function crossChecks(data: { [K in BackupCollection]: CollectionData[K] }): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const departmentIds = new Set(data.departments.map((d) => d.id));
  data.inventory.forEach((p, i) => {
    if (p.departmentId !== undefined && !departmentIds.has(p.departmentId)) {
      details.push({ path: `inventory[${i}].departmentId`, message: `no department with id "${p.departmentId}" in this backup` });
    }
  });
  const activeKeys = new Map<string, number>();
  data.voiceTemplates.forEach((t, i) => {
    if (!t.active) return;
    const first = activeKeys.get(t.key);
    if (first !== undefined) details.push({ path: `voiceTemplates[${i}].key`, message: `a second active template for "${t.key}" (also at [${first}])` });
    else activeKeys.set(t.key, i);
  });
  if (!data.staff.some((s) => s.active && s.role === 'admin')) {
    details.push({ path: 'staff', message: 'must include at least one active admin, or nobody could log in to manage the store' });
  }
  return details;
}
