import { DAYS, localTime } from '../shared/local-time.js';
import type { StoreInfo } from '../store/schemas.js';

/**
 * Open at this instant in the store's timezone? A close time earlier than the open time
 * means the store closes after midnight (e.g. 18:00–02:00), so the previous day counts too.
 */
export function isOpenAt(info: Pick<StoreInfo, 'hours' | 'timezone'>, now: Date): boolean {
  const { day, time } = localTime(now, info.timezone);
  const today = info.hours[day];
  if (today) {
    if (today.open < today.close ? time >= today.open && time < today.close : time >= today.open) return true;
  }
  const yesterday = info.hours[DAYS[(DAYS.indexOf(day) + 6) % 7]];
  return Boolean(yesterday && yesterday.close < yesterday.open && time < yesterday.close);
}
