import { Router, type Request, type Response } from 'express';
import type { JsonStore } from '../../store/index.js';
import type { LoginCsrf } from '../http/login-csrf.js';
import { SESSION_COOKIE } from '../session/session-middleware.js';
import { loginRateLimits, type LoginLimit } from './login-rate-limit.js';
import type { StaffService } from './staff-service.js';

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

export function createLoginRouter(deps: { staff: StaffService; store: JsonStore; limit: LoginLimit; csrf: LoginCsrf; clock: () => Date }): Router {
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
    const user = username && password ? await deps.staff.verifyLogin(username, password) : undefined;
    if (!user) return renderLogin(csrf, req, res, 401, { username, next }, GENERIC_FAILURE);

    // A fresh session id at login: a session id planted before login is worth nothing after it.
    await regenerate(req);
    req.session.user = { id: user.id, username: user.username };
    await deps.store.append('audit', { at: deps.clock().toISOString(), actor: user.username, action: 'login', collection: 'staff', id: user.id, changes: [] });
    res.redirect(next);
  });

  router.post('/logout', async (req, res) => {
    const user = req.session.user;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(SESSION_COOKIE);
    if (user) {
      await deps.store.append('audit', { at: deps.clock().toISOString(), actor: user.username, action: 'logout', collection: 'staff', id: user.id, changes: [] });
    }
    res.redirect('/login');
  });

  return router;
}
