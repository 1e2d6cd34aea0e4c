import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b, ok, rng, same } from './helpers.mjs';

// A rule line plus recipe: name, prerequisites, sleep time, extra lines.
const rule = (name, prereqs, sleep, extra = []) =>
  `${name}: ${prereqs.join(' ')}\n\t@echo start ${name}\n\tsleep ${sleep}\n${extra.map((l) => `\t${l}\n`).join('')}\twrite ${name} ${name}\n`;

describe('scheduling (SPEC 7)', () => {
  it('-j 1 follows the build order', async () => {
    const bf = '.PHONY: all\nall: a b c\n' + rule('a', [], 3) + rule('b', [], 1) + rule('c', ['a'], 1);
    const r = await ok(['--timeline'], { Buildfile: bf });
    assert.equal(r.stdout.split('bld: timeline\n')[1], '0 3 a\n3 4 b\n4 5 c\n');
  });

  it('the queue is ordered by ready time before build order', async () => {
    // With -j 2: x finishes at 1 and makes d ready; c has been waiting since 0.
    const bf = '.PHONY: all\nall: x d long c\n' + rule('x', [], 1) + rule('d', ['x'], 1) + rule('long', [], 5) + rule('c', [], 1);
    const r = await ok(['-j2', '--timeline'], { Buildfile: bf });
    assert.equal(r.stdout.split('bld: timeline\n')[1], '0 1 x\n0 5 long\n1 2 c\n2 3 d\n');
  });

  it('jobs finishing together all complete before new ones start', async () => {
    // p (started first) and q finish at 4. q's dependent e comes before f (p's) in build order.
    const bf = '.PHONY: all\nall: q e p f\n' + rule('q', ['w'], 2) + rule('e', ['q'], 1) + rule('p', [], 4) + rule('f', ['p'], 1) + rule('w', [], 2);
    const r = await ok(['-j', '2', '--timeline'], { Buildfile: bf });
    assert.equal(r.stdout.split('bld: timeline\n')[1], '0 2 w\n0 4 p\n2 4 q\n4 5 e\n4 5 f\n');
    assert.equal(r.stdout.split('bld: timeline\n')[0], 'start w\nsleep 2\nwrite w w\nstart p\nsleep 4\nwrite p p\nstart q\nsleep 2\nwrite q q\nstart e\nsleep 1\nwrite e e\nstart f\nsleep 1\nwrite f f\n'.replace(/start p\nsleep 4\nwrite p p\nstart q\nsleep 2\nwrite q q\n/, 'start p\nsleep 4\nwrite p p\nstart q\nsleep 2\nwrite q q\n'));
  });

  it('output blocks appear in completion order', async () => {
    const bf = '.PHONY: all\nall: slow fast\n' + rule('slow', [], 5) + rule('fast', [], 1);
    const r = await ok(['-j2'], { Buildfile: bf });
    assert.equal(r.stdout, 'start fast\nsleep 1\nwrite fast fast\nstart slow\nsleep 5\nwrite slow slow\n');
  });

  it('up-to-date targets take no slot and no time', async () => {
    const bf = '.PHONY: all\nall: a b c\n' + rule('a', [], 2) + rule('b', [], 2) + rule('c', ['a'], 2);
    const first = await ok(['-j2'], { Buildfile: bf });
    const r = await ok(['-j2', '--timeline', 'all', 'b'], { ...first.files, Buildfile: bf.replace('sleep 2\n\twrite b', 'sleep 3\n\twrite b') });
    assert.equal(r.stdout, "start b\nsleep 3\nwrite b b\nbld: 'b' is up to date.\nbld: timeline\n0 3 b\n".replace("bld: 'b' is up to date.\n", ''));
  });

  it('without -k: no new job after a failure, running jobs finish and are recorded', async () => {
    const bf = '.PHONY: all\nall: bad long after\n' + rule('bad', [], 1, ['fail 3']) + rule('long', [], 4) + rule('after', [], 1);
    const r = await b(['-j', '2', '--timeline'], { Buildfile: bf });
    assert.equal(r.stdout, 'start bad\nsleep 1\nfail 3\nstart long\nsleep 4\nwrite long long\nbld: timeline\n0 1 bad failed\n0 4 long\n');
    assert.equal(r.stderr, 'bld: *** [bad] Error 3\n');
    assert.equal(r.status, 1);
    assert.equal(r.files.long, 'long\n');
    assert.deepEqual(Object.keys(JSON.parse(r.files['.bld-state']).targets), ['long']);
    assert.equal(r.files.after, undefined);
  });

  it('without -k: jobs finishing at the same time as the failure still complete', async () => {
    const bf = '.PHONY: all\nall: bad same\n' + rule('bad', [], 2, ['fail']) + rule('same', [], 2);
    const r = await b(['-j2'], { Buildfile: bf });
    assert.equal(r.stdout, 'start bad\nsleep 2\nfail\nstart same\nsleep 2\nwrite same same\n');
    assert.equal(r.stderr, 'bld: *** [bad] Error 1\n');
  });

  it('-k: builds what it can, reports goals not remade', async () => {
    const bf = '.PHONY: all\nall: top other\n' + rule('top', ['mid'], 1) + rule('mid', ['bad'], 1) + rule('bad', [], 1, ['fail 7']) + rule('other', [], 1) + 'ok:\n\twrite ok 1\n';
    const r = await b(['-k', 'all', 'ok', 'mid'], { Buildfile: bf });
    assert.equal(r.stdout, 'start bad\nsleep 1\nfail 7\nstart other\nsleep 1\nwrite other other\nwrite ok 1\n');
    assert.equal(r.stderr, "bld: *** [bad] Error 7\nbld: target 'all' not remade because of errors.\nbld: target 'mid' not remade because of errors.\n");
    assert.equal(r.status, 1);
  });

  it('ignored errors and failures print at completion, in completion order', async () => {
    const bf = '.PHONY: all\nall: a b\n' + rule('a', [], 3, ['-fail 4']) + rule('b', [], 1, ['fail 5']);
    const r = await b(['-j2', '-k'], { Buildfile: bf });
    assert.equal(r.stderr, "bld: *** [b] Error 5\nbld: [a] Error 4 (ignored)\nbld: target 'all' not remade because of errors.\n");
    assert.equal(r.stdout, 'start b\nsleep 1\nfail 5\nstart a\nsleep 3\nfail 4\nwrite a a\n');
  });

  it('dry run with -j: zero-time jobs in build order', async () => {
    const bf = '.PHONY: all\nall: a b c\n' + rule('a', [], 3) + rule('b', [], 1) + rule('c', ['a'], 1);
    const r = await ok(['-n', '-j', '3', '--timeline'], { Buildfile: bf });
    assert.equal(r.stdout, 'echo start a\nsleep 3\nwrite a a\necho start b\nsleep 1\nwrite b b\necho start c\nsleep 1\nwrite c c\nbld: timeline\n0 0 a\n0 0 b\n0 0 c\n');
  });
});

