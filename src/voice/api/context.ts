import type { Request } from 'express';
import type { VoiceDeps } from '../app.js';
import { sanitiseActor, type UseCaseContext } from '../domain/context.js';

/** The use-case context of one request: who is acting comes from X-Actor (the dashboard sends the username). */
export function contextOf(deps: VoiceDeps, req: Request): UseCaseContext {
  return {
    store: deps.store,
    logger: req.log ?? deps.logger,
    actor: sanitiseActor(req.get('x-actor')),
    now: deps.clock ?? (() => new Date()),
  };
}
