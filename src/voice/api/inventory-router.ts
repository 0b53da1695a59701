import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { bulkUpsertProducts } from '../domain/bulk-upsert.js';
import { findRecords } from '../domain/collection-use-cases.js';
import { teachKeyword } from '../domain/teach-keyword.js';
import { productRules } from '../domain/resources.js';
import { requireRows } from '../http/require-body.js';
import { collectionRouter } from './collection-router.js';
import { contextOf } from './context.js';
import { pagingParams, textParam } from './query.js';

/** The product CRUD of every list resource, plus search (`?q=`), the bulk upsert used by CSV import and teaching a keyword. */
export function inventoryRouter(deps: VoiceDeps): Router {
  const router = Router();
  // `?q=` words must all appear in the name, SKU, keywords or location; the answer is one page.
  router.get('/', async (req, res) => {
    res.json(await findRecords(contextOf(deps, req), productRules, { q: textParam(req.query, 'q'), ...pagingParams(req.query) }));
  });
  router.post('/bulk', requireRows, async (req, res) => {
    res.json(await bulkUpsertProducts(contextOf(deps, req), req.body));
  });
  // Staff teach the line a caller's phrase for this product (`{ "phrase": "…" }`); a repeat is a no-op.
  router.post('/:id/keywords', async (req, res) => {
    const { product, added } = await teachKeyword(contextOf(deps, req), req.params.id, req.body);
    res.json({ product, added });
  });
  router.use(collectionRouter(deps, productRules));
  return router;
}
