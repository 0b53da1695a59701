/**
 * The one error type of the project. `code` is stable (tests and clients match on it),
 * `status` is the HTTP status an error handler should answer with, and `details` carries
 * per-field problems (`{ path, message }`) so a form can show each next to its field.
 */
export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];

  constructor(code: string, message: string, status = 500, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;
