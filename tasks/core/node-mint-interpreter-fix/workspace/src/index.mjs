// Public API of the Mint interpreter.

import { parse } from './parser.mjs';
import { tokenize } from './lexer.mjs';
import { Interpreter } from './interpreter.mjs';
import { MintError } from './errors.mjs';
import { formatValue } from './values.mjs';

export { parse, tokenize, MintError, formatValue };

// Runs a whole program and returns everything it printed.
// On failure throws a MintError whose `output` holds what was printed before it.
export function run(source) {
  if (typeof source !== 'string') throw new TypeError('run() expects a string');
  let output = '';
  const interp = new Interpreter({ write: (s) => { output += s; } });
  try {
    interp.run(parse(source));
  } catch (err) {
    if (err instanceof MintError) err.output = output;
    else if (err instanceof RangeError) {
      const e = new MintError(0, 'stack overflow');
      e.output = output;
      throw e;
    }
    throw err;
  }
  return output;
}
