import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { TrustProxy } from '../shared/config.js';
import { httpLogger } from '../shared/http/http-logger.js';
import type { Logger } from '../shared/logger.js';
import type { SessionRepository } from '../store/index.js';
import { DEFAULT_LOGIN_LIMIT, type LoginLimit } from './auth/login-rate-limit.js';
import { createLoginRouter } from './auth/login-routes.js';
import { requireLogin } from './auth/require-login.js';
import { csrfProtection } from './http/csrf.js';
import { createLoginCsrf } from './http/login-csrf.js';
import { errorPage, notFound } from './http/error-pages.js';
import { pageLocals } from './http/page-locals.js';
import { isUploadPost } from './http/upload.js';
import './http/request-types.js';
import { backupPages } from './routes/backup-pages.js';
import { auditPage, callsPage } from './routes/calls-page.js';
import { couponsPages } from './routes/coupons-pages.js';
import { departmentsPages } from './routes/departments-pages.js';
import { inventoryCsvPages } from './routes/inventory-csv-pages.js';
import { inventoryPages } from './routes/inventory-pages.js';
import { overviewPage } from './routes/overview-page.js';
import { settingsPage } from './routes/settings-page.js';
import { accountPage, staffPages } from './routes/staff-pages.js';
import { simulatorPage } from './routes/simulator-page.js';
import { storeInfoPage } from './routes/store-info-page.js';
import { teachPage } from './routes/teach-page.js';
import { voiceTemplatesPages } from './routes/voice-templates-pages.js';
import { saveBeforeRedirect } from './session/save-before-redirect.js';
import { sessionMiddleware } from './session/session-middleware.js';
import { createCallSimulator } from './simulator/call-simulator.js';
import { createVoiceApiClient } from './voice-api-client.js';

export interface DashboardDeps {
  /** Logins are the dashboard's own data; everything else is the voice service's, through its API. */
  sessions: SessionRepository;
  logger: Logger;
  /** Where the voice service is (VOICE_API_URL); every store read and write for pages goes there. */
  voiceApiUrl: string;
  apiToken: string;
  sessionSecret: string;
  /** For the call simulator: sign webhook posts like Twilio when the voice service checks them. */
  twilioAuthToken?: string;
  publicBaseUrl?: string;
  clock?: () => Date;
  apiTimeoutMs?: number;
  loginLimit?: LoginLimit;
  /** Which proxies may set X-Forwarded-* (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function createDashboardApp(deps: DashboardDeps): express.Express {
  const clock = deps.clock ?? (() => new Date());
  const api = createVoiceApiClient({ baseUrl: deps.voiceApiUrl, apiToken: deps.apiToken, timeoutMs: deps.apiTimeoutMs });
  const simulator = createCallSimulator({ voiceApiUrl: deps.voiceApiUrl, publicBaseUrl: deps.publicBaseUrl, twilioAuthToken: deps.twilioAuthToken, timeoutMs: deps.apiTimeoutMs });

  const app = express();
  app.disable('x-powered-by');
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Only behind a proxy named in TRUST_PROXY do req.ip (the login limits count per address) and
  // req.secure (a TLS proxy makes the session cookie Secure) come from X-Forwarded-*.
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'upgrade-insecure-requests': null } } }));
  app.use(httpLogger(deps.logger));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use(express.static(path.join(ROOT, 'public'), { index: false, maxAge: '1h' }));
  app.use(sessionMiddleware({ sessions: deps.sessions, secret: deps.sessionSecret, clock }));
  app.use(saveBeforeRedirect);
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  // The two upload forms are read (multer) and CSRF-checked on their own routes: see upload.ts.
  app.use((req, res, next) => (isUploadPost(req) ? next() : csrfProtection(req, res, next)));
  app.use(pageLocals({ voiceApiUrl: api.baseUrl }));
  app.use(createLoginRouter({ api, limit: deps.loginLimit ?? DEFAULT_LOGIN_LIMIT, csrf: createLoginCsrf(deps.sessionSecret) }));
  app.use(requireLogin(api));

  app.use('/', overviewPage({ api, clock }));
  app.use('/store-info', storeInfoPage());
  app.use('/departments', departmentsPages());
  app.use('/inventory', inventoryCsvPages(clock));
  app.use('/inventory', inventoryPages());
  app.use('/coupons', couponsPages());
  app.use('/voice-templates', voiceTemplatesPages());
  app.use('/settings', settingsPage());
  app.use('/staff', staffPages());
  app.use('/account', accountPage());
  app.use('/calls/teach', teachPage());
  app.use('/calls', callsPage());
  app.use('/audit', auditPage());
  app.use('/backup', backupPages(clock));
  app.use('/simulator', simulatorPage(simulator));

  app.use(notFound);
  app.use(errorPage);
  return app;
}
