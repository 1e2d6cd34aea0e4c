#!/usr/bin/env node
// logq: filter and print JSON-lines log files. See README.md.

import { parseArgs, UsageError } from './lib/args.mjs';
import { readRecords } from './lib/read.mjs';
import { buildFilter } from './lib/filter.mjs';
import { formatRecord } from './lib/output.mjs';

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
  let matched = 0;
  let out = '';
  try {
    for (const record of readRecords(opts.files, (warning) => process.stderr.write(`logq: ${warning}\n`))) {
      if (!keep(record)) continue;
      matched++;
      out += formatRecord(record) + '\n';
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`logq: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  process.stdout.write(out);
  return matched > 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
