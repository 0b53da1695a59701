import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import { httpLogger } from '../shared/http/http-logger.js';
import type { Logger } from '../shared/logger.js';
import type { JsonStore } from '../store/index.js';
import { DEFAULT_LOGIN_LIMIT, type LoginLimit } from './auth/login-rate-limit.js';
import { createLoginRouter } from './auth/login-routes.js';
import { requireLogin } from './auth/require-login.js';
import { createDefaultPasswordCheck, createStaffService } from './auth/staff-service.js';
import { csrfProtection } from './http/csrf.js';
import { errorPage, notFound } from './http/error-pages.js';
import { multipartForm } from './http/multipart.js';
import { pageLocals } from './http/page-locals.js';
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
  store: JsonStore;
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
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Backups and catalogues can be large (SPEC §4: 64 MB for restore and bulk). */
const UPLOAD_LIMIT = 64 * 1024 * 1024;

export function createDashboardApp(deps: DashboardDeps): express.Express {
  const clock = deps.clock ?? (() => new Date());
  const api = createVoiceApiClient({ baseUrl: deps.voiceApiUrl, apiToken: deps.apiToken, timeoutMs: deps.apiTimeoutMs });
  const staff = createStaffService(deps.store, clock);
  const simulator = createCallSimulator({ voiceApiUrl: deps.voiceApiUrl, publicBaseUrl: deps.publicBaseUrl, twilioAuthToken: deps.twilioAuthToken, timeoutMs: deps.apiTimeoutMs });

  const app = express();
  app.disable('x-powered-by');
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Behind a local TLS proxy, req.secure comes from X-Forwarded-Proto, and the cookie becomes Secure.
  app.set('trust proxy', 'loopback');

  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'upgrade-insecure-requests': null } } }));
  app.use(httpLogger(deps.logger));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.use(express.static(path.join(ROOT, 'public'), { index: false, maxAge: '1h' }));
  app.use(sessionMiddleware({ store: deps.store, secret: deps.sessionSecret, clock }));
  app.use(saveBeforeRedirect);
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(multipartForm({ limitBytes: UPLOAD_LIMIT }));
  app.use(csrfProtection);
  app.use(pageLocals({ voiceApiUrl: api.baseUrl }));
  app.use(createLoginRouter({ staff, store: deps.store, limit: deps.loginLimit ?? DEFAULT_LOGIN_LIMIT, clock }));
  app.use(requireLogin(staff, api));

  app.use('/', overviewPage({ api, clock, adminHasDefaultPassword: createDefaultPasswordCheck(deps.store) }));
  app.use('/store-info', storeInfoPage());
  app.use('/departments', departmentsPages());
  app.use('/inventory', inventoryCsvPages(clock));
  app.use('/inventory', inventoryPages());
  app.use('/coupons', couponsPages());
  app.use('/voice-templates', voiceTemplatesPages());
  app.use('/settings', settingsPage());
  app.use('/staff', staffPages(staff));
  app.use('/account', accountPage(staff));
  app.use('/calls/teach', teachPage());
  app.use('/calls', callsPage(clock));
  app.use('/audit', auditPage());
  app.use('/backup', backupPages(clock));
  app.use('/simulator', simulatorPage(simulator));

  app.use(notFound);
  app.use(errorPage);
  return app;
}
