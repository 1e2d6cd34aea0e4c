import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { percentOf, formatCents } from '../src/money.mjs';
import { couponDiscount } from '../src/coupons.mjs';
import { Cart } from '../src/cart.mjs';

describe('money', () => {
  it('percentOf rounds to the nearest cent, halves up', () => {
    assert.equal(percentOf(999, 15), 150); // 149.85
    assert.equal(percentOf(1000, 15), 150);
    assert.equal(percentOf(10, 15), 2); // 1.5
    assert.equal(percentOf(13, 10), 1); // 1.3
    assert.equal(percentOf(17, 10), 2); // 1.7
    assert.equal(percentOf(0, 50), 0);
    assert.equal(percentOf(1, 50), 1); // 0.5
    assert.equal(percentOf(200, 8.25), 17); // 16.5
    assert.equal(percentOf(100, 8.25), 8); // 8.25
  });

  it('formatCents pads cents and places the sign', () => {
    assert.equal(formatCents(0), '$0.00');
    assert.equal(formatCents(5), '$0.05');
    assert.equal(formatCents(50), '$0.50');
    assert.equal(formatCents(1234), '$12.34');
    assert.equal(formatCents(100), '$1.00');
    assert.equal(formatCents(123456), '$1234.56');
    assert.equal(formatCents(-50), '-$0.50');
    assert.equal(formatCents(-5), '-$0.05');
    assert.equal(formatCents(-1234), '-$12.34');
  });
});

describe('coupons', () => {
  it('computes percentage discounts with rounding', () => {
    assert.equal(couponDiscount('SAVE15', 999), 150);
    assert.equal(couponDiscount('SAVE10', 995), 100); // 99.5
    assert.equal(couponDiscount('HALF', 3), 2); // 1.5
  });

  it('caps fixed discounts at the subtotal', () => {
    assert.equal(couponDiscount('TAKE5', 300), 300);
    assert.equal(couponDiscount('TAKE5', 500), 500);
    assert.equal(couponDiscount('TAKE5', 2000), 500);
    assert.equal(couponDiscount('TAKE5', 0), 0);
  });

  it('is case-insensitive and rejects unknown codes', () => {
    assert.equal(couponDiscount('save10', 1000), 100);
    assert.equal(couponDiscount('Take5', 1000), 500);
    assert.throws(() => couponDiscount('FREE', 1000), (e) => e instanceof Error && e.message.includes('FREE'));
    assert.throws(() => couponDiscount('toString', 1000), Error);
  });
});

describe('cart lines', () => {
  it('merges repeated SKUs into one line', () => {
    const cart = new Cart();
    cart.addItem('apple', 50, 2);
    cart.addItem('pear', 80);
    cart.addItem('apple', 50, 3);
    assert.deepEqual(cart.lines(), [
      { sku: 'apple', unitCents: 50, qty: 5, totalCents: 250 },
      { sku: 'pear', unitCents: 80, qty: 1, totalCents: 80 },
    ]);
  });

  it('keeps the original unit price when a SKU is added again', () => {
    const cart = new Cart();
    cart.addItem('a', 100);
    cart.addItem('b', 1);
    cart.addItem('a', 999, 2);
    assert.deepEqual(cart.lines()[0], { sku: 'a', unitCents: 100, qty: 3, totalCents: 300 });
    assert.equal(cart.lines().length, 2);
  });

  it('removes only the requested SKU', () => {
    const cart = new Cart();
    cart.addItem('a', 100);
    cart.addItem('b', 200);
    cart.addItem('c', 300);
    assert.equal(cart.removeItem('b'), true);
    assert.deepEqual(cart.lines().map((l) => l.sku), ['a', 'c']);
    assert.equal(cart.removeItem('b'), false);
    assert.equal(cart.removeItem('zzz'), false);
    assert.deepEqual(cart.lines().map((l) => l.sku), ['a', 'c']);
  });

  it('returns a copy from lines()', () => {
    const cart = new Cart();
    cart.addItem('a', 100);
    cart.lines()[0].qty = 50;
    cart.lines().push({ sku: 'x' });
    assert.deepEqual(cart.lines(), [{ sku: 'a', unitCents: 100, qty: 1, totalCents: 100 }]);
  });

  it('validates quantities and prices', () => {
    const cart = new Cart();
    for (const qty of [0, -1, 1.5, NaN]) assert.throws(() => cart.addItem('a', 100, qty), RangeError);
    for (const price of [-1, 1.5]) assert.throws(() => cart.addItem('a', price), RangeError);
    assert.deepEqual(cart.lines(), []);
    cart.addItem('free', 0);
    assert.equal(cart.totals().total, 0);
  });
});

