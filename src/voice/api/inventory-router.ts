import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { bulkUpsertProducts } from '../domain/bulk-upsert.js';
import { listRecords } from '../domain/collection-use-cases.js';
import { searchProducts } from '../domain/inventory-search.js';
import { productRules } from '../domain/resources.js';
import { collectionRouter } from './collection-router.js';
import { contextOf } from './context.js';
import { textParam } from './query.js';

/** The product CRUD of every list resource, plus search (`?q=`) and the bulk upsert used by CSV import. */
export function inventoryRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.post('/bulk', async (req, res) => {
    res.json(await bulkUpsertProducts(contextOf(deps, req), req.body));
  });
  router.use(
    collectionRouter(deps, productRules, {
      list: async (ctx, req) => searchProducts(await listRecords(ctx, productRules), textParam(req.query, 'q') ?? ''),
    }),
  );
  return router;
}
