import type { z } from 'zod';
import type { ErrorDetail } from '../../shared/app-error.js';
import { Coupon, Department, Product, VoiceTemplate, type ListCollectionName, type RecordOf, type Transaction } from '../../store/index.js';
import { releaseDepartment } from './department-in-use.js';
import type { UseCaseContext } from './context.js';

export type ResourceName = Exclude<ListCollectionName, 'staff'>;

export interface DeleteOptions {
  /** Departments only: clear the department of the products that use it instead of refusing. */
  unassignProducts?: boolean;
}

/** What differs between the four list resources; everything else is one generic use case. */
export interface ResourceRules<K extends ResourceName> {
  collection: K;
  /** Singular, for messages: "No department with id …". */
  label: string;
  schema: z.ZodType<RecordOf<K>>;
  /** A short human name for audit summaries. */
  describe: (record: RecordOf<K>) => string;
  /** Checks against other collections, inside the write's transaction (so what they check cannot change meanwhile). */
  checkReferences?: (tx: Transaction, record: RecordOf<K>) => Promise<ErrorDetail[]>;
  /** Runs in the delete's transaction before the record goes; may refuse it (409) or tidy up what refers to it. */
  beforeDelete?: (tx: Transaction, ctx: UseCaseContext, record: RecordOf<K>, options: DeleteOptions) => Promise<void>;
}

export const departmentRules: ResourceRules<'departments'> = {
  collection: 'departments',
  label: 'department',
  schema: Department,
  describe: (d) => d.name,
  beforeDelete: (tx, ctx, department, options) => releaseDepartment(tx, ctx, department, options.unassignProducts === true),
};

export const productRules: ResourceRules<'inventory'> = {
  collection: 'inventory',
  label: 'product',
  schema: Product,
  describe: (p) => (p.sku ? `${p.name} (${p.sku})` : p.name),
  checkReferences: async (tx, product) => {
    const id = product.departmentId;
    if (id === undefined || (await tx.departments.get(id))) return [];
    return [{ path: 'departmentId', message: `no department with id "${id.slice(0, 100)}"` }];
  },
};

export const couponRules: ResourceRules<'coupons'> = {
  collection: 'coupons',
  label: 'coupon',
  schema: Coupon,
  describe: (c) => c.code,
};

export const voiceTemplateRules: ResourceRules<'voiceTemplates'> = {
  collection: 'voiceTemplates',
  label: 'voice template',
  schema: VoiceTemplate,
  describe: (t) => t.key,
};
