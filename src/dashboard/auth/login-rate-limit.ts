import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export interface LoginLimit {
  /** Failed attempts allowed per window for one username, from any number of addresses. */
  perUsername: number;
  /** Failed attempts allowed per window from one address, for any number of usernames. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { perUsername: 5, perAddress: 10, windowMs: 15 * 60_000 };

const usernameOf = (req: Request) => String(req.body?.username ?? '').trim().toLowerCase();

/**
 * Two limits on failed logins, so neither guessing one password from many addresses nor
 * spraying one password over many usernames from one address goes on for long. Successful
 * logins do not count (skipSuccessfulRequests: a failed login answers 401), so a user who
 * types well is never held up. The address is req.ip: the connection's own unless TRUST_PROXY
 * names the proxy in front, so a client cannot pick a new one with X-Forwarded-For.
 */
export function loginRateLimits(limit: LoginLimit, onLimited: (req: Request, res: Response, retryMinutes: number) => void): RequestHandler[] {
  const common = {
    windowMs: limit.windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // An X-Forwarded-For that no trusted proxy set is ignored on purpose: no warning for it.
    validate: { xForwardedForHeader: false },
    handler: (req: Request, res: Response) => onLimited(req, res, Math.ceil(limit.windowMs / 60_000)),
  } as const;
  return [
    rateLimit({ ...common, limit: limit.perAddress, keyGenerator: (req) => `address|${ipKeyGenerator(req.ip ?? '')}` }),
    rateLimit({ ...common, limit: limit.perUsername, keyGenerator: (req) => `username|${usernameOf(req)}` }),
  ];
}
