import { Router } from 'express';
import type { CallRecord, CallStats, Page } from '../../store/index.js';
import { barChart, callSummaries } from '../calls/call-stats.js';
import { pageNumber } from './page-helpers.js';

/** The summaries cover a month; the chart shows its last two weeks. */
const STATS_DAYS = 30;

export function callsPage(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = pageNumber(req.query.page);
    const [log, counted] = await Promise.all([req.api.get<Page<CallRecord>>('/calls', { page, pageSize: 20 }), req.api.get<CallStats>('/calls/stats', { days: STATS_DAYS })]);
    const stats = callSummaries(counted);
    res.render('calls', {
      title: 'Calls',
      log,
      pages: Math.max(1, Math.ceil(log.total / (log.pageSize || 20))),
      stats,
      statsDays: STATS_DAYS,
      chart: barChart(stats.perDay),
      timeZone: counted.timeZone,
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
