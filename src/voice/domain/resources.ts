import type { z } from 'zod';
import type { ErrorDetail } from '../../shared/app-error.js';
import { Coupon, Department, Product, VoiceTemplate, type CollectionData } from '../../store/index.js';
import type { UseCaseContext } from './context.js';
import { releaseDepartment } from './department-in-use.js';
import type { UniqueRule } from './unique.js';

export type ListCollection = 'departments' | 'inventory' | 'coupons' | 'voiceTemplates';
export type RecordOf<K extends ListCollection> = CollectionData[K][number];

export interface DeleteOptions {
  /** Departments only: clear the department of the products that use it instead of refusing. */
  unassignProducts?: boolean;
}

/** What differs between the four list resources; everything else is one generic use case. */
export interface ResourceRules<K extends ListCollection> {
  collection: K;
  /** Singular, for messages: "No department with id …". */
  label: string;
  schema: z.ZodType<RecordOf<K>>;
  unique: UniqueRule<RecordOf<K>>[];
  /** A short human name for audit summaries. */
  describe: (record: RecordOf<K>) => string;
  /** Checks against other collections, given the fields being written. */
  checkReferences?: (ctx: UseCaseContext, fields: Record<string, unknown>) => Promise<ErrorDetail[]>;
  /** Runs before a delete; may refuse it (409) or tidy up what refers to the record. */
  beforeDelete?: (ctx: UseCaseContext, record: RecordOf<K>, options: DeleteOptions) => Promise<void>;
}

export const departmentRules: ResourceRules<'departments'> = {
  collection: 'departments',
  label: 'department',
  schema: Department,
  unique: [{ field: 'extension' }],
  describe: (d) => d.name,
  beforeDelete: (ctx, department, options) => releaseDepartment(ctx, department, options.unassignProducts === true),
};

export const productRules: ResourceRules<'inventory'> = {
  collection: 'inventory',
  label: 'product',
  schema: Product,
  unique: [{ field: 'sku' }],
  describe: (p) => (p.sku ? `${p.name} (${p.sku})` : p.name),
  checkReferences: async (ctx, fields) => {
    const id = fields.departmentId;
    if (typeof id !== 'string') return [];
    const departments = await ctx.store.read('departments');
    return departments.some((d) => d.id === id) ? [] : [{ path: 'departmentId', message: `no department with id "${id.slice(0, 100)}"` }];
  },
};

export const couponRules: ResourceRules<'coupons'> = {
  collection: 'coupons',
  label: 'coupon',
  schema: Coupon,
  unique: [{ field: 'code' }],
  describe: (c) => c.code,
};

// Two active templates for one key would leave the call flow guessing which to say.
export const voiceTemplateRules: ResourceRules<'voiceTemplates'> = {
  collection: 'voiceTemplates',
  label: 'voice template',
  schema: VoiceTemplate,
  unique: [{ field: 'key', when: (t) => t.active }],
  describe: (t) => t.key,
};
