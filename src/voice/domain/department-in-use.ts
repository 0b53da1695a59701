import { AppError } from '../../shared/app-error.js';
import type { Department, Transaction } from '../../store/index.js';
import { auditIn } from './audit.js';
import type { UseCaseContext } from './context.js';

/**
 * Before a department goes, the products filed under it must let go of it; otherwise they
 * would point at nothing. Refused with 409 (naming how many) unless the caller asked to
 * unassign them, which clears their departmentId in the same transaction as the delete.
 */
export async function releaseDepartment(tx: Transaction, ctx: UseCaseContext, department: Department, unassignProducts: boolean): Promise<void> {
  const users = (await tx.inventory.list({ where: { departmentId: department.id }, pageSize: Number.MAX_SAFE_INTEGER })).items;
  if (users.length === 0) return;
  if (!unassignProducts) {
    throw new AppError(
      'department_in_use',
      `Department "${department.name}" is used by ${users.length} product${users.length === 1 ? '' : 's'}; move them to another department first, or delete with ?unassignProducts=true to clear their department`,
      409,
      [{ path: 'id', message: `used by ${users.length} product(s)`, productCount: users.length, productIds: users.slice(0, 20).map((p) => p.id) }],
    );
  }
  for (const { departmentId: _dropped, ...product } of users) await tx.inventory.update(product);
  auditIn(tx, ctx, {
    action: 'update',
    collection: 'inventory',
    changes: ['departmentId'],
    summary: `Cleared the department of ${users.length} product(s) before deleting department ${department.name}`,
  });
}
