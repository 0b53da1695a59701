import type { FieldSpec } from '../forms/fields.js';
import { createResourcePages } from './resource-pages.js';

const fields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', placeholder: 'Pharmacy' },
  { name: 'extension', label: 'Extension', kind: 'text', help: 'Digits dialled after the store number, e.g. 101.' },
  { name: 'phoneNumber', label: 'Direct phone number', kind: 'text', optional: true, placeholder: '+15555550123', help: 'Optional. When set, calls go straight to this number instead of the extension.' },
  { name: 'keywords', label: 'Keywords', kind: 'list', help: 'Words callers use for this department, separated by commas (refill, prescription).' },
  { name: 'description', label: 'Description', kind: 'textarea' },
  { name: 'active', label: 'Active (callers can be transferred here)', kind: 'checkbox' },
];

export const departmentsPages = () =>
  createResourcePages({
    path: '/departments',
    apiPath: '/departments',
    title: 'Departments',
    singular: 'department',
    intro: 'Where callers are transferred. A caller is matched by the department name or its keywords; keyed digits equal to an extension go straight there.',
    editRoles: ['admin'],
    fields: async () => fields,
    columns: async () => [
      { label: 'Name', value: (d) => String(d.name), link: true },
      { label: 'Extension', value: (d) => String(d.extension) },
      { label: 'Direct number', value: (d) => String(d.phoneNumber ?? '') },
      { label: 'Keywords', value: (d) => (Array.isArray(d.keywords) ? d.keywords.join(', ') : ''), muted: true },
      { label: 'Active', value: (d) => (d.active === false ? 'no' : 'yes') },
    ],
    defaults: { active: true, keywords: [] },
    deleteOption: { name: 'unassignProducts', label: 'Also clear this department from the products filed under it' },
    label: (d) => String(d.name ?? ''),
  });
