import express from 'express';
import type { TrustProxy } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { httpLogger } from '../shared/http/http-logger.js';
import type { Store } from '../store/index.js';
import { createApiRouter } from './api/router.js';
import { jsonErrorHandler, jsonNotFound } from './http/json-errors.js';
import { mountVoiceWebhooks } from './webhooks/router.js';

export interface VoiceDeps {
  store: Store;
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

  app.use(httpLogger(deps.logger));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  mountVoiceWebhooks(app, deps);
  app.use('/api', createApiRouter(deps));

  app.use(jsonNotFound);
  app.use(jsonErrorHandler);
  return app;
}
