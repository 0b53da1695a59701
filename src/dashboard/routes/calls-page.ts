import { Router } from 'express';
import type { CallRecord, StoreInfo } from '../../store/index.js';
import type { VoiceApi, Page } from '../voice-api-client.js';
import { barChart, callStats } from '../calls/call-stats.js';
import { pageNumber } from './page-helpers.js';

const STATS_DAYS = 30;
const STATS_PAGE_SIZE = 200;
const STATS_MAX_PAGES = 25;

/** Calls of the last `days` days, newest first, read page by page (the log can be long). */
async function recentCalls(api: VoiceApi, since: Date): Promise<CallRecord[]> {
  const calls: CallRecord[] = [];
  for (let page = 1; page <= STATS_MAX_PAGES; page++) {
    const result = await api.get<Page<CallRecord>>('/calls', { page, pageSize: STATS_PAGE_SIZE });
    for (const call of result.items) {
      const at = call.startedAt ?? call.endedAt;
      if (at && Date.parse(at) < since.getTime()) return calls;
      calls.push(call);
    }
    if (result.items.length === 0 || page * result.pageSize >= result.total) break;
  }
  return calls;
}

export function callsPage(clock: () => Date): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = pageNumber(req.query.page);
    const now = clock();
    const [log, info, recent] = await Promise.all([
      req.api.get<Page<CallRecord>>('/calls', { page, pageSize: 20 }),
      req.api.get<StoreInfo>('/store-info'),
      recentCalls(req.api, new Date(now.getTime() - STATS_DAYS * 86_400_000)),
    ]);
    const stats = callStats(recent, { now, timeZone: info.timezone, days: 14 });
    res.render('calls', {
      title: 'Calls',
      log,
      pages: Math.max(1, Math.ceil(log.total / (log.pageSize || 20))),
      stats,
      statsDays: STATS_DAYS,
      chart: barChart(stats.perDay),
      timeZone: info.timezone,
    });
  });

  return router;
}

export function auditPage(): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const page = pageNumber(req.query.page);
    const log = await req.api.get<Page<Record<string, unknown>>>('/audit', { page, pageSize: 50 });
    res.render('audit', { title: 'Audit log', log, pages: Math.max(1, Math.ceil(log.total / (log.pageSize || 50))) });
  });
  return router;
}
