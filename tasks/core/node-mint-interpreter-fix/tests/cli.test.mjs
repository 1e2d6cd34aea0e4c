import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintCli, agentTmpDir } from './helpers.mjs';

describe('command line (SPEC 1.2)', () => {
  it('runs a file', () => {
    const dir = agentTmpDir('mint-file-');
    const file = join(dir, 'prog.mint');
    writeFileSync(file, 'fn sq(x) { return x ^ 2; }\nfor i in range(1, 4) { print(i, sq(-i)); }\n');
    const r = mintCli([file]);
    assert.equal(r.stdout, '1 1\n2 4\n3 9\n');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('runs -e code and standard input', () => {
    const r = mintCli(['-e', 'print(-7 // 2, -7 % 2);']);
    assert.equal(r.stdout, '-4 1\n');
    assert.equal(r.status, 0);
    const s = mintCli(['-'], 'print(nil or "stdin");');
    assert.equal(s.stdout, 'stdin\n');
    assert.equal(s.status, 0);
  });

  it('a runtime error: partial output, one stderr line, exit 1', () => {
    const r = mintCli(['-e', 'print("partial");\nlet c = 0;\nprint(5 // c);']);
    assert.equal(r.stdout, 'partial\n');
    assert.equal(r.stderr, 'mint: line 3: division by zero\n');
    assert.equal(r.status, 1);
  });

  it('a syntax error: exit 1, nothing printed', () => {
    const r = mintCli(['-e', 'print("x");\nfor x in [1] {']);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^mint: line 2: syntax error: [^\n]+\n$/);
    assert.equal(r.status, 1);
  });

  it('bad arguments and unreadable files: exit 2', () => {
    for (const args of [[], ['-e'], ['a.mint', 'b.mint'], [join(agentTmpDir('mint-none-'), 'missing.mint')]]) {
      const r = mintCli(args);
      assert.equal(r.status, 2, JSON.stringify(args));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^mint: /);
    }
  });
});
