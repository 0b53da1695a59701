import type { AuditEntry, CallRecord } from '../../store/index.js';
import { mergeCallRecords } from '../calls/merge-calls.js';
import { oncePerValue } from '../../shared/once-per-value.js';
import type { UseCaseContext } from './context.js';

/** readLog returns the same frozen array until the file changes: merge or reverse once per version. */
const mergedCalls = oncePerValue((lines: readonly CallRecord[]) => mergeCallRecords(lines));
const newestAudit = oncePerValue((lines: readonly AuditEntry[]) => [...lines].reverse());

export interface CallFilter {
  /** Only calls where the caller asked for something the store does not carry. */
  unmet?: boolean;
  outcome?: string;
}

export async function listCalls(ctx: UseCaseContext, filter: CallFilter = {}): Promise<readonly CallRecord[]> {
  const calls = mergedCalls(await ctx.store.readLog('calls'));
  return calls.filter(
    (c) => (filter.unmet === undefined || c.unmetRequests.length > 0 === filter.unmet) && (filter.outcome === undefined || c.outcome === filter.outcome),
  );
}

export interface AuditFilter {
  collection?: string;
  actor?: string;
}

/** Newest first. */
export async function listAudit(ctx: UseCaseContext, filter: AuditFilter = {}): Promise<readonly AuditEntry[]> {
  const entries = newestAudit(await ctx.store.readLog('audit'));
  return entries.filter(
    (e) => (filter.collection === undefined || e.collection === filter.collection) && (filter.actor === undefined || e.actor === filter.actor),
  );
}
