import { z } from 'zod';
import { DAYS, type Day, isValidTimeZone } from '../shared/local-time.js';
import { PLACEHOLDERS, placeholdersIn } from '../rules/templates.js';

/**
 * The single source of every record's shape. Types come from z.infer; the use cases validate
 * every record with these before it is stored, the store checks its files with them when it
 * reads them, and the dashboard shows their messages. Records are strict: an unknown field is
 * an error, not silently kept.
 */

export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"');
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, like +15551234567');
export const Digits = z.string().regex(/^\d{1,8}$/, 'must be 1–8 digits');
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour), like 08:00');
/** A closing time may also be 24:00: open until midnight (00:00–24:00 is open all day). */
const CloseHHMM = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (24-hour), like 21:00, or 24:00 for midnight');
/** A calendar date, YYYY-MM-DD; compared as text against "today" in the store's timezone. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: 'is not a real calendar date',
  });

/**
 * Characters no stored text may hold: control characters, U+FFFE/U+FFFF and half a surrogate
 * pair. XML forbids most of them, and a product name or keyword goes into every TwiML
 * answer (the speech hints), so one of them would make every call fail. Long texts may keep
 * line breaks and tabs; one-line fields (names, codes, keywords) may not.
 */
const FORBIDDEN_IN_LINE = /[\p{Cc}\uFFFE\uFFFF]|\p{Cs}/u;
const FORBIDDEN_IN_TEXT = /[^\P{Cc}\t\n\r]|[\uFFFE\uFFFF]|\p{Cs}/u;

function refuse(pattern: RegExp, message: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const found = pattern.exec(value);
    if (!found) return;
    // Counted in characters as a person sees them, so a face emoji before it counts once.
    const at = [...value.slice(0, found.index)].length + 1;
    ctx.addIssue({ code: 'custom', message: `${message} (there is one at character ${at})` });
  };
}

/** One-line text: names, codes, SKUs, keywords, locations. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine(refuse(FORBIDDEN_IN_LINE, 'must not contain line breaks, tabs or other control characters'));
/** Long text that may run over several lines: the greeting, descriptions, template text. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .superRefine(refuse(FORBIDDEN_IN_TEXT, 'must not contain control characters (line breaks and tabs are fine)'));
const requiredLine = (max: number) => line(max).min(1, 'must not be empty');
const requiredText = (max: number) => text(max).min(1, 'must not be empty');
/** A word or phrase callers use for a department or a product. */
export const Keyword = requiredLine(100);
const keywordList = z.array(Keyword).max(100, 'at most 100 keywords');

const DayHours = z
  .strictObject({ open: HHMM, close: CloseHHMM })
  .refine((h) => h.open !== h.close, { message: 'open and close must differ', path: ['close'] })
  .nullable();

export const Hours = z.strictObject(Object.fromEntries(DAYS.map((d) => [d, DayHours])) as Record<Day, typeof DayHours>);
export type Hours = z.infer<typeof Hours>;

export const StoreInfo = z.strictObject({
  name: requiredLine(200),
  address: requiredLine(500),
  phone: E164,
  timezone: z.string().refine(isValidTimeZone, { message: 'must be an IANA timezone, like America/New_York' }),
  hours: Hours,
  greetingMessage: requiredText(1000),
});
export type StoreInfo = z.infer<typeof StoreInfo>;

export const Department = z.strictObject({
  id: Id,
  name: requiredLine(100),
  extension: Digits,
  phoneNumber: E164.optional(),
  keywords: keywordList.default([]),
  description: text(1000).default(''),
  active: z.boolean().default(true),
});
export type Department = z.infer<typeof Department>;

export const Product = z.strictObject({
  id: Id,
  name: requiredLine(200),
  sku: requiredLine(64).optional(),
  price: z.number().finite().nonnegative('must be 0 or more').max(1_000_000, 'must be at most 1000000'),
  stock: z.number().int('must be a whole number').nonnegative('must be 0 or more').max(1_000_000_000),
  location: line(100).default(''),
  departmentId: Id.optional(),
  keywords: keywordList.default([]),
  active: z.boolean().default(true),
});
export type Product = z.infer<typeof Product>;

export const Coupon = z
  .strictObject({
    id: Id,
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"'),
    description: requiredText(500),
    discountType: z.enum(['percent', 'amount'], { message: 'must be "percent" or "amount"' }),
    discountValue: z.number().finite().positive('must be more than 0'),
    validFrom: IsoDate.optional(),
    validUntil: IsoDate.optional(),
    active: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    if (c.discountType === 'percent' && c.discountValue > 100) {
      ctx.addIssue({ code: 'custom', path: ['discountValue'], message: 'a percent discount must be at most 100' });
    }
    if (c.validFrom && c.validUntil && c.validFrom > c.validUntil) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before validFrom' });
    }
  });
export type Coupon = z.infer<typeof Coupon>;

