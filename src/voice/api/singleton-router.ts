import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import type { SingletonName } from '../../store/index.js';
import { readSingleton, updateSingleton, type SingletonRules } from '../domain/singleton-use-cases.js';
import { contextOf } from './context.js';

/** store-info and settings: one object each; PUT merges the given fields. */
export function singletonRouter<K extends SingletonName>(deps: VoiceDeps, rules: SingletonRules<K>): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await readSingleton(contextOf(deps, req), rules));
  });
  router.put('/', async (req, res) => {
    res.json(await updateSingleton(contextOf(deps, req), rules, req.body));
  });
  return router;
}
