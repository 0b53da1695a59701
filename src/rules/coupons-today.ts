import type { Coupon } from '../store/schemas.js';

/**
 * Coupons a caller may hear about on `date` (YYYY-MM-DD, the store's local date): active,
 * and inside their validity window, both ends included. Dates compare as text.
 */
export function couponsValidOn(coupons: readonly Coupon[], date: string): Coupon[] {
  return coupons.filter((c) => c.active && (!c.validFrom || c.validFrom <= date) && (!c.validUntil || date <= c.validUntil));
}
