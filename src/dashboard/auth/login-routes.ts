import { Router, type Request, type Response } from 'express';
import { isAppError } from '../../shared/app-error.js';
import type { LoginCsrf } from '../http/login-csrf.js';
import { SESSION_COOKIE } from '../session/session-middleware.js';
import type { VoiceApiClient } from '../voice-api-client.js';
import { loginRateLimits, type LoginLimit } from './login-rate-limit.js';
import { type PublicStaff, staffApi } from './staff-service.js';

const GENERIC_FAILURE = 'Invalid username or password.';

/** Only a path on this site: an open redirect via ?next= would make a phishing link look like ours. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/** The form's token comes from its own cookie (see login-csrf.ts): showing the login page stores no session. */
function renderLogin(csrf: LoginCsrf, req: Request, res: Response, status: number, values: { username: string; next: string }, error?: string) {
  res.status(status).render('login', { title: 'Log in', values, error: error ?? null, csrfToken: csrf.token(req, res) });
}

const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));

export function createLoginRouter(deps: { api: VoiceApiClient; limit: LoginLimit; csrf: LoginCsrf }): Router {
  const router = Router();
  const { csrf } = deps;
  router.use('/login', csrf.cookies);

  router.get('/login', (req, res) => {
    if (req.session.user) return res.redirect('/');
    renderLogin(csrf, req, res, 200, { username: '', next: safeNext(req.query.next) });
  });

  const limiters = loginRateLimits(deps.limit, (req, res, minutes) => {
    const values = { username: String(req.body?.username ?? ''), next: safeNext(req.body?.next) };
    renderLogin(csrf, req, res, 429, values, `Too many failed attempts. Wait ${minutes} minutes and try again.`);
  });

  router.post('/login', csrf.protection, ...limiters, async (req: Request, res: Response) => {
    const username = String(req.body?.username ?? '').slice(0, 100);
    const password = String(req.body?.password ?? '').slice(0, 200);
    const next = safeNext(req.body?.next);
    let user: PublicStaff;
    try {
      // The voice service checks the password and writes the login (or the failed attempt) to the audit log.
      user = await staffApi.verifyLogin(deps.api.as(username.trim() || 'anonymous', String(req.id ?? '')), username, password);
    } catch (error) {
      if (isAppError(error) && (error.status === 401 || error.status === 400)) return renderLogin(csrf, req, res, 401, { username, next }, GENERIC_FAILURE);
      if (isAppError(error) && error.status === 503) return renderLogin(csrf, req, res, 503, { username, next }, error.message);
      throw error;
    }

    // A fresh session id at login: a session id planted before login is worth nothing after it.
    await regenerate(req);
    req.session.user = { id: user.id, username: user.username, role: user.role, name: user.name };
    res.redirect(next);
  });

  router.post('/logout', async (req, res) => {
    const user = req.session.user;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE);
    if (user) {
      await staffApi.recordLogout(deps.api.as(user.username, String(req.id ?? '')), user).catch((error: unknown) => {
        req.log?.warn({ err: error }, 'could not record the logout in the audit log');
      });
    }
    res.redirect('/login');
  });

  return router;
}
