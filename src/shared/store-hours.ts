import { DAYS, type Day, type StoreInfo } from '../store/schemas.js';

/** The wall-clock date, weekday and time in a timezone (the store's), for "open now?" and "valid today". */
export interface LocalTime {
  day: Day;
  /** HH:MM, 24-hour. */
  time: string;
  /** YYYY-MM-DD. */
  date: string;
}

const WEEKDAY_TO_DAY: Record<string, Day> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(now: Date, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return { day: WEEKDAY_TO_DAY[parts.weekday], time: `${parts.hour}:${parts.minute}`, date: `${parts.year}-${parts.month}-${parts.day}` };
}

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
