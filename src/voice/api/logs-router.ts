import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { callStats, listAudit, listCalls } from '../domain/logs.js';
import { contextOf } from './context.js';
import { booleanParam, pagingParams, textParam, wholeNumberParam } from './query.js';

/** The call log and the change log, newest first, paged like every list; the calls' stats. */
export function logsRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.get('/calls', async (req, res) => {
    const filter = { unmet: booleanParam(req.query, 'unmet'), outcome: textParam(req.query, 'outcome', 50) };
    res.json(await listCalls(contextOf(deps, req), filter, pagingParams(req.query)));
  });
  router.get('/calls/stats', async (req, res) => {
    res.json(await callStats(contextOf(deps, req), wholeNumberParam(req.query, 'days', 30, 366)));
  });
  router.get('/audit', async (req, res) => {
    const filter = { collection: textParam(req.query, 'collection', 50), actor: textParam(req.query, 'actor', 100) };
    res.json(await listAudit(contextOf(deps, req), filter, pagingParams(req.query)));
  });
  return router;
}
