#!/usr/bin/env node
// mint: run a Mint program.
//
//   node mint.mjs FILE        run FILE ("-" reads the program from standard input)
//   node mint.mjs -e CODE     run CODE

import { readFileSync } from 'node:fs';
import { run, MintError } from './src/index.mjs';

function usage(message) {
  process.stderr.write(`mint: ${message}\n`);
  process.stderr.write('usage: mint FILE | mint -e CODE\n');
  process.exit(2);
}

function main(argv) {
  let source;
  if (argv.length === 2 && argv[0] === '-e') {
    source = argv[1];
  } else if (argv.length === 1 && argv[0] !== '-e') {
    try {
      source = readFileSync(argv[0] === '-' ? 0 : argv[0], 'utf8');
    } catch (err) {
      process.stderr.write(`mint: cannot read ${argv[0]}: ${err.code ?? err.message}\n`);
      process.exit(2);
    }
  } else {
    usage(argv.length === 0 ? 'no program given' : 'wrong arguments');
  }
  try {
    process.stdout.write(run(source));
  } catch (err) {
    if (!(err instanceof MintError)) throw err;
    process.stdout.write(err.output);
    process.stderr.write(`mint: ${err.message}\n`);
    process.exitCode = 1;
  }
}

main(process.argv.slice(2));
