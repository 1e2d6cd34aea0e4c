import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { b, ok, same } from './helpers.mjs';

const sha = (t) => createHash('sha256').update(t, 'utf8').digest('hex');

const CHAIN = {
  Buildfile: 'app: lib.o main.o\n\tconcat $@ $^\n%.o: %.c\n\tcopy $< $@\n\tappend $@ compiled\n',
  'lib.c': 'lib\n',
  'main.c': 'main\n',
};

describe('incremental builds (SPEC 6)', () => {
  it('a second run does nothing', async () => {
    const first = await ok([], CHAIN);
    assert.equal(first.stdout, 'copy lib.c lib.o\nappend lib.o compiled\ncopy main.c main.o\nappend main.o compiled\nconcat app lib.o main.o\n');
    const second = await ok([], first.files);
    assert.equal(second.stdout, "bld: 'app' is up to date.\n");
    assert.deepEqual(second.files, first.files);
  });

  it('the state file format', async () => {
    const r = await ok(['lib.o'], CHAIN);
    const state = JSON.parse(r.files['.bld-state']);
    assert.deepEqual(Object.keys(state), ['version', 'targets']);
    assert.deepEqual(Object.keys(state.targets), ['lib.o']);
    assert.deepEqual(Object.keys(state.targets['lib.o']), ['inputs', 'output']);
    assert.equal(state.targets['lib.o'].output, sha('lib\ncompiled\n'));
    assert.match(state.targets['lib.o'].inputs, /^[0-9a-f]{64}$/);
    assert.equal(r.files['.bld-state'], JSON.stringify(state, null, 2) + '\n');
    const again = await same(['main.o', 'app'], r.files);
    assert.deepEqual(Object.keys(JSON.parse(again.files['.bld-state']).targets), ['app', 'lib.o', 'main.o']);
  });

  it('only what depends on a changed source is rebuilt', async () => {
    const first = await ok([], CHAIN);
    const r = await ok([], { ...first.files, 'main.c': 'main v2\n' });
    assert.equal(r.stdout, 'copy main.c main.o\nappend main.o compiled\nconcat app lib.o main.o\n');
    assert.equal(r.files.app, 'lib\ncompiled\nmain v2\ncompiled\n');
  });

  it('a changed recipe rebuilds', async () => {
    const first = await ok([], CHAIN);
    const files = { ...first.files, Buildfile: first.files.Buildfile.replace('concat $@ $^', 'concat $@ $^ main.c') };
    const r = await ok([], files);
    assert.equal(r.stdout, 'concat app lib.o main.o main.c\n');
    const viaVar = await ok(['X=1'], { ...first.files, Buildfile: 'X = 0\n' + first.files.Buildfile.replace('append $@ compiled', 'append $@ compiled $(X)') });
    assert.match(viaVar.stdout, /^copy lib.c lib.o\n/);
  });

  it('a prerequisite order change rebuilds', async () => {
    const first = await ok([], CHAIN);
    const r = await ok([], { ...first.files, Buildfile: first.files.Buildfile.replace('app: lib.o main.o', 'app: main.o lib.o') });
    assert.equal(r.stdout, 'concat app main.o lib.o\n');
  });

  it('early cut-off: a rebuilt prerequisite with the same content does not rebuild dependents', async () => {
    const bf = 'out.txt: gen.h\n\tcopy gen.h out.txt\n\tappend out.txt end\ngen.h: gen.src\n\t@echo regen\n\twrite gen.h fixed\n';
    const first = await ok([], { Buildfile: bf, 'gen.src': 'v1' });
    assert.equal(first.stdout, 'regen\nwrite gen.h fixed\ncopy gen.h out.txt\nappend out.txt end\n');
    const r = await ok([], { ...first.files, 'gen.src': 'v2' });
    assert.equal(r.stdout, 'regen\nwrite gen.h fixed\n');
  });

  it('a target edited by hand is rebuilt; a deleted one too', async () => {
    const first = await ok([], CHAIN);
    let r = await ok([], { ...first.files, app: 'tampered' });
    assert.equal(r.stdout, 'concat app lib.o main.o\n');
    const files = { ...first.files };
    delete files['lib.o'];
    r = await ok([], files);
    assert.equal(r.stdout, 'copy lib.c lib.o\nappend lib.o compiled\n');
    assert.equal(r.files.app, first.files.app);
  });

  it('a target without a record is rebuilt', async () => {
    const first = await ok([], CHAIN);
    const files = { ...first.files };
    delete files['.bld-state'];
    const r = await ok([], files);
    assert.equal(r.stdout, first.stdout);
  });

  it('a phony prerequisite always rebuilds; a phony order-only one does not', async () => {
    const bf = '.PHONY: force prep\nall: a b\n\t@write all x\na: force\n\twrite a 1\nb: | prep\n\twrite b 1\nprep:\n\t@echo prep\n';
    const first = await ok([], { Buildfile: bf });
    const r = await ok([], first.files);
    assert.equal(r.stdout, 'write a 1\nprep\n');
  });

  it('-B rebuilds every target with a recipe', async () => {
    const first = await ok([], CHAIN);
    const r = await ok(['-B'], first.files);
    assert.equal(r.stdout, first.stdout);
  });

  it('a failed target loses its record; the others keep theirs', async () => {
    const bf = 'all: a b\n\tconcat all a b\na:\n\twrite a 1\nb: bsrc\n\tcopy bsrc b\n\tfail $(F)\n';
    const first = await ok(['F=1', 'a', 'other'], { Buildfile: bf + 'other:\n\twrite other o\n' });
    const withB = await b(['-k', 'F=1'], { ...first.files, bsrc: 's' });
    const state = JSON.parse(withB.files['.bld-state']).targets;
    assert.deepEqual(Object.keys(state), ['a', 'other']);
    assert.equal(withB.files.b, undefined);
    assert.equal(withB.status, 1);
  });

  it('an invalid state file is ignored with a warning', async () => {
    for (const bad of ['not json', '{"version": 2, "targets": {}}', '[]', '{"version": 1, "targets": 3}']) {
      const r = await b([], { ...CHAIN, '.bld-state': bad, 'lib.c': 'x' });
      assert.equal(r.stderr, 'bld: ignoring invalid state file\n');
      assert.equal(r.status, 0);
      assert.equal(r.stdout.split('\n').length, 6);
      assert.deepEqual(Object.keys(JSON.parse(r.files['.bld-state']).targets), ['app', 'lib.o', 'main.o']);
    }
  });

  it('malformed records are ignored, unknown records kept', async () => {
    const first = await ok([], CHAIN);
    const st = JSON.parse(first.files['.bld-state']);
    st.targets['main.o'] = { inputs: 5, output: 'x' };
    st.targets['zzz'] = { inputs: 'i', output: 'o' };
    const r = await ok([], { ...first.files, '.bld-state': JSON.stringify(st) });
    assert.equal(r.stdout, 'copy main.c main.o\nappend main.o compiled\n');
    assert.deepEqual(JSON.parse(r.files['.bld-state']).targets.zzz, { inputs: 'i', output: 'o' });
  });

  it('dry run: prints every command, changes nothing, dependents count as out of date', async () => {
    const first = await ok([], { ...CHAIN, Buildfile: CHAIN.Buildfile.replace('\tconcat', '\t@echo linking\n\tconcat') });
    const files = { ...first.files, 'lib.c': 'lib v2\n' };
    const r = await ok(['-n'], files);
    assert.equal(r.stdout, 'copy lib.c lib.o\nappend lib.o compiled\necho linking\nconcat app lib.o main.o\n');
    assert.deepEqual(r.files, Object.fromEntries(Object.entries(files).sort(([x], [y]) => (x < y ? -1 : 1))));
    const fresh = await ok(['-n'], CHAIN);
    assert.equal(fresh.files['.bld-state'], undefined);
    const up = await ok(['-n'], first.files);
    assert.equal(up.stdout, "bld: 'app' is up to date.\n");
  });

  it('targets without a recipe and their messages', async () => {
    const bf = 'group: x y\nx:\n\twrite x 1\ny:\n\twrite y 1\n';
    const first = await ok([], { Buildfile: bf });
    assert.equal(first.stdout, 'write x 1\nwrite y 1\n');
    const r = await ok(['group', 'x', 'group'], first.files);
    assert.equal(r.stdout, "bld: nothing to be done for 'group'.\nbld: 'x' is up to date.\n");
  });
});