export const VoiceTemplate = z.strictObject({
  id: Id,
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be lowercase letters, digits and "_", like product_in_stock'),
  text: requiredText(2000).superRefine((value, ctx) => {
    for (const name of placeholdersIn(value)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {{${name}}}; allowed: ${PLACEHOLDERS.join(', ')}`,
          params: { placeholder: name },
        });
      }
    }
  }),
  active: z.boolean().default(true),
});
export type VoiceTemplate = z.infer<typeof VoiceTemplate>;

/**
 * Twilio's general-purpose speech recognition models for <Gather speechModel>, as a store owner
 * would choose among them. `phone_call` is sent with enhanced="true", Twilio's better model
 * for phone audio (the attribute has an effect with that model only).
 */
export const SPEECH_MODELS = {
  phone_call: 'Phone calls, enhanced (recommended)',
  numbers_and_commands: 'Short answers: numbers and single words',
  default: "Twilio's general model",
  experimental_conversations: 'Conversations (experimental)',
  experimental_utterances: 'Short phrases (experimental)',
} as const;
export type SpeechModel = keyof typeof SPEECH_MODELS;

/**
 * Twilio refuses speechTimeout "auto" whenever a speech model is set, and with its default
 * model too (warning 13335), so with every choice above it must be whole seconds. A settings
 * file from before the choice existed may hold "auto": it is read as this many seconds
 * (long enough for a caller who pauses mid-sentence), and saved so at the next write.
 */
export const DEFAULT_SPEECH_TIMEOUT = 2;
export const MAX_SPEECH_TIMEOUT = 30;

const SpeechTimeout = z
  .number({
    error: (issue) =>
      issue.input === 'auto'
        ? `cannot be "auto": Twilio does not accept it with the chosen speech recognition; choose how many seconds of silence end what the caller says (1 to ${MAX_SPEECH_TIMEOUT})`
        : `must be a whole number of seconds from 1 to ${MAX_SPEECH_TIMEOUT}`,
  })
  .int(`must be a whole number of seconds from 1 to ${MAX_SPEECH_TIMEOUT}`)
  .min(1, `must be a whole number of seconds from 1 to ${MAX_SPEECH_TIMEOUT}`)
  .max(MAX_SPEECH_TIMEOUT, `must be a whole number of seconds from 1 to ${MAX_SPEECH_TIMEOUT}`);

export const Settings = z.strictObject({
  voice: requiredLine(60),
  language: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/, 'must be a language tag like en-US'),
  speechModel: z.enum(Object.keys(SPEECH_MODELS) as [SpeechModel, ...SpeechModel[]], { message: `must be one of ${Object.keys(SPEECH_MODELS).join(', ')}` }).default('phone_call'),
  speechTimeout: SpeechTimeout,
  maxAttempts: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10'),
  operatorExtension: Digits,
  announceCoupons: z.boolean(),
  transferTimeout: z.number().int('must be a whole number').min(5, 'must be at least 5').max(120, 'must be at most 120'),
});
export type Settings = z.infer<typeof Settings>;

/** What settings.json may hold from before speechModel: `"auto"` becomes whole seconds; the schema's default fills in the model. */
function upgradeStoredSettings(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const stored = raw as Record<string, unknown>;
  return stored.speechTimeout === 'auto' ? { ...stored, speechTimeout: DEFAULT_SPEECH_TIMEOUT } : stored;
}

/** The settings file (and a backup's settings): what the API may save, after the upgrade above. */
export const StoredSettings = z.preprocess(upgradeStoredSettings, Settings);

export const Staff = z.strictObject({
  id: Id,
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{2,40}$/, 'must be 2–40 letters, digits, ".", "-" or "_"'),
  name: line(100).default(''),
  role: z.enum(['admin', 'staff'], { message: 'must be "admin" or "staff"' }),
  passwordHash: z.string().regex(/^\$2[aby]\$\d\d\$.{53}$/, 'must be a bcrypt hash'),
  active: z.boolean().default(true),
});
export type Staff = z.infer<typeof Staff>;

/** express-session data, stored by the dashboard's own session store. */
export const SessionEntry = z.strictObject({
  expires: z.number(),
  data: z.record(z.string(), z.unknown()),
});
export type SessionEntry = z.infer<typeof SessionEntry>;

export const Sessions = z.record(z.string(), SessionEntry);

/** Audit log line: one per successful change. */
export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.enum(['create', 'update', 'delete', 'bulk', 'restore', 'login', 'logout', 'password']).or(z.string()),
  collection: z.string(),
  id: z.string().optional(),
  changes: z.array(z.string()).default([]),
  summary: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** One turn of a phone call: what was heard, what we decided, what we said. */
export const CallTurn = z.object({
  at: z.string(),
  heard: z.string().optional(),
  digits: z.string().optional(),
  confidence: z.number().optional(),
  intent: z.string(),
  departmentId: z.string().optional(),
  department: z.string().optional(),
  productId: z.string().optional(),
  product: z.string().optional(),
  query: z.string().optional(),
  unmet: z.boolean().optional(),
  said: z.string(),
});
export type CallTurn = z.infer<typeof CallTurn>;

/** Call log line. A call may have more than one line (e.g. at transfer, then Twilio's status callback); readers merge by callSid. */
export const CallRecord = z.object({
  callSid: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  status: z.string().optional(),
  durationSeconds: z.number().optional(),
  outcome: z.string().optional(),
  transferredTo: z.object({ departmentId: z.string().optional(), name: z.string(), extension: z.string().optional() }).optional(),
  turns: z.array(CallTurn).default([]),
  unmetRequests: z.array(z.string()).default([]),
});
export type CallRecord = z.infer<typeof CallRecord>;
