/**
 * Form fields of the dashboard's pages. A field's `name` is the API's field name, so the
 * API's error details (`{ path, message }`) land next to the right input. Parsing turns the
 * browser's strings into the JSON the API expects and keeps what was typed for a re-render.
 */
export type FieldKind = 'text' | 'textarea' | 'number' | 'integer' | 'checkbox' | 'list' | 'select' | 'date' | 'time' | 'password';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  /** Empty means "not set": left out when creating, cleared when editing. */
  optional?: boolean;
  options?: { value: string; label: string }[];
  help?: string;
  placeholder?: string;
  /** Shown in the form but never sent (e.g. a read-only id). */
  readOnly?: boolean;
  /** For <input list>: suggestions, not a closed set. */
  suggestions?: string[];
  step?: string;
}

export type FormValues = Record<string, string | boolean>;
export type FieldErrors = Record<string, string>;

export interface ParsedForm {
  values: FormValues;
  data: Record<string, unknown>;
  errors: FieldErrors;
}

export function splitList(raw: string, separators: RegExp = /[,;\n]/): string[] {
  return raw
    .split(separators)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

const isChecked = (raw: unknown) => raw === 'on' || raw === 'true' || raw === '1' || raw === true;

/** `mode` decides what an emptied optional field means: absent on create, `null` (clear it) on update. */
export function parseForm(fields: FieldSpec[], body: Record<string, unknown> | undefined, mode: 'create' | 'update'): ParsedForm {
  const values: FormValues = {};
  const data: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const source = body ?? {};
  for (const field of fields) {
    const raw = Object.hasOwn(source, field.name) ? source[field.name] : undefined;
    if (field.kind === 'checkbox') {
      values[field.name] = isChecked(raw);
      if (!field.readOnly) data[field.name] = values[field.name];
      continue;
    }
    const text = typeof raw === 'string' ? raw : Array.isArray(raw) ? String(raw[raw.length - 1] ?? '') : '';
    values[field.name] = text;
    if (field.readOnly) continue;
    const trimmed = text.trim();
    if (trimmed === '') {
      if (field.optional) {
        if (mode === 'update') data[field.name] = field.kind === 'list' ? [] : null;
      } else if (field.kind === 'list') data[field.name] = [];
      else if (field.kind === 'number' || field.kind === 'integer') errors[field.name] = 'is required';
      else data[field.name] = field.kind === 'password' ? text : trimmed;
      continue;
    }
    switch (field.kind) {
      case 'number':
      case 'integer': {
        const n = Number(trimmed.replace(/^\$/, ''));
        if (!Number.isFinite(n)) errors[field.name] = field.kind === 'integer' ? 'must be a whole number, like 12' : 'must be a number, like 3.99';
        else data[field.name] = n;
        break;
      }
      case 'list':
        data[field.name] = splitList(trimmed);
        break;
      case 'password':
        data[field.name] = text;
        break;
      default:
        data[field.name] = trimmed;
    }
  }
  return { values, data, errors };
}

/** A record as the strings a form shows. */
export function formValues(fields: FieldSpec[], record: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = record[field.name];
    if (field.kind === 'checkbox') values[field.name] = value === undefined ? true : Boolean(value);
    else if (field.kind === 'list') values[field.name] = Array.isArray(value) ? value.join(', ') : '';
    else if (field.kind === 'password') values[field.name] = '';
    else values[field.name] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** zod's generic wording, as a person filling in a form would say it. */
export function friendlyMessage(message: string): string {
  if (/received (undefined|null)$/.test(message)) return 'is required';
  const expected = /^Invalid input: expected (\w+), received \w+$/.exec(message);
  if (expected) return expected[1] === 'number' ? 'must be a number' : `must be a ${expected[1]}`;
  return message;
}

export interface DetailLike {
  path?: unknown;
  field?: unknown;
  message: string;
}

/**
 * Puts each API error detail next to its field; details that match no field of this form
 * (or have no path) are returned separately to be listed above the form.
 */
export function detailsToErrors(details: DetailLike[], fieldNames: string[]): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const detail of details) {
    const path = typeof detail.path === 'string' ? detail.path : '';
    const name = fieldNames.find((n) => path === n || path.startsWith(`${n}.`) || path.startsWith(`${n}[`));
    const message = friendlyMessage(detail.message);
    if (name) errors[name] = errors[name] ? `${errors[name]}; ${message}` : message;
    else other.push(path && path !== '(root)' ? `${path}: ${message}` : message);
  }
  return { errors, other };
}
