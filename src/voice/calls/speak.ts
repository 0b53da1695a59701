import { oncePerValue } from '../../shared/once-per-value.js';
import type { Hours } from '../../store/schemas.js';
import { DAY_NAMES, type Day, DAYS } from '../../shared/local-time.js';

/** Data turned into words that read well aloud through <Say>: money, times, hours, lists. */

/** "$6.49", "$1,299.99"; whole amounts without cents ("$5"), which Polly reads as "five dollars"; under a dollar, "59 cents". */
export function speakMoney(amount: number): string {
  const cents = Math.round(amount * 100);
  if (cents > 0 && cents < 100) return `${cents} cents`;
  const dollars = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  const rest = cents % 100;
  return rest === 0 ? `$${dollars}` : `$${dollars}.${String(rest).padStart(2, '0')}`;
}

export function speakStock(stock: number): string {
  return stock > 0 ? 'in stock' : 'out of stock right now';
}

/** "Aisle 3" as is; "Produce section" as "the Produce section", so "in {{location}}" reads well. */
export function speakLocation(location: string): string {
  const trimmed = location.trim();
  if (trimmed === '') return 'the store';
  if (/^(?:aisle|the|a|an)\b/i.test(trimmed) || /^\d/.test(trimmed)) return trimmed;
  return `the ${trimmed}`;
}

/** "08:00" → "8 AM", "21:30" → "9:30 PM", "12:00" → "noon", "00:00" and "24:00" → "midnight". */
export function speakTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  if (m === 0 && h === 12) return 'noon';
  if (m === 0 && (h === 0 || h === 24)) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  const suffix = h < 12 ? 'AM' : 'PM';
  return m === 0 ? `${hour} ${suffix}` : `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

export function speakDayHours(day: Hours[Day]): string {
  if (day?.open === '00:00' && day.close === '24:00') return 'open 24 hours';
  return day ? `${speakTime(day.open)} to ${speakTime(day.close)}` : 'closed';
}

/**
 * The week, with runs of days that keep the same hours grouped:
 * "Monday to Thursday, 8 AM to 9 PM; Friday and Saturday, 8 AM to 10 PM; Sunday, 9 AM to 6 PM".
 */
export const speakWeekHours: (hours: Hours) => string = oncePerValue((hours: Hours) => groupWeek(hours)); // once per version of store_info.json

function groupWeek(hours: Hours): string {
  const groups: { first: Day; last: Day; count: number; text: string }[] = [];
  for (const day of DAYS) {
    const text = speakDayHours(hours[day]);
    const last = groups[groups.length - 1];
    if (last && last.text === text) {
      last.last = day;
      last.count++;
    } else groups.push({ first: day, last: day, count: 1, text });
  }
  if (groups.length === 1) return groups[0].text === 'closed' ? 'closed every day' : `every day, ${groups[0].text}`;
  return groups
    .map((g) => {
      const days = g.count === 1 ? DAY_NAMES[g.first] : g.count === 2 ? `${DAY_NAMES[g.first]} and ${DAY_NAMES[g.last]}` : `${DAY_NAMES[g.first]} to ${DAY_NAMES[g.last]}`;
      return `${days}, ${g.text}`;
    })
    .join('; ');
}

/** "a", "a and b", "a, b and c". */
export function speakList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
