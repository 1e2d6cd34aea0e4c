// Compare expected stock with a physical count: see the task description.

function check(entries, side) {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const ok =
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry.sku === 'string' &&
      Number.isInteger(entry.qty) &&
      entry.qty >= 0;
    if (!ok) throw new TypeError(`${side}[${i}] is not a valid entry: ${JSON.stringify(entry)}`);
  }
}

// sku -> [expected total, counted total]; a Map, so any string (even "__proto__") is a key.
function totals(expected, counted) {
  const map = new Map();
  for (const { sku, qty } of expected) {
    const t = map.get(sku);
    if (t) t[0] += qty;
    else map.set(sku, [qty, 0]);
  }
  for (const { sku, qty } of counted) {
    const t = map.get(sku);
    if (t) t[1] += qty;
    else map.set(sku, [0, qty]);
  }
  return map;
}

/**
 * @param {{sku: string, qty: number}[]} expected
 * @param {{sku: string, qty: number}[]} counted
 */
export function reconcile(expected, counted) {
  check(expected, 'expected');
  check(counted, 'counted');

  const map = totals(expected, counted);
  const skus = [...map.keys()].sort();

  const missing = [];
  const extra = [];
  const mismatched = [];
  let matched = 0;
  for (const sku of skus) {
    const [e, c] = map.get(sku);
    if (e === c) matched++;
    else if (c === 0) missing.push({ sku, expected: e });
    else if (e === 0) extra.push({ sku, counted: c });
    else mismatched.push({ sku, expected: e, counted: c });
  }
  return { missing, extra, mismatched, matched };
}
