import type { RequestHandler } from 'express';
import { csrfToken } from './csrf.js';

/** What every page's layout needs: who is logged in, the form token, the one-time message, where we are. */
export function pageLocals(options: { voiceApiUrl: string }): RequestHandler {
  return (req, res, next) => {
    res.locals.csrfToken = csrfToken(req);
    res.locals.user = null; // set by requireLogin once the session is checked
    res.locals.flash = req.session.flash ?? null;
    delete req.session.flash;
    res.locals.currentPath = req.path;
    res.locals.voiceApiUrl = options.voiceApiUrl;
    next();
  };
}
