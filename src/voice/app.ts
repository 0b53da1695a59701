import express from 'express';
import type { TrustProxy } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { httpLogger } from '../shared/http/http-logger.js';
import type { JsonStore } from '../store/index.js';
import { createApiRouter } from './api/router.js';
import { jsonErrorHandler, jsonNotFound } from './http/json-errors.js';
import { mountVoiceWebhooks } from './webhooks/router.js';

export interface VoiceDeps {
  store: JsonStore;
  logger: Logger;
  apiToken: string;
  /** When set, every /voice request must carry a valid X-Twilio-Signature. */
  twilioAuthToken?: string;
  /** The public URL Twilio calls (no trailing slash): used for signatures and callback URLs. */
  publicBaseUrl?: string;
  /** Which proxies may set X-Forwarded-* (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Injected so tests can fix "now" (open/closed, coupon validity). */
  clock?: () => Date;
}

export function createVoiceApp(deps: VoiceDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // TwiML and API answers are never revalidated by a cache; an ETag is a hash per response for nothing.
  app.set('etag', false);
  // Only behind a proxy named in TRUST_PROXY do req.protocol/host/ip come from X-Forwarded-*
  // (the signature check builds the URL Twilio called from them when PUBLIC_BASE_URL is unset).
  app.set('trust proxy', deps.trustProxy ?? false);

  // The webhooks are the hot path (a caller is waiting): first in line, with their own lighter request log.
  mountVoiceWebhooks(app, deps);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(httpLogger(deps.logger));
  app.use('/api', createApiRouter(deps));

  app.use(jsonNotFound);
  app.use(jsonErrorHandler);
  return app;
}
