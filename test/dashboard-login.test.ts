import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createDashboardApp } from '../src/dashboard/app.js';
import { createLogger } from '../src/shared/logger.js';
import { API_TOKEN, csrfOf, dashboardStack, SESSION_SECRET, type DashboardStack } from './fixtures/dashboard-stack.js';
import { fileOf, read } from './fixtures/store-access.js';

const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('scr.sid='));

const loginCsrfCookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('scr.login-csrf='));

async function loginForm(agent: ReturnType<typeof request.agent>) {
  return csrfOf((await agent.get('/login').expect(200)).text);
}

/** Logs in without an agent; the session cookie (name=value) it gets. */
async function sessionCookieFor(app: DashboardStack['app'], username: string, password: string): Promise<string> {
  const page = await request(app).get('/login').expect(200);
  const res = await request(app).post('/login').set('Cookie', loginCsrfCookieOf(page)!.split(';')[0]).type('form').send({ _csrf: csrfOf(page.text), username, password }).expect(302);
  return cookieOf(res)!.split(';')[0];
}

describe('dashboard: login, sessions and headers', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack();
  });
  after(() => stack.close());

  test('When nobody is logged in, then a page redirects to the login page and remembers where to go back', async () => {
    const res = await request(stack.app).get('/inventory?q=milk').expect(302);
    assert.equal(res.headers.location, '/login?next=%2Finventory%3Fq%3Dmilk');
  });

  test('When an anonymous visitor is redirected or shown the login page, then no session cookie is set; the form\'s token comes in its own cookie; a logged-in session lasts 8 hours', async () => {
    const redirected = await request(stack.app).get('/calls').expect(302);
    assert.equal(cookieOf(redirected), undefined);
    const page = await request(stack.app).get('/login').expect(200);
    assert.equal(cookieOf(page), undefined, 'no session before login');
    const token = loginCsrfCookieOf(page)!;
    assert.match(token, /HttpOnly/);
    assert.match(token, /SameSite=Strict/);
    assert.match(token, /Path=\/login/);
    const res = await request(stack.app).post('/login').set('Cookie', token.split(';')[0]).type('form').send({ _csrf: csrfOf(page.text), username: 'admin', password: 'admin123' }).expect(302);
    const loggedInExpires = Date.parse(/Expires=([^;]+)/.exec(cookieOf(res)!)![1]);
    assert.ok(Math.abs(loggedInExpires - Date.now() - 8 * 3_600_000) < 5_000);
  });

  test('When the admin logs in with the right password, then a new session starts (a planted session id is not kept) and its cookie is httpOnly and SameSite=Lax', async () => {
    // Someone else's valid session id, planted in this browser before it logs in.
    const planted = await sessionCookieFor(stack.app, 'admin', 'admin123');
    const form = await request(stack.app).get('/login').expect(200);
    const res = await request(stack.app)
      .post('/login')
      .set('Cookie', `${planted}; ${loginCsrfCookieOf(form)!.split(';')[0]}`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), username: 'admin', password: 'admin123', next: '/coupons' })
      .expect(302);
    assert.equal(res.headers.location, '/coupons');
    const after = cookieOf(res);
    assert.ok(after);
    assert.notEqual(after.split(';')[0], planted, 'session regenerated at login');
    assert.match(after, /HttpOnly/i);
    assert.match(after, /SameSite=Lax/i);
    assert.doesNotMatch(after, /Secure/i, 'plain http: no Secure flag');
    const overview = await request(stack.app).get('/').set('Cookie', after.split(';')[0]).expect(200);
    assert.match(overview.text, /Overview/);
  });

  test('When the dashboard is reached through a TLS proxy named in TRUST_PROXY, then the cookies are Secure; without TRUST_PROXY the header is ignored', async () => {
    const proxied = await dashboardStack({ trustProxy: 'loopback' });
    try {
      const page = await request(proxied.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      assert.match(loginCsrfCookieOf(page)!, /; Secure/);
      const res = await request(proxied.app)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', loginCsrfCookieOf(page)!.split(';')[0])
        .type('form')
        .send({ _csrf: csrfOf(page.text), username: 'admin', password: 'admin123' })
        .expect(302);
      assert.match(cookieOf(res)!, /; Secure/);
      assert.match(cookieOf(res)!, /HttpOnly/);
    } finally {
      await proxied.close();
    }
    const direct = await request(stack.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    assert.doesNotMatch(loginCsrfCookieOf(direct)!, /Secure/);
  });

  test('When the password is wrong or the user unknown, then both get the same generic message and a 401', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    const wrong = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'nope' }).expect(401);
    const unknown = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'nobody-here', password: 'nope' }).expect(401);
    for (const res of [wrong, unknown]) {
      assert.match(res.text, /Invalid username or password\./);
      assert.match(res.text, /value="(admin|nobody-here)"/, 'the username stays typed');
    }
    await agent.get('/').expect(302);
  });

  test('When a login form is posted without its CSRF token, then it is refused with 403', async () => {
    const agent = request.agent(stack.app);
    await agent.get('/login');
    const res = await agent.post('/login').type('form').send({ username: 'admin', password: 'admin123' }).expect(403);
    assert.match(res.text, /security token/);
    await agent.get('/').expect(302);
  });

  test('When ?next= points to another site, then login goes to the overview instead', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123', next: '//evil.example/' }).expect(302);
    assert.equal(res.headers.location, '/');
  });

  test('When a user logs out, then the old session cookie no longer opens pages', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123' }).expect(302);
    const cookie = cookieOf(res)!.split(';')[0];
    const sid = decodeURIComponent(cookie.slice('scr.sid='.length)).replace(/^s:/, '').split('.')[0];
    assert.ok(await stack.dashboardStore.sessions.get(sid), 'the session is in sessions.json');
    const token = csrfOf((await agent.get('/account').expect(200)).text);
    await agent.post('/logout').type('form').send({ _csrf: token }).expect(302);
    await request(stack.app).get('/account').set('Cookie', cookie).expect(302);
    assert.equal(await stack.dashboardStore.sessions.get(sid), undefined, 'the session was destroyed');
  });

  test('When the dashboard restarts, then a logged-in session still works (sessions live in the store)', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123' }).expect(302);
    const cookie = cookieOf(res)!.split(';')[0];
    const restarted = createDashboardApp({ sessions: stack.dashboardStore.sessions, logger: createLogger({ level: 'silent' }), voiceApiUrl: stack.voiceUrl, apiToken: API_TOKEN, sessionSecret: SESSION_SECRET });
    const page = await request(restarted).get('/account').set('Cookie', cookie).expect(200);
    assert.match(page.text, /My account/);
  });

  test('When pages are served, then helmet headers are set and the CSP allows no inline script', async () => {
    const res = await request(stack.app).get('/login').expect(200);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.doesNotMatch(res.text, /<script>(?!<\/script>)/, 'no inline script in the page');
  });

  test('When the dashboard health is checked, then it answers without a login', async () => {
    const res = await request(stack.app).get('/health').expect(200);
    assert.deepEqual(res.body, { status: 'ok' });
  });
});