describe('cart totals', () => {
  it('without coupon or tax', () => {
    const cart = new Cart();
    assert.deepEqual(cart.totals(), { subtotal: 0, discount: 0, tax: 0, total: 0 });
    cart.addItem('a', 333, 3);
    assert.deepEqual(cart.totals(), { subtotal: 999, discount: 0, tax: 0, total: 999 });
  });

  it('rounds a percentage coupon', () => {
    const cart = new Cart();
    cart.addItem('a', 333, 3);
    cart.applyCoupon('SAVE15');
    assert.deepEqual(cart.totals(), { subtotal: 999, discount: 150, tax: 0, total: 849 });
  });

  it('never goes below zero with a fixed coupon', () => {
    const cart = new Cart({ taxRate: 10 });
    cart.addItem('a', 100, 3);
    cart.applyCoupon('TAKE5');
    assert.deepEqual(cart.totals(), { subtotal: 300, discount: 300, tax: 0, total: 0 });
  });

  it('charges tax on the discounted amount', () => {
    const cart = new Cart({ taxRate: 10 });
    cart.addItem('a', 1000, 2);
    cart.applyCoupon('HALF');
    assert.deepEqual(cart.totals(), { subtotal: 2000, discount: 1000, tax: 100, total: 1100 });
  });

  it('rounds tax halves up', () => {
    const cart = new Cart({ taxRate: 8.25 });
    cart.addItem('a', 100, 2);
    assert.deepEqual(cart.totals(), { subtotal: 200, discount: 0, tax: 17, total: 217 });
    cart.applyCoupon('SAVE10');
    // 200 - 20 = 180; 8.25 % of 180 = 14.85
    assert.deepEqual(cart.totals(), { subtotal: 200, discount: 20, tax: 15, total: 195 });
  });

  it('a full example: merge, remove, coupon and tax', () => {
    const cart = new Cart({ taxRate: 7.5 });
    cart.addItem('book', 1299);
    cart.addItem('pen', 149, 4);
    cart.addItem('book', 1299);
    cart.addItem('mug', 850);
    cart.removeItem('mug');
    cart.removeItem('lamp');
    cart.applyCoupon('save10');
    // subtotal 2598 + 596 = 3194; discount 319.4 -> 319; taxable 2875; tax 215.625 -> 216
    assert.deepEqual(cart.totals(), { subtotal: 3194, discount: 319, tax: 216, total: 3091 });
    assert.equal(formatCents(cart.totals().total), '$30.91');
  });

  it('replaces and removes coupons; rejects unknown ones and keeps the old', () => {
    const cart = new Cart();
    cart.addItem('a', 1000);
    cart.applyCoupon('SAVE10');
    cart.applyCoupon('HALF');
    assert.equal(cart.totals().discount, 500);
    assert.throws(() => cart.applyCoupon('BOGUS'), /BOGUS/);
    assert.equal(cart.totals().discount, 500);
    cart.applyCoupon(null);
    assert.deepEqual(cart.totals(), { subtotal: 1000, discount: 0, tax: 0, total: 1000 });
  });

  it('recomputes a coupon when the cart changes', () => {
    const cart = new Cart();
    cart.addItem('a', 400);
    cart.applyCoupon('TAKE5');
    assert.equal(cart.totals().total, 0);
    cart.addItem('b', 600);
    assert.deepEqual(cart.totals(), { subtotal: 1000, discount: 500, tax: 0, total: 500 });
  });
});
