import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { out, lines, fails, failsWith } from './helpers.mjs';

describe('closures and scoping', () => {
  it('counter example from the docs', async () => {
    const src = `
fn make_counter(start) {
  let count = start;
  fn next() {
    count = count + 1;
    return count;
  }
  fn reset() {
    count = start;
  }
  return [next, reset];
}
let c = make_counter(10);
let d = make_counter(100);
c[0](); c[0]();
print(c[0](), d[0]());
c[1]();
print(c[0](), d[0]());
`;
    assert.deepEqual(await lines(src), ['13 101', '11 102']);
  });

  it('functions see their defining scope, not the caller', async () => {
    const src = `
let x = "global";
fn show() { return x; }
fn caller() { let x = "caller"; return show(); }
print(caller());
fn outer() {
  let y = "outer";
  fn inner() { return y; }
  return inner;
}
fn other() { let y = "other"; return outer()(); }
print(other());
`;
    assert.deepEqual(await lines(src), ['global', 'outer']);
  });

  it("a caller's locals are not visible to the callee", async () => {
    const err = await failsWith('fn f() { return secret; }\nfn g() { let secret = 1; return f(); }\nprint(g());', 1, "undefined variable 'secret'", 'runtime');
    assert.equal(err.output, '');
  });

  it('anonymous functions capture and can be returned', async () => {
    const src = `
fn adder(n) { return fn (x) { return x + n; }; }
let add2 = adder(2);
let add5 = adder(5);
print(add2(1), add5(1), adder(10)(adder(1)(0)));
let fs = [];
let i = 0;
while i < 3 {
  let j = i;
  push(fs, fn () { return j * 10; });
  i = i + 1;
}
print(fs[0](), fs[1](), fs[2]());
`;
    assert.deepEqual(await lines(src), ['3 6 11', '0 10 20']);
  });

  it('assignment reaches enclosing scopes', async () => {
    const src = `
let total = 0;
fn add(n) { total = total + n; }
add(3); add(4);
print(total);
if true { total = 100; let total = 5; total = 6; print(total); }
print(total);
`;
    assert.deepEqual(await lines(src), ['7', '6', '100']);
  });

  it('recursion, mutual recursion and higher-order functions', async () => {
    const src = `
fn even(n) { if n == 0 { return true; } return odd(n - 1); }
fn odd(n) { if n == 0 { return false; } return even(n - 1); }
print(even(10), odd(7), even(3));
fn map(f, xs) { let out = []; let i = 0; while i < len(xs) { push(out, f(xs[i])); i = i + 1; } return out; }
print(map(fn (x) { return x * x; }, [1, 2, 3]));
fn compose(f, g) { return fn (x) { return f(g(x)); }; }
print(compose(str, fn (x) { return x + 1; })(41) + "!");
`;
    assert.deepEqual(await lines(src), ['true true false', '[1, 4, 9]', '42!']);
  });

  it('return values', async () => {
    assert.equal(await out('fn a() {} fn b() { return; } fn c() { return 1; print("no"); } print(a(), b(), c());'), 'nil nil 1\n');
    assert.equal(await out('fn f(n) { while true { if n > 3 { return n; } n = n + 1; } } print(f(0));'), '4\n');
  });

  it('arity errors', async () => {
    await failsWith('fn f(a, b) { return a; }\nf(1);', 2, "arity error: 'f' expects 2 arguments, got 1", 'runtime');
    await failsWith('fn g(a) { return a; } g(1, 2);', 1, "arity error: 'g' expects 1 argument, got 2", 'runtime');
    await failsWith('fn h() { } h(nil);', 1, "arity error: 'h' expects 0 arguments, got 1", 'runtime');
    await failsWith('let k = fn (a) { return a; }; k();', 1, "arity error: 'fn' expects 1 argument, got 0", 'runtime');
    await failsWith('len();', 1, "arity error: 'len' expects 1 argument, got 0", 'runtime');
    await failsWith('range(1, 2, 3);', 1, "arity error: 'range' expects 1 to 2 arguments, got 3", 'runtime');
    await failsWith('push([]);', 1, "arity error: 'push' expects 2 arguments, got 1", 'runtime');
  });

  it('calling a non-function', async () => {
    await failsWith('let x = 1;\nx();', 2, 'type error: cannot call number', 'type');
    await failsWith('"s"(1);', 1, 'type error: cannot call string', 'type');
    await failsWith('nil();', 1, 'type error: cannot call nil', 'type');
  });

  it('stack overflow after 200 nested calls', async () => {
    assert.equal(await out('fn d(n) { if n == 0 { return 0; } return 1 + d(n - 1); } print(d(199));'), '199\n');
    const err = await failsWith('fn d(n) { if n == 0 { return 0; } return 1 + d(n - 1); }\nprint("start");\nprint(d(200));', 1, 'stack overflow', 'runtime');
    assert.equal(err.output, 'start\n');
    await failsWith('fn f() { return f(); }\nf();', 1, 'stack overflow');
    assert.equal(await out('fn d(n) { if n == 0 { return 0; } return 1 + d(n - 1); } print(d(150)); print(d(150));'), '150\n150\n');
  });

  it('let in the same scope twice, shadowing in inner scopes', async () => {
    await failsWith('let a = 1;\nlet a = 2;', 2, "'a' is already defined", 'runtime');
    await failsWith('fn f(a) { let a = 2; }\nf(1);', 1, "'a' is already defined", 'runtime');
    await failsWith('let print = 1;', 1, "'print' is already defined", 'runtime');
    assert.equal(await out('fn f() { let print = 5; return print; } if true { let len = 2; print(len); } print(f(), len("abc"));'), '2\n5 3\n');
    await failsWith('fn f() {}\nfn f() {}', 2, "'f' is already defined", 'runtime');
    await failsWith('x = 1;', 1, "undefined variable 'x'", 'runtime');
    await failsWith('if true { let t = 1; }\nprint(t);', 2, "undefined variable 't'", 'runtime');
  });

  it('syntax errors in functions', async () => {
    await failsWith('fn f(a, a) { }', 1, "syntax error: duplicate parameter 'a'", 'syntax');
    await failsWith('print(1);\nreturn 1;', 2, "syntax error: 'return' outside function", 'syntax');
    await failsWith('while true {\n  fn f() { break; }\n}', 2, "syntax error: 'break' outside loop", 'syntax');
    await failsWith('continue;', 1, "syntax error: 'continue' outside loop", 'syntax');
    const e = await fails('fn (x) { return x; }');
    assert.equal(e.kind, 'syntax');
    assert.equal(e.line, 1);
    assert.equal(await out('let f = fn () { while true { return 3; } }; print(f());'), '3\n');
  });

  it('function values print and compare', async () => {
    assert.equal(await out('fn named() {} let anon = fn () {}; print(named, anon, print, [named, len]); print(named == named, named == anon, type(named), type(len));'), '<fn named> <fn> <builtin print> [<fn named>, <builtin len>]\ntrue false function function\n');
  });
});

