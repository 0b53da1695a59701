import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { listAudit, listCalls } from '../domain/logs.js';
import { paginate } from '../domain/paginate.js';
import { contextOf } from './context.js';
import { booleanParam, pagingParams, textParam } from './query.js';

/** The call log and the change log, newest first, paged like every list. */
export function logsRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.get('/calls', async (req, res) => {
    const paging = pagingParams(req.query);
    const calls = await listCalls(contextOf(deps, req), {
      unmet: booleanParam(req.query, 'unmet'),
      outcome: textParam(req.query, 'outcome', 50),
    });
    res.json(paginate(calls, paging));
  });
  router.get('/audit', async (req, res) => {
    const paging = pagingParams(req.query);
    const entries = await listAudit(contextOf(deps, req), {
      collection: textParam(req.query, 'collection', 50),
      actor: textParam(req.query, 'actor', 100),
    });
    res.json(paginate(entries, paging));
  });
  return router;
}
