import type { Product } from '../../store/schemas.js';
import { sizesOfName } from '../understanding/product-text.js';
import type { ProductMatch } from '../understanding/search-products.js';
import type { Dimension, Size } from '../understanding/sizes.js';
import type { Explanation } from '../understanding/understand.js';
import { comparableKinds } from '../understanding/units.js';
import { answered, type CallContext, type Clarification, type Decision, gather } from './decision.js';
import { speakList, speakLocation, speakMoney, speakStock } from './speak.js';
import { speakDimension, speakProductName, speakSize } from './speak-product.js';
import { speakTemplate } from './templates.js';
import type { TemplateValues } from '../../rules/templates.js';
import { tellApart } from './tell-apart.js';

const OPERATOR_OFFER = 'To speak with a team member, say operator.';
const WHICH_ONE = 'Which one would you like?';

/**
 * Price, stock and place of the product asked for; a short question when a few are close,
 * a brand was named alone, or the size asked is not carried; plainly "not found" otherwise.
 */
export function answerProduct(query: string, match: ProductMatch, ctx: CallContext, values: TemplateValues, explain?: Explanation): Decision {
  const base = { query, ...(explain ? { explain } : {}) };
  switch (match.kind) {
    case 'not_found': {
      const text = speakTemplate(ctx.templates, 'product_not_found', { ...values, product: query });
      // The caller always hears that a person can help, even if an edited template forgot to say so.
      const offer = /\boperator\b/i.test(text) ? [] : [OPERATOR_OFFER];
      return Object.assign(answered('product', [text, ...offer], ctx, values), base, { unmet: true });
    }
    case 'found': {
      const { product } = match;
      return Object.assign(answered('product', [describeProduct(product, ctx, values)], ctx, values), base, { product: { id: product.id, name: product.name } });
    }
    case 'choose': {
      const question = match.products.length === 1 ? `We have ${speakProductName(match.products[0].name)}. Is that the one you want?` : `We have ${tellApart(match.products)}. ${WHICH_ONE}`;
      return ask(question, clarification('choose', query, match.products, match.products.length), base);
    }
    case 'detail':
      return ask(
        `We have ${match.total} kinds of ${match.what ?? query}. Which one would you like? You can tell me the brand, the size or the kind.`,
        clarification('detail', query, [], match.total),
        base,
      );
    case 'brand': {
      const examples = speakList(match.products.map((p) => speakProductName(p.name)));
      return ask(`Yes, we carry ${match.total} ${match.brand} products, for example ${examples}. ${WHICH_ONE}`, clarification('brand', query, match.products, match.total), base);
    }
    case 'size': {
      const asked = 'values' in match.asked ? speakDimension(match.asked) : speakSize(match.asked);
      const have = sizesThere(match.products, match.asked);
      return ask(`Sorry, we do not have that in ${asked}. ${have} ${WHICH_ONE}`, clarification('size', query, match.products, match.products.length), base);
    }
  }
}

function ask(question: string, asked: Clarification, base: Partial<Decision>): Decision {
  return { intent: 'product', say: [], next: gather(question), failed: false, ...base, asked };
}

function clarification(kind: Clarification['kind'], query: string, products: readonly Product[], total: number): Clarification {
  return { kind, query, candidates: products.map((p) => ({ id: p.id, name: p.name })), total };
}

/**
 * "We have it in 6 foot and 8 foot." when the sizes differ; "We have the Salted and the
 * Unsalted, in 8 ounce." when they share one; the names otherwise.
 */
function sizesThere(products: readonly Product[], asked: Size | Dimension): string {
  const spoken = products.map((p) => {
    const reading = sizesOfName(p.name);
    if ('values' in asked) return reading.dimensions[0] ? speakDimension(reading.dimensions[0]) : undefined;
    const size = reading.sizes.find((s) => comparableKinds(s.unit.kind, asked.unit.kind));
    return size ? speakSize(size) : undefined;
  });
  if (products.length === 1) return `We have ${speakProductName(products[0].name)}.`;
  if (spoken.some((s) => s === undefined)) return `We have ${tellApart(products)}.`;
  const sizes = [...new Set(spoken as string[])];
  if (sizes.length === spoken.length) return `We have it in ${speakList(sizes)}.`;
  if (sizes.length === 1) return `We have ${tellApart(products)}, in ${sizes[0]}.`;
  return `We have ${tellApart(products)}.`;
}

export function describeProduct(product: Product, ctx: CallContext, values: TemplateValues): string {
  const key = product.stock > 0 ? 'product_in_stock' : 'product_out_of_stock';
  // One literal, not a spread of `values`: a spread plus added fields cost more here than the rest of the answer.
  return speakTemplate(ctx.templates, key, {
    storeName: values.storeName,
    address: values.address,
    hours: values.hours,
    product: speakProductName(product.name),
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
