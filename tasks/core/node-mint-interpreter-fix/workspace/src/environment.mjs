// Lexical scopes. Each block, and each function call, gets its own Environment.

import { runtimeError } from './errors.mjs';

export class Environment {
  constructor(parent = null) {
    this.parent = parent;
    this.vars = new Map();
  }

  define(name, value, line) {
    if (this.vars.has(name)) throw runtimeError(line, `'${name}' is already defined`);
    this.vars.set(name, value);
  }

  lookup(name) {
    for (let env = this; env !== null; env = env.parent) {
      if (env.vars.has(name)) return env;
    }
    return null;
  }

  get(name, line) {
    const env = this.lookup(name);
    if (env === null) throw runtimeError(line, `undefined variable '${name}'`);
    return env.vars.get(name);
  }

  assign(name, value, line) {
    const env = this.lookup(name);
    if (env === null) throw runtimeError(line, `undefined variable '${name}'`);
    env.vars.set(name, value);
  }
}
