import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcile } from '../reconcile.mjs';

test('classifies SKUs', () => {
  const expected = [{ sku: 'A', qty: 5 }, { sku: 'B', qty: 3 }, { sku: 'C', qty: 2 }];
  const counted = [{ sku: 'A', qty: 5 }, { sku: 'C', qty: 4 }, { sku: 'E', qty: 7 }];
  assert.deepEqual(reconcile(expected, counted), {
    missing: [{ sku: 'B', expected: 3 }],
    extra: [{ sku: 'E', counted: 7 }],
    mismatched: [{ sku: 'C', expected: 2, counted: 4 }],
    matched: 1,
  });
});

test('rejects bad entries', () => {
  assert.throws(() => reconcile([{ sku: 'A', qty: -1 }], []), /expected\[0\]/);
});
