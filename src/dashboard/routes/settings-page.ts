import { MAX_SPEECH_TIMEOUT, SPEECH_MODELS } from '../../store/index.js';
import type { FieldSpec, ParsedForm } from '../forms/fields.js';
import { createSingletonPage } from './singleton-page.js';

const seconds = Array.from({ length: MAX_SPEECH_TIMEOUT }, (_, i) => String(i + 1));

const fields: FieldSpec[] = [
  { name: 'voice', label: 'Voice', kind: 'text', suggestions: ['Polly.Joanna', 'Polly.Matthew', 'Polly.Salli', 'Polly.Joey', 'Polly.Amy', 'Polly.Brian', 'alice', 'man', 'woman'], help: 'The Twilio <Say> voice.' },
  { name: 'language', label: 'Language', kind: 'text', suggestions: ['en-US', 'en-GB', 'en-AU', 'en-CA', 'es-US', 'fr-CA'], help: 'For speech recognition and speaking, like en-US.' },
  {
    name: 'speechModel',
    label: 'Speech recognition',
    kind: 'select',
    options: Object.entries(SPEECH_MODELS).map(([value, label]) => ({ value, label })),
    help: 'How Twilio turns what callers say into words.',
  },
  {
    name: 'speechTimeout',
    label: 'Pause that ends what the caller says',
    kind: 'select',
    options: seconds.map((n) => ({ value: n, label: n === '1' ? '1 second' : `${n} seconds` })),
    help: 'Seconds of silence after which the line answers. 2 suits most callers.',
  },
  { name: 'maxAttempts', label: 'Attempts before the operator', kind: 'integer', help: 'No-input or not-understood tries before the call goes to the operator.' },
  { name: 'operatorExtension', label: 'Operator extension', kind: 'text', help: 'Digits dialled after the store phone for "operator" and last-resort transfers.' },
  { name: 'transferTimeout', label: 'Transfer timeout (seconds)', kind: 'integer', help: 'How long a transfer rings before the caller is brought back.' },
  { name: 'announceCoupons', label: 'Announce coupons in the greeting', kind: 'checkbox' },
];

/** Seconds are sent as a number; anything else (an old page's "auto") goes as typed, for the API to explain. */
function toData(form: ParsedForm): Record<string, unknown> {
  const speechTimeout = String(form.data.speechTimeout ?? '');
  return { ...form.data, speechTimeout: /^\d+$/.test(speechTimeout) ? Number(speechTimeout) : speechTimeout };
}

export const settingsPage = () =>
  createSingletonPage({
    path: '/settings',
    apiPath: '/settings',
    title: 'Settings',
    intro: 'How the phone line speaks, listens and transfers.',
    view: 'singleton-form',
    editRoles: ['admin'],
    fields,
    toData,
  });
