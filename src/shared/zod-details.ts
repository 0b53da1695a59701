import type { z } from 'zod';
import type { ErrorDetail } from './app-error.js';

/** Turns zod issues into `{ path, message }` pairs; the path reads like `hours.mon.open` or `[3].price`. */
export function zodDetails(error: z.ZodError, prefix: (string | number)[] = []): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path] as (string | number | symbol)[];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: `unknown field "${key}"` }));
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

/** One line for logs and error messages: "price: Too small…; name: Required". */
export function summariseDetails(details: ErrorDetail[], max = 5): string {
  const shown = details.slice(0, max).map((d) => `${d.path}: ${d.message}`);
  if (details.length > max) shown.push(`and ${details.length - max} more`);
  return shown.join('; ');
}
