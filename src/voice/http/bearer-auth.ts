import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * `Authorization: Bearer <token>` on every request: 401 when missing or malformed, 403 when
 * wrong. Both sides are hashed first so timingSafeEqual always compares equal-length buffers
 * and the token's length does not leak either.
 */
export function bearerAuth(token: string): RequestHandler {
  if (!token) throw new Error('bearerAuth needs a non-empty token');
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
      const message = header === undefined ? 'Missing Authorization header: send "Authorization: Bearer <API_TOKEN>"' : 'Malformed Authorization header: expected "Bearer <API_TOKEN>"';
      return next(new AppError('unauthorized', message, 401));
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      return next(new AppError('forbidden', 'The API token is not valid', 403));
    }
    next();
  };
}
