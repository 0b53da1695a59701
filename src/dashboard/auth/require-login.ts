import type { RequestHandler } from 'express';
import { AppError, isAppError } from '../../shared/app-error.js';
import { UNREACHABLE, type VoiceApiClient } from '../voice-api-client.js';
import { type PublicStaff, type SessionUser, staffApi } from './staff-service.js';

/**
 * Every page but /login needs a live session. The staff record is read again on each request,
 * so a deactivated account or a changed role takes effect at once, not at the next login.
 * While the voice service is down the session's own copy stands in (nothing can be saved
 * then anyway), so a page can still say so and keep what was typed.
 */
export function requireLogin(api: VoiceApiClient): RequestHandler {
  return async (req, res, next) => {
    const user = req.session.user;
    const userApi = user && api.as(user.username, String(req.id ?? ''));
    const current = userApi ? await staffApi.find(userApi, user.id).catch((error: unknown) => sessionCopyIfDown(error, user)) : undefined;
    if (!current || !current.active || current.username !== user?.username) {
      if (user) await new Promise<void>((resolve) => req.session.regenerate(() => resolve()));
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        const next = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
        return res.redirect(`/login${next}`);
      }
      return next(new AppError('login_required', 'Please log in first', 401));
    }
    if (current.role !== user!.role || current.name !== user!.name) req.session.user = { id: current.id, username: current.username, role: current.role, name: current.name };
    req.staff = current;
    res.locals.user = { username: current.username, name: current.name, role: current.role };
    req.api = userApi!;
    next();
  };
}

/** Only these roles may go on; others get the 403 page. */
export function requireRole(...roles: PublicStaff['role'][]): RequestHandler {
  return (req, _res, next) => {
    if (req.staff && roles.includes(req.staff.role)) return next();
    next(new AppError('forbidden', `Only ${roles.join(' or ')} users can do this.`, 403));
  };
}

/** A staff member unknown by now is nobody; a voice service that is down leaves the session's copy. */
function sessionCopyIfDown(error: unknown, user: SessionUser): PublicStaff | undefined {
  if (isAppError(error) && error.status === 404) return undefined;
  if (isAppError(error) && error.code === UNREACHABLE) return { id: user.id, username: user.username, name: user.name, role: user.role, active: true };
  throw error;
}
