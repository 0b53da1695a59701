import type { ListDefinition } from '../collections.js';
import type { ListQuery, Page } from '../port.js';

/** Reading a list the way the repositories' `list` does: words of `q` in the searchable text, `where` fields equal, one page. */

export const DEFAULT_PAGE_SIZE = 50;

const searchTexts = new WeakMap<object, string>();

/** A record's searchable text, lower case, made once per record (records are frozen, so it cannot go stale). */
function searchTextOf<R extends object>(record: R, definition: ListDefinition<R>): string {
  let text = searchTexts.get(record);
  if (text === undefined) {
    // A newline between fields keeps one query word from matching across two of them.
    text = definition.searchText(record).join('\n').toLowerCase();
    searchTexts.set(record, text);
  }
  return text;
}

export function queryWords(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function pageOf<R extends object>(records: readonly R[], definition: ListDefinition<R>, query: ListQuery<R> = {}): Page<R> {
  const words = queryWords(query.q);
  const where = Object.entries(query.where ?? {}) as [keyof R, unknown][];
  const matches =
    words.length === 0 && where.length === 0
      ? records
      : records.filter((record) => {
          for (const [field, value] of where) if (record[field] !== value) return false;
          if (words.length === 0) return true;
          const text = searchTextOf(record, definition);
          return words.every((word) => text.includes(word));
        });
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  const start = (page - 1) * pageSize;
  return { items: matches.slice(start, start + pageSize), total: matches.length, page, pageSize };
}
