import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b, echoes, ok, same } from './helpers.mjs';

const S = 'E :=\nS := $(E) $(E)\n'; // S holds one space
const show = (v) => `[$(subst $(S),_,$(${v}))]`;

describe('lines (SPEC 2)', () => {
  it('CRLF line ends and a last line without newline', async () => {
    const r = await ok([], { Buildfile: 'X = a\r\nall:\r\n\twrite all $(X)\r\n\t@echo done' });
    assert.equal(r.stdout, 'write all a\ndone\n');
    assert.equal(r.files.all, 'a\n');
  });

  it('continuations join with exactly one space', async () => {
    const out = await echoes(`${S}X = a   \\\n      b\\\n\tc \\\n\n`, [show('X')]);
    assert.deepEqual(out, ['[a_b_c]']);
  });

  it('continuation in a rule line and in a recipe line', async () => {
    const bf = '.PHONY: all\nall: x \\\n   y\n\t@echo $^ \\\n\t   more\nx:\n\twrite x 1\ny:\n\twrite y 2\n';
    const r = await ok(['all'], { Buildfile: bf });
    assert.equal(r.stdout, 'write x 1\nwrite y 2\nx y more\n');
  });

  it('backslash at the end of the file', async () => {
    const r = await ok([], { Buildfile: '.PHONY: all\nall:\n\t@echo end \\' });
    assert.equal(r.stdout, 'end\n');
  });

  it('\\# is a literal #', async () => {
    const out = await echoes(`${S}X = a\\#b # real comment\nY = \\#\n`, ['$(X)', '[$(Y)]']);
    assert.deepEqual(out, ['a#b', '[#]']);
  });

  it('comments end the value and a continued comment swallows the next line', async () => {
    const out = await echoes('X = one # two\nY = keep # gone \\\nY = lost\n', ['[$(X)]', '[$(Y)]']);
    assert.deepEqual(out, ['[one]', '[keep]']);
  });

  it('recipe lines keep # as text', async () => {
    const r = await ok([], { Buildfile: '.PHONY: t\nt:\n\techo a # b\n\t@echo #c\n' });
    assert.equal(r.stdout, 'echo a # b\na # b\n#c\n');
  });

  it('blank lines and blank recipe lines are ignored, a rule keeps its recipe across them', async () => {
    const r = await ok([], { Buildfile: '\n   \n# c\n.PHONY: t\nt:\n\t@echo 1\n\n\t \n   # note\n\t@echo 2\n' });
    assert.equal(r.stdout, '1\n2\n');
  });

  it('agrees with the reference on a mixed file', async () => {
    await same([], {
      Buildfile: 'A = 1 \\\n  2 # c \\\n  3\nB := $(A)\\#\nall: out\nout: in \\\n in2\n\tconcat $@ $^ # x\n\t@echo $(B)\n',
      in: 'i\n',
      in2: 'j\n',
    });
  });
});
