import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../../shared/app-error.js';

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `There is no page at ${req.path}.`, 404));
};

const TITLES: Record<number, string> = {
  400: 'That did not work',
  401: 'Please log in',
  403: 'Not allowed',
  404: 'Not found',
  413: 'Too large',
  429: 'Too many attempts',
  503: 'Voice service not reachable',
};

/** The dashboard's one error handler: an error page for browsers, JSON for scripts. */
export const errorPage: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error);
  if (appError.status >= 500 && appError.status !== 503) req.log?.error({ err: error }, appError.message);
  else req.log?.warn({ code: appError.code, status: appError.status }, appError.message);
  if (res.headersSent) return;
  // A stray request (a missing file, a refused form) must not eat the message meant for the next page.
  if (res.locals.flash && req.session && appError.status !== 401) req.session.flash = res.locals.flash;
  res.status(appError.status);
  res.format({
    html: () =>
      res.render('error', {
        title: TITLES[appError.status] ?? 'Something went wrong',
        status: appError.status,
        message: appError.message,
        details: appError.details,
        user: res.locals.user ?? null,
        csrfToken: res.locals.csrfToken ?? '',
        flash: null,
        currentPath: req.path,
      }),
    json: () => res.json({ error: { message: appError.message, code: appError.code, details: appError.details } }),
    default: () => res.type('text').send(appError.message),
  });
};

function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as { code?: string; status?: number; statusCode?: number; message?: string; type?: string };
  if (e?.code === 'EBADCSRFTOKEN') {
    return new AppError('csrf_refused', 'This form was not accepted because its security token is missing or out of date. Nothing was changed. Go back, reload the page and try again.', 403);
  }
  if (e?.type === 'entity.too.large') return new AppError('payload_too_large', 'The form is too large.', 413);
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', e.message ?? 'Bad request', status);
  return new AppError('internal_error', 'Something went wrong on our side. The error was logged.', 500);
}
