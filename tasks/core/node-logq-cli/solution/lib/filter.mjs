// Which records to keep.

import { LEVELS } from './args.mjs';

/** The value at a dotted path (as an array of keys), or undefined. */
export function getPath(record, path) {
  let v = record;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = v[key];
  }
  return v;
}

export function buildFilter(opts) {
  const tests = [];
  if (opts.level !== null) {
    const min = LEVELS.indexOf(opts.level);
    tests.push((r) => LEVELS.indexOf(r.level) >= min);
  }
  if (opts.grep !== null) {
    tests.push((r) => typeof r.msg === 'string' && r.msg.includes(opts.grep));
  }
  for (const { path, op, value } of opts.where) {
    const equal = (r) => {
      const v = getPath(r, path);
      return v !== undefined && String(v) === value;
    };
    tests.push(op === '=' ? equal : (r) => !equal(r));
  }
  if (opts.since !== null || opts.until !== null) {
    tests.push((r) => {
      const t = typeof r.time === 'string' ? Date.parse(r.time) : NaN;
      if (Number.isNaN(t)) return false;
      return (opts.since === null || t >= opts.since) && (opts.until === null || t < opts.until);
    });
  }
  return (record) => tests.every((t) => t(record));
}
