import type { AuditEntry } from '../../store/index.js';
import type { UseCaseContext } from './context.js';

export type AuditInput = Omit<AuditEntry, 'at' | 'actor'>;

/**
 * Append one line to audit.jsonl after a successful write. The data change has already
 * happened by then, so a failure here is logged loudly rather than turned into an error
 * response that would invite the client to repeat a write that did succeed.
 */
export async function recordAudit(ctx: UseCaseContext, entry: AuditInput): Promise<void> {
  const line: AuditEntry = { at: ctx.now().toISOString(), actor: ctx.actor, ...entry };
  try {
    await ctx.store.append('audit', line);
  } catch (error) {
    ctx.logger.error({ err: error, audit: line }, 'could not append to audit.jsonl; the change itself was saved');
  }
}

/** Top-level fields whose values differ, including fields added or removed. */
export function changedFields(before: object | undefined, after: object | undefined): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}
