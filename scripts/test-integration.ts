// The integration test (the original's test_integration.py), end to end over real processes.
//   npm run test:integration                      start both services on free ports with a temp data dir
//   VOICE_URL=… DASHBOARD_URL=… npm run test:integration   test running services (API_TOKEN or DATA_DIR
//       for the token; TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL when the voice service checks signatures)
// Prints one PASS/FAIL line per step and "N passed, M failed"; exits 1 when any step failed.
// Against running services it cleans up the records it adds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import twilio from 'twilio';
import { fillForm, findForm } from './lib/html-form.js';
import { startServices, type RunningServices } from './lib/services.js';

interface Target {
  voiceUrl: string;
  dashboardUrl: string;
  apiToken: string;
}

const STAMP = Date.now().toString(36).slice(-5);
let passed = 0;
let failed = 0;
const cleanups: (() => Promise<unknown>)[] = [];

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
    passed++;
    console.log(`PASS  ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}: ${(error as Error).message}`);
  }
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function resolveTarget(): Promise<{ target: Target; services?: RunningServices }> {
  if (process.env.VOICE_URL && process.env.DASHBOARD_URL) {
    const token =
      process.env.API_TOKEN ?? (await readFile(path.join(process.env.DATA_DIR ?? 'data', '.api-token'), 'utf8').catch(() => '')).trim();
    check(token, 'set API_TOKEN (or DATA_DIR, to read DATA_DIR/.api-token) when testing running services');
    return { target: { voiceUrl: process.env.VOICE_URL.replace(/\/$/, ''), dashboardUrl: process.env.DASHBOARD_URL.replace(/\/$/, ''), apiToken: token } };
  }
  console.log('Starting both services on free ports with a temporary data directory...');
  const services = await startServices({ quiet: true });
  return { target: services, services };
}

