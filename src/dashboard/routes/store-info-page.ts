import type { StoreInfo } from '../../store/index.js';
import type { FieldSpec, FormValues, ParsedForm } from '../forms/fields.js';
import { createSingletonPage } from './singleton-page.js';
import { DAY_NAMES, DAYS } from '../../shared/local-time.js';

const timezones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
  }
})();


/** Input names are the API's paths (hours.mon.open), so an error at that path lands next to that input. */
const hourFields: FieldSpec[] = DAYS.flatMap((day): FieldSpec[] => [
  { name: `hours.${day}.open`, label: `${DAY_NAMES[day]} opens`, kind: 'time', optional: true },
  { name: `hours.${day}.close`, label: `${DAY_NAMES[day]} closes`, kind: 'time', optional: true },
  { name: `hours.${day}.closed`, label: 'Closed all day', kind: 'checkbox' },
]);

const fields: FieldSpec[] = [
  { name: 'name', label: 'Store name', kind: 'text' },
  { name: 'greetingMessage', label: 'Greeting (the first thing callers hear)', kind: 'textarea' },
  { name: 'address', label: 'Address', kind: 'text' },
  { name: 'phone', label: 'Store phone number', kind: 'text', placeholder: '+15555550100', help: 'E.164 form. Transfers dial this number plus the department extension.' },
  { name: 'timezone', label: 'Timezone', kind: 'text', suggestions: timezones, help: 'IANA name, like America/New_York. Opening hours are in this timezone.' },
  ...hourFields,
];

function toValues(record: Record<string, unknown>): FormValues {
  const info = record as unknown as StoreInfo;
  const values: FormValues = {
    name: info.name ?? '',
    greetingMessage: info.greetingMessage ?? '',
    address: info.address ?? '',
    phone: info.phone ?? '',
    timezone: info.timezone ?? '',
  };
  for (const day of DAYS) {
    const hours = info.hours?.[day];
    values[`hours.${day}.open`] = hours?.open ?? '';
    values[`hours.${day}.close`] = hours?.close ?? '';
    values[`hours.${day}.closed`] = !hours;
  }
  return values;
}

/** A day ticked "closed" is null; otherwise its open and close times as typed (the API checks them). */
function toData(form: ParsedForm): Record<string, unknown> {
  const v = form.values;
  const hours = Object.fromEntries(
    DAYS.map((day) => [day, v[`hours.${day}.closed`] === true ? null : { open: String(v[`hours.${day}.open`]).trim(), close: String(v[`hours.${day}.close`]).trim() }]),
  );
  return {
    name: String(v.name).trim(),
    greetingMessage: String(v.greetingMessage).trim(),
    address: String(v.address).trim(),
    phone: String(v.phone).trim(),
    timezone: String(v.timezone).trim(),
    hours,
  };
}

export const storeInfoPage = () =>
  createSingletonPage({
    path: '/store-info',
    apiPath: '/store-info',
    title: 'Store info',
    intro: 'What callers hear first, and what the phone line says about where and when the store is open.',
    view: 'store-info',
    editRoles: ['admin'],
    fields,
    toValues,
    toData,
  });
