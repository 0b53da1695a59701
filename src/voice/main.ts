import { loadConfigOrExit } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadSecrets } from '../shared/secrets.js';
import { serve } from '../shared/serve.js';
import { openStore } from '../store/index.js';
import { createVoiceApp } from './app.js';
import { productIndexFor } from './understanding/product-index.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: 'voice' });

try {
  const { apiToken } = await loadSecrets(config);
  const store = await openStore({ dataDir: config.dataDir, logger });
  // Load what calls are answered from, and index the catalogue, before the first caller is
  // waiting for it (50,000 products take about a second).
  const indexing = performance.now();
  const index = productIndexFor((await store.callData()).inventory);
  logger.info({ products: index.live, ms: Math.round(performance.now() - indexing) }, 'catalogue indexed');
  if (!config.twilioAuthToken) {
    logger.warn('TWILIO_AUTH_TOKEN is not set: /voice webhooks accept requests without checking X-Twilio-Signature');
  }
  const app = createVoiceApp({
    store,
    logger,
    apiToken,
    twilioAuthToken: config.twilioAuthToken,
    publicBaseUrl: config.publicBaseUrl,
    trustProxy: config.trustProxy,
  });
  await serve(app, { name: 'voice service', host: config.host, port: config.voicePort, logger, beforeExit: () => store.close() });
} catch (error) {
  logger.fatal({ err: error }, `voice service failed to start: ${(error as Error).message}`);
  logger.flush(() => process.exit(1));
}
