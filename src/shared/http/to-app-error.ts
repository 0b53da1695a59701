import { AppError, isAppError } from '../app-error.js';

/**
 * Any error a handler may meet, as an AppError: ours as they are; those of body-parser,
 * multer and Express itself translated to a status and a plain message; anything else a 500
 * whose message (`internal`) says nothing about the inside.
 */
export function toAppError(error: unknown, internal: string): AppError {
  if (isAppError(error)) return error;
  const e = error as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number; charset?: string };
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
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', e.message ?? 'Bad request', status);
  return new AppError('internal_error', internal, 500);
}
