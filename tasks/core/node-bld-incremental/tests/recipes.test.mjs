import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b, ok, same } from './helpers.mjs';

const phony = (recipe) => ({ Buildfile: `.PHONY: t\nt:\n${recipe.map((l) => `\t${l}\n`).join('')}` });

describe('recipes (SPEC 5)', () => {
  it('prefixes in any number and order', async () => {
    const r = await b(['t'], phony(['@echo quiet', '-@fail 3', '@ - echo both', ' - fail 4', '@@--echo many', '-  echo  spaced   ']));
    assert.equal(r.stdout, 'quiet\nboth\nfail 4\nmany\necho  spaced\nspaced\n');
    assert.equal(r.stderr, 'bld: [t] Error 3 (ignored)\nbld: [t] Error 4 (ignored)\n');
    assert.equal(r.status, 0);
  });

  it('quotes group words; an unbalanced quote fails with status 2', async () => {
    let r = await ok(['t'], phony(["echo 'a  b'c '' d", "write f 'x y'  z"]));
    assert.equal(r.stdout, "echo 'a  b'c '' d\na  bc  d\nwrite f 'x y'  z\n");
    assert.equal(r.files.f, 'x y z\n');
    r = await b(['t'], phony(["echo 'oops", 'echo never']));
    assert.equal(r.stdout, "echo 'oops\nbld: unterminated quote\n");
    assert.equal(r.stderr, 'bld: *** [t] Error 2\n');
    assert.equal(r.status, 1);
  });

  it('write, append, concat, copy, rm', async () => {
    const r = await ok(['t'], { ...phony(['write a 1', 'append a 2', 'append n new', 'concat c a n', 'copy c d', 'rm a n missing', 'write e']), keep: 'k' });
    assert.deepEqual(
      Object.fromEntries(Object.entries(r.files).filter(([k]) => k !== 'Buildfile')),
      { '.bld-state': '{\n  "version": 1,\n  "targets": {}\n}\n', c: '1\n2\nnew\n', d: '1\n2\nnew\n', e: '\n', keep: 'k' },
    );
  });

  it('command errors and their statuses', async () => {
    const cases = [
      ['concat out a missing', 1, "concat: cannot read 'missing'"],
      ['concat', 2, 'concat: missing file name'],
      ['write', 2, 'write: missing file name'],
      ['append', 2, 'append: missing file name'],
      ['copy a', 2, 'copy: needs a source and a destination'],
      ['copy nothere x', 1, "copy: cannot read 'nothere'"],
      ['fail', 1, null],
      ['fail 255', 255, null],
      ['fail 0', 2, "fail: bad status '0'"],
      ['fail 256', 2, "fail: bad status '256'"],
      ['fail 07', 2, "fail: bad status '07'"],
      ['fail 1 2', 2, "fail: bad status '1 2'"],
      ['sleep', 2, "sleep: bad duration ''"],
      ['sleep -1', 2, "sleep: bad duration '-1'"],
      ['sleep 01', 2, "sleep: bad duration '01'"],
      ['sleep 1.5', 2, "sleep: bad duration '1.5'"],
      ['frobnicate x', 127, "bld: unknown command 'frobnicate'"],
    ];
    for (const [cmd, status, line] of cases) {
      const r = await b(['t'], { ...phony([`@${cmd}`, 'echo after']), a: 'A' });
      assert.equal(r.stdout, line === null ? '' : `${line}\n`, cmd);
      assert.equal(r.stderr, `bld: *** [t] Error ${status}\n`, cmd);
      assert.equal(r.status, 1, cmd);
      assert.equal(r.files.out, undefined, cmd);
    }
  });

  it('sleep 0 and true are fine; an empty command does nothing', async () => {
    const r = await ok(['t'], phony(['sleep 0', 'true', '@', '@ - ']));
    assert.equal(r.stdout, 'sleep 0\ntrue\n');
  });

  it('a recipe that does not create its target fails', async () => {
    const r = await b([], { Buildfile: 'all: x\n\twrite all 1\nx:\n\techo making x\n' });
    assert.equal(r.stdout, 'echo making x\nmaking x\n');
    assert.equal(r.stderr, "bld: *** [x] recipe did not create 'x'\n");
    assert.equal(r.status, 1);
    assert.equal(r.files.all, undefined);
  });

  it('a failed recipe deletes the target file it created or changed, not one it left alone', async () => {
    let r = await b([], { Buildfile: 'out:\n\twrite out partial\n\tfail 2\n' });
    assert.equal(r.files.out, undefined);
    assert.equal(r.stderr, 'bld: *** [out] Error 2\n');
    r = await b([], { Buildfile: 'out: in\n\tappend out more\n\tfail\n', out: 'old\n', in: 'i' });
    assert.equal(r.files.out, undefined);
    r = await b([], { Buildfile: 'out: in\n\tcopy in x\n\tfail\n', out: 'old\n', in: 'i' });
    assert.equal(r.files.out, 'old\n');
    assert.equal(r.files.x, 'i');
    r = await b([], { Buildfile: 'out: in\n\twrite out old\n\tfail\n', out: 'old\n', in: 'i' });
    assert.equal(r.files.out, 'old\n');
  });

  it('agrees with the reference on a recipe mix', async () => {
    await same(['-k', 'all'], {
      Buildfile: ".PHONY: all\nall: a b c\na:\n\t-fail 9\n\twrite a 'A A'\nb: a\n\t@-copy a b\n\tfrob\nc:\n\t@echo $@ '#' $$HOME\n\twrite c\n",
    });
  });
});
