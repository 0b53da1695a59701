import type { Request } from 'express';
import type { Flash } from '../http/request-types.js';

/** Lists come as an array or as a page `{ items, … }`; both read the same here. */
export function asList<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const items = (result as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

/** One message shown on the next page (after a redirect), then forgotten. */
export function flash(req: Request, type: Flash['type'], message: string): void {
  req.session.flash = { type, message };
}

export function money(value: unknown): string {
  return typeof value === 'number' ? `$${value.toFixed(2)}` : '';
}

export function pageNumber(raw: unknown): number {
  return Math.max(1, Number.parseInt(String(raw ?? '1'), 10) || 1);
}
