import type { Paging } from '../port.js';

/** One page of a list kept oldest first, read newest first: page 1 is the end of the list. */
export function newestFirst<T>(oldestFirst: readonly T[], { page, pageSize }: Paging): T[] {
  const end = oldestFirst.length - (page - 1) * pageSize;
  return end <= 0 ? [] : oldestFirst.slice(Math.max(0, end - pageSize), end).reverse();
}
