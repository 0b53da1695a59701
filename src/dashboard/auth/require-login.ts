import type { RequestHandler } from 'express';
import { AppError } from '../../shared/app-error.js';
import type { Staff } from '../../store/index.js';
import type { VoiceApiClient } from '../voice-api-client.js';
import type { StaffService } from './staff-service.js';

/**
 * Every page but /login needs a live session. The staff record is read again on each request,
 * so a deactivated account or a changed role takes effect at once, not at the next login.
 */
export function requireLogin(staff: StaffService, api: VoiceApiClient): RequestHandler {
  return async (req, res, next) => {
    const user = req.session.user;
    const current = user ? await staff.find(user.id) : undefined;
    if (!current || !current.active || current.username !== user?.username) {
      if (user) await new Promise<void>((resolve) => req.session.regenerate(() => resolve()));
      if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
        const next = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
        return res.redirect(`/login${next}`);
      }
      return next(new AppError('login_required', 'Please log in first', 401));
    }
    req.staff = current;
    res.locals.user = { username: current.username, name: current.name, role: current.role };
    req.api = api.as(current.username, String(req.id ?? ''));
    next();
  };
}

/** Only these roles may go on; others get the 403 page. */
export function requireRole(...roles: Staff['role'][]): RequestHandler {
  return (req, _res, next) => {
    if (req.staff && roles.includes(req.staff.role)) return next();
    next(new AppError('forbidden', `Only ${roles.join(' or ')} users can do this.`, 403));
  };
}
