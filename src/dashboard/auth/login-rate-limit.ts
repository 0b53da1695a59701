import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export interface LoginLimit {
  /** Failed attempts allowed per window for one IP and username. */
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { max: 5, windowMs: 15 * 60_000 };

/**
 * Repeated failures for one username from one address get 429. Successful logins do not count
 * (skipSuccessfulRequests: a failed login answers 401), so a user who types well is never held up.
 */
export function loginRateLimit(limit: LoginLimit, onLimited: (req: Request, res: Response, retryMinutes: number) => void) {
  return rateLimit({
    windowMs: limit.windowMs,
    limit: limit.max,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').trim().toLowerCase()}`,
    handler: (req, res) => onLimited(req, res, Math.ceil(limit.windowMs / 60_000)),
  });
}
