// Runtime values and the operations on them (see SPEC.md, section 5).
//
//   number   -> JS number        string -> JS string      bool -> JS boolean
//   nil      -> null             list   -> JS array (mutable, shared by reference)
//   function -> MintFunction or Builtin

export class MintFunction {
  constructor(name, params, body, closure) {
    this.name = name;
    this.params = params;
    this.body = body;
    this.closure = closure;
  }
}

export class Builtin {
  constructor(name, minArgs, maxArgs, impl) {
    this.name = name;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
    this.impl = impl;
  }
}

export function typeName(v) {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'list';
  if (v instanceof MintFunction || v instanceof Builtin) return 'function';
  switch (typeof v) {
    case 'number': return 'number';
    case 'string': return 'string';
    case 'boolean': return 'bool';
    default: throw new Error(`not a Mint value: ${String(v)}`);
  }
}

export function isTruthy(v) {
  return v !== null && v !== false;
}

export function isInteger(v) {
  return typeof v === 'number' && Number.isInteger(v);
}

export function valuesEqual(a, b) {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!valuesEqual(a[i], b[i])) return false;
    }
    return true;
  }
  return a === b;
}

export function formatNumber(n) {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

export function quoteString(s) {
  let out = '"';
  for (const c of s) {
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else out += c;
  }
  return out + '"';
}

// `str(v)`: how print shows a value. Strings inside lists are quoted.
export function formatValue(v, nested = false, seen = new Set()) {
  if (v === null) return 'nil';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return nested ? quoteString(v) : v;
  if (Array.isArray(v)) {
    if (seen.has(v)) return '[...]';
    seen.add(v);
    const parts = v.map((item) => formatValue(item, true, seen));
    seen.delete(v);
    return `[${parts.join(', ')}]`;
  }
  if (v instanceof MintFunction) return v.name ? `<fn ${v.name}>` : '<fn>';
  if (v instanceof Builtin) return `<builtin ${v.name}>`;
  throw new Error(`not a Mint value: ${String(v)}`);
}
