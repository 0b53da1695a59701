import session from 'express-session';
import type { SessionEntry, SessionRepository } from '../../store/index.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session over the store's sessions, so a login survives a restart of the dashboard.
 * express-session speaks callbacks; the store speaks promises.
 */
export class StoreSessions extends session.Store {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly options: { ttlMs: number; clock?: () => Date; touchEveryMs?: number },
  ) {
    super();
  }

  private now(): number {
    return (this.options.clock?.() ?? new Date()).getTime();
  }

  private expiresOf(data: session.SessionData): number {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires).getTime() : this.now() + this.options.ttlMs;
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.sessions.get(sid).then(
      // Values from the store are frozen; express-session changes the session it gets.
      (entry) => callback(undefined, entry ? (structuredClone(entry.data) as unknown as session.SessionData) : null),
      (error) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const entry: SessionEntry = { expires: this.expiresOf(data), data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> };
    this.sessions.set(sid, entry).then(() => callback?.(), (error) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.sessions.destroy(sid).then(() => callback?.(), (error) => callback?.(error));
  }

  /** Rolling sessions touch on every request; write only when the expiry moved noticeably. */
  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = this.expiresOf(data);
    this.sessions
      .get(sid)
      .then(async (entry) => {
        if (entry && expires - entry.expires >= (this.options.touchEveryMs ?? 60_000)) await this.sessions.touch(sid, expires);
      })
      .then(() => callback?.(), (error) => callback?.(error));
  }
}
