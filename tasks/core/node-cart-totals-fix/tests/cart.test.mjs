import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { percentOf, formatCents } = await agentImport(new URL('../src/money.mjs', import.meta.url));
const { couponDiscount } = await agentImport(new URL('../src/coupons.mjs', import.meta.url));
const { Cart } = await agentImport(new URL('../src/cart.mjs', import.meta.url));

describe('money', () => {
  it('percentOf rounds to the nearest cent, halves up', async () => {
    assert.equal(await percentOf(999, 15), 150); // 149.85
    assert.equal(await percentOf(1000, 15), 150);
    assert.equal(await percentOf(10, 15), 2); // 1.5
    assert.equal(await percentOf(13, 10), 1); // 1.3
    assert.equal(await percentOf(17, 10), 2); // 1.7
    assert.equal(await percentOf(0, 50), 0);
    assert.equal(await percentOf(1, 50), 1); // 0.5
    assert.equal(await percentOf(200, 8.25), 17); // 16.5
    assert.equal(await percentOf(100, 8.25), 8); // 8.25
  });

  it('formatCents pads cents and places the sign', async () => {
    assert.equal(await formatCents(0), '$0.00');
    assert.equal(await formatCents(5), '$0.05');
    assert.equal(await formatCents(50), '$0.50');
    assert.equal(await formatCents(1234), '$12.34');
    assert.equal(await formatCents(100), '$1.00');
    assert.equal(await formatCents(123456), '$1234.56');
    assert.equal(await formatCents(-50), '-$0.50');
    assert.equal(await formatCents(-5), '-$0.05');
    assert.equal(await formatCents(-1234), '-$12.34');
  });
});

describe('coupons', () => {
  it('computes percentage discounts with rounding', async () => {
    assert.equal(await couponDiscount('SAVE15', 999), 150);
    assert.equal(await couponDiscount('SAVE10', 995), 100); // 99.5
    assert.equal(await couponDiscount('HALF', 3), 2); // 1.5
  });

  it('caps fixed discounts at the subtotal', async () => {
    assert.equal(await couponDiscount('TAKE5', 300), 300);
    assert.equal(await couponDiscount('TAKE5', 500), 500);
    assert.equal(await couponDiscount('TAKE5', 2000), 500);
    assert.equal(await couponDiscount('TAKE5', 0), 0);
  });

  it('is case-insensitive and rejects unknown codes', async () => {
    assert.equal(await couponDiscount('save10', 1000), 100);
    assert.equal(await couponDiscount('Take5', 1000), 500);
    await assert.rejects(async () => await couponDiscount('FREE', 1000), (e) => e instanceof Error && e.message.includes('FREE'));
    await assert.rejects(async () => await couponDiscount('toString', 1000), Error);
  });
});

describe('cart lines', () => {
  it('merges repeated SKUs into one line', async () => {
    const cart = new Cart();
    await cart.addItem('apple', 50, 2);
    await cart.addItem('pear', 80);
    await cart.addItem('apple', 50, 3);
    assert.deepEqual(await cart.lines(), [
      { sku: 'apple', unitCents: 50, qty: 5, totalCents: 250 },
      { sku: 'pear', unitCents: 80, qty: 1, totalCents: 80 },
    ]);
  });

  it('keeps the original unit price when a SKU is added again', async () => {
    const cart = new Cart();
    await cart.addItem('a', 100);
    await cart.addItem('b', 1);
    await cart.addItem('a', 999, 2);
    assert.deepEqual((await cart.lines())[0], { sku: 'a', unitCents: 100, qty: 3, totalCents: 300 });
    assert.equal((await cart.lines()).length, 2);
  });

  it('removes only the requested SKU', async () => {
    const cart = new Cart();
    await cart.addItem('a', 100);
    await cart.addItem('b', 200);
    await cart.addItem('c', 300);
    assert.equal(await cart.removeItem('b'), true);
    assert.deepEqual((await cart.lines()).map((l) => l.sku), ['a', 'c']);
    assert.equal(await cart.removeItem('b'), false);
    assert.equal(await cart.removeItem('zzz'), false);
    assert.deepEqual((await cart.lines()).map((l) => l.sku), ['a', 'c']);
  });

  it('returns a copy from lines()', async () => {
    const cart = new Cart();
    await cart.addItem('a', 100);
    (await cart.lines())[0].qty = 50; // a copy here in any case
    (await cart.lines()).push({ sku: 'x' });
    assert.deepEqual(await cart.lines(), [{ sku: 'a', unitCents: 100, qty: 1, totalCents: 100 }]);
  });

  it('validates quantities and prices', async () => {
    const cart = new Cart();
    for (const qty of [0, -1, 1.5, NaN]) await assert.rejects(async () => cart.addItem('a', 100, qty), RangeError);
    for (const price of [-1, 1.5]) await assert.rejects(async () => cart.addItem('a', price), RangeError);
    assert.deepEqual(await cart.lines(), []);
    await cart.addItem('free', 0);
    assert.equal((await cart.totals()).total, 0);
  });
});

