#!/usr/bin/env node
// logq: filter and print JSON-lines log files. See README.md.

import { parseArgs, UsageError } from './lib/args.mjs';
import { readRecords } from './lib/read.mjs';
import { buildFilter, getPath } from './lib/filter.mjs';
import { formatRecord, formatCounts, fieldValue } from './lib/output.mjs';

function main(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`logq: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const keep = buildFilter(opts);
  const counts = new Map();
  let matched = 0;
  let out = '';
  try {
    for (const record of readRecords(opts.files, (warning) => process.stderr.write(`logq: ${warning}\n`))) {
      if (!keep(record)) continue;
      matched++;
      if (opts.countBy) {
        const v = getPath(record, opts.countBy);
        const key = v === undefined ? '(none)' : fieldValue(v);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      } else {
        out += (opts.json ? JSON.stringify(record) : formatRecord(record)) + '\n';
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`logq: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts.countBy) out = formatCounts(counts);
  process.stdout.write(out);
  return matched > 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
