import session from 'express-session';
import type { JsonStore, SessionEntry } from '../../store/index.js';

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session over the store module's `sessions` collection, so a login survives a
 * restart of the dashboard. Expired entries are dropped whenever a session is written.
 */
export class JsonSessionStore extends session.Store {
  constructor(
    private readonly store: JsonStore,
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
    this.store
      .read('sessions')
      .then((all) => {
        const entry = Object.hasOwn(all, sid) ? all[sid] : undefined;
        if (!entry || entry.expires <= this.now()) return callback(undefined, null);
        // Values from the store are frozen; express-session mutates the session it gets.
        callback(undefined, structuredClone(entry.data) as unknown as session.SessionData);
      })
      .catch((error) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const entry: SessionEntry = { expires: this.expiresOf(data), data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> };
    this.write((all) => ({ ...all, [sid]: entry }))
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.write((all) => {
      const { [sid]: _gone, ...rest } = all;
      return rest;
    })
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  /** Rolling sessions touch on every request; write only when the expiry moved noticeably. */
  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expires = this.expiresOf(data);
    this.store
      .read('sessions')
      .then(async (all) => {
        const entry = Object.hasOwn(all, sid) ? all[sid] : undefined;
        if (!entry || expires - entry.expires < (this.options.touchEveryMs ?? 60_000)) return;
        await this.write((current) => (Object.hasOwn(current, sid) ? { ...current, [sid]: { ...current[sid], expires } } : current));
      })
      .then(() => callback?.())
      .catch((error) => callback?.(error));
  }

  private write(change: (all: Record<string, SessionEntry>) => Record<string, SessionEntry>) {
    return this.store.update('sessions', (all) => {
      const now = this.now();
      const live = Object.fromEntries(Object.entries(all).filter(([, entry]) => entry.expires > now));
      return change(live);
    });
  }
}
