import { Router, type Request, type Response } from 'express';
import { AppError, isAppError } from '../../shared/app-error.js';
import type { StoreInfo } from '../../store/index.js';
import type { CallSimulator } from '../simulator/call-simulator.js';

const MAX_SPEECH = 500;

/** Type what a caller says (or key digits) and see the voice service's answer, turn after turn. */
export function simulatorPage(simulator: CallSimulator): Router {
  const router = Router();

  const render = (req: Request, res: Response, options: { error?: string; speech?: string; digits?: string; status?: number } = {}) =>
    res.status(options.status ?? 200).render('simulator', {
      title: 'Call simulator',
      call: req.session.simulator ?? null,
      error: options.error ?? '',
      speech: options.speech ?? '',
      digits: options.digits ?? '',
    });

  /** Failures the page can explain (voice service down, refused signature, call over) stay on the page. */
  async function attempt(req: Request, res: Response, action: () => Promise<void>, typed: { speech?: string; digits?: string } = {}) {
    try {
      await action();
      res.redirect(303, '/simulator');
    } catch (error) {
      if (!isAppError(error) || error.status < 400 || error.status === 500) throw error;
      render(req, res, { error: error.message, ...typed, status: error.status });
    }
  }

  router.get('/', (req, res) => render(req, res));

  /** A call still going is hung up first, so the voice service logs it as Twilio's status callback would. */
  async function endCurrent(req: Request): Promise<void> {
    const call = req.session.simulator;
    if (call && call.status !== 'ended') req.session.simulator = await simulator.hangUp(call);
  }

  router.post('/start', (req, res) =>
    attempt(req, res, async () => {
      await endCurrent(req);
      const info = await req.api.get<StoreInfo>('/store-info');
      req.session.simulator = await simulator.start(info.phone);
    }),
  );

  router.post('/hang-up', (req, res) => attempt(req, res, () => endCurrent(req)));

  router.post('/say', (req, res) => {
    const speech = String(req.body?.speech ?? '').trim().slice(0, MAX_SPEECH);
    const digits = String(req.body?.digits ?? '').trim();
    return attempt(
      req,
      res,
      async () => {
        if (!speech && !digits) throw new AppError('validation_failed', 'Type what the caller says, or the digits they key.', 400);
        if (digits && !/^[0-9*#]{1,20}$/.test(digits)) throw new AppError('validation_failed', 'Digits may be 0–9, * and # only.', 400);
        const call = req.session.simulator;
        if (!call) throw new AppError('call_over', 'Start a call first.', 409);
        req.session.simulator = await simulator.say(call, speech, digits);
      },
      { speech, digits },
    );
  });

  router.post('/no-answer', (req, res) =>
    attempt(req, res, async () => {
      const call = req.session.simulator;
      if (!call) throw new AppError('call_over', 'Start a call first.', 409);
      req.session.simulator = await simulator.noAnswer(call);
    }),
  );

  router.post('/reset', (req, res) =>
    attempt(req, res, async () => {
      await endCurrent(req);
      delete req.session.simulator;
    }),
  );

  return router;
}
