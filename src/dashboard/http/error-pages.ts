import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';
import { toAppError } from '../../shared/http/to-app-error.js';

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
  const appError = pageError(error);
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

/** The form's security token is the one error of the dashboard's own; the rest are everyone's. */
function pageError(error: unknown): AppError {
  if ((error as { code?: string })?.code === 'EBADCSRFTOKEN') {
    return new AppError('csrf_refused', 'This form was not accepted because its security token is missing or out of date. Nothing was changed. Go back, reload the page and try again.', 403);
  }
  return toAppError(error, 'Something went wrong on our side. The error was logged.');
}
