import { renderTemplate, type TemplateValues } from '../../shared/render-template.js';
import type { VoiceTemplate } from '../../store/schemas.js';

/** What the caller hears when a store has no active template for a key. */
export const DEFAULT_TEMPLATES: Readonly<Record<string, string>> = {
  greeting: "You can ask me about a product, our hours, our address or today's deals, or say a department such as Pharmacy or Bakery.",
  transfer: 'Please hold while I transfer you to {{department}}.',
  product_in_stock: '{{product}} is {{price}}, and we have it in stock in {{location}}.',
  product_out_of_stock: '{{product}} is {{price}}, but it is out of stock right now. It is normally in {{location}}.',
  product_not_found: 'Sorry, I could not find {{product}} in our store. To speak with a team member, say operator.',
  hours: 'Our hours are {{hours}}.',
  address: 'We are at {{address}}.',
  coupons: "Here are today's deals: {{coupons}}.",
  fallback: 'Sorry, I did not catch that. You can ask about a product, our hours, or say a department name.',
  goodbye: 'Thank you for calling {{storeName}}. Goodbye!',
  after_hours: 'Thank you for calling {{storeName}}. We are closed right now. Our hours are {{hours}}.',
  anything_else: 'Is there anything else I can help you with?',
  operator: 'Please hold while I connect you with a team member.',
};

/** The newest (last listed) active template for `key`, else the built-in text. */
export function templateText(templates: readonly VoiceTemplate[], key: string): string {
  for (let i = templates.length - 1; i >= 0; i--) {
    const template = templates[i];
    if (template.key === key && template.active) return template.text;
  }
  return DEFAULT_TEMPLATES[key] ?? '';
}

export function speakTemplate(templates: readonly VoiceTemplate[], key: string, values: TemplateValues): string {
  return renderTemplate(templateText(templates, key), values);
}
