import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../../shared/app-error.js';
import { summariseDetails, zodDetails } from '../../shared/zod-details.js';

/** 400 with one detail per bad field; the message repeats them so a plain client still sees what is wrong. */
export function invalid(what: string, details: ErrorDetail[]): AppError {
  return new AppError('validation_failed', `Invalid ${what}: ${summariseDetails(details)}`, 400, details);
}

/** Parse with a record's zod schema, or throw a 400 naming each bad field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(what, zodDetails(result.error));
  return result.data;
}

/** A record body must be a JSON object: not an array, a string or nothing. */
export function requireObject(value: unknown, what = 'request body'): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const got = value === undefined ? 'nothing' : Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  throw invalid(what, [{ path: '(root)', message: `must be a JSON object, got ${got}` }]);
}

/** In a record body `null` means "leave this optional field out", e.g. `{ "departmentId": null }` clears it. */
export function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

/** Merge a partial update into a record: given fields replace, `null` removes an optional field. */
export function applyPatch(current: object, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}

export function notFound(label: string, id: string): AppError {
  return new AppError('not_found', `No ${label} with id "${id.slice(0, 100)}"`, 404);
}
