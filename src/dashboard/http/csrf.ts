import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection: the token lives in the session and every form carries
 * it as a hidden `_csrf` field (the multipart upload forms too: multer reads it before the check, see upload.ts).
 * The login form has no session yet: its post is checked by login-csrf.ts instead.
 */
export const { csrfSynchronisedProtection: csrfProtection, generateToken: csrfToken } = csrfSync({
  skipCsrfProtection: (req) => req.method === 'POST' && req.path === '/login',
  getTokenFromRequest: (req) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof fromBody === 'string') return fromBody;
    const header = req.headers['x-csrf-token'];
    return typeof header === 'string' ? header : undefined;
  },
});
