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

/** Discount in cents that `code` gives on a subtotal; never more than the subtotal. */
export function couponDiscount(code, subtotalCents) {
  if (!isKnownCoupon(code)) throw new Error(`unknown coupon: ${code}`);
  const coupon = COUPONS[String(code).toUpperCase()];
  const discount = coupon.kind === 'percent' ? percentOf(subtotalCents, coupon.value) : coupon.value;
  return Math.min(discount, subtotalCents);
}
