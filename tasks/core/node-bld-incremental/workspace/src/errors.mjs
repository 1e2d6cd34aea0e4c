// Errors raised by bld. A BldError is fatal: bld prints "bld: MESSAGE" on
// standard error and exits with `status` (2 unless stated otherwise).
export class BldError extends Error {
  constructor(message, status = 2) {
    super(message);
    this.name = 'BldError';
    this.status = status;
  }
}

// An error tied to a line of the Buildfile: "FILE:LINE: MESSAGE".
export function fileError(file, line, message) {
  const err = new BldError(`${file}:${line}: ${message}`);
  err.line = line;
  return err;
}

// Raised by the expander without location; the caller adds FILE:LINE.
export class ExpandError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ExpandError';
  }
}
