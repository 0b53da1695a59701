import { Router } from 'express';
import type { VoiceDeps } from '../app.js';

// Placeholder until issue 3 lands: the REST API under /api/*.
export function createApiRouter(_deps: VoiceDeps): Router {
  return Router();
}
