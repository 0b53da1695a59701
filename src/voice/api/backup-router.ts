import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { exportBackup, restoreBackup } from '../domain/backup.js';
import { contextOf } from './context.js';

export function backupRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.get('/backup', async (req, res) => {
    const backup = await exportBackup(contextOf(deps, req));
    // A browser saving the response directly gets a sensible file name.
    res.attachment(`store-backup-${backup.exportedAt.replace(/[:.]/g, '-')}.json`);
    res.json(backup);
  });
  router.post('/restore', async (req, res) => {
    res.json(await restoreBackup(contextOf(deps, req), req.body));
  });
  return router;
}
