import type { RequestHandler } from 'express';
import { csrfToken } from './csrf.js';

/** What every page's layout needs: who is logged in, the form token, the one-time message, where we are. */
export function pageLocals(options: { voiceApiUrl: string }): RequestHandler {
  return (req, res, next) => {
    // Made only when a page is rendered, and only for a logged-in session: a token in the session
    // of an anonymous visitor would store that session (the login page brings its own token).
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => (req.session.user ? csrfToken(req) : ''),
    });
    res.locals.user = null; // set by requireLogin once the session is checked
    res.locals.flash = req.session.flash ?? null;
    delete req.session.flash;
    res.locals.currentPath = req.path;
    res.locals.voiceApiUrl = options.voiceApiUrl;
    next();
  };
}
