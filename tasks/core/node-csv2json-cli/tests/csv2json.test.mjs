import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { agentRun, agentTmpDir } from '/opt/harness/agent.mjs';
import { fileURLToPath } from 'node:url';
import { writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = fileURLToPath(new URL('../csv2json.mjs', import.meta.url));
let dir;
before(() => {
  dir = agentTmpDir('csv2json-');
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args, input = '') {
  const r = agentRun(['node', SCRIPT, ...args], { input, cwd: dir, timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

function file(name, content) {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function ok(args, input, expected) {
  const r = run(args, input);
  assert.equal(r.stderr, '', 'no stderr expected');
  assert.equal(r.status, 0, 'exit status');
  assert.equal(r.stdout, JSON.stringify(expected, null, 2) + '\n');
  return r;
}

function fails(args, input, status, pattern) {
  const r = run(args, input);
  assert.equal(r.status, status, `exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.match(r.stderr, /^csv2json: /);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, 'one line on stderr');
  if (pattern) assert.match(r.stderr, pattern);
  return r;
}

describe('basic conversion', () => {
  it('reads standard input', () => {
    ok([], 'name,age\nann,31\nbob,42\n', [{ name: 'ann', age: '31' }, { name: 'bob', age: '42' }]);
  });

  it('reads a file, and - as standard input', () => {
    const p = file('people.csv', 'a,b\n1,2\n');
    ok([p], '', [{ a: '1', b: '2' }]);
    ok(['-'], 'x\ny\n', [{ x: 'y' }]);
  });

  it('accepts a missing final newline and CRLF line ends', () => {
    ok([], 'a,b\r\n1,2\r\n3,4', [{ a: '1', b: '2' }, { a: '3', b: '4' }]);
  });

  it('gives [] for empty input and header-only input', () => {
    ok([], '', []);
    ok([], 'a,b,c\n', []);
    ok([], '\n\n', []);
  });

  it('keeps keys in header order and spaces as data', () => {
    const r = ok([], 'z, a ,m\n1, 2 ,3\n', [{ z: '1', ' a ': ' 2 ', m: '3' }]);
    assert.ok(r.stdout.indexOf('"z"') < r.stdout.indexOf('" a "'));
  });

  it('keeps empty fields and handles a trailing delimiter', () => {
    ok([], 'a,b,c\n,,\n1,,3\n', [{ a: '', b: '', c: '' }, { a: '1', b: '', c: '3' }]);
  });

  it('skips empty lines', () => {
    ok([], '\na,b\n\n1,2\n\n\r\n3,4\n\n', [{ a: '1', b: '2' }, { a: '3', b: '4' }]);
  });

  it('ignores a byte order mark', () => {
    ok([], '\uFEFFid,v\n1,x\n', [{ id: '1', v: 'x' }]);
  });

  it('handles non-ASCII text and column names like __proto__', () => {
    ok([], 'ville,__proto__\nZürich,😀\n', [JSON.parse('{"ville":"Zürich","__proto__":"😀"}')]);
  });
});

describe('quoting', () => {
  it('allows delimiters, newlines and doubled quotes inside quotes', () => {
    ok([], 'a,b\n"x,y","line1\nline2"\n"say ""hi""",""\n', [
      { a: 'x,y', b: 'line1\nline2' },
      { a: 'say "hi"', b: '' },
    ]);
  });

  it('keeps CRLF inside quoted fields', () => {
    ok([], 'a\r\n"one\r\ntwo"\r\n', [{ a: 'one\r\ntwo' }]);
  });

  it('keeps quotes inside unquoted fields', () => {
    ok([], 'size,note\n5",it\'s\nab"c,x\n', [{ size: '5"', note: "it's" }, { size: 'ab"c', note: 'x' }]);
  });

  it('allows quoted header fields and a quoted last field without newline', () => {
    ok([], '"a,1","b"\n"1","2"', [{ 'a,1': '1', b: '2' }]);
  });

  it('does not treat an empty quoted line as an empty line', () => {
    ok([], 'a\n""\n', [{ a: '' }]);
  });
});

describe('--types', () => {
  it('converts numbers, booleans and empty fields', () => {
    ok(['--types'], 'i,f,e,neg,t,f2,n\n42,3.5,1e3,-0.25,true,false,\n', [
      { i: 42, f: 3.5, e: 1000, neg: -0.25, t: true, f2: false, n: null },
    ]);
  });

  it('leaves other text as strings', () => {
    ok(['--types'], 'a,b,c,d,e,f,g,h\n007,1.,+1,.5,True,NaN,0x10, 1\n', [
      { a: '007', b: '1.', c: '+1', d: '.5', e: 'True', f: 'NaN', g: '0x10', h: ' 1' },
    ]);
  });

  it('converts 0 and -0 and exponents', () => {
    const r = run(['--types'], 'a,b,c\n0,-0,2.5E-3\n');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), [{ a: 0, b: 0, c: 0.0025 }]);
  });

  it('never converts quoted fields', () => {
    ok(['--types'], 'a,b,c,d\n"42","true","",42\n', [{ a: '42', b: 'true', c: '', d: 42 }]);
  });

  it('does not convert the header', () => {
    ok(['--types'], '1,true\n2,false\n', [{ 1: 2, true: false }]);
  });

  it('is off by default', () => {
    ok([], 'a,b\n1,\n', [{ a: '1', b: '' }]);
  });
});

describe('delimiters and options', () => {
  it('uses -d and --delimiter', () => {
    ok(['-d', ';'], 'a;b\n1,5;2\n', [{ a: '1,5', b: '2' }]);
    ok(['--delimiter', '|'], 'a|b\n"x|y"|z\n', [{ a: 'x|y', b: 'z' }]);
  });

  it('understands \\t as tab', () => {
    ok(['-d', '\\t'], 'a\tb\n1,2\t3\n', [{ a: '1,2', b: '3' }]);
    ok(['-d', '\t'], 'a\tb\n1\t2\n', [{ a: '1', b: '2' }]);
  });

  it('accepts options and file in any order', () => {
    const p = file('semi.csv', 'a;b\n1;2\n');
    ok([p, '--types', '-d', ';'], '', [{ a: 1, b: 2 }]);
    ok(['--types', p, '--delimiter', ';'], '', [{ a: 1, b: 2 }]);
  });

  it('writes to --output and prints nothing', () => {
    const out = join(dir, 'out.json');
    writeFileSync(out, 'old content that is longer than the new one '.repeat(10));
    const r = run(['--output', out], 'a\n1\n');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(out, 'utf8'), JSON.stringify([{ a: '1' }], null, 2) + '\n');
    const out2 = join(dir, 'out2.json');
    const r2 = run(['-o', out2, '--types'], 'a\n1\n');
    assert.equal(r2.status, 0);
    assert.equal(readFileSync(out2, 'utf8'), '[\n  {\n    "a": 1\n  }\n]\n');
  });
});

describe('usage errors (exit 2)', () => {
  it('rejects unknown options', () => {
    fails(['--pretty'], 'a\n1\n', 2, /--pretty/);
    fails(['-x'], 'a\n1\n', 2);
    fails(['--delimiter=;'], 'a\n1\n', 2);
  });

  it('rejects an option without its value', () => {
    fails(['-d'], 'a\n1\n', 2);
    fails(['--types', '--output'], 'a\n1\n', 2);
  });

  it('rejects invalid delimiters', () => {
    fails(['-d', ';;'], 'a\n1\n', 2);
    fails(['-d', ''], 'a\n1\n', 2);
    fails(['-d', '"'], 'a\n1\n', 2);
    fails(['-d', '\n'], 'a\n1\n', 2);
  });

  it('rejects two input files', () => {
    const p = file('one.csv', 'a\n1\n');
    fails([p, p], '', 2);
  });

  it('reports a missing file by name', () => {
    fails([join(dir, 'nope.csv')], '', 2, /nope\.csv/);
  });

  it('does not create the output file on error', () => {
    const out = join(dir, 'never.json');
    fails(['-o', out, '--bogus'], 'a\n1\n', 2);
    assert.equal(existsSync(out), false);
  });
});

describe('CSV errors (exit 1)', () => {
  it('reports a row with the wrong number of fields', () => {
    fails([], 'a,b\n1,2\n3\n', 1, /line 3: expected 2 fields, got 1/);
    fails([], 'a,b\n1,2,3\n', 1, /line 2: expected 2 fields, got 3/);
  });

  it('counts skipped and multi-line records in line numbers', () => {
    fails([], 'a,b\n\n"x\ny",1\n\n1,2,3\n', 1, /line 6: expected 2 fields, got 3/);
    fails([], 'a,b\r\n"1\r\n2\r\n3",4\r\n5\r\n', 1, /line 5: expected 2 fields, got 1/);
  });

  it('reports an unterminated quote where the field starts', () => {
    fails([], 'a,b\n1,2\n3,"4\n5\n6\n', 1, /line 3: unterminated quoted field/);
  });

  it('reports text after a closing quote', () => {
    fails([], 'a,b\n1,"2"x\n', 1, /line 2: unexpected character after closing quote/);
    fails([], 'a,b\n"x\ny" ,1\n', 1, /line 2: unexpected character after closing quote/);
  });

  it('rejects empty and duplicate column names', () => {
    fails([], 'a,,c\n1,2,3\n', 1, /line 1: empty column name/);
    fails([], '\n\nid,name,id\n', 1, /line 3: duplicate column name "id"/);
  });

  it('does not write the output file for invalid CSV', () => {
    const out = join(dir, 'bad.json');
    fails(['-o', out], 'a,b\n1\n', 1);
    assert.equal(existsSync(out), false);
  });
});

describe('bigger input', () => {
  it('converts 5000 rows from a file', () => {
    const lines = ['id,name,score'];
    const expected = [];
    for (let i = 0; i < 5000; i++) {
      const name = i % 7 === 0 ? `"Name, ${i}"` : `name${i}`;
      lines.push(`${i},${name},${(i * 1.5).toString()}`);
      expected.push({ id: i, name: i % 7 === 0 ? `Name, ${i}` : `name${i}`, score: i * 1.5 });
    }
    const p = file('big.csv', lines.join('\r\n') + '\r\n');
    ok([p, '--types'], '', expected);
  });
});
