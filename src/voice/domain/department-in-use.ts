import { AppError } from '../../shared/app-error.js';
import type { Department } from '../../store/index.js';
import { recordAudit } from './audit.js';
import type { UseCaseContext } from './context.js';

/**
 * Before a department goes, the products filed under it must let go of it; otherwise they
 * would point at nothing. Refused with 409 (naming how many) unless the caller asked to
 * unassign them, which clears their departmentId in one inventory write.
 */
export async function releaseDepartment(ctx: UseCaseContext, department: Department, unassignProducts: boolean): Promise<void> {
  const users = (await ctx.store.read('inventory')).filter((p) => p.departmentId === department.id);
  if (users.length === 0) return;
  if (!unassignProducts) {
    throw new AppError(
      'department_in_use',
      `Department "${department.name}" is used by ${users.length} product${users.length === 1 ? '' : 's'}; move them to another department first, or delete with ?unassignProducts=true to clear their department`,
      409,
      [{ path: 'id', message: `used by ${users.length} product(s)`, productCount: users.length, productIds: users.slice(0, 20).map((p) => p.id) }],
    );
  }
  let cleared: string[] = [];
  await ctx.store.update('inventory', (inventory) => {
    cleared = [];
    return inventory.map((p) => {
      if (p.departmentId !== department.id) return p;
      cleared.push(p.id);
      const { departmentId: _dropped, ...rest } = p;
      return rest;
    });
  });
  if (cleared.length > 0) {
    await recordAudit(ctx, {
      action: 'update',
      collection: 'inventory',
      changes: ['departmentId'],
      summary: `Cleared the department of ${cleared.length} product(s) before deleting department ${department.name}`,
    });
  }
}
