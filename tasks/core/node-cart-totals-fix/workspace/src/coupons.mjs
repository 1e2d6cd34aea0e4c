// Coupon codes and the discount they give.

import { percentOf } from './money.mjs';

const COUPONS = {
  SAVE10: { kind: 'percent', value: 10 },
  SAVE15: { kind: 'percent', value: 15 },
  HALF: { kind: 'percent', value: 50 },
  TAKE5: { kind: 'fixed', value: 500 },
};

export function isKnownCoupon(code) {
  return Object.hasOwn(COUPONS, String(code).toUpperCase());
}

/** Discount in cents that `code` gives on a subtotal. */
export function couponDiscount(code, subtotalCents) {
  const coupon = COUPONS[String(code).toUpperCase()];
  if (!coupon || !isKnownCoupon(code)) throw new Error(`unknown coupon: ${code}`);
  if (coupon.kind === 'percent') return percentOf(subtotalCents, coupon.value);
  return coupon.value;
}