describe('cart totals', () => {
  it('without coupon or tax', async () => {
    const cart = new Cart();
    assert.deepEqual(await cart.totals(), { subtotal: 0, discount: 0, tax: 0, total: 0 });
    await cart.addItem('a', 333, 3);
    assert.deepEqual(await cart.totals(), { subtotal: 999, discount: 0, tax: 0, total: 999 });
  });

  it('rounds a percentage coupon', async () => {
    const cart = new Cart();
    await cart.addItem('a', 333, 3);
    await cart.applyCoupon('SAVE15');
    assert.deepEqual(await cart.totals(), { subtotal: 999, discount: 150, tax: 0, total: 849 });
  });

  it('never goes below zero with a fixed coupon', async () => {
    const cart = new Cart({ taxRate: 10 });
    await cart.addItem('a', 100, 3);
    await cart.applyCoupon('TAKE5');
    assert.deepEqual(await cart.totals(), { subtotal: 300, discount: 300, tax: 0, total: 0 });
  });

  it('charges tax on the discounted amount', async () => {
    const cart = new Cart({ taxRate: 10 });
    await cart.addItem('a', 1000, 2);
    await cart.applyCoupon('HALF');
    assert.deepEqual(await cart.totals(), { subtotal: 2000, discount: 1000, tax: 100, total: 1100 });
  });

  it('rounds tax halves up', async () => {
    const cart = new Cart({ taxRate: 8.25 });
    await cart.addItem('a', 100, 2);
    assert.deepEqual(await cart.totals(), { subtotal: 200, discount: 0, tax: 17, total: 217 });
    await cart.applyCoupon('SAVE10');
    // 200 - 20 = 180; 8.25 % of 180 = 14.85
    assert.deepEqual(await cart.totals(), { subtotal: 200, discount: 20, tax: 15, total: 195 });
  });

  it('a full example: merge, remove, coupon and tax', async () => {
    const cart = new Cart({ taxRate: 7.5 });
    await cart.addItem('book', 1299);
    await cart.addItem('pen', 149, 4);
    await cart.addItem('book', 1299);
    await cart.addItem('mug', 850);
    await cart.removeItem('mug');
    await cart.removeItem('lamp');
    await cart.applyCoupon('save10');
    // subtotal 2598 + 596 = 3194; discount 319.4 -> 319; taxable 2875; tax 215.625 -> 216
    assert.deepEqual(await cart.totals(), { subtotal: 3194, discount: 319, tax: 216, total: 3091 });
    assert.equal(await formatCents((await cart.totals()).total), '$30.91');
  });

  it('replaces and removes coupons; rejects unknown ones and keeps the old', async () => {
    const cart = new Cart();
    await cart.addItem('a', 1000);
    await cart.applyCoupon('SAVE10');
    await cart.applyCoupon('HALF');
    assert.equal((await cart.totals()).discount, 500);
    await assert.rejects(async () => cart.applyCoupon('BOGUS'), /BOGUS/);
    assert.equal((await cart.totals()).discount, 500);
    await cart.applyCoupon(null);
    assert.deepEqual(await cart.totals(), { subtotal: 1000, discount: 0, tax: 0, total: 1000 });
  });

  it('recomputes a coupon when the cart changes', async () => {
    const cart = new Cart();
    await cart.addItem('a', 400);
    await cart.applyCoupon('TAKE5');
    assert.equal((await cart.totals()).total, 0);
    await cart.addItem('b', 600);
    assert.deepEqual(await cart.totals(), { subtotal: 1000, discount: 500, tax: 0, total: 500 });
  });
});
