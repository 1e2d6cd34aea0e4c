import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../src/index.mjs';

const PROJECT = {
  Buildfile: [
    'OBJS := $(patsubst %.c,%.o,main.c util.c)',
    '',
    'app: $(OBJS)',
    '\tconcat $@ $^',
    '\t@echo linked $@',
    '',
    '%.o: %.c',
    '\tcopy $< $@',
    '',
  ].join('\n'),
  'main.c': 'int main;\n',
  'util.c': 'int util;\n',
};

describe('bld basics', () => {
  it('builds, then is up to date', () => {
    const first = run([], PROJECT);
    assert.equal(first.status, 0);
    assert.equal(first.stderr, '');
    assert.equal(first.stdout, 'copy main.c main.o\ncopy util.c util.o\nconcat app main.o util.o\nlinked app\n');
    assert.equal(first.files.app, 'int main;\nint util;\n');
    const second = run([], first.files);
    assert.equal(second.stdout, "bld: 'app' is up to date.\n");
    assert.equal(second.status, 0);
  });

  it('rebuilds what depends on a changed source', () => {
    const first = run([], PROJECT);
    const r = run([], { ...first.files, 'util.c': 'int util2;\n' });
    assert.equal(r.stdout, 'copy util.c util.o\nconcat app main.o util.o\nlinked app\n');
  });

  it('runs two jobs at once with -j 2', () => {
    const bf = '.PHONY: all\nall: slow fast\nslow:\n\tsleep 3\n\twrite slow s\nfast:\n\tsleep 1\n\twrite fast f\n';
    const r = run(['-j', '2', '--timeline'], { Buildfile: bf });
    assert.equal(r.stdout, 'sleep 1\nwrite fast f\nsleep 3\nwrite slow s\nbld: timeline\n0 3 slow\n0 1 fast\n');
  });

  it('reports a missing prerequisite', () => {
    const r = run([], { Buildfile: 'app: main.o\n\tcopy main.o app\n' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "bld: no rule to make 'main.o' (needed by 'app')\n");
  });

  it('rejects a bad -j', () => {
    const r = run(['-j', 'many'], PROJECT);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'bld: -j needs an integer from 1 to 64\n');
  });
});
