import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { out, lines, fails, failsWith } from './helpers.mjs';

describe('for loops (SPEC 4.6)', () => {
  it('iterates over a list', async () => {
    assert.deepEqual(await lines('for x in [1, "two", nil, [3]] { print(x); }'), ['1', 'two', 'nil', '[3]']);
    assert.equal(await out('for x in [] { print("never"); } print("done");'), 'done\n');
    assert.equal(await out('let s = 0; for i in range(1, 101) { s = s + i; } print(s);'), '5050\n');
  });

  it('iterates over a copy of the list taken at the start', async () => {
    assert.deepEqual(
      await lines('let xs = [1, 2, 3]; for x in xs { push(xs, x * 10); xs[0] = 99; print(x); } print(xs);'),
      ['1', '2', '3', '[99, 2, 3, 10, 20, 30]'],
    );
    assert.deepEqual(await lines('let xs = [1, 2, 3]; for x in xs { pop(xs); print(x); } print(xs);'), ['1', '2', '3', '[]']);
    assert.deepEqual(await lines('let xs = [1, 2]; for x in xs { xs = [7, 8, 9]; print(x); } print(xs);'), ['1', '2', '[7, 8, 9]']);
  });

  it('evaluates the iterable once', async () => {
    assert.deepEqual(await lines('fn src() { print("src"); return [1, 2]; } for x in src() { print(x); }'), ['src', '1', '2']);
  });

  it('iterates over a string by code point', async () => {
    assert.deepEqual(await lines('for c in "a\\u{1F600}b" { print(c, len(c)); }'), ['a 1', '😀 2', 'b 1']);
    assert.equal(await out('let n = 0; for c in "" { n = n + 1; } print(n);'), '0\n');
    assert.equal(await out('let parts = []; for c in "héllo" { push(parts, c); } print(join(parts, "|"));'), 'h|é|l|l|o\n');
  });

  it('other values are a type error raised before the body runs', async () => {
    for (const [v, t] of [['5', 'number'], ['nil', 'nil'], ['true', 'bool'], ['print', 'function'], ['fn () {}', 'function']]) {
      const err = await failsWith(`print("before");\nfor x in ${v} { print("body"); }`, 2, `type error: cannot iterate over ${t}`, 'type');
      assert.equal(err.output, 'before\n');
    }
  });

  it('break and continue', async () => {
    assert.deepEqual(
      await lines('for i in range(10) { if i % 2 == 0 { continue; } if i > 6 { break; } print(i); } print("end");'),
      ['1', '3', '5', 'end'],
    );
    assert.deepEqual(
      await lines('for a in [1, 2, 3] { for b in "xyz" { if b == "y" { break; } print(a, b); } if a == 2 { break; } }'),
      ['1 x', '2 x'],
    );
    assert.deepEqual(await lines('let i = 0; while i < 3 { i = i + 1; for x in [1, 2] { if x == 2 { continue; } print(i, x); } }'), ['1 1', '2 1', '3 1']);
    await failsWith('for x in [1] {\n  let f = fn () { continue; };\n}', 2, "syntax error: 'continue' outside loop", 'syntax');
    await failsWith('for x in [1] { }\nbreak;', 2, "syntax error: 'break' outside loop", 'syntax');
  });

  it('each iteration has its own scope', async () => {
    assert.deepEqual(
      await lines('let fs = []; for i in range(3) { let sq = i * i; push(fs, fn () { return [i, sq]; }); } for f in fs { print(f()); }'),
      ['[0, 0]', '[1, 1]', '[2, 4]'],
    );
    await failsWith('for i in [1, 2] { }\nprint(i);', 2, "undefined variable 'i'", 'runtime');
    assert.equal(await out('let i = "outer"; for i in [1, 2] { i = i * 100; print(i); } print(i);'), '100\n200\nouter\n');
    assert.equal(await out('for x in [1, 2] { let y = x; print(y); }'), '1\n2\n');
  });

  it('works inside functions, with return', async () => {
    const src = `
fn find(xs, want) {
  for x in xs { if x == want { return "found " + str(x); } }
  return "missing";
}
print(find([3, 4, 5], 4), find([], 1), find("abc", "c"));
fn total(xs) { let t = 0; for x in xs { t = t + x; } return t; }
print(total([1, 2, 3.5]));
`;
    assert.deepEqual(await lines(src), ['found 4 missing found c', '6.5']);
  });

  it('errors in the body report their own line', async () => {
    const err = await failsWith('for x in [1, 0] {\n  print(10 / x);\n}', 2, 'division by zero', 'runtime');
    assert.equal(err.output, '10\n');
  });

  it('for and in are keywords', async () => {
    for (const src of ['let for = 1;', 'let in = 2;', 'fn in() {}', 'for in [1] { }', 'for x [1] { }', 'for x in [1] print(x);', 'for (x) in [1] { }']) {
      const err = await fails(src);
      assert.equal(err.kind, 'syntax', src);
      assert.equal(err.line, 1, src);
      assert.match(err.message, /^line 1: syntax error: /, src);
    }
    const err = await fails('for x\n  of [1] { }');
    assert.equal(err.line, 2);
    assert.equal(err.kind, 'syntax');
  });
});
