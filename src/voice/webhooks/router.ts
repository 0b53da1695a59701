import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { isAppError } from '../../shared/app-error.js';
import { sampleData } from '../../store/sample-data.js';
import { productIndexFor } from '../understanding/product-index.js';
import type { VoiceDeps } from '../app.js';
import type { CallContext, Decision } from '../calls/decision.js';
import { type CallParams, CallFlow } from '../calls/call-flow.js';
import { CallStates } from '../calls/call-state.js';
import { loadCallContext } from './call-context.js';
import { speechHints } from './speech-hints.js';
import { requireTwilioSignature } from './twilio-signature.js';
import { parseTwilioParams } from './twilio-params.js';
import { decisionToTwiml, emptyTwiml } from './twiml.js';

/**
 * Twilio's voice webhooks:
 *   POST|GET /voice          the incoming call: greeting and the first <Gather>
 *   POST /voice/gather       what the caller said or keyed
 *   POST /voice/dial-status  how a transfer went (DialCallStatus)
 *   POST /voice/status       Twilio's status callback: final status and duration
 * Routes only parse, load the store's data and render; decisions live in ../calls.
 */
export function mountVoiceWebhooks(app: Express, deps: VoiceDeps): void {
  const clock = deps.clock ?? (() => new Date());
  const baseUrl = deps.publicBaseUrl;
  const urlFor = (path: string) => (baseUrl ? `${baseUrl}${path}` : path);
  const flow = new CallFlow({ calls: deps.store.calls, logger: deps.logger, states: new CallStates({ now: () => clock().getTime() }) });
  // The last data we answered from: if the store cannot be read, the apology can still transfer.
  let lastContext: CallContext | undefined;

  const reply = (res: Response, decision: Decision, ctx: CallContext) => {
    const hints = decision.next.kind === 'gather' ? speechHints(ctx.departments, ctx.inventory) : '';
    sendTwiml(res, decisionToTwiml(decision, { settings: ctx.settings, hints, urlFor }));
  };
  const logTurn = (req: Request, params: CallParams, decision: Decision) => {
    // LOG_LEVEL=debug shows why: the best candidates and their scores.
    if (decision.explain) {
      req.log.debug({ callSid: params.callSid, heard: params.speech, intent: decision.intent, asked: decision.asked?.kind, candidates: decision.explain.candidates, why: decision.explain.note }, 'understanding');
    }
    req.log.info({ callSid: params.callSid, intent: decision.intent, department: decision.department?.name, product: decision.product?.name, unmet: decision.unmet }, 'caller turn');
  };

  // After this service saves the catalogue (the dashboard writes through our API), index it
  // at once, so the next caller does not wait the half second a 50,000-product index takes.
  deps.store.onChange((change) => {
    if (change.collection !== 'inventory') return;
    setImmediate(() => {
      deps.store.callData().then(
        (data) => productIndexFor(data.inventory),
        (error: unknown) => deps.logger.error({ err: error }, 'could not index the catalogue after a change'),
      );
    });
  });

  // Routes on the app itself rather than a router mounted at /voice: the webhooks are the hot
  // path, and a mounted router rewrites and re-parses each request's URL on the way in and out.
  // Twilio's form bodies are about 1 KB with some 25 parameters: anything far larger is not Twilio.
  const before: RequestHandler[] = [express.urlencoded({ extended: false, limit: 64 * 1024, parameterLimit: 200 })];
  if (deps.twilioAuthToken) before.push(requireTwilioSignature({ authToken: deps.twilioAuthToken, publicBaseUrl: baseUrl }));

  /** One webhook: Twilio's parameters → the store's current data → a decision → TwiML. */
  const webhook =
    (step: (params: CallParams, ctx: CallContext) => Decision, source: (req: Request) => unknown = (req) => req.body) =>
    (req: Request, res: Response): Promise<void> => {
      const params = callParams(source(req));
      res.locals.callParams = params;
      const answer = (ctx: CallContext) => {
        lastContext = ctx;
        const decision = step(params, ctx);
        logTurn(req, params, decision);
        reply(res, decision, ctx);
      };
      // Express 5 passes a rejection of the promise returned here to the error handlers below.
      return loadCallContext(deps.store, clock()).then(answer);
    };

  app.get('/voice', before, webhook((params, ctx) => flow.incoming(params, ctx), (req) => req.query));
  app.post('/voice', before, webhook((params, ctx) => flow.incoming(params, ctx)));
  app.post('/voice/gather', before, webhook((params, ctx) => flow.gather(params, ctx)));
  app.post('/voice/dial-status', before, webhook((params, ctx) => flow.dialStatus(params, ctx)));

  app.post('/voice/status', before, async (req: Request, res: Response) => {
    const params = callParams(req.body);
    await flow.status(params, clock());
    sendTwiml(res, emptyTwiml());
  });

  // Twilio must always get TwiML: a failure becomes an apology and a transfer to a person.
  // Bad requests that are not Twilio's (no CallSid, malformed body) keep the JSON error.
  const apologyHandler: ErrorRequestHandler = (error, req, res, next) => {
    const status = (error as { status?: number }).status;
    if (res.headersSent || (isAppError(error) && error.status < 500) || (typeof status === 'number' && status < 500)) {
      next(error);
      return;
    }
    req.log.error({ err: error, path: req.originalUrl }, 'voice webhook failed; apologising and transferring the caller');
    const params = res.locals.callParams as CallParams | undefined;
    const now = clock();
    const decision = flow.failed(req.route?.path === '/voice/status' ? undefined : params, lastContext && { ...lastContext, now }, now);
    if (lastContext) reply(res, decision, lastContext);
    else sendTwiml(res, decisionToTwiml(decision, { settings: FALLBACK_SETTINGS, hints: '', urlFor }));
  };
  app.use('/voice', apologyHandler);
}

/** The answer as is: a finished string with a fixed type, so Node's own end() (which sets Content-Length) is all it needs. */
function sendTwiml(res: Response, xml: string): void {
  res.setHeader('Content-Type', 'text/xml; charset=utf-8');
  res.end(xml);
}

function callParams(raw: unknown): CallParams {
  const p = parseTwilioParams(raw);
  return {
    callSid: p.CallSid,
    from: p.From,
    to: p.To,
    speech: p.SpeechResult?.trim() || undefined,
    digits: p.Digits?.trim() || undefined,
    confidence: p.Confidence,
    dialStatus: p.DialCallStatus,
    callStatus: p.CallStatus,
    durationSeconds: p.CallDuration,
  };
}

/** Only for an apology before any data could ever be read (no settings to take the voice from). */
const FALLBACK_SETTINGS = sampleData('settings');
