import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createDashboardApp } from '../src/dashboard/app.js';
import { createLogger } from '../src/shared/logger.js';
import { API_TOKEN, csrfOf, dashboardStack, SESSION_SECRET, type DashboardStack } from './fixtures/dashboard-stack.js';

const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('scr.sid='));

async function loginForm(agent: ReturnType<typeof request.agent>) {
  return csrfOf((await agent.get('/login').expect(200)).text);
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

  test('When an anonymous visitor is redirected, then no session is stored; the login page\'s session lasts 30 minutes, a logged-in one 8 hours', async () => {
    const redirected = await request(stack.app).get('/calls').expect(302);
    assert.equal(cookieOf(redirected), undefined);
    const page = await request(stack.app).get('/login').expect(200);
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookieOf(page)!)![1]);
    assert.ok(Math.abs(expires - Date.now() - 30 * 60_000) < 5_000);
    const agent = request.agent(stack.app);
    const res = await agent.post('/login').set('Cookie', cookieOf(page)!.split(';')[0]).type('form').send({ _csrf: csrfOf(page.text), username: 'admin', password: 'admin123' }).expect(302);
    const loggedInExpires = Date.parse(/Expires=([^;]+)/.exec(cookieOf(res)!)![1]);
    assert.ok(Math.abs(loggedInExpires - Date.now() - 8 * 3_600_000) < 5_000);
  });

  test('When the admin logs in with the right password, then the session id changes and the cookie is httpOnly and SameSite=Lax', async () => {
    const agent = request.agent(stack.app);
    const page = await agent.get('/login').expect(200);
    const before = cookieOf(page);
    assert.ok(before, 'the login page starts a session for its CSRF token');
    const res = await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), username: 'admin', password: 'admin123', next: '/coupons' }).expect(302);
    assert.equal(res.headers.location, '/coupons');
    const after = cookieOf(res);
    assert.ok(after);
    assert.notEqual(after.split(';')[0], before.split(';')[0], 'session regenerated at login');
    assert.match(after, /HttpOnly/i);
    assert.match(after, /SameSite=Lax/i);
    assert.doesNotMatch(after, /Secure/i, 'plain http: no Secure flag');
    const overview = await agent.get('/').expect(200);
    assert.match(overview.text, /Overview/);
  });

  test('When the dashboard is reached through a TLS proxy named in TRUST_PROXY, then the session cookie is Secure; without TRUST_PROXY the header is ignored', async () => {
    const proxied = await dashboardStack({ trustProxy: 'loopback' });
    try {
      const page = await request(proxied.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      assert.match(cookieOf(page)!, /; Secure/);
      assert.match(cookieOf(page)!, /HttpOnly/);
    } finally {
      await proxied.close();
    }
    const direct = await request(stack.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    assert.doesNotMatch(cookieOf(direct)!, /Secure/);
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
    assert.ok(Object.hasOwn(await stack.store.read('sessions'), sid), 'the session is in sessions.json');
    const token = csrfOf((await agent.get('/account').expect(200)).text);
    await agent.post('/logout').type('form').send({ _csrf: token }).expect(302);
    await request(stack.app).get('/account').set('Cookie', cookie).expect(302);
    assert.ok(!Object.hasOwn(await stack.store.read('sessions'), sid), 'the session was destroyed');
  });

  test('When the dashboard restarts, then a logged-in session still works (sessions live in the store)', async () => {
    const agent = request.agent(stack.app);
    const csrf = await loginForm(agent);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, username: 'admin', password: 'admin123' }).expect(302);
    const cookie = cookieOf(res)!.split(';')[0];
    const restarted = createDashboardApp({ store: stack.store, logger: createLogger({ level: 'silent' }), voiceApiUrl: stack.voiceUrl, apiToken: API_TOKEN, sessionSecret: SESSION_SECRET });
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
