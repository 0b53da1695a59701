import type { RequestHandler } from 'express';
import { csrfToken } from './csrf.js';

/** A visitor who has not logged in keeps a session (for the login form's token) only this long. */
export const ANONYMOUS_SESSION_MS = 30 * 60_000;

/** What every page's layout needs: who is logged in, the form token, the one-time message, where we are. */
export function pageLocals(options: { voiceApiUrl: string }): RequestHandler {
  return (req, res, next) => {
    // Made only when a page is rendered: a redirect or a bot's stray request does not start a session.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!req.session.user) req.session.cookie.maxAge = ANONYMOUS_SESSION_MS;
        return csrfToken(req);
      },
    });
    res.locals.user = null; // set by requireLogin once the session is checked
    res.locals.flash = req.session.flash ?? null;
    delete req.session.flash;
    res.locals.currentPath = req.path;
    res.locals.voiceApiUrl = options.voiceApiUrl;
    next();
  };
}
