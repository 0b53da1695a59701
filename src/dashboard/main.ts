import { loadConfigOrExit } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSecrets } from '../shared/secrets.js';
import { serve } from '../shared/serve.js';
import { openStore } from '../store/index.js';
import { createDashboardApp } from './app.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'dashboard' });

try {
  const { apiToken, sessionSecret } = await loadSecrets(config);
  // The dashboard keeps only its logins here; all store data goes through the voice service's API.
  const store = await openStore({ dataDir: config.dataDir, logger });
  const app = createDashboardApp({
    sessions: store.sessions,
    logger,
    voiceApiUrl: config.voiceApiUrl,
    apiToken,
    sessionSecret,
    twilioAuthToken: config.twilioAuthToken,
    publicBaseUrl: config.publicBaseUrl,
    trustProxy: config.trustProxy,
  });
  await serve(app, { name: 'dashboard', host: config.host, port: config.dashboardPort, logger, beforeExit: () => store.close() });
  logger.info({ voiceApiUrl: config.voiceApiUrl }, 'dashboard uses the voice service API at this URL');
} catch (error) {
  logger.fatal({ err: error }, `dashboard failed to start: ${(error as Error).message}`);
  logger.flush(() => process.exit(1));
}
