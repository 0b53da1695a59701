import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type session from 'express-session';
import { StoreSessions } from '../src/dashboard/session/session-store.js';
import { createLogger } from '../src/shared/logger.js';
import { openStore, type SessionEntry, type Store } from '../src/store/index.js';

const promisify = <T>(fn: (cb: (error?: unknown, value?: T) => void) => void) => new Promise<T | undefined>((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v))));
const sessionData = (expires: number, extra: Record<string, unknown> = {}) => ({ cookie: { originalMaxAge: 1000, expires: new Date(expires).toISOString(), httpOnly: true, path: '/' }, ...extra }) as unknown as session.SessionData;

describe('dashboard session store over sessions.json', () => {
  let dir: string;
  let store: Store;
  let now = Date.parse('2026-03-02T12:00:00Z');
  const clock = () => new Date(now);
  const onDisk = async (): Promise<Record<string, SessionEntry>> => JSON.parse(await readFile(path.join(dir, 'sessions.json'), 'utf8'));
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scr-sess-'));
    store = await openStore({ dataDir: dir, logger: createLogger({ level: 'silent' }), clock });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('When a session is saved, then a fresh store instance (a restarted dashboard) reads it back', async () => {
    const sessions = new StoreSessions(store.sessions, { ttlMs: 60_000, clock });
    await promisify<void>((cb) => sessions.set('abc', sessionData(now + 60_000, { user: { id: 'staff-admin', username: 'admin' } }), cb));
    const restarted = new StoreSessions((await openStore({ dataDir: dir, logger: createLogger({ level: 'silent' }), clock })).sessions, { ttlMs: 60_000, clock });
    const data = (await promisify<session.SessionData | null>((cb) => restarted.get('abc', cb))) as unknown as { user: { username: string } };
    assert.equal(data.user.username, 'admin');
  });

  test('When a session has expired, then it is not returned, and the next write prunes it from the file', async () => {
    const sessions = new StoreSessions(store.sessions, { ttlMs: 60_000, clock });
    now += 120_000;
    assert.equal(await promisify((cb) => sessions.get('abc', cb)), null);
    await promisify<void>((cb) => sessions.set('def', sessionData(now + 60_000), cb));
    assert.deepEqual(Object.keys(await onDisk()), ['def']);
  });

  test('When a session is touched a little later, then the file is not rewritten; much later, the expiry moves', async () => {
    const sessions = new StoreSessions(store.sessions, { ttlMs: 60_000, clock, touchEveryMs: 30_000 });
    const before = (await onDisk()).def.expires;
    await promisify<void>((cb) => sessions.touch('def', sessionData(before + 5_000), cb));
    assert.equal((await onDisk()).def.expires, before);
    await promisify<void>((cb) => sessions.touch('def', sessionData(before + 45_000), cb));
    assert.equal((await onDisk()).def.expires, before + 45_000);
  });

  test('When a session is destroyed, then it is gone from the file', async () => {
    const sessions = new StoreSessions(store.sessions, { ttlMs: 60_000, clock });
    await promisify<void>((cb) => sessions.destroy('def', cb));
    assert.deepEqual(await onDisk(), {});
  });
});
