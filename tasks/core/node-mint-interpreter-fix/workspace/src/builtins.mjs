// Built-in functions (see SPEC.md, section 6).

import { Builtin, formatValue, typeName, isInteger } from './values.mjs';
import { typeError, runtimeError } from './errors.mjs';

const NUMERIC = /^-?[0-9]+(\.[0-9]+)?$/;

function expectType(name, v, type, line) {
  if (typeName(v) !== type) {
    throw typeError(line, `${name}() expects a ${type}, got ${typeName(v)}`);
  }
}

function expectInteger(name, v, line) {
  if (!isInteger(v)) throw typeError(line, `${name}() expects an integer, got ${formatValue(v, true)}`);
}

export function installBuiltins(env, interp) {
  const def = (name, min, max, impl) => env.define(name, new Builtin(name, min, max, impl), 0);

  def('print', 0, Infinity, (args) => {
    interp.write(args.map((a) => formatValue(a)).join(' ') + '\n');
    return null;
  });

  def('str', 1, 1, ([v]) => formatValue(v));

  def('type', 1, 1, ([v]) => typeName(v));

  def('len', 1, 1, ([v], line) => {
    if (typeof v === 'string' || Array.isArray(v)) return v.length;
    throw typeError(line, `len() expects a string or list, got ${typeName(v)}`);
  });

  def('num', 1, 1, ([v], line) => {
    if (typeof v === 'number') return v;
    expectType('num', v, 'string', line);
    const s = v.trim();
    if (!NUMERIC.test(s)) throw runtimeError(line, `num() cannot convert ${formatValue(v, true)}`);
    return Number(s);
  });

  def('abs', 1, 1, ([v], line) => {
    expectType('abs', v, 'number', line);
    return Math.abs(v);
  });

  def('push', 2, 2, ([list, v], line) => {
    expectType('push', list, 'list', line);
    list.push(v);
    return null;
  });

  def('pop', 1, 1, ([list], line) => {
    expectType('pop', list, 'list', line);
    if (list.length === 0) throw runtimeError(line, 'pop() from empty list');
    return list.pop();
  });

  def('range', 1, 2, (args, line) => {
    const [start, end] = args.length === 1 ? [0, args[0]] : args;
    expectInteger('range', start, line);
    expectInteger('range', end, line);
    const out = [];
    for (let i = start; i < end; i++) out.push(i);
    return out;
  });

  def('join', 2, 2, ([list, sep], line) => {
    expectType('join', list, 'list', line);
    expectType('join', sep, 'string', line);
    return list.map((item) => formatValue(item)).join(sep);
  });
}
