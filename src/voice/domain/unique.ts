import { AppError, type ErrorDetail } from '../../shared/app-error.js';

/**
 * A field that no two records may share, compared trimmed and case-insensitively (as the
 * store's own schema does). `when` narrows the rule, e.g. only active templates compete.
 */
export interface UniqueRule<R> {
  field: keyof R & string;
  when?: (record: R) => boolean;
}

const normalise = (value: unknown) => String(value).trim().toLowerCase();

/** Every rule the candidate breaks against the other records (the one with the same id is itself). */
export function uniqueConflicts<R extends { id: string }>(records: readonly R[], candidate: R, rules: readonly UniqueRule<R>[], label: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const rule of rules) {
    const value = candidate[rule.field];
    if (value === undefined || (rule.when && !rule.when(candidate))) continue;
    const other = records.find(
      (r) => r.id !== candidate.id && r[rule.field] !== undefined && (!rule.when || rule.when(r)) && normalise(r[rule.field]) === normalise(value),
    );
    if (other) {
      const scope = rule.when ? 'an active ' : 'a ';
      details.push({ path: rule.field, message: `${scope}${label} with ${rule.field} "${String(other[rule.field])}" already exists (id ${other.id})` });
    }
  }
  return details;
}

export function assertUnique<R extends { id: string }>(records: readonly R[], candidate: R, rules: readonly UniqueRule<R>[], label: string): void {
  const details = uniqueConflicts(records, candidate, rules, label);
  if (details.length > 0) {
    throw new AppError('conflict', `Conflict: ${details.map((d) => d.message).join('; ')}`, 409, details);
  }
}
