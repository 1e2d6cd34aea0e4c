// Errors raised by every stage of the interpreter.
//
// A MintError always carries the source line it refers to, and its message
// starts with "line N: " so that the command-line front end can print it as is.

export class MintError extends Error {
  constructor(line, message, kind = 'runtime') {
    super(`line ${line}: ${message}`);
    this.name = 'MintError';
    this.line = line;
    this.kind = kind;
    this.output = '';
  }
}

export function syntaxError(line, message) {
  return new MintError(line, `syntax error: ${message}`, 'syntax');
}

export function typeError(line, message) {
  return new MintError(line, `type error: ${message}`, 'type');
}

export function runtimeError(line, message) {
  return new MintError(line, message, 'runtime');
}
