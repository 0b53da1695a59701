import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from '../domain/collection-use-cases.js';
import type { ResourceName, ResourceRules } from '../domain/resources.js';
import { contextOf } from './context.js';
import { booleanParam } from './query.js';

/**
 * GET and POST on the list, GET, PUT and DELETE on one record: the same for every list
 * resource. The plain list is the whole array (departments, coupons and templates are
 * small); inventory mounts its own searched, paged GET / in front of this.
 */
export function collectionRouter<K extends ResourceName>(deps: VoiceDeps, rules: ResourceRules<K>): Router {
  const router = Router();

  // The loader: an unknown id is a 404 before any handler runs or any body is validated.
  router.param('id', async (req, res, next, id: string) => {
    res.locals.record = await getRecord(contextOf(deps, req), rules, id);
    next();
  });

  router.get('/', async (req, res) => {
    res.json(await listRecords(contextOf(deps, req), rules));
  });

  router.post('/', async (req, res) => {
    const record = await createRecord(contextOf(deps, req), rules, req.body);
    res.status(201).location(`${req.baseUrl}/${record.id}`).json(record);
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
