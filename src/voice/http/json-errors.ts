import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';
import { toAppError } from '../../shared/http/to-app-error.js';

/** Unknown /api path: JSON 404 like every other API error. */
export const jsonNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No such endpoint: ${req.method} ${req.path}`, 404));
};

/**
 * The API's one error handler: `{ "error": { "message", "code", "details" } }` with the
 * error's status. body-parser's own errors (bad JSON, too large, too many form fields, a
 * charset it cannot read) are translated here, for the API and the webhooks alike.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error, 'Internal server error');
  if (appError.status >= 500) req.log?.error({ err: error }, appError.message);
  if (res.headersSent) return;
  res.status(appError.status).json({ error: { message: appError.message, code: appError.code, details: appError.details } });
};
