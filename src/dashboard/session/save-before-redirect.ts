import type { RequestHandler, Response } from 'express';

/**
 * express-session saves a changed session while the response is already on its way, so a
 * browser that follows a redirect at once can load the session before the save lands and
 * miss the message or the simulator turn just stored. Save first, then redirect.
 */
export const saveBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    // Destroyed (logout), or nobody logged in: nothing worth storing (an anonymous session never is).
    if (!req.session?.user) return redirect(...args);
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as Response['redirect'];
  next();
};