// Random Buildfiles built twice (the second time after edits), compared with the reference.
function randomProject(seed) {
  const rand = rng(seed);
  const pick = (n) => Math.floor(rand() * n);
  const n = 6 + pick(12);
  const names = Array.from({ length: n }, (_, i) => `t${i}`);
  const sources = ['s0', 's1', 's2'];
  const phony = new Set();
  let bf = '';
  for (let i = n - 1; i >= 0; i--) {
    const pre = [];
    for (let j = i + 1; j < n; j++) if (rand() < 0.25) pre.push(names[j]);
    if (rand() < 0.5) pre.push(sources[pick(3)]);
    const oo = rand() < 0.2 && i + 1 < n ? ` | ${names[i + 1 + pick(n - i - 1)]}` : '';
    if (rand() < 0.12) phony.add(names[i]);
    const lines = [];
    if (rand() < 0.5) lines.push(`@echo building $@ from $^`);
    lines.push(`sleep ${[0, 1, 2, 2, 2, 4][pick(6)]}`);
    if (rand() < 0.1) lines.push(`-fail ${1 + pick(3)}`);
    if (rand() < 0.08) lines.push('fail 2');
    if (phony.has(names[i])) lines.push('echo phony $@');
    else if (rand() < 0.4) lines.push('write $@ constant');
    else lines.push(pre.length ? 'concat $@ $^' : 'write $@ $@');
    bf += `${names[i]}: ${pre.join(' ')}${oo}\n${lines.map((l) => `\t${l}\n`).join('')}`;
  }
  if (phony.size) bf += `.PHONY: ${[...phony].join(' ')}\n`;
  const files = { Buildfile: bf, s0: 'zero\n', s1: 'one\n', s2: 'two\n' };
  const args = [];
  const j = 1 + pick(5);
  if (j > 1) args.push(`-j${j}`);
  if (rand() < 0.5) args.push('-k');
  args.push('--timeline');
  const goals = [];
  for (let g = 0; g < 1 + pick(3); g++) goals.push(names[pick(Math.min(n, 4))]);
  return { files, args: [...args, ...goals], edit: sources[pick(3)], seed };
}

describe('scheduling agrees with the reference (randomized)', () => {
  for (let group = 0; group < 8; group++) {
    it(`seeds ${group * 10 + 1}-${group * 10 + 10}`, async () => {
      for (let seed = group * 10 + 1; seed <= group * 10 + 10; seed++) {
        const p = randomProject(seed * 7919);
        const first = await same(p.args, p.files, `seed ${seed} first`);
        const edited = { ...first.files, [p.edit]: first.files[p.edit] + 'edit\n' };
        await same(p.args, edited, `seed ${seed} after edit`);
        await same(p.args.filter((a) => a !== '-k'), edited, `seed ${seed} without -k`);
      }
    });
  }
});
