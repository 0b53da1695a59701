import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import axios from 'axios';
import { chromium, type Browser, type Page } from 'playwright-core';
import { API_TOKEN, dashboardStack, type DashboardStack } from './fixtures/dashboard-stack.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'test-output', 'screenshots');

describe('dashboard in a real headless Chromium', { timeout: 60_000 }, () => {
  let stack: DashboardStack;
  let base: string;
  let browser: Browser;
  let page: Page;
  const consoleProblems: string[] = [];
  const api = () => axios.create({ baseURL: `${stack.voiceUrl}/api`, headers: { Authorization: `Bearer ${API_TOKEN}` }, proxy: false });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    // Monday noon in the store's timezone (America/Chicago): open, so the greeting is what a caller hears.
    stack = await dashboardStack({ clock: () => new Date('2026-03-02T18:00:00Z') });
    base = await stack.listen();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(10_000);
    // A CSP violation or a script error would show up here.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleProblems.push(message.text());
    });
    page.on('pageerror', (error) => consoleProblems.push(error.message));
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  test('When the admin logs in through the form, then the overview shows with the default-password warning', async () => {
    await page.goto(`${base}/`);
    assert.match(page.url(), /\/login/);
    await shot('login');
    await page.fill('#username', 'admin');
    await page.fill('#password', 'admin123');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    assert.equal(page.url(), `${base}/`);
    assert.equal(await page.textContent('h1'), 'Overview');
    assert.match((await page.textContent('.alert-warn')) ?? '', /default password/);
    await shot('overview');
  });

  test('When the greeting is changed on the store-info page, then the API has it and the next incoming call says it', async () => {
    await page.goto(`${base}/store-info`);
    await page.fill('#f-greetingMessage', 'Hello from the browser test, welcome to Maple!');
    await page.check('input[name="hours.sun.closed"]');
    await shot('store-info');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.match((await page.textContent('.flash')) ?? '', /Saved store info/);
    const info = (await api().get('/store-info')).data;
    assert.equal(info.greetingMessage, 'Hello from the browser test, welcome to Maple!');
    assert.equal(info.hours.sun, null);

    // The original's own manual test: the very next call hears the new greeting.
    const twiml = await axios.post(`${stack.voiceUrl}/voice`, new URLSearchParams({ CallSid: 'CAbrowser1', From: '+15551112222', To: '+15555550100' }).toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      proxy: false,
      validateStatus: () => true,
      responseType: 'text',
    });
    assert.equal(twiml.status, 200, `POST /voice answered ${twiml.status} (is the webhook router still a placeholder?)`);
    assert.match(String(twiml.data), /<Say[^>]*>Hello from the browser test, welcome to Maple! You can ask/);
  });

  test('When a product is added through the form, then the API finds it', async () => {
    await page.goto(`${base}/inventory/new`);
    await page.fill('#f-name', 'Browser Test Kombucha');
    await page.fill('#f-sku', 'BT-KOMBUCHA');
    await page.fill('#f-price', '3.49');
    await page.fill('#f-stock', '12');
    await page.fill('#f-location', 'Aisle 9');
    await page.selectOption('#f-departmentId', 'dept-dairy');
    await page.fill('#f-keywords', 'kombucha, fermented tea');
    await shot('inventory-new');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.equal(page.url(), `${base}/inventory`);
    const found = (await api().get('/inventory', { params: { q: 'kombucha' } })).data;
    assert.equal(found.total, 1);
    assert.deepEqual({ ...found.items[0], id: undefined }, { id: undefined, name: 'Browser Test Kombucha', sku: 'BT-KOMBUCHA', price: 3.49, stock: 12, location: 'Aisle 9', departmentId: 'dept-dairy', keywords: ['kombucha', 'fermented tea'], active: true });
    await shot('inventory');
  });

  test('When the price is negative, then the API message shows next to the price and the typed name stays', async () => {
    await page.goto(`${base}/inventory/new`);
    await page.fill('#f-name', 'Typed Name Stays');
    await page.fill('#f-price', '-4');
    await page.fill('#f-stock', '1');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.equal(await page.textContent('#f-price-error'), 'Price ($): must be 0 or more');
    assert.equal(await page.inputValue('#f-name'), 'Typed Name Stays');
    assert.equal(await page.inputValue('#f-price'), '-4');
    assert.equal(await page.getAttribute('#f-price', 'aria-invalid'), 'true');
    await shot('inventory-error');
    const found = (await api().get('/inventory', { params: { q: 'Typed Name Stays' } })).data;
    assert.equal(found.total, 0);
  });

  test('When data contains <script>, then it is shown as text and never runs', async () => {
    await api().post('/inventory', { name: '<script>window.__pwned = 1</script>Evil Snack', price: 1, stock: 1, location: '<img src=x onerror="window.__pwned=2">' }, { headers: { 'X-Actor': 'test' } });
    await page.goto(`${base}/inventory?q=evil`);
    const cell = await page.textContent('table tbody tr td a');
    assert.equal(cell, '<script>window.__pwned = 1</script>Evil Snack');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match((await page.textContent('table tbody')) ?? '', /<img src=x onerror/);
  });

  test('When each main page is opened, then it renders without script or CSP errors (screenshots saved)', async () => {
    consoleProblems.length = 0; // earlier tests provoke 400s on purpose
    for (const [name, url] of [
      ['departments', '/departments'],
      ['coupons', '/coupons'],
      ['voice-templates', '/voice-templates'],
      ['voice-template-edit', '/voice-templates/tpl-product-in-stock'],
      ['settings', '/settings'],
      ['staff', '/staff'],
      ['audit', '/audit'],
      ['backup', '/backup'],
      ['inventory-import', '/inventory/import'],
      ['account', '/account'],
    ]) {
      const response = await page.goto(`${base}${url}`);
      assert.equal(response?.status(), 200, url);
      await shot(name);
    }
    await page.goto(`${base}/voice-templates/tpl-product-in-stock`);
    await Promise.all([page.waitForNavigation(), page.click('button[name=intent][value=preview]')]);
    assert.match((await page.textContent('.preview .spoken')) ?? '', /Whole Milk, 1 Gallon is \$3\.79, and we have it in stock in Aisle 1\./);
    assert.deepEqual(consoleProblems, []);
  });

  test('When the simulator is used, then the caller hears the greeting and an answer, turn after turn', async () => {
    await page.goto(`${base}/simulator`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/simulator/start"] button')]);
    if ((await page.$('.transcript')) === null) assert.fail(`no transcript; the page says: ${(await page.textContent('main'))?.replace(/\s+/g, ' ')}`);
    const first = (await page.textContent('.transcript')) ?? '';
    assert.match(first, /Phone line:/);
    if ((await page.$('#f-speech')) !== null) {
      await page.fill('#f-speech', 'how much is whole milk');
      await Promise.all([page.waitForNavigation(), page.click('form.say button.primary')]);
      assert.match((await page.textContent('.transcript')) ?? '', /Caller: how much is whole milk/);
    }
    await shot('simulator');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/simulator/hang-up"] button')]);
    assert.match((await page.textContent('.transcript')) ?? '', /The caller hung up/);
    await page.goto(`${base}/calls`);
    await page.click('details.call summary');
    assert.match((await page.textContent('details.call[open]')) ?? '', /how much is whole milk/);
    await shot('calls');
  });

  test('When the page is narrow like a phone, then the overview still fits without sideways scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.context().addCookies(await page.context().cookies());
      await phone.goto(`${base}/`);
      const overflow = await phone.evaluate(() => {
        // Runs in the page; the test's tsconfig has no DOM types.
        const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
        return w.document.documentElement.scrollWidth - w.innerWidth;
      });
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await phone.screenshot({ path: path.join(SCREENSHOTS, 'overview-phone.png'), fullPage: true });
      await phone.goto(`${base}/store-info`);
      await phone.screenshot({ path: path.join(SCREENSHOTS, 'store-info-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  test('When the voice service is stopped, then saving explains it plainly and keeps what was typed', async () => {
    await page.goto(`${base}/store-info`);
    await page.fill('#f-greetingMessage', 'Typed while the voice service is down');
    await stack.stopVoice();
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    assert.equal((await page.textContent('.alert-error p'))?.trim(), `The voice service at ${stack.voiceUrl} is not reachable; nothing was saved.`);
    assert.equal(await page.inputValue('#f-greetingMessage'), 'Typed while the voice service is down');
    await shot('voice-service-down');
    await page.goto(`${base}/`);
    assert.match((await page.textContent('body')) ?? '', /Not reachable/);
  });
});