describe('dashboard: no session is stored before login', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack();
  });
  after(() => stack.close());

  const sessionsFile = () => readFile(path.join(stack.dir, 'sessions.json'), 'utf8').catch(() => '');

  test('When 200 anonymous visitors open the login page (and others hit pages, a missing page or fail to log in), then the session store is unchanged', async () => {
    const before = await stack.dashboardStore.sessions.count();
    const bytes = await sessionsFile();
    for (let i = 0; i < 200; i++) {
      const res = await request(stack.app).get('/login').expect(200);
      assert.equal(cookieOf(res), undefined);
    }
    await request(stack.app).get('/').expect(302);
    await request(stack.app).get('/inventory?q=milk').expect(302);
    await request(stack.app).get('/no-such-page').expect(302);
    await request(stack.app).get('/login?next=/calls').set('Accept', 'application/json').expect(200);
    const page = await request(stack.app).get('/login').expect(200);
    const failed = await request(stack.app).post('/login').set('Cookie', loginCsrfCookieOf(page)!.split(';')[0]).type('form').send({ _csrf: csrfOf(page.text), username: 'admin', password: 'wrong' }).expect(401);
    assert.equal(cookieOf(failed), undefined);
    await request(stack.app).post('/login').type('form').send({ username: 'admin', password: 'wrong' }).expect(403);
    assert.equal(await stack.dashboardStore.sessions.count(), before);
    assert.equal(await sessionsFile(), bytes, 'sessions.json was not rewritten');
    // A successful login stores exactly one.
    await sessionCookieFor(stack.app, 'admin', 'admin123');
    assert.equal(await stack.dashboardStore.sessions.count(), before + 1);
  });

  test('When a login post lacks a valid token (none, no cookie, no field, a mismatch, a forged one), then it is refused with 403 and nobody is logged in', async () => {
    const a = await request(stack.app).get('/login').expect(200);
    const b = await request(stack.app).get('/login').expect(200);
    const cookieA = loginCsrfCookieOf(a)!.split(';')[0];
    const cookieB = loginCsrfCookieOf(b)!.split(';')[0];
    const credentials = { username: 'admin', password: 'admin123' };
    const attempts: [string, string | undefined, Record<string, string>][] = [
      ['no token at all', undefined, credentials],
      ['the field without its cookie', undefined, { ...credentials, _csrf: csrfOf(a.text) }],
      ['the cookie without the field', cookieA, credentials],
      ["another browser's field", cookieB, { ...credentials, _csrf: csrfOf(a.text) }],
      ['a forged token', 'scr.login-csrf=abc.def', { ...credentials, _csrf: 'abc.def' }],
    ];
    for (const [what, cookie, form] of attempts) {
      const post = request(stack.app).post('/login').type('form');
      if (cookie) post.set('Cookie', cookie);
      const res = await post.send(form);
      assert.equal(res.status, 403, what);
      assert.match(res.text, /security token/, what);
      assert.equal(cookieOf(res), undefined, what);
    }
  });

  test('When a logged-in form is posted without its token, then csrf-sync still refuses it', async () => {
    const cookie = await sessionCookieFor(stack.app, 'admin', 'admin123');
    const res = await request(stack.app).post('/coupons').set('Cookie', cookie).type('form').send({ code: 'X1', description: 'x', discountType: 'amount', discountValue: '1' }).expect(403);
    assert.match(res.text, /security token/);
    const logout = await request(stack.app).post('/logout').set('Cookie', cookie).type('form').send({}).expect(403);
    assert.match(logout.text, /security token/);
  });
});

