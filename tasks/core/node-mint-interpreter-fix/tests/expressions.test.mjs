// Precedence, associativity and operator semantics, checked against a small reference model of
// SPEC.md sections 3 and 5 on randomly generated expressions (fixed seeds).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { out, lines, failsWith } from './helpers.mjs';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Binding levels from SPEC.md 3.1.
const LEVEL = { or: 1, and: 2, not: 3, cmp: 4, '+': 5, '-': 5, '*': 6, '//': 6, '%': 6, neg: 7, '^': 8, atom: 9 };
const CMP = ['==', '!=', '<', '<=', '>', '>='];

class Skip extends Error {}

const truthy = (v) => v !== null && v !== false;
function num(v) {
  if (typeof v !== 'number') throw new Skip();
  return v;
}
function evaluate(n) {
  switch (n.k) {
    case 'lit': return n.v;
    case 'neg': return -num(evaluate(n.a));
    case 'not': return !truthy(evaluate(n.a));
    case 'and': { const a = evaluate(n.a); return truthy(a) ? evaluate(n.b) : a; }
    case 'or': { const a = evaluate(n.a); return truthy(a) ? a : evaluate(n.b); }
    default: break;
  }
  const a = evaluate(n.a);
  const b = evaluate(n.b);
  let r;
  switch (n.k) {
    case '+': r = num(a) + num(b); break;
    case '-': r = num(a) - num(b); break;
    case '*': r = num(a) * num(b); break;
    case '^': r = num(a) ** num(b); break;
    case '//': if (num(b) === 0) throw new Skip(); r = Math.floor(num(a) / b); break;
    case '%': if (num(b) === 0) throw new Skip(); r = num(a) - b * Math.floor(a / b); break;
    case '==': return a === b;
    case '!=': return a !== b;
    default:
      if (typeof a !== 'number' || typeof b !== 'number') throw new Skip();
      if (n.k === '<') return a < b;
      if (n.k === '<=') return a <= b;
      if (n.k === '>') return a > b;
      return a >= b;
  }
  if (!Number.isSafeInteger(r) || Math.abs(r) > 1e9) throw new Skip();
  return r;
}

const level = (n) => (n.k === 'lit' ? LEVEL.atom : CMP.includes(n.k) ? LEVEL.cmp : LEVEL[n.k]);

function render(n, r) {
  const wrap = (child, min) => {
    const s = render(child, r);
    return level(child) < min || r() < 0.08 ? `(${s})` : s;
  };
  switch (n.k) {
    case 'lit': return n.v === null ? 'nil' : String(n.v);
    case 'neg': return `-${wrap(n.a, LEVEL.neg)}`;
    case 'not': return `not ${wrap(n.a, LEVEL.not)}`;
    case '^': return `${wrap(n.a, LEVEL.atom)} ^ ${wrap(n.b, LEVEL.neg)}`;
    default: break;
  }
  const L = level(n);
  if (L === LEVEL.cmp) return `${wrap(n.a, L + 1)} ${n.k} ${wrap(n.b, L + 1)}`;
  return `${wrap(n.a, L)} ${n.k} ${wrap(n.b, L + 1)}`;
}

function genArith(r, depth) {
  if (depth === 0 || r() < 0.2) return { k: 'lit', v: Math.floor(r() * 12) };
  const x = r();
  if (x < 0.15) return { k: 'neg', a: genArith(r, depth - 1) };
  if (x < 0.3) return { k: '^', a: genArith(r, depth - 1), b: r() < 0.3 ? { k: 'neg', a: { k: 'lit', v: 0 } } : { k: 'lit', v: Math.floor(r() * 4) } };
  if (x < 0.4 && depth > 1) return { k: '^', a: { k: 'lit', v: 1 + Math.floor(r() * 3) }, b: { k: '^', a: { k: 'lit', v: Math.floor(r() * 3) }, b: { k: 'lit', v: Math.floor(r() * 3) } } };
  const ops = ['+', '-', '*', '//', '%', '-', '%', '//'];
  return { k: ops[Math.floor(r() * ops.length)], a: genArith(r, depth - 1), b: genArith(r, depth - 1) };
}

