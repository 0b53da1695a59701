import { Router } from 'express';
import type { VoiceDeps } from '../app.js';
import { addStaff, changeOwnPassword, changeStaff, defaultPasswordInUse, getStaff, listStaff, recordLogout, resetPassword, verifyLogin } from '../domain/staff-use-cases.js';
import { contextOf } from './context.js';

/** Staff logins (never with their password hashes), and the dashboard's login and logout. */
export function staffRouter(deps: VoiceDeps): Router {
  const router = Router();
  router.get('/staff', async (req, res) => {
    res.json(await listStaff(contextOf(deps, req)));
  });
  router.post('/staff', async (req, res) => {
    const added = await addStaff(contextOf(deps, req), req.body);
    res.status(201).location(`${req.baseUrl}/staff/${added.id}`).json(added);
  });
  router.get('/staff/:id', async (req, res) => {
    res.json(await getStaff(contextOf(deps, req), req.params.id));
  });
  router.put('/staff/:id', async (req, res) => {
    res.json(await changeStaff(contextOf(deps, req), req.params.id, req.body));
  });
  // An admin sets a new password; changing one's own needs the current one.
  router.put('/staff/:id/password', async (req, res) => {
    await resetPassword(contextOf(deps, req), req.params.id, req.body);
    res.status(204).end();
  });
  router.post('/staff/:id/password-change', async (req, res) => {
    await changeOwnPassword(contextOf(deps, req), req.params.id, req.body);
    res.status(204).end();
  });

  router.post('/auth/login', async (req, res) => {
    res.json(await verifyLogin(contextOf(deps, req), req.body));
  });
  router.post('/auth/logout', async (req, res) => {
    await recordLogout(contextOf(deps, req), String((req.body as { id?: unknown })?.id ?? ''));
    res.status(204).end();
  });
  router.get('/auth/default-password', async (req, res) => {
    res.json({ inUse: await defaultPasswordInUse(contextOf(deps, req)) });
  });
  return router;
}
