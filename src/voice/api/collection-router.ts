import { Router, type Request } from 'express';
import type { VoiceDeps } from '../app.js';
import type { UseCaseContext } from '../domain/context.js';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../domain/collection-use-cases.js';
import { paginate } from '../domain/paginate.js';
import type { ListCollection, RecordOf, ResourceRules } from '../domain/resources.js';
import { contextOf } from './context.js';
import { booleanParam, pagingParams } from './query.js';

interface CollectionRouterOptions<K extends ListCollection> {
  /** Replaces the plain list, e.g. with a search over `?q=`. */
  list?: (ctx: UseCaseContext, req: Request) => Promise<readonly RecordOf<K>[]>;
}

/** GET and POST on the list, GET, PUT and DELETE on one record: the same for every list resource. */
export function collectionRouter<K extends ListCollection>(deps: VoiceDeps, rules: ResourceRules<K>, options: CollectionRouterOptions<K> = {}): Router {
  const router = Router();

  // The loader: an unknown id is a 404 before any handler (or body check) runs.
  router.param('id', async (req, res, next, id: string) => {
    res.locals.record = await getRecord(contextOf(deps, req), rules, id);
    next();
  });

  router.get('/', async (req, res) => {
    const paging = pagingParams(req.query);
    const ctx = contextOf(deps, req);
    const items = options.list ? await options.list(ctx, req) : await listRecords(ctx, rules);
    res.json(paginate(items, paging));
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await createRecord(contextOf(deps, req), rules, req.body));
  });

  router.get('/:id', (_req, res) => {
    res.json(res.locals.record);
  });

  router.put('/:id', async (req, res) => {
    res.json(await updateRecord(contextOf(deps, req), rules, req.params.id, req.body));
  });

  router.delete('/:id', async (req, res) => {
    const unassignProducts = booleanParam(req.query, 'unassignProducts');
    res.json(await deleteRecord(contextOf(deps, req), rules, req.params.id, { unassignProducts }));
  });

  return router;
}
