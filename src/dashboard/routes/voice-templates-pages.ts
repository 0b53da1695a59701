import type { Request } from 'express';
import { isAppError } from '../../shared/app-error.js';
import type { StoreInfo } from '../../store/index.js';
import type { FieldSpec, FormValues } from '../forms/fields.js';
import { createResourcePages } from './resource-pages.js';
import { PLACEHOLDERS, placeholdersIn, renderTemplate, TEMPLATE_KEYS, type TemplateValues } from '../../rules/templates.js';

const EXTRA_KEYS = ['address', 'anything_else', 'operator'];

const fields: FieldSpec[] = [
  { name: 'key', label: 'Key (what it is for)', kind: 'text', suggestions: [...TEMPLATE_KEYS, ...EXTRA_KEYS], help: 'For example greeting, transfer, product_in_stock, hours, goodbye.' },
  { name: 'text', label: 'Text', kind: 'textarea', help: `Placeholders in double braces are filled in on the call: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}` },
  { name: 'active', label: 'Active', kind: 'checkbox' },
];

/** Believable values for the preview; the store's own name and address when the voice service answers. */
export async function sampleValues(req: Request): Promise<TemplateValues> {
  let info: Partial<StoreInfo> = {};
  try {
    info = await req.api.get<StoreInfo>('/store-info');
  } catch (error) {
    if (!(isAppError(error) && error.status === 503)) throw error;
  }
  return {
    storeName: info.name ?? 'Maple Street Market',
    address: info.address ?? '123 Maple Street',
    department: 'Pharmacy',
    product: 'Whole Milk, 1 Gallon',
    price: '$3.79',
    location: 'Aisle 1',
    stock: '42',
    hours: 'Monday to Saturday 8 AM to 9 PM, and Sunday 9 AM to 6 PM',
    coupons: 'SAVE10, 10 percent off your order of 50 dollars or more',
  };
}

export interface TemplatePreview {
  spoken: string;
  used: string[];
  unknown: string[];
  available: readonly string[];
}

export function previewOf(text: string, values: TemplateValues): TemplatePreview {
  const used = placeholdersIn(text);
  return {
    spoken: renderTemplate(text, values),
    used,
    unknown: used.filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name)),
    available: PLACEHOLDERS,
  };
}

export const voiceTemplatesPages = () =>
  createResourcePages({
    path: '/voice-templates',
    apiPath: '/voice-templates',
    title: 'Voice templates',
    singular: 'voice template',
    intro: 'What the phone line says. Use "Preview" to hear how a text reads with sample values before saving.',
    editRoles: ['admin', 'staff'],
    fields: async () => fields,
    columns: async () => [
      { label: 'Key', value: (t) => String(t.key), link: true },
      { label: 'Text', value: (t) => String(t.text ?? '') },
      { label: 'Active', value: (t) => (t.active === false ? 'no' : 'yes') },
    ],
    defaults: { active: true },
    label: (t) => String(t.key ?? ''),
    preview: async (req: Request, values: FormValues) => previewOf(String(values.text ?? ''), await sampleValues(req)),
  });
