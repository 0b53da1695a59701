import { Router } from 'express';
import { isAppError } from '../../shared/app-error.js';
import type { CallRecord, Coupon, StoreInfo, Page } from '../../store/index.js';
import type { VoiceApiClient } from '../voice-api-client.js';
import { staffApi } from '../auth/staff-service.js';
import { asList } from './page-helpers.js';
import { isOpenAt } from '../../rules/store-hours.js';
import { localTime } from '../../shared/local-time.js';
import { couponsValidOn } from '../../rules/coupons-today.js';

export interface OverviewDeps {
  api: VoiceApiClient;
  clock: () => Date;
}

/** Home: what a manager checks first. Each part is fetched separately so one failure does not blank the page. */
export function overviewPage(deps: OverviewDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const api = req.api;
    const [healthy, info, departments, inventory, coupons, templates, calls, defaultPassword] = await Promise.allSettled([
      deps.api.health(),
      api.get<StoreInfo>('/store-info'),
      api.get<unknown>('/departments'),
      api.get<Page<unknown>>('/inventory', { page: 1, pageSize: 1 }),
      api.get<unknown>('/coupons'),
      api.get<unknown>('/voice-templates'),
      api.get<Page<CallRecord>>('/calls', { page: 1, pageSize: 5 }),
      staffApi.adminHasDefaultPassword(api),
    ]);
    // A failure that is not "voice service down" is a bug worth the error page.
    for (const r of [info, departments, inventory, coupons, templates, calls]) {
      if (r.status === 'rejected' && !(isAppError(r.reason) && r.reason.status === 503)) throw r.reason;
    }
    const now = deps.clock();
    const value = <T>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);
    const store = value(info);
    const today = store ? localTime(now, store.timezone) : undefined;
    const couponList = asList<Coupon>(value(coupons));

    res.render('overview', {
      title: 'Overview',
      healthy: value(healthy) === true,
      voiceApiUrl: deps.api.baseUrl,
      store: store ? { name: store.name, open: isOpenAt(store, now), todayHours: store.hours[today!.day], time: today!.time, timezone: store.timezone } : null,
      counts: {
        departments: value(departments) === undefined ? null : asList(value(departments)).length,
        products: value(inventory)?.total ?? null,
        // What callers hear about today, in the store's timezone (not merely "active": expired ones are not offered).
        coupons: value(coupons) === undefined || !today ? null : couponsValidOn(couponList, today.date).length,
        templates: value(templates) === undefined ? null : asList(value(templates)).length,
        calls: value(calls)?.total ?? null,
      },
      recentCalls: value(calls)?.items ?? [],
      defaultPassword: value(defaultPassword) === true,
      isAdmin: req.staff!.role === 'admin',
    });
  });

  return router;
}
