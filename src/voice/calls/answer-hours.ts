import type { StoreInfo } from '../../store/schemas.js';
import type { HoursRequest } from '../understanding/intents.js';
import { speakDayHours, speakTime } from './speak.js';
import { isOpenAt } from '../../rules/store-hours.js';
import { DAY_NAMES, type Day, DAYS, localTime } from '../../shared/local-time.js';

/**
 * Answers about one day or about "now" ("are you open on Sunday?", "what time do you close?").
 * The whole week is the `hours` template's job; this returns undefined for it.
 */
export function answerHoursQuestion(request: HoursRequest, info: StoreInfo, now: Date): string | undefined {
  const { day: today, time } = localTime(now, info.timezone);
  if (request.now) {
    if (isOpenAt(info, now)) {
      const hours = info.hours[today];
      return hours && hours.open < hours.close && time >= hours.open
        ? `Yes, we are open now, until ${speakTime(hours.close)} today.`
        : 'Yes, we are open now.';
    }
    return `We are closed right now. ${nextOpening(info, today, time)}`;
  }
  if (request.days.length === 0) return undefined;
  return request.days
    .map((ref) => {
      const day = ref === 'today' ? today : ref === 'tomorrow' ? dayAfter(today) : ref;
      const label = ref === 'today' ? `Today, ${DAY_NAMES[day]},` : ref === 'tomorrow' ? `Tomorrow, ${DAY_NAMES[day]},` : `On ${DAY_NAMES[day]}`;
      const hours = info.hours[day];
      return hours ? `${label} we are open from ${speakDayHours(hours)}.` : `${label} we are closed.`;
    })
    .join(' ');
}

function dayAfter(day: Day): Day {
  return DAYS[(DAYS.indexOf(day) + 1) % 7];
}

function nextOpening(info: StoreInfo, today: Day, time: string): string {
  const hours = info.hours[today];
  if (hours && time < hours.open) return `We open today at ${speakTime(hours.open)}.`;
  let day = today;
  for (let i = 1; i <= 7; i++) {
    day = dayAfter(day);
    const next = info.hours[day];
    if (next) return i === 1 ? `We open again tomorrow at ${speakTime(next.open)}.` : `We open again on ${DAY_NAMES[day]} at ${speakTime(next.open)}.`;
  }
  return '';
}
