// Arithmetic and comparison operators (see SPEC.md, section 5.3).

import { typeName, valuesEqual } from './values.mjs';
import { typeError, runtimeError } from './errors.mjs';

function operandError(op, a, b, line) {
  return typeError(line, `cannot apply '${op}' to ${typeName(a)} and ${typeName(b)}`);
}

function numbers(op, a, b, line) {
  if (typeof a !== 'number' || typeof b !== 'number') throw operandError(op, a, b, line);
}

function nonZero(b, line) {
  if (b === 0) throw runtimeError(line, 'division by zero');
}

export function floorDiv(a, b) {
  return Math.floor(a / b);
}

export function floorMod(a, b) {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

export function binaryOp(op, a, b, line) {
  switch (op) {
    case '+':
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
      throw operandError(op, a, b, line);
    case '-':
      numbers(op, a, b, line);
      return a - b;
    case '*':
      numbers(op, a, b, line);
      return a * b;
    case '/':
      numbers(op, a, b, line);
      nonZero(b, line);
      return a / b;
    case '//':
      numbers(op, a, b, line);
      nonZero(b, line);
      return floorDiv(a, b);
    case '%':
      numbers(op, a, b, line);
      nonZero(b, line);
      return floorMod(a, b);
    case '^':
      numbers(op, a, b, line);
      return a ** b;
    case '==':
      return valuesEqual(a, b);
    case '!=':
      return !valuesEqual(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, a, b, line);
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

function compare(op, a, b, line) {
  const bothNumbers = typeof a === 'number' && typeof b === 'number';
  const bothStrings = typeof a === 'string' && typeof b === 'string';
  if (!bothNumbers && !bothStrings) {
    throw typeError(line, `cannot compare ${typeName(a)} and ${typeName(b)}`);
  }
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

export function negate(v, line) {
  if (typeof v !== 'number') throw typeError(line, `cannot apply '-' to ${typeName(v)}`);
  return -v;
}
