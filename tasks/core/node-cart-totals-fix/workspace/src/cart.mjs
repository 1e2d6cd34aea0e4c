// A shopping cart: lines of SKUs, one optional coupon, tax.

import { percentOf } from './money.mjs';
import { couponDiscount, isKnownCoupon } from './coupons.mjs';

export class Cart {
  #lines = [];
  #coupon = null;
  #taxRate;

  constructor({ taxRate = 0 } = {}) {
    this.#taxRate = taxRate;
  }

  addItem(sku, unitCents, qty = 1) {
    if (!Number.isInteger(qty) || qty <= 0) throw new RangeError(`bad quantity for ${sku}: ${qty}`);
    if (!Number.isInteger(unitCents) || unitCents < 0) throw new RangeError(`bad price for ${sku}: ${unitCents}`);
    this.#lines.push({ sku, unitCents, qty });
  }

  removeItem(sku) {
    const index = this.#lines.findIndex((line) => line.sku === sku);
    this.#lines.splice(index, 1);
    return index !== -1;
  }

  lines() {
    return this.#lines.map((line) => ({ ...line, totalCents: line.unitCents * line.qty }));
  }

  applyCoupon(code) {
    if (code !== null && !isKnownCoupon(code)) throw new Error(`unknown coupon: ${code}`);
    this.#coupon = code;
  }

  totals() {
    const subtotal = this.lines().reduce((sum, line) => sum + line.totalCents, 0);
    const discount = this.#coupon === null ? 0 : couponDiscount(this.#coupon, subtotal);
    const tax = percentOf(subtotal, this.#taxRate);
    return { subtotal, discount, tax, total: subtotal - discount + tax };
  }
}
