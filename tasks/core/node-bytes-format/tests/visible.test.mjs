import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, parseBytes } from '../bytes.mjs';

test('formats small and decimal sizes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1000), '1 kB');
  assert.equal(formatBytes(1500), '1.5 kB');
});

test('formats binary sizes', () => {
  assert.equal(formatBytes(1536, { binary: true }), '1.5 KiB');
});

test('parses sizes', () => {
  assert.equal(parseBytes('1.5 kB'), 1500);
  assert.equal(parseBytes('1 KiB'), 1024);
  assert.equal(parseBytes('42'), 42);
});

test('rejects garbage', () => {
  assert.throws(() => parseBytes('abc'), SyntaxError);
});
