import { isAppError } from '../../shared/app-error.js';
import { detailsToErrors, type FieldErrors } from './fields.js';

export interface FormFailure {
  /** One line above the form: the API's message, or "the voice service is not reachable; nothing was saved". */
  banner: string;
  errors: FieldErrors;
  /** Problems that belong to no field of the form. */
  other: string[];
}

/**
 * A failed save that the person at the form can act on: invalid values (400), a duplicate
 * (409), a record gone meanwhile (404), too large (413), or the voice service down (503).
 * Anything else (a bug, a wrong API token) is not a form problem and goes to the error page.
 */
export function formFailure(error: unknown, fieldNames: string[]): FormFailure {
  if (!isAppError(error) || ![400, 404, 409, 413, 415, 422, 503].includes(error.status)) throw error;
  const { errors, other } = detailsToErrors(error.details, fieldNames);
  return { banner: error.message, errors, other };
}

export const noFailure = (): FormFailure => ({ banner: '', errors: {}, other: [] });
