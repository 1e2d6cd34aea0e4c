import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reconcile } from '../reconcile.mjs';

const e = (sku, qty) => ({ sku, qty });
const empty = { missing: [], extra: [], mismatched: [], matched: 0 };

describe('reconcile: classification', () => {
  it('handles empty inputs', () => {
    assert.deepEqual(reconcile([], []), empty);
  });

  it('classifies matched, missing, extra and mismatched SKUs', () => {
    const expected = [e('A', 5), e('B', 3), e('C', 2), e('D', 1)];
    const counted = [e('A', 5), e('C', 4), e('D', 1), e('E', 7)];
    assert.deepEqual(reconcile(expected, counted), {
      missing: [{ sku: 'B', expected: 3 }],
      extra: [{ sku: 'E', counted: 7 }],
      mismatched: [{ sku: 'C', expected: 2, counted: 4 }],
      matched: 2,
    });
  });

  it('adds up repeated SKUs on both sides', () => {
    const expected = [e('A', 2), e('B', 1), e('A', 3), e('C', 4), e('C', 1)];
    const counted = [e('A', 1), e('A', 4), e('B', 1), e('B', 1), e('C', 5)];
    assert.deepEqual(reconcile(expected, counted), {
      missing: [],
      extra: [],
      mismatched: [{ sku: 'B', expected: 1, counted: 2 }],
      matched: 2,
    });
  });

  it('treats zero quantities as absent', () => {
    const expected = [e('Z', 0), e('M', 4), e('X', 0)];
    const counted = [e('M', 0), e('N', 0), e('X', 3)];
    assert.deepEqual(reconcile(expected, counted), {
      missing: [{ sku: 'M', expected: 4 }],
      extra: [{ sku: 'X', counted: 3 }],
      mismatched: [],
      matched: 2, // Z (0 vs 0) and N (0 vs 0)
    });
  });

  it('an entry split across sides with the same total matches', () => {
    assert.deepEqual(reconcile([e('A', 1), e('A', 1)], [e('A', 2)]), { ...empty, matched: 1 });
  });
});

describe('reconcile: ordering and odd names', () => {
  it('sorts by UTF-16 code units, not locale', () => {
    const names = ['b', 'B', 'a', 'é', 'Z', '10', '9', 'a-1', 'a1', 'A', '', 'ä', 'z'];
    const result = reconcile(names.map((n) => e(n, 1)), []);
    assert.deepEqual(result.missing.map((x) => x.sku), [...names].sort());
    assert.deepEqual(result.missing.map((x) => x.sku), ['', '10', '9', 'A', 'B', 'Z', 'a', 'a-1', 'a1', 'b', 'z', 'ä', 'é']);
  });

  it('sorts every list independently of input order', () => {
    const expected = [e('m3', 1), e('m1', 1), e('x2', 1), e('x1', 5), e('k', 1)];
    const counted = [e('x2', 2), e('e2', 1), e('x1', 1), e('e1', 1), e('k', 1)];
    assert.deepEqual(reconcile(expected, counted), {
      missing: [{ sku: 'm1', expected: 1 }, { sku: 'm3', expected: 1 }],
      extra: [{ sku: 'e1', counted: 1 }, { sku: 'e2', counted: 1 }],
      mismatched: [{ sku: 'x1', expected: 5, counted: 1 }, { sku: 'x2', expected: 1, counted: 2 }],
      matched: 1,
    });
  });

  it('accepts SKUs that are Object.prototype names', () => {
    const expected = [e('__proto__', 2), e('constructor', 1), e('toString', 3), e('hasOwnProperty', 1)];
    const counted = [e('__proto__', 2), e('constructor', 4), e('valueOf', 1), e('hasOwnProperty', 1)];
    assert.deepEqual(reconcile(expected, counted), {
      missing: [{ sku: 'toString', expected: 3 }],
      extra: [{ sku: 'valueOf', counted: 1 }],
      mismatched: [{ sku: 'constructor', expected: 1, counted: 4 }],
      matched: 2,
    });
  });

  it('does not confuse SKUs that differ only in case or whitespace', () => {
    const result = reconcile([e('abc', 1), e(' abc', 1)], [e('ABC', 1), e('abc ', 1)]);
    assert.equal(result.matched, 0);
    assert.equal(result.missing.length, 2);
    assert.equal(result.extra.length, 2);
  });
});

describe('reconcile: validation', () => {
  it('rejects bad entries naming side and index', () => {
    const good = [e('A', 1)];
    const cases = [
      [[e('A', 1), e('B', -1)], good, 'expected[1]'],
      [good, [e('A', 1), e('B', 1), e('C', 1.5)], 'counted[2]'],
      [[null], good, 'expected[0]'],
      [good, [{ sku: 5, qty: 1 }], 'counted[0]'],
      [[{ qty: 1 }], good, 'expected[0]'],
      [good, ['A'], 'counted[0]'],
      [[e('A', '3')], good, 'expected[0]'],
      [[e('A', NaN)], [null], 'expected[0]'],
    ];
    for (const [expected, counted, where] of cases) {
      assert.throws(
        () => reconcile(expected, counted),
        (err) => err instanceof TypeError && err.message.includes(where),
        where,
      );
    }
  });

  it('does not modify its inputs', () => {
    const expected = [e('b', 1), e('a', 2), e('b', 3)];
    const counted = [e('c', 1), e('a', 2)];
    const before = JSON.stringify([expected, counted]);
    reconcile(expected, counted);
    assert.equal(JSON.stringify([expected, counted]), before);
  });

  it('returns fresh result objects', () => {
    const expected = [e('a', 1)];
    const r1 = reconcile(expected, []);
    r1.missing[0].expected = 99;
    assert.deepEqual(reconcile(expected, []).missing, [{ sku: 'a', expected: 1 }]);
    assert.deepEqual(expected, [e('a', 1)]);
  });
});

describe('reconcile: medium sizes', () => {
  it('matches a straightforward model on random data', () => {
    let seed = 42;
    const rand = (n) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const expected = [];
    const counted = [];
    for (let i = 0; i < 3000; i++) expected.push(e(`S${rand(1500)}`, rand(4)));
    for (let i = 0; i < 3000; i++) counted.push(e(`S${rand(1500)}`, rand(4)));
    const totals = new Map();
    for (const x of expected) totals.set(x.sku, [(totals.get(x.sku)?.[0] ?? 0) + x.qty, totals.get(x.sku)?.[1] ?? 0]);
    for (const x of counted) totals.set(x.sku, [totals.get(x.sku)?.[0] ?? 0, (totals.get(x.sku)?.[1] ?? 0) + x.qty]);
    const want = { missing: [], extra: [], mismatched: [], matched: 0 };
    for (const sku of [...totals.keys()].sort()) {
      const [a, b] = totals.get(sku);
      if (a === b) want.matched++;
      else if (b === 0) want.missing.push({ sku, expected: a });
      else if (a === 0) want.extra.push({ sku, counted: b });
      else want.mismatched.push({ sku, expected: a, counted: b });
    }
    assert.deepEqual(reconcile(expected, counted), want);
  });
});
