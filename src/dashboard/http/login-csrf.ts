import { createHmac } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import cookieParser from 'cookie-parser';
import { doubleCsrf } from 'csrf-csrf';

export const LOGIN_CSRF_COOKIE = 'scr.login-csrf';

export interface LoginCsrf {
  /** Reads the login form's token cookie; mount before the other two. */
  cookies: RequestHandler;
  /** The token for the login form's hidden `_csrf` field (sets its cookie when there is none yet). */
  token(req: Request, res: Response): string;
  /** Refuses a login post whose `_csrf` field does not match its cookie (EBADCSRFTOKEN, 403). */
  protection: RequestHandler;
}

/**
 * CSRF protection for the login form without a session: a signed double-submit cookie
 * (csrf-csrf). Every other form keeps csrf-sync's token in the session, but a session made
 * just to hold the login form's token would be stored for every anonymous visit, so the login
 * form's token lives in a cookie of its own, and the post must carry the same token in the
 * form. Another site can make a browser post the form, but cannot read or set this cookie
 * (httpOnly, SameSite=Strict, only sent to /login), so it cannot log a browser in under its
 * own account. There is no session to bind the token to yet; it is signed with a key derived
 * from SESSION_SECRET, so only this dashboard can have made it.
 */
export function createLoginCsrf(sessionSecret: string): LoginCsrf {
  const secret = createHmac('sha256', sessionSecret).update('login form csrf').digest('hex');
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: () => 'login form',
    cookieName: LOGIN_CSRF_COOKIE,
    cookieOptions: { sameSite: 'strict', path: '/login', httpOnly: true, secure: false },
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof fromBody === 'string' ? fromBody : undefined;
    },
  });
  return {
    cookies: cookieParser(),
    // Secure when the page came over TLS (directly or through a proxy named in TRUST_PROXY), like the session cookie.
    token: (req, res) => generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } }),
    protection: doubleCsrfProtection,
  };
}
