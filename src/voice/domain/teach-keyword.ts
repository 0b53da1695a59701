import { z } from 'zod';
import { Keyword, type Product } from '../../store/schemas.js';
import { updateRecord } from './collection-use-cases.js';
import type { UseCaseContext } from './context.js';
import { productRules } from './resources.js';
import { parseWith, requireObject } from './validate.js';

/**
 * Staff teach the line a caller's phrase: it becomes one of the product's keywords, so the
 * next caller who says it gets that product. Built on the product update, so the product is
 * validated as a whole and the change is in the audit log like any other edit.
 */
const TeachRequest = z.strictObject({ phrase: Keyword });

export interface TaughtKeyword {
  product: Product;
  /** False when the product already had the phrase (a repeat changes nothing). */
  added: boolean;
}

/** "Peanut butter" and " peanut  Butter " are one keyword. */
function sameWords(a: string, b: string): boolean {
  const plain = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return plain(a) === plain(b);
}

export async function teachKeyword(ctx: UseCaseContext, productId: string, input: unknown): Promise<TaughtKeyword> {
  const { phrase } = parseWith(TeachRequest, requireObject(input), 'keyword');
  let added = false;
  const product = await updateRecord(ctx, productRules, productId, (current: Product) => {
    added = !current.keywords.some((k) => sameWords(k, phrase));
    return added ? { keywords: [...current.keywords, phrase.replace(/\s+/g, ' ')] } : {};
  });
  return { product, added };
}
