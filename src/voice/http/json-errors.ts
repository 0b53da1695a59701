import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../../shared/app-error.js';

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
  const appError = toAppError(error);
  if (appError.status >= 500) req.log?.error({ err: error }, appError.message);
  if (res.headersSent) return;
  res.status(appError.status).json({ error: { message: appError.message, code: appError.code, details: appError.details } });
};

export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as { type?: string; status?: number; message?: string; limit?: number; charset?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', `Malformed JSON in request body: ${e.message}`, 400);
    case 'entity.too.large':
      return new AppError('payload_too_large', `Request body is larger than the limit of ${e.limit} bytes`, 413);
    case 'parameters.too.many':
      return new AppError('payload_too_large', 'Too many parameters in the request body', 413);
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', `Unsupported charset "${e.charset}": send UTF-8`, 415);
    case 'encoding.unsupported':
      return new AppError('unsupported_media_type', e.message ?? 'Unsupported encoding', 415);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('bad_request', e.message ?? 'Bad request', e.status);
  }
  return new AppError('internal_error', 'Internal server error', 500);
}
