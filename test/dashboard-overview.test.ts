import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dashboardStack, loggedIn, type DashboardStack } from './fixtures/dashboard-stack.js';

/** Wednesday 11 March 2026, 3 PM in Chicago (the sample store's timezone). */
const WEDNESDAY_3PM = new Date('2026-03-11T20:00:00Z');

describe('dashboard: overview', () => {
  let stack: DashboardStack;
  before(async () => {
    stack = await dashboardStack({ clock: () => WEDNESDAY_3PM });
  });
  after(() => stack.close());

  test('When the overview is shown, then it says open now and counts only the coupons callers hear today', async () => {
    const { agent } = await loggedIn(stack.app);
    const page = (await agent.get('/').expect(200)).text;
    assert.match(page, /Open now/);
    // Five sample coupons: one expired, one inactive.
    assert.match(page, /Coupons valid today<\/a><\/dt><dd>3</);
    assert.match(page, /Products<\/a><\/dt><dd>72</);
    assert.match(page, /still has the default password/);
  });
});
