import { AppError } from '../../shared/app-error.js';
import type { Paging } from '../../store/index.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

type Query = Record<string, unknown>;

const badQuery = (name: string, message: string) => new AppError('invalid_query', `Invalid query parameter ${name}: ${message}`, 400, [{ path: name, message }]);

/** One optional text parameter; `?q=a&q=b` is refused rather than guessed at. */
export function textParam(query: Query, name: string, max = 200): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badQuery(name, 'must be given once, as text');
  if (value.length > max) throw badQuery(name, `must be at most ${max} characters`);
  return value;
}

export function booleanParam(query: Query, name: string): boolean | undefined {
  const value = textParam(query, name);
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw badQuery(name, 'must be true or false');
}

/** A whole number from 1 to `max`, or `fallback` when not given. */
export function wholeNumberParam(query: Query, name: string, fallback: number, max: number): number {
  const value = textParam(query, name, 20);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw badQuery(name, 'must be a whole number of 1 or more');
  if (Number(value) > max) throw badQuery(name, `must be at most ${max}`);
  return Number(value);
}

/** `?page=` (1-based) and `?pageSize=` (default 50, at most 500). */
export function pagingParams(query: Query): Paging {
  return {
    page: wholeNumberParam(query, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: wholeNumberParam(query, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}