/** The voice service's REST API. */
function apiClient(target: Target) {
  return async (method: string, route: string, body?: unknown, expected = [200, 201, 204]) => {
    const response = await fetch(`${target.voiceUrl}${route}`, {
      method,
      headers: { Authorization: `Bearer ${target.apiToken}`, 'X-Actor': 'integration-test', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    check(expected.includes(response.status), `${method} ${route} → ${response.status}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** A caller: one CallSid, several turns, through the real webhook path (signed like Twilio when needed). */
function caller(target: Target) {
  const callSid = `CAintegration${STAMP}${Math.random().toString(36).slice(2, 8)}`;
  const authToken = process.env.TWILIO_AUTH_TOKEN;
  const publicBase = (process.env.PUBLIC_BASE_URL ?? target.voiceUrl).replace(/\/$/, '');
  const post = async (route: string, extra: Record<string, string>) => {
    const params = { CallSid: callSid, AccountSid: 'ACintegration', From: '+15555550123', To: '+15555550100', CallStatus: 'in-progress', ...extra };
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (authToken) headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(authToken, `${publicBase}${route}`, params);
    const response = await fetch(`${target.voiceUrl}${route}`, { method: 'POST', headers, body: new URLSearchParams(params) });
    const twiml = await response.text();
    check(response.status === 200, `POST ${route} → ${response.status}: ${twiml.slice(0, 200)}`);
    check(twiml.includes('<Response>'), `POST ${route} did not answer TwiML`);
    return twiml;
  };
  return {
    answer: () => post('/voice', { CallStatus: 'ringing' }),
    say: (speech: string) => post('/voice/gather', { SpeechResult: speech, Confidence: '0.92' }),
  };
}

/** A browser session on the dashboard: cookies kept, forms read from the page and submitted. */
function dashboardSession(target: Target) {
  let cookie = '';
  const request = async (method: string, route: string, body?: URLSearchParams) => {
    const response = await fetch(`${target.dashboardUrl}${route}`, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    const set = response.headers.getSetCookie();
    if (set.length > 0) cookie = set.map((c) => c.split(';')[0]).join('; ');
    return { status: response.status, location: response.headers.get('location') ?? '', html: await response.text() };
  };
  /** Open `page`, fill the form that has `field`, submit it; a redirect back means saved. */
  const submit = async (page: string, field: string, changes: Record<string, string>) => {
    const { html, status } = await request('GET', page);
    check(status === 200, `GET ${page} → ${status}`);
    const form = findForm(html, field);
    check(form, `no form with a "${field}" field on ${page}`);
    const result = await request('POST', form.action || page, fillForm(form, changes));
    check(result.status === 302 || result.status === 303, `saving the form on ${page} → ${result.status}: ${textOf(result.html).slice(0, 300)}`);
    return result;
  };
  return { request, submit };
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const saysAll = (twiml: string, ...parts: string[]) => {
  for (const part of parts) check(twiml.includes(part), `the caller did not hear "${part}": ${textOf(twiml).slice(0, 400)}`);
};

async function main(): Promise<void> {
  const { target, services } = await resolveTarget();
  const api = apiClient(target);
  const dashboard = dashboardSession(target);
  console.log(`voice service ${target.voiceUrl}, dashboard ${target.dashboardUrl}`);

  try {
    await step('both services answer /health', async () => {
      for (const url of [target.voiceUrl, target.dashboardUrl]) {
        const body = (await (await fetch(`${url}/health`)).json()) as { status?: string };
        check(body.status === 'ok', `${url}/health said ${JSON.stringify(body)}`);
      }
    });

    // Open all day, so the greeting (not the after-hours message) is heard whatever the time.
    const original = await api('GET', '/api/store-info');
    cleanups.push(() => api('PUT', '/api/store-info', { hours: original.hours, greetingMessage: original.greetingMessage }));
    await api('PUT', '/api/store-info', { hours: Object.fromEntries(Object.keys(original.hours).map((d) => [d, { open: '00:00', close: '24:00' }])) });

    await step('log in to the dashboard', async () => {
      const page = await dashboard.request('GET', '/login');
      const form = findForm(page.html, 'password');
      check(form, 'no login form');
      const password = process.env.DASHBOARD_PASSWORD ?? 'admin123';
      const result = await dashboard.request('POST', form.action || '/login', fillForm(form, { username: process.env.DASHBOARD_USER ?? 'admin', password }));
      check(result.status === 302 && !result.location.includes('/login'), `login answered ${result.status} → ${result.location}`);
      const overview = await dashboard.request('GET', '/');
      check(overview.status === 200, `the overview answered ${overview.status}`);
    });

    const greeting = `Welcome to the integration test market ${STAMP}.`;
    await step('update the greeting in the dashboard → the next call hears it', async () => {
      await dashboard.submit('/store-info', 'greetingMessage', { greetingMessage: greeting });
      saysAll(await caller(target).answer(), greeting);
    });

    await step('add a department in the dashboard → a caller asking for it is transferred to its extension', async () => {
      await dashboard.submit('/departments/new', 'extension', { name: `Garden Center`, extension: '4321', keywords: 'lawn mower, fertilizer', description: 'Plants and tools' });
      const created = (await api('GET', '/api/departments')).find((d: { extension: string }) => d.extension === '4321');
      check(created, 'the department is not in the API');
      cleanups.push(() => api('DELETE', `/api/departments/${created.id}`));
      const call = caller(target);
      await call.answer();
      saysAll(await call.say('the garden center please'), 'Garden Center', 'ww4321');
    });

    const productName = `Integration Test Kombucha ${STAMP}`;
    await step('add a product in the dashboard → a caller asking for it hears price, stock and aisle', async () => {
      await dashboard.submit('/inventory/new', 'price', { name: productName, sku: `IT-${STAMP}`, price: '4.25', stock: '12', location: 'Aisle 17', keywords: '' });
      const found = await api('GET', `/api/inventory?q=${encodeURIComponent(productName)}`);
      check(found.total === 1, `the API finds ${found.total} products named ${productName}`);
      cleanups.push(() => api('DELETE', `/api/inventory/${found.items[0].id}`));
      const call = caller(target);
      await call.answer();
      const twiml = await call.say(`how much is the integration test kombucha ${STAMP}`);
      saysAll(twiml, 'Aisle 17', 'in stock');
      check(/\$4\.25|4 dollars and 25 cents/.test(twiml), `no price in: ${textOf(twiml)}`);
    });

    await step('add a coupon in the dashboard → a caller asking for deals hears it', async () => {
      const description = `two for one kombucha ${STAMP}`;
      await dashboard.submit('/coupons/new', 'discountValue', { code: `IT${STAMP}`.toUpperCase(), description, discountType: 'percent', discountValue: '50' });
      const coupon = (await api('GET', '/api/coupons')).find((c: { description: string }) => c.description === description);
      check(coupon, 'the coupon is not in the API');
      cleanups.push(() => api('DELETE', `/api/coupons/${coupon.id}`));
      const call = caller(target);
      await call.answer();
      saysAll(await call.say('do you have any coupons or deals today'), description);
    });

    await step('edit a template → the next call uses it', async () => {
      const templates = await api('GET', '/api/voice-templates');
      const hours = templates.find((t: { key: string; active: boolean }) => t.key === 'hours' && t.active);
      check(hours, 'no active hours template');
      cleanups.push(() => api('PUT', `/api/voice-templates/${hours.id}`, { text: hours.text }));
      await api('PUT', `/api/voice-templates/${hours.id}`, { text: `Integration hours ${STAMP}: {{hours}}.` });
      const call = caller(target);
      await call.answer();
      saysAll(await call.say('what are your hours'), `Integration hours ${STAMP}`);
    });

    await step('the API refuses requests without the token (401) and with a wrong one (403)', async () => {
      check((await fetch(`${target.voiceUrl}/api/settings`)).status === 401, 'no token was not 401');
      const wrong = await fetch(`${target.voiceUrl}/api/settings`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } });
      check([401, 403].includes(wrong.status), `a wrong token answered ${wrong.status}`);
    });

    for (const resource of ['departments', 'inventory', 'coupons', 'voice-templates']) {
      await step(`API /api/${resource}: list, create, get, update, delete`, async () => {
        const samples: Record<string, Record<string, unknown>> = {
          departments: { name: `Temp Dept ${STAMP}`, extension: '9876' },
          inventory: { name: `Temp Product ${STAMP}`, price: 1.5, stock: 3, location: 'Aisle 2' },
          coupons: { code: `TMP${STAMP}`, description: 'temporary', discountType: 'amount', discountValue: 1 },
          'voice-templates': { key: `temp_${STAMP}`, text: 'Temporary {{storeName}}' },
        };
        const list = await api('GET', `/api/${resource}`);
        check(Array.isArray(list) || Array.isArray(list.items), 'the list is not a list');
        const created = await api('POST', `/api/${resource}`, samples[resource]);
        check(created.id, 'the created record has no id');
        const got = await api('GET', `/api/${resource}/${created.id}`);
        check(got.id === created.id, 'GET by id returned another record');
        const changed = resource === 'voice-templates' ? { text: 'Changed {{storeName}}' } : resource === 'coupons' ? { description: 'changed' } : { name: `Changed ${STAMP}` };
        await api('PUT', `/api/${resource}/${created.id}`, changed);
        await api('DELETE', `/api/${resource}/${created.id}`);
        await api('GET', `/api/${resource}/${created.id}`, undefined, [404]);
      });
    }

    await step('API /api/inventory search and /api/inventory/bulk', async () => {
      const found = await api('GET', '/api/inventory?q=milk&page=1&pageSize=5');
      check(typeof found.total === 'number' && found.items.length <= 5, 'search did not page');
      const sku = `BULK-${STAMP}`;
      const result = await api('POST', '/api/inventory/bulk', { items: [{ name: `Bulk item ${STAMP}`, sku, price: 2, stock: 1, location: 'Aisle 9' }] });
      check(result.created === 1, `bulk said ${JSON.stringify(result)}`);
      const bulkItem = (await api('GET', `/api/inventory?q=${sku}`)).items[0];
      await api('DELETE', `/api/inventory/${bulkItem.id}`);
      await api('POST', '/api/inventory/bulk', { items: [{ name: 'bad', price: -1, stock: 1 }] }, [400]);
    });

    await step('API /api/settings and /api/store-info read and validate', async () => {
      const settings = await api('GET', '/api/settings');
      await api('PUT', '/api/settings', { maxAttempts: settings.maxAttempts });
      await api('PUT', '/api/settings', { maxAttempts: 'many' }, [400]);
      await api('PUT', '/api/store-info', { phone: 'not a phone' }, [400]);
    });

    await step('API /api/calls shows the calls just made; /api/audit shows the changes', async () => {
      const calls = await api('GET', '/api/calls');
      check(calls.items.some((c: { callSid: string }) => c.callSid.includes(STAMP)), 'none of the test calls is in the call log');
      const audit = await api('GET', '/api/audit');
      check(audit.items.some((a: { actor: string }) => a.actor === 'integration-test'), 'the audit log has no integration-test entry');
    });

    await step('API /api/backup and /api/restore round trip', async () => {
      const backup = await api('GET', '/api/backup');
      check(Array.isArray(backup.inventory) && backup.storeInfo, 'the backup lacks collections');
      await api('POST', '/api/restore', { ...backup, inventory: [{ name: 'no id or price' }] }, [400]);
      await api('POST', '/api/restore', backup);
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => console.log(`(cleanup: ${error.message})`));
    await services?.stop();
  }
  console.log(`\nintegration: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`integration test could not run: ${(error as Error).message}`);
  process.exitCode = 1;
});
