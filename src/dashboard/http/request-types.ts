import type { PublicStaff, SessionUser } from '../auth/staff-service.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import type { VoiceApi } from '../voice-api-client.js';

export interface Flash {
  type: 'ok' | 'error';
  message: string;
}

declare module 'express-session' {
  interface SessionData {
    user?: SessionUser;
    flash?: Flash;
    simulator?: SimulatorState;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The logged-in staff member, fresh from the store on each request. */
      staff?: PublicStaff;
      /** The voice API on behalf of `staff` (X-Actor). */
      api: VoiceApi;
    }
  }
}

export {};
