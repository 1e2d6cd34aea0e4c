// Compare expected stock with a physical count: see the task description.

function check(entries, side) {
  entries.forEach((entry, i) => {
    const ok =
      entry !== null &&
      typeof entry === 'object' &&
      typeof entry.sku === 'string' &&
      Number.isInteger(entry.qty) &&
      entry.qty >= 0;
    if (!ok) throw new TypeError(`${side}[${i}] is not a valid entry: ${JSON.stringify(entry)}`);
  });
}

function total(entries, sku) {
  return entries.filter((entry) => entry.sku === sku).reduce((sum, entry) => sum + entry.qty, 0);
}

/**
 * @param {{sku: string, qty: number}[]} expected
 * @param {{sku: string, qty: number}[]} counted
 */
export function reconcile(expected, counted) {
  check(expected, 'expected');
  check(counted, 'counted');

  const skus = [];
  for (const entry of expected.concat(counted)) {
    if (!skus.includes(entry.sku)) skus.push(entry.sku);
  }

  const missing = [];
  const extra = [];
  const mismatched = [];
  let matched = 0;
  for (const sku of skus) {
    const e = total(expected, sku);
    const c = total(counted, sku);
    if (e === c) matched++;
    else if (c === 0) missing.push({ sku, expected: e });
    else if (e === 0) extra.push({ sku, counted: c });
    else mismatched.push({ sku, expected: e, counted: c });
  }

  const bySku = (a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);
  missing.sort(bySku);
  extra.sort(bySku);
  mismatched.sort(bySku);
  return { missing, extra, mismatched, matched };
}
