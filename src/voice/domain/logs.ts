import type { AuditEntry, AuditFilter, CallFilter, CallRecord, CallStats, Page, Paging } from '../../store/index.js';
import type { UseCaseContext } from './context.js';

/** The call log, newest call first. */
export function listCalls(ctx: UseCaseContext, filter: CallFilter, paging: Paging): Promise<Page<CallRecord>> {
  return ctx.store.calls.page(filter, paging);
}

/** What callers wanted over the last `days` days, in the store's time zone. */
export async function callStats(ctx: UseCaseContext, days: number): Promise<CallStats> {
  const { timezone } = await ctx.store.storeInfo.get();
  return ctx.store.calls.stats({ days, timeZone: timezone, now: ctx.now() });
}

/** The change log, newest first. */
export function listAudit(ctx: UseCaseContext, filter: AuditFilter, paging: Paging): Promise<Page<AuditEntry>> {
  return ctx.store.audit.page(filter, paging);
}
