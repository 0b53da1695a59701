import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The media type alone, without parameters such as charset. */
const mediaType = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase();

/**
 * A request that carries a body must say it is JSON. Without this, express.json() would
 * silently skip a form or text body and the route would see no body at all. The header is
 * checked itself (not req.is, which answers null when there is no body), so an empty JSON
 * request reaches the route and gets a 400 saying what the body must be.
 */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (!BODY_METHODS.has(req.method) || mediaType(req.headers['content-type']) === 'application/json') return next();
  const given = req.headers['content-type'];
  next(
    new AppError(
      'unsupported_media_type',
      given ? `Content-Type must be application/json, not ${given.slice(0, 100)}` : 'Content-Type must be application/json (the request had none)',
      415,
    ),
  );
};
