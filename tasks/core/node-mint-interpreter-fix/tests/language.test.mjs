import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mint, out, lines, fails, failsWith } from './helpers.mjs';

describe('lexer (SPEC 2)', () => {
  it('numbers, strings and escapes', async () => {
    assert.equal(await out('print(0, 42, 3.25, 007);'), '0 42 3.25 7\n');
    assert.equal(await out('print("a\\tb", "q\\"q", "back\\\\slash", "\\u{41}\\u{1F600}\\u{e9}");'), 'a\tb q"q back\\slash A😀é\n');
    assert.equal(await out('print("two\nlines");'), 'two\nlines\n');
    assert.equal(await out('print("x" # not a comment inside code\n);  # trailing\n# whole line\n'), 'x\n');
  });

  it('lexical errors', async () => {
    await failsWith('print(12abc);', 1, "syntax error: malformed number '12a'", 'syntax');
    await failsWith('\nprint(1.);', 2, "syntax error: malformed number '1.'", 'syntax');
    await failsWith('print(1.2.3);', 1, "syntax error: malformed number '1.2.'", 'syntax');
    await failsWith('print("bad \\q");', 1, "syntax error: invalid escape '\\q'", 'syntax');
    await failsWith('print("\\u{110000}");', 1, "syntax error: invalid escape '\\u'", 'syntax');
    await failsWith('print("\\u41");', 1, "syntax error: invalid escape '\\u'", 'syntax');
    await failsWith('print(1);\nlet s = "open\nstill open', 2, 'syntax error: unterminated string', 'syntax');
    await failsWith('let a = 1;\nlet b = a @ 2;', 2, "syntax error: unexpected character '@'", 'syntax');
    await failsWith('let a = 1 & 2;', 1, "syntax error: unexpected character '&'", 'syntax');
  });

  it('line numbers count newlines inside strings and comments', async () => {
    await failsWith('let s = "a\nb\nc";\n# c1\n# c2\nprint(zz);', 6, "undefined variable 'zz'", 'runtime');
    await failsWith('print(\n1\n+\n"s");', 3, "type error: cannot apply '+' to number and string", 'type');
  });

  it('tokenize and parse are exported', async () => {
    const toks = await mint.tokenize('let x = 1 // 2;');
    assert.equal(await toks.length, 8);
    const prog = await mint.parse('print(1);');
    assert.equal(await prog.type, 'Program');
    assert.equal(await mint.formatValue([1, 'a', null]), '[1, "a", nil]');
  });
});

describe('statements (SPEC 4)', () => {
  it('if / elif / else', async () => {
    const src = 'fn grade(n) { if n >= 90 { return "A"; } elif n >= 80 { return "B"; } elif n >= 70 { return "C"; } else { return "F"; } } print(grade(95), grade(85), grade(70), grade(3));';
    assert.equal(await out(src), 'A B C F\n');
    assert.deepEqual(await lines('fn t(v) { print("cond", v); return v; } if t(false) { } elif t(nil) { } elif t(1) { print("hit"); } elif t(2) { }'), ['cond false', 'cond nil', 'cond 1', 'hit']);
    assert.equal(await out('if false { print(1); } print(2);'), '2\n');
  });

  it('while with break and continue', async () => {
    assert.deepEqual(await lines('let i = 0; while true { i = i + 1; if i == 2 { continue; } if i > 4 { break; } print(i); }'), ['1', '3', '4']);
    assert.equal(await out('let n = 0; while n < 3 { let k = n; n = n + 1; } print(n);'), '3\n');
  });

  it('index reads and writes', async () => {
    assert.deepEqual(
      await lines('let xs = [10, 20, 30]; print(xs[0], xs[2], xs[-1], xs[-3]); xs[1] = "b"; xs[-1] = [1]; print(xs); let m = [[1, 2], [3, 4]]; m[1][0] = 9; print(m, m[1][-1]); print("hey"[0], "hey"[-1]);'),
      ['10 30 30 10', '[10, "b", [1]]', '[[1, 2], [9, 4]] 4', 'h y'],
    );
    await failsWith('let xs = [1];\nprint(xs[1]);', 2, 'index out of range', 'runtime');
    await failsWith('print([1, 2][-3]);', 1, 'index out of range', 'runtime');
    await failsWith('print(""[0]);', 1, 'index out of range', 'runtime');
    await failsWith('let xs = [1]; xs[5] = 1;', 1, 'index out of range', 'runtime');
    await failsWith('let xs = [1]; xs[-2] = 1;', 1, 'index out of range', 'runtime');
    await failsWith('print([1, 2][0.5]);', 1, 'type error: index must be an integer', 'type');
    await failsWith('print([1, 2]["0"]);', 1, 'type error: index must be an integer', 'type');
    await failsWith('print(5[0]);', 1, 'type error: cannot index number', 'type');
    await failsWith('print(nil[0]);', 1, 'type error: cannot index nil', 'type');
    await failsWith('let s = "abc"; s[0] = "x";', 1, 'type error: cannot assign to an index of string', 'type');
  });

  it('invalid statements', async () => {
    for (const [src, line] of [['1 + 2 = 3;', 1], ['f() = 1;', 1], ['print(1)', 1], ['let = 3;', 1], ['let x 3;', 1], ['if true print(1);', 1], ['print(1);\n{ }', 2], ['print((1);', 1], ['print([1 2]);', 1], ['while true {\n', 2], ['fn f(1) {}', 1], ['print(1,);', 1]]) {
      const err = await fails(src);
      assert.equal(err.kind, 'syntax', src);
      assert.equal(err.line, line, src);
      assert.equal(err.output, '', src);
    }
    await failsWith('1 + 2 = 3;', 1, 'syntax error: invalid assignment target', 'syntax');
    assert.equal(await out('print([1, 2,], [], [[],]);'), '[1, 2] [] [[]]\n');
  });

  it('a syntax error anywhere means nothing runs', async () => {
    const err = await fails('print("first");\nprint("second");\nlet = ;');
    assert.equal(err.output, '');
    assert.equal(err.line, 3);
  });

  it('evaluation order', async () => {
    const src = 'fn t(v) { print(v); return v; } let xs = [0, 0]; t(xs)[t(1)] = t(5); print(xs); print(t(1) + t(2) * t(3)); t(print)(t("arg"));';
    assert.deepEqual(await lines(src), ['[0, 0]', '1', '5', '[0, 5]', '1', '2', '3', '7', '<builtin print>', 'arg', 'arg']);
  });
});

