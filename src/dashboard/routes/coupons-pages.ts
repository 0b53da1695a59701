import type { FieldSpec } from '../forms/fields.js';
import { createResourcePages } from './resource-pages.js';

const fields: FieldSpec[] = [
  { name: 'code', label: 'Code', kind: 'text', placeholder: 'SAVE10' },
  { name: 'description', label: 'Description (what callers hear)', kind: 'textarea' },
  {
    name: 'discountType',
    label: 'Discount type',
    kind: 'select',
    options: [
      { value: 'percent', label: 'Percent off' },
      { value: 'amount', label: 'Amount off (dollars)' },
    ],
  },
  { name: 'discountValue', label: 'Discount value', kind: 'number', step: 'any' },
  { name: 'validFrom', label: 'Valid from', kind: 'date', optional: true },
  { name: 'validUntil', label: 'Valid until', kind: 'date', optional: true },
  { name: 'active', label: 'Active', kind: 'checkbox' },
];

export const couponsPages = () =>
  createResourcePages({
    path: '/coupons',
    apiPath: '/coupons',
    title: 'Coupons',
    singular: 'coupon',
    intro: 'Callers hear only coupons that are active and valid today in the store\'s timezone.',
    editRoles: ['admin', 'staff'],
    fields: async () => fields,
    columns: async () => [
      { label: 'Code', value: (c) => String(c.code), link: true },
      { label: 'Description', value: (c) => String(c.description ?? '') },
      { label: 'Discount', value: (c) => (c.discountType === 'percent' ? `${String(c.discountValue)}%` : `$${Number(c.discountValue).toFixed(2)}`) },
      { label: 'Valid', value: (c) => `${String(c.validFrom ?? '…')} – ${String(c.validUntil ?? '…')}`, muted: true },
      { label: 'Active', value: (c) => (c.active === false ? 'no' : 'yes') },
    ],
    defaults: { active: true, discountType: 'percent' },
    label: (c) => String(c.code ?? ''),
  });
