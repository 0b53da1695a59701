import type { RequestHandler, Response } from 'express';

/**
 * express-session saves a changed session while the response is already on its way, so a
 * browser that follows a redirect at once can load the session before the save lands and
 * miss the message or the simulator turn just stored. Save first, then redirect.
 */
export const saveBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    if (!req.session) return redirect(...args); // destroyed (logout): nothing to save
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as Response['redirect'];
  next();
};