describe('values and built-ins (SPEC 5, 6)', () => {
  it('formatting', async () => {
    assert.equal(await out('print(10 ^ 21, 0.1 + 0.2, -1.5, 2 ^ 0.5);'), '1e+21 0.30000000000000004 -1.5 1.4142135623730951\n');
    assert.equal(await out('print(["q\\"", "b\\\\", "n\\n", "t\\t", "é"], str([nil, true]), str("s"), str(-0.0));'), '["q\\"", "b\\\\", "n\\n", "t\\t", "é"] [nil, true] s 0\n');
    assert.equal(await out('let a = [1]; push(a, a); print(a); let b = [a, a]; print(len(str(b)));'), '[1, [...]]\n' + String('[[1, [...]], [1, [...]]]'.length) + '\n');
    assert.equal(await out('print(); print("a", "", "b");'), '\na  b\n');
  });

  it('type, len, str, num, abs', async () => {
    assert.equal(await out('print(type(1), type("s"), type(true), type(nil), type([]), type(type));'), 'number string bool nil list function\n');
    assert.equal(await out('print(len("héllo"), len("\\u{1F600}"), len([1, [2, 3]]), len(""));'), '5 2 2 0\n');
    assert.equal(await out('print(num("42") + 1, num(" -3.5 "), num(7), abs(-4), abs(2.5));'), '43 -3.5 7 4 2.5\n');
    await failsWith('len(5);', 1, 'type error: len() expects a string or list, got number', 'type');
    await failsWith('num("12x");', 1, 'num() cannot convert "12x"', 'runtime');
    await failsWith('num("");', 1, 'num() cannot convert ""', 'runtime');
    await failsWith('num("+1");', 1, 'num() cannot convert "+1"', 'runtime');
    await failsWith('num(nil);', 1, 'type error: num() expects a string, got nil', 'type');
    await failsWith('abs("1");', 1, 'type error: abs() expects a number, got string', 'type');
  });

  it('push, pop, range, join', async () => {
    assert.equal(await out('let xs = []; print(push(xs, 1)); push(xs, "two"); print(xs, pop(xs), xs);'), 'nil\n[1] two [1]\n');
    assert.equal(await out('print(range(4), range(2, 5), range(3, 1), range(-2, 1), range(0));'), '[0, 1, 2, 3] [2, 3, 4] [] [-2, -1, 0] []\n');
    assert.equal(await out('print(join([1, "a", nil, [2]], ", "), join([], "-"));'), '1, a, nil, [2] \n');
    await failsWith('pop([]);', 1, 'pop() from empty list', 'runtime');
    await failsWith('push("s", 1);', 1, 'type error: push() expects a list, got string', 'type');
    await failsWith('pop(nil);', 1, 'type error: pop() expects a list, got nil', 'type');
    await failsWith('range(1.5);', 1, 'type error: range() expects an integer, got 1.5', 'type');
    await failsWith('range(0, "3");', 1, 'type error: range() expects an integer, got "3"', 'type');
    await failsWith('join("abc", "");', 1, 'type error: join() expects a list, got string', 'type');
    await failsWith('join([1], 2);', 1, 'type error: join() expects a string, got number', 'type');
  });

  it('lists are shared by reference', async () => {
    assert.equal(await out('let a = [1]; let b = a; push(b, 2); fn f(xs) { xs[0] = 0; } f(a); print(a, b, a == b);'), '[0, 2] [0, 2] true\n');
  });
});

describe('run() contract (SPEC 1.1)', () => {
  it('returns all output as one string', async () => {
    assert.equal(await out(''), '');
    assert.equal(await out('# only a comment'), '');
    assert.equal(await out('print(1); print(2);'), '1\n2\n');
  });

  it('errors carry line, kind and output', async () => {
    const err = await fails('print("a");\nprint("b");\nprint(1 + nil);\nprint("c");');
    assert.equal(err.message, "line 3: type error: cannot apply '+' to number and nil");
    assert.equal(err.line, 3);
    assert.equal(err.kind, 'type');
    assert.equal(err.output, 'a\nb\n');
    assert.ok(err instanceof Error);
  });

  it('deep nesting is an error, not a crash', async () => {
    const err = await fails('print(' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ');');
    assert.equal(typeof err.line, 'number');
    assert.match(err.message, /^line \d+: /);
  });
});
