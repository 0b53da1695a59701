import session from 'express-session';
import type { SessionRepository } from '../../store/index.js';
import { StoreSessions } from './session-store.js';

export const SESSION_COOKIE = 'scr.sid';
/** Idle timeout: each request pushes the expiry out again (rolling). */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;

export function sessionMiddleware(options: { sessions: SessionRepository; secret: string; clock?: () => Date; idleMs?: number }) {
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: new StoreSessions(options.sessions, { ttlMs: idleMs, clock: options.clock }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Secure when the request came over TLS (directly or via a trusted local proxy).
      secure: 'auto',
      maxAge: idleMs,
    },
  });
}
