// Variables and expansion (SPEC.md section 3).
import { ExpandError } from './errors.mjs';
import { FUNCTIONS, arityText } from './functions.mjs';

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class Variables {
  constructor() {
    // name -> { value, flavor: 'recursive' | 'simple', origin: 'file' | 'command line' }
    this.table = new Map();
    this.active = new Set();
  }

  defineFromCommandLine(name, value) {
    this.table.set(name, { value, flavor: 'simple', origin: 'command line' });
  }

  isDefined(name) {
    return this.table.has(name);
  }

  get(name) {
    return this.table.get(name);
  }

  // Applies one assignment from the Buildfile. `op` is '=', ':=', '?=' or '+='.
  assign(name, op, raw) {
    const existing = this.table.get(name);
    if (existing && existing.origin === 'command line') return;
    switch (op) {
      case '=':
        this.table.set(name, { value: raw, flavor: 'recursive', origin: 'file' });
        break;
      case ':=':
        this.table.set(name, { value: this.expand(raw), flavor: 'simple', origin: 'file' });
        break;
      case '?=':
        if (!existing) this.table.set(name, { value: raw, flavor: 'recursive', origin: 'file' });
        break;
      case '+=': {
        if (!existing) {
          this.table.set(name, { value: raw, flavor: 'recursive', origin: 'file' });
          break;
        }
        const add = existing.flavor === 'simple' ? this.expand(raw) : raw;
        const value = existing.value === '' ? add : add === '' ? existing.value : `${existing.value} ${add}`;
        this.table.set(name, { value, flavor: existing.flavor, origin: 'file' });
        break;
      }
      default:
        throw new Error(`unknown assignment operator ${op}`);
    }
  }

  // The value of a variable reference.
  lookup(name, auto) {
    const v = this.table.get(name);
    if (!v) return '';
    if (v.flavor === 'simple') return v.value;
    if (this.active.has(name)) throw new ExpandError(`recursive variable '${name}' references itself`);
    this.active.add(name);
    try {
      return this.expand(v.value, auto);
    } finally {
      this.active.delete(name);
    }
  }

  // Expands `text`. `auto` holds the automatic variables ('@', '<', '^', '*')
  // while a recipe is expanded; elsewhere they expand to ''.
  expand(text, auto = null) {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c !== '$') {
        out += c;
        i += 1;
        continue;
      }
      const next = text[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
      } else if (next === '(' || next === '{') {
        const end = findClose(text, i + 1);
        const inner = text.slice(i + 2, end);
        out += this.reference(inner, auto);
        i = end + 1;
      } else if (next === '@' || next === '<' || next === '^' || next === '*') {
        out += auto ? auto[next] : '';
        i += 2;
      } else {
        throw new ExpandError(`bad variable reference '$${next === undefined ? '' : next}'`);
      }
    }
    return out;
  }

  reference(inner, auto) {
    const m = /^([a-z][a-z-]*)[ \t]+/.exec(inner);
    if (m && Object.hasOwn(FUNCTIONS, m[1])) {
      const fn = FUNCTIONS[m[1]];
      const args = splitArgs(inner.slice(m[0].length));
      if (args.length < fn.min || args.length > fn.max) {
        throw new ExpandError(`function '${m[1]}' takes ${arityText(fn)}`);
      }
      const ctx = {
        expand: (text) => this.expand(text, auto),
        bind: (name, value, body) => this.withBinding(name, value, body),
      };
      return fn.apply(args, ctx);
    }
    const name = this.expand(inner, auto).trim();
    if (name === '@' || name === '<' || name === '^' || name === '*') return auto ? auto[name] : '';
    if (!NAME_RE.test(name)) throw new ExpandError(`bad variable name '${name}'`);
    return this.lookup(name, auto);
  }

  // Runs body() with `name` bound to a simple variable holding `value`; the
  // earlier definition (or its absence) is restored afterwards.
  withBinding(name, value, body) {
    if (!NAME_RE.test(name)) throw new ExpandError(`bad variable name '${name}'`);
    const saved = this.table.get(name);
    this.table.set(name, { value, flavor: 'simple', origin: 'file' });
    try {
      return body();
    } finally {
      if (saved === undefined) this.table.delete(name);
      else this.table.set(name, saved);
    }
  }
}

// Index of the bracket closing the one at `open`, counting nested brackets of
// the same kind.
function findClose(text, open) {
  const o = text[open];
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === o) depth += 1;
    else if (text[j] === c) {
      depth -= 1;
      if (depth === 0) return j;
    }
  }
  throw new ExpandError('unterminated variable reference');
}

// Splits function arguments on commas that are not inside a reference.
function splitArgs(text) {
  const args = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{') depth += 1;
    else if (ch === ')' || ch === '}') depth -= 1;
    if (ch === ',' && depth === 0) {
      args.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  args.push(cur);
  return args;
}