describe('logical operators', () => {
  it('short-circuit: the right side is not evaluated', async () => {
    const src = `
let d = 0;
if d != 0 and 10 / d > 2 { print("big"); } else { print("guarded"); }
fn loud(v) { print("eval", v); return v; }
let a = loud(false) and loud(1);
let b = loud(1) or loud(2);
let c = loud(nil) or loud(3);
let e = loud(0) and loud("z");
print(a, b, c, e);
`;
    assert.deepEqual(await lines(src), ['guarded', 'eval false', 'eval 1', 'eval nil', 'eval 3', 'eval 0', 'eval z', 'false 1 3 z']);
  });

  it('and/or yield operands', async () => {
    assert.deepEqual(
      await lines('print(nil or "default"); print(0 and "x"); print("" or 1); print(false or nil); print(nil and 1); print(1 and 2 and 3); print(false or false or [1]); print(1 or x); print(nil and x); print(2 > 1 and "yes" or "no"); print(2 < 1 and "yes" or "no");'),
      ['default', 'x', '', 'nil', 'nil', '3', '[1]', '1', 'nil', 'yes', 'no'],
    );
  });

  it('truthiness: only false and nil are falsy', async () => {
    assert.deepEqual(
      await lines('let vals = [0, "", [], nil, false, true, print, 0.5]; let i = 0; while i < len(vals) { if vals[i] { print("T"); } else { print("F"); } i = i + 1; }'),
      ['T', 'T', 'T', 'F', 'F', 'T', 'T', 'T'],
    );
    assert.equal(await out('let n = 3; while n { n = n - 1; if n == 0 { n = nil; } } print(n);'), 'nil\n');
    assert.equal(await out('if 0 { print("zero"); } elif 1 { print("one"); }'), 'zero\n');
  });

  it('errors on the right side still surface when evaluated', async () => {
    await failsWith('let d = 0;\nprint(d == 0 and 1 / d);', 2, 'division by zero', 'runtime');
    await failsWith('print(nil or\n  missing);', 2, "undefined variable 'missing'", 'runtime');
  });
});
