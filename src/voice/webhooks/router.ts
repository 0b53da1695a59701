import { Router } from 'express';
import type { VoiceDeps } from '../app.js';

// Placeholder until issue 4 lands: the Twilio webhooks under /voice.
export function createVoiceRouter(_deps: VoiceDeps): Router {
  return Router();
}