function genLogic(r, depth) {
  const x = r();
  if (depth === 0 || x < 0.15) {
    const leaves = [true, false, null, 0, 1, 7];
    return { k: 'lit', v: leaves[Math.floor(r() * leaves.length)] };
  }
  if (x < 0.4) return { k: CMP[Math.floor(r() * CMP.length)], a: genArith(r, 2), b: genArith(r, 2) };
  if (x < 0.5) return { k: 'not', a: genLogic(r, depth - 1) };
  if (x < 0.6) return genArith(r, 2);
  return { k: r() < 0.5 ? 'and' : 'or', a: genLogic(r, depth - 1), b: genLogic(r, depth - 1) };
}

const show = (v) => (v === null ? 'nil' : Object.is(v, -0) ? '0' : String(v));

function cases(seed, count, gen) {
  const r = rng(seed);
  const out = [];
  while (out.length < count) {
    const tree = gen(r);
    try {
      const v = evaluate(tree);
      out.push({ src: render(tree, r), want: show(v) });
    } catch (err) {
      if (!(err instanceof Skip)) throw err;
    }
  }
  return out;
}

async function check(list) {
  const program = list.map((c) => `print(${c.src});`).join('\n');
  const got = await lines(program);
  assert.equal(got.length, list.length);
  for (let i = 0; i < list.length; i++) {
    assert.equal(got[i], list[i].want, `line ${i + 1}: ${list[i].src}`);
  }
}

