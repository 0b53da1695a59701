import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * A request that carries a body must say it is JSON. Without this, express.json() would
 * silently skip a form or text body and the route would see no body at all.
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!BODY_METHODS.has(req.method) || req.is('application/json')) return next();
  const given = req.headers['content-type'];
  next(
    new AppError(
      'unsupported_media_type',
      given ? `Content-Type must be application/json, not ${given.slice(0, 100)}` : 'Content-Type must be application/json (the request had none)',
      415,
    ),
  );
};
