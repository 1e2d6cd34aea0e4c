// Which records to keep.

import { LEVELS } from './args.mjs';

export function buildFilter(opts) {
  const tests = [];
  if (opts.level !== null) {
    const min = LEVELS.indexOf(opts.level);
    tests.push((r) => LEVELS.indexOf(r.level) >= min);
  }
  if (opts.grep !== null) {
    tests.push((r) => typeof r.msg === 'string' && r.msg.includes(opts.grep));
  }
  return (record) => tests.every((t) => t(record));
}
