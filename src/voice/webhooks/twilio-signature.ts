import type { RequestHandler } from 'express';
import twilio from 'twilio';

export interface SignatureOptions {
  authToken: string;
  /** The public URL Twilio calls (behind ngrok or a proxy), without a trailing slash. */
  publicBaseUrl?: string;
}

/**
 * Refuses /voice requests not signed by Twilio for the URL Twilio called (mounted only when
 * TWILIO_AUTH_TOKEN is set; without it main.ts warns at start). Mount after the form parser:
 * POST signatures cover the form fields; GET ones cover the query string inside the URL.
 */
export function requireTwilioSignature(options: SignatureOptions): RequestHandler {
  const { authToken, publicBaseUrl } = options;
  return (req, res, next) => {
    const signature = req.get('x-twilio-signature');
    // Without PUBLIC_BASE_URL, the URL as the client called it: behind a proxy trusted by
    // TRUST_PROXY, req.protocol and req.host come from X-Forwarded-Proto and X-Forwarded-Host.
    const url = publicBaseUrl ? `${publicBaseUrl}${req.originalUrl}` : `${req.protocol}://${req.host}${req.originalUrl}`;
    const params = req.method === 'POST' && req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    if (signature && twilio.validateRequest(authToken, signature, url, params)) {
      next();
      return;
    }
    req.log.warn(
      { method: req.method, url, signature: signature ? 'invalid' : 'missing', ip: req.ip },
      'refused a /voice request without a valid X-Twilio-Signature',
    );
    res.status(403).type('text/plain').send('Forbidden: missing or invalid X-Twilio-Signature');
  };
}
