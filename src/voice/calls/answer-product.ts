import type { Product } from '../../store/schemas.js';
import type { ProductMatch } from '../understanding/match-product.js';
import { answered, type CallContext, type Decision } from './decision.js';
import { speakLocation, speakMoney, speakStock } from './speak.js';
import { speakTemplate } from './templates.js';
import type { TemplateValues } from '../../rules/templates.js';

const OPERATOR_OFFER = 'To speak with a team member, say operator.';

/** Price, stock and place of what the caller asked for; both when two are close; plainly "not found" otherwise. */
export function answerProduct(query: string, match: ProductMatch, ctx: CallContext, values: TemplateValues): Decision {
  if (match.kind === 'not_found') {
    const text = speakTemplate(ctx.templates, 'product_not_found', { ...values, product: query });
    // The caller always hears that a person can help, even if an edited template forgot to say so.
    const offer = /\boperator\b/i.test(text) ? [] : [OPERATOR_OFFER];
    return Object.assign(answered('product', [text, ...offer], ctx, values), { query, unmet: true });
  }
  if (match.kind === 'found') {
    const { product } = match;
    return Object.assign(answered('product', [describeProduct(product, ctx, values)], ctx, values), { query, product: { id: product.id, name: product.name } });
  }
  const lines = [`I found ${match.products.length} matches.`, ...match.products.map((p) => describeProduct(p, ctx, values))];
  return Object.assign(answered('product', lines, ctx, values), { query, product: { name: match.products.map((p) => p.name).join(' or ') } });
}

function describeProduct(product: Product, ctx: CallContext, values: TemplateValues): string {
  const key = product.stock > 0 ? 'product_in_stock' : 'product_out_of_stock';
  // One literal, not a spread of `values`: a spread plus added fields cost more here than the rest of the answer.
  return speakTemplate(ctx.templates, key, {
    storeName: values.storeName,
    address: values.address,
    hours: values.hours,
    product: product.name,
    price: speakMoney(product.price),
    location: speakLocation(product.location),
    stock: speakStock(product.stock),
    department: departmentName(ctx, product.departmentId),
  });
}

function departmentName(ctx: CallContext, id: string | undefined): string {
  for (const department of ctx.departments) if (department.id === id) return department.name;
  return '';
}
