// Run one large reconciliation and report its CPU time (run by perf.test.mjs).
import { reconcile } from '../reconcile.mjs';

const SKUS = 100_000;
let seed = 0x9e3779b9;
const rand = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const name = (i) => `SKU-${(i * 7919) % SKUS}`.padEnd(12, 'x');

const expected = [];
const counted = [];
for (let i = 0; i < SKUS; i++) expected.push({ sku: name(i), qty: rand(50) });
for (let i = 0; i < 50_000; i++) expected.push({ sku: name(rand(SKUS)), qty: rand(5) });
for (let i = 0; i < 150_000; i++) counted.push({ sku: name(rand(SKUS)), qty: rand(30) });

const start = process.cpuUsage();
const result = reconcile(expected, counted);
const used = process.cpuUsage(start);
const cpuMs = (used.user + used.system) / 1000;

// Independent check of the totals.
const m = new Map();
for (const { sku, qty } of expected) m.set(sku, [(m.get(sku)?.[0] ?? 0) + qty, m.get(sku)?.[1] ?? 0]);
for (const { sku, qty } of counted) m.set(sku, [m.get(sku)?.[0] ?? 0, (m.get(sku)?.[1] ?? 0) + qty]);
let matched = 0;
let missing = 0;
let extra = 0;
let mismatched = 0;
for (const [e, c] of m.values()) {
  if (e === c) matched++;
  else if (c === 0) missing++;
  else if (e === 0) extra++;
  else mismatched++;
}
const got = {
  matched: result.matched,
  missing: result.missing.length,
  extra: result.extra.length,
  mismatched: result.mismatched.length,
};
const sorted = ['missing', 'extra', 'mismatched'].every((k) =>
  result[k].every((x, i, a) => i === 0 || a[i - 1].sku < x.sku),
);
process.stdout.write(JSON.stringify({ cpuMs, got, want: { matched, missing, extra, mismatched }, sorted }) + '\n');
