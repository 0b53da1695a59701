/** What the line says, with {{placeholders}} filled in: the names, the built-in texts, the filling. */

export const PLACEHOLDERS = ['storeName', 'department', 'product', 'price', 'location', 'stock', 'hours', 'address', 'coupons'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What a new store says; also what the line says for a key whose template was deleted or deactivated. */
export const DEFAULT_TEMPLATE_TEXTS = {
  greeting: 'You can ask me about a product, our hours, our address or today\'s deals, or say a department such as Pharmacy or Bakery.',
  transfer: 'Please hold while I transfer you to {{department}}.',
  product_in_stock: '{{product}} is {{price}}, and we have it in stock in {{location}}.',
  product_out_of_stock: '{{product}} is {{price}}, but it is out of stock right now. It is normally in {{location}}.',
  product_not_found: 'Sorry, I could not find {{product}} in our store. To speak with a team member, say operator.',
  hours: 'Our hours are {{hours}}.',
  address: 'We are at {{address}}.',
  coupons: 'Here are today\'s deals: {{coupons}}.',
  fallback: 'Sorry, I did not catch that. You can ask about a product, our hours, or say a department name.',
  goodbye: 'Thank you for calling {{storeName}}. Goodbye!',
  after_hours: 'Thank you for calling {{storeName}}. We are closed right now. Our hours are {{hours}}. I can still answer questions about products and deals.',
  anything_else: 'Is there anything else I can help you with?',
  operator: 'Please hold while I connect you with a team member.',
} as const;

/** The keys the line speaks; a template under another key is kept but never said. */
export const TEMPLATE_KEYS = Object.keys(DEFAULT_TEMPLATE_TEXTS) as (keyof typeof DEFAULT_TEMPLATE_TEXTS)[];

const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a template text uses, in order, without duplicates. */
export function placeholdersIn(textValue: string): string[] {
  return [...new Set([...textValue.matchAll(PLACEHOLDER_RE)].map((m) => m[1]))];
}

export type TemplateValues = Partial<Record<Placeholder, string>>;

/** Fill `{{placeholders}}`; a placeholder without a value is spoken as nothing rather than as braces. */
export function renderTemplate(text: string, values: TemplateValues): string {
  const parts = compiled(text);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) out += (values[parts[i] as Placeholder] ?? '') + parts[i + 1];
  return /\s{2}/.test(out) ? out.replace(/\s{2,}/g, ' ').trim() : out.trim();
}

/** Text and placeholder names, alternating ("Hi {{storeName}}!" → ["Hi ", "storeName", "!"]), once per template text. */
const compiledTexts = new Map<string, string[]>();
const COMPILED_LIMIT = 1_000;

function compiled(text: string): string[] {
  let parts = compiledTexts.get(text);
  if (!parts) {
    parts = text.split(/\{\{\s*([^{}]*?)\s*\}\}/);
    if (compiledTexts.size >= COMPILED_LIMIT) compiledTexts.clear();
    compiledTexts.set(text, parts);
  }
  return parts;
}