describe('operators: fixed cases', () => {
  it('^ is right-associative and binds tighter than unary minus', async () => {
    assert.deepEqual(
      await lines('print(2 ^ 3 ^ 2); print(-2 ^ 2); print((-2) ^ 2); print(2 ^ -1); print(2 ^ -1 ^ 2); print(- - 3); print(-3 ^ 3); print(3 * 2 ^ 2); print(2 ^ 2 * 3); print(-2 ^ 3 ^ 0);'),
      ['512', '-4', '4', '0.5', '0.5', '3', '-27', '12', '12', '-2'],
    );
  });

  it('exponent of a call and of an index', async () => {
    assert.deepEqual(await lines('let xs = [3, 2]; print(xs[0] ^ xs[1]); print(-xs[0]); print(abs(-2) ^ 3);'), ['9', '-3', '8']);
  });

  it('// rounds toward negative infinity', async () => {
    assert.deepEqual(
      await lines('print(7 // 2); print(-7 // 2); print(7 // -2); print(-7 // -2); print(6 // 3); print(-6 // 3); print(0 // -5); print(7.5 // 2); print(-0.5 // 1);'),
      ['3', '-4', '-4', '3', '2', '-2', '0', '3', '-1'],
    );
  });

  it('% takes the sign of the divisor', async () => {
    assert.deepEqual(
      await lines('print(7 % 3); print(-7 % 3); print(7 % -3); print(-7 % -3); print(6 % -3); print(-6 % 3); print(0 % 4); print(5.5 % 2); print(-5.5 % 2);'),
      ['1', '2', '-2', '-1', '0', '0', '0', '1.5', '0.5'],
    );
    assert.deepEqual(
      await lines('print(0.5 % 2); print(-0.5 % 2); print(1.25 % 0.5); print(-1.25 % 0.5); print(0.75 % -0.5); print(1 % 0.5);'),
      ['0.5', '1.5', '0.25', '0.25', '-0.25', '0'],
    );
  });

  it('division by zero', async () => {
    await failsWith('print(1 / 0);', 1, 'division by zero', 'runtime');
    await failsWith('\nprint(1 // 0);', 2, 'division by zero', 'runtime');
    await failsWith('\n\nprint(-1 % 0);', 3, 'division by zero', 'runtime');
    assert.equal(await out('print(0 / 5, 0 - 0, -0, 10 ^ 400, -(10 ^ 400), 1 / 3);'), '0 0 0 inf -inf 0.3333333333333333\n');
  });

  it('comparisons, not and chained comparisons', async () => {
    assert.deepEqual(
      await lines('print(1 < 2); print(2 <= 2); print(3 > 4); print(4 >= 5); print("a" < "b"); print("B" < "a"); print(not 1 == 2); print(not nil); print(not 0);'),
      ['true', 'true', 'false', 'false', 'true', 'true', 'true', 'true', 'false'],
    );
    const err = await failsWith('print(1 < 2 < 3);', 1, 'syntax error: comparison operators cannot be chained', 'syntax');
    assert.equal(err.output, '');
    await failsWith('print(1 == 1 != 2);', 1, 'syntax error: comparison operators cannot be chained', 'syntax');
  });

  it('operator type errors', async () => {
    await failsWith('print(1 + "a");', 1, "type error: cannot apply '+' to number and string", 'type');
    await failsWith('print("a" - "b");', 1, "type error: cannot apply '-' to string and string", 'type');
    await failsWith('print([1] + 2);', 1, "type error: cannot apply '+' to list and number", 'type');
    await failsWith('print("s" + [2]);', 1, "type error: cannot apply '+' to string and list", 'type');
    await failsWith('print(nil + nil);', 1, "type error: cannot apply '+' to nil and nil", 'type');
    await failsWith('print([1] * 2);', 1, "type error: cannot apply '*' to list and number", 'type');
    await failsWith('print(nil / 2);', 1, "type error: cannot apply '/' to nil and number", 'type');
    await failsWith('print(true // 2);', 1, "type error: cannot apply '//' to bool and number", 'type');
    await failsWith('print(1 % false);', 1, "type error: cannot apply '%' to number and bool", 'type');
    await failsWith('print(2 ^ "x");', 1, "type error: cannot apply '^' to number and string", 'type');
    await failsWith('print(-"x");', 1, "type error: cannot apply '-' to string", 'type');
    await failsWith('print(1 < "2");', 1, 'type error: cannot compare number and string', 'type');
    await failsWith('print(nil >= nil);', 1, 'type error: cannot compare nil and nil', 'type');
    await failsWith('print([1] <= [2]);', 1, 'type error: cannot compare list and list', 'type');
    await failsWith('print(print > 1);', 1, 'type error: cannot compare function and number', 'type');
  });

  it('+ on strings and lists', async () => {
    assert.equal(await out('let a = [1]; let b = a + [2, 3]; push(a, 9); print(a, b, "ab" + "cd");'), '[1, 9] [1, 2, 3] abcd\n');
  });

  it('== and != on every type', async () => {
    assert.deepEqual(
      await lines('print(1 == 1.0); print("1" == 1); print(nil == false); print([1, [2, "x"]] == [1, [2, "x"]]); print([1, 2] == [1, 2, 3]); print([1, 2] != [1, 3]); print([] == []); print(print == print); print(fn () {} == fn () {}); print(0 / 1 == -0); print([nil] == [false]);'),
      ['true', 'false', 'false', 'true', 'false', 'true', 'true', 'true', 'false', 'true', 'false'],
    );
    assert.equal(await out('let n = 10 ^ 400 - 10 ^ 400; print(n, n == n, n != n, [n] == [n]);'), 'nan false true false\n');
  });
});

describe('operators: random expressions against the reference model', () => {
  for (const seed of [11, 23, 37, 41]) {
    it(`arithmetic, seed ${seed}`, async () => {
      await check(cases(seed, 150, (r) => genArith(r, 4)));
    });
  }
  for (const seed of [5, 17, 29]) {
    it(`logic and comparisons, seed ${seed}`, async () => {
      await check(cases(seed, 150, (r) => genLogic(r, 4)));
    });
  }
});
