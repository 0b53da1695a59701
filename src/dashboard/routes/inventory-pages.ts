import type { Request } from 'express';
import { isAppError } from '../../shared/app-error.js';
import type { Department } from '../../store/index.js';
import type { FieldSpec } from '../forms/fields.js';
import { asList, money } from './page-helpers.js';
import { createResourcePages } from './resource-pages.js';

/** Departments for the product form's select; without the voice service the field is plain text so the form still keeps what was typed. */
async function departmentsOf(req: Request): Promise<Department[] | undefined> {
  try {
    return asList<Department>(await req.api.get('/departments'));
  } catch (error) {
    if (isAppError(error) && error.status === 503) return undefined;
    throw error;
  }
}

async function fields(req: Request): Promise<FieldSpec[]> {
  const departments = await departmentsOf(req);
  const department: FieldSpec = departments
    ? { name: 'departmentId', label: 'Department', kind: 'select', optional: true, options: [{ value: '', label: '(none)' }, ...departments.map((d) => ({ value: d.id, label: d.name }))] }
    : { name: 'departmentId', label: 'Department id', kind: 'text', optional: true, help: 'The department list is unavailable right now.' };
  return [
    { name: 'name', label: 'Name', kind: 'text', placeholder: 'Whole Milk, 1 Gallon' },
    { name: 'sku', label: 'SKU', kind: 'text', optional: true, help: 'Optional, unique. CSV import matches products by SKU.' },
    { name: 'price', label: 'Price ($)', kind: 'number', step: '0.01' },
    { name: 'stock', label: 'Stock', kind: 'integer', step: '1' },
    { name: 'location', label: 'Location', kind: 'text', placeholder: 'Aisle 3', help: 'Where callers are told to find it.' },
    department,
    { name: 'keywords', label: 'Keywords', kind: 'list', help: 'Other words callers use for it, separated by commas (oj, juice).' },
    { name: 'active', label: 'Active (offered to callers)', kind: 'checkbox' },
  ];
}

export const inventoryPages = () =>
  createResourcePages({
    path: '/inventory',
    apiPath: '/inventory',
    title: 'Inventory',
    singular: 'product',
    plural: 'products',
    intro: 'What callers can ask about: price, whether it is in stock, and where to find it.',
    editRoles: ['admin', 'staff'],
    paged: true,
    listActions: [
      { href: '/inventory/import', label: 'Import CSV' },
      { href: '/inventory/export.csv', label: 'Export CSV' },
    ],
    fields,
    columns: async (req) => {
      const names = new Map((await departmentsOf(req))?.map((d) => [d.id, d.name]));
      return [
        { label: 'Name', value: (p) => String(p.name), link: true },
        { label: 'SKU', value: (p) => String(p.sku ?? ''), muted: true },
        { label: 'Price', value: (p) => money(p.price) },
        { label: 'Stock', value: (p) => String(p.stock) },
        { label: 'Location', value: (p) => String(p.location ?? '') },
        { label: 'Department', value: (p) => (p.departmentId ? (names.get(String(p.departmentId)) ?? String(p.departmentId)) : '') },
        { label: 'Active', value: (p) => (p.active === false ? 'no' : 'yes') },
      ];
    },
    defaults: { active: true, stock: 0, keywords: [] },
    label: (p) => String(p.name ?? ''),
  });
