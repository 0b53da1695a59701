import type { AuditEntry, Transaction } from '../../store/index.js';
import type { UseCaseContext } from './context.js';

export type AuditInput = Omit<AuditEntry, 'at' | 'actor'>;

/** The audit line of a change made in `tx`: it lands only if the change does. */
export function auditIn(tx: Transaction, ctx: UseCaseContext, entry: AuditInput): void {
  tx.audit.add({ at: ctx.now().toISOString(), actor: ctx.actor, ...entry });
}

/**
 * An event that is not a change of data (a login, a logout). It is logged loudly rather than
 * answered as an error when it cannot be written: what it records has already happened.
 */
export async function recordEvent(ctx: UseCaseContext, entry: AuditInput): Promise<void> {
  const line: AuditEntry = { at: ctx.now().toISOString(), actor: ctx.actor, ...entry };
  try {
    await ctx.store.audit.append(line);
  } catch (error) {
    ctx.logger.error({ err: error, audit: line }, 'could not append to the audit log');
  }
}

/** Top-level fields whose values differ, including fields added or removed. */
export function changedFields(before: object | undefined, after: object | undefined): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}