describe('dashboard: failed logins per address and per username', () => {
  /** A failed login from `address` (sent as X-Forwarded-For, which counts only behind a trusted proxy). */
  async function fail(agent: ReturnType<typeof request.agent>, csrf: string, username: string, address?: string) {
    const post = agent.post('/login').type('form');
    if (address) post.set('X-Forwarded-For', address);
    return (await post.send({ _csrf: csrf, username, password: 'Summer2026!' })).status;
  }

  test('When one address tries 20 usernames, then it is throttled after 10 failures, the right password included', async () => {
    const stack = await dashboardStack();
    try {
      const agent = request.agent(stack.app);
      const csrf = await loginForm(agent);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push(await fail(agent, csrf, `user${i}`));
      assert.deepEqual(statuses, [...Array(10).fill(401), ...Array(10).fill(429)]);
      const right = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123' });
      assert.equal(right.status, 429);
      assert.match(right.text, /Too many failed attempts/);
    } finally {
      await stack.close();
    }
  });

  test('When one username is tried from rotating X-Forwarded-For addresses behind a trusted proxy, then it is throttled after 5 failures', async () => {
    const stack = await dashboardStack({ trustProxy: 'loopback' });
    try {
      const agent = request.agent(stack.app);
      const csrf = await loginForm(agent);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push(await fail(agent, csrf, 'Admin', `203.0.113.${i + 1}`));
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
      // Another username from a fresh address is not held up by that.
      assert.equal(await fail(agent, csrf, 'someone-else', '203.0.113.99'), 401);
    } finally {
      await stack.close();
    }
  });

  test('When TRUST_PROXY is not set, then X-Forwarded-For is ignored: rotating it does not give one address more tries', async () => {
    const stack = await dashboardStack();
    try {
      const agent = request.agent(stack.app);
      const csrf = await loginForm(agent);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await fail(agent, csrf, `sprayed${i}`, `198.51.100.${i + 1}`));
      assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    } finally {
      await stack.close();
    }
  });
});

describe('dashboard: login rate limit', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack();
  });
  after(() => stack.close());

  test('When a username gets 5 wrong passwords, then the 6th attempt is refused with 429 even with the right password', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    // A successful login does not count towards the limit.
    await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123' }).expect(302);
    const again = request.agent(stack.app);
    const token = await loginForm(again);
    for (let i = 0; i < 5; i++) await again.post('/login').type('form').send({ _csrf: token, username: 'admin', password: `wrong-${i}` }).expect(401);
    const limited = await again.post('/login').type('form').send({ _csrf: token, username: 'admin', password: 'admin123' }).expect(429);
    assert.match(limited.text, /Too many failed attempts/);
    // Another username from the same address is not held up.
    await again.post('/login').type('form').send({ _csrf: token, username: 'someone-else', password: 'x' }).expect(401);
  });
});
