import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { couponRules, departmentRules, voiceTemplateRules } from '../domain/resources.js';
import { settingsRules, storeInfoRules } from '../domain/singleton-use-cases.js';
import { bearerAuth } from '../http/bearer-auth.js';
import { jsonBody, requireSomethingToChange } from '../http/require-body.js';
import { requireJson } from '../http/require-json.js';
import { backupRouter } from './backup-router.js';
import { collectionRouter } from './collection-router.js';
import { inventoryRouter } from './inventory-router.js';
import { logsRouter } from './logs-router.js';
import { singletonRouter } from './singleton-router.js';
import { staffRouter } from './staff-router.js';

/** Ordinary requests are small; a whole catalogue (about 14 MB for 50,000 products) is not. */
export const BODY_LIMIT = '1mb';
export const LARGE_BODY_LIMIT = '64mb';
export const LARGE_BODY_PATHS = ['/restore', '/inventory/bulk'];

/** The REST API under /api: token first, then JSON bodies, then the resources. */
export function createApiRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.use(bearerAuth(deps.apiToken));
  router.use(requireJson);
  // The large parser reads these bodies first; the general one then sees a read body and skips it.
  router.post(LARGE_BODY_PATHS, jsonBody(LARGE_BODY_LIMIT));
  router.use(jsonBody(BODY_LIMIT));
  router.use(requireSomethingToChange);

  router.use('/store-info', singletonRouter(deps, storeInfoRules));
  router.use('/settings', singletonRouter(deps, settingsRules));
  router.use('/departments', collectionRouter(deps, departmentRules));
  router.use('/inventory', inventoryRouter(deps));
  router.use('/coupons', collectionRouter(deps, couponRules));
  router.use('/voice-templates', collectionRouter(deps, voiceTemplateRules));
  router.use(logsRouter(deps));
  router.use(staffRouter(deps));
  router.use(backupRouter(deps));
  return router;
}
