import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runTasks } from '../src/runner.mjs';
import { settle, sleep, tracker, assertCycle } from './helpers.mjs';

const task = (id, deps, run) => ({ id, deps, run });

describe('runTasks: results', () => {
  it('handles an empty list', async () => {
    assert.deepEqual(await settle(runTasks([])), { results: {}, errors: {}, skipped: [], order: [] });
  });

  it('passes dependency results along a chain', async () => {
    const out = await settle(
      runTasks([
        task('a', [], async () => 1),
        task('b', ['a'], async ({ a }) => a + 1),
        task('c', ['b'], async (deps) => deps),
      ]),
    );
    assert.deepEqual(out.results, { a: 1, b: 2, c: { b: 2 } });
    assert.deepEqual(out.order, ['a', 'b', 'c']);
    assert.deepEqual(out.errors, {});
    assert.deepEqual(out.skipped, []);
  });

  it('runs a diamond once per task', async () => {
    const calls = [];
    const run = (id, f) => async (deps) => {
      calls.push(id);
      await sleep(2);
      return f(deps);
    };
    const out = await settle(
      runTasks([
        task('a', [], run('a', () => 'A')),
        task('b', ['a'], run('b', (d) => d.a + 'B')),
        task('c', ['a'], run('c', (d) => d.a + 'C')),
        task('d', ['b', 'c'], run('d', (d) => d)),
      ]),
    );
    assert.deepEqual(out.results.d, { b: 'AB', c: 'AC' });
    assert.deepEqual(calls.sort(), ['a', 'b', 'c', 'd']);
  });

  it('runs a task that lists a dependency twice', async () => {
    const out = await settle(runTasks([task('a', [], () => 5), task('b', ['a', 'a'], (d) => d)]));
    assert.deepEqual(out.results, { a: 5, b: { a: 5 } });
  });

  it('accepts plain functions and keeps undefined results', async () => {
    const out = await settle(runTasks([task('v', [], () => 'plain'), task('u', [], () => undefined), task('w', ['u'], (d) => 'u' in d)]));
    assert.deepEqual(Object.keys(out.results).sort(), ['u', 'v', 'w']);
    assert.equal(out.results.v, 'plain');
    assert.equal(out.results.u, undefined);
    assert.equal(out.results.w, true);
  });
});

describe('runTasks: failures', () => {
  it('records errors as thrown and skips dependents transitively', async () => {
    const boom = new Error('boom');
    const ran = [];
    const ok = (id) => async () => {
      ran.push(id);
      return id;
    };
    const out = await settle(
      runTasks([
        task('a', [], async () => { throw boom; }),
        task('b', ['a'], ok('b')),
        task('e', [], ok('e')),
        task('c', ['b'], ok('c')),
        task('d', ['c'], ok('d')),
        task('f', ['e', 'c'], ok('f')),
        task('g', ['e'], ok('g')),
      ]),
    );
    assert.equal(out.errors.a, boom);
    assert.deepEqual(Object.keys(out.errors), ['a']);
    assert.deepEqual(out.skipped, ['b', 'c', 'd', 'f']);
    assert.deepEqual(out.results, { e: 'e', g: 'g' });
    assert.deepEqual(ran.sort(), ['e', 'g']);
  });

  it('handles a synchronous throw with concurrency 1 and keeps going', async () => {
    const out = await settle(
      runTasks(
        [
          task('x', [], () => { throw new TypeError('sync'); }),
          task('y', [], async () => 'y'),
          task('z', ['x'], async () => 'z'),
          task('w', ['y'], () => 'w'),
        ],
        { concurrency: 1 },
      ),
    );
    assert.ok(out.errors.x instanceof TypeError);
    assert.deepEqual(out.results, { y: 'y', w: 'w' });
    assert.deepEqual(out.skipped, ['z']);
    assert.deepEqual(out.order, ['x', 'y', 'w']);
  });

  it('keeps non-Error rejection values as they are', async () => {
    const out = await settle(runTasks([task('s', [], () => Promise.reject('just a string')), task('n', [], async () => { throw 42; })]));
    assert.deepEqual(out.errors, { s: 'just a string', n: 42 });
  });

  it('skips a task with two failed dependencies once', async () => {
    const out = await settle(
      runTasks([
        task('p', [], async () => { throw new Error('p'); }),
        task('q', [], async () => { throw new Error('q'); }),
        task('r', ['p', 'q'], async () => 'r'),
        task('s', ['r'], async () => 's'),
      ]),
    );
    assert.deepEqual(out.skipped, ['r', 's']);
    assert.deepEqual(Object.keys(out.errors).sort(), ['p', 'q']);
  });

  it('skips deep chains below a failure', async () => {
    const tasks = [task('t0', [], async () => { throw new Error('root'); })];
    for (let i = 1; i <= 20; i++) tasks.push(task(`t${i}`, [`t${i - 1}`], async () => i));
    const out = await settle(runTasks(tasks, { concurrency: 2 }));
    assert.equal(out.skipped.length, 20);
    assert.deepEqual(out.skipped, tasks.slice(1).map((t) => t.id));
    assert.deepEqual(out.order, ['t0']);
  });
});

describe('runTasks: scheduling', () => {
  it('respects the concurrency limit and uses it', async () => {
    for (const concurrency of [1, 2, 3]) {
      const t = tracker();
      const tasks = Array.from({ length: 9 }, (_, i) => task(`j${i}`, [], t.job(i, 8)));
      const out = await settle(runTasks(tasks, { concurrency }));
      assert.equal(t.max, concurrency, `concurrency ${concurrency}`);
      assert.equal(Object.keys(out.results).length, 9);
    }
  });

  it('defaults to a concurrency of 4', async () => {
    const t = tracker();
    await settle(runTasks(Array.from({ length: 10 }, (_, i) => task(`j${i}`, [], t.job(i, 8)))));
    assert.equal(t.max, 4);
  });

  it('starts initially ready tasks in list order', async () => {
    const out = await settle(runTasks(['x', 'y', 'z', 'w'].map((id) => task(id, [], async () => id)), { concurrency: 1 }));
    assert.deepEqual(out.order, ['x', 'y', 'z', 'w']);
  });

  it('starts dependents that become ready together in list order', async () => {
    const out = await settle(
      runTasks([task('a', [], async () => 1), task('c', ['a'], async () => 3), task('b', ['a'], async () => 2), task('d', ['a'], async () => 4)], { concurrency: 1 }),
    );
    assert.deepEqual(out.order, ['a', 'c', 'b', 'd']);
  });

  it('starts tasks in the order they became ready', async () => {
    const out = await settle(
      runTasks([task('a', [], async () => 1), task('b', [], async () => 2), task('c', ['a'], async () => 3), task('d', [], async () => 4)], { concurrency: 1 }),
    );
    assert.deepEqual(out.order, ['a', 'b', 'd', 'c']);
  });

  it('waits for all dependencies', async () => {
    const done = new Set();
    const job = (id, ms) => async () => {
      await sleep(ms);
      done.add(id);
      return id;
    };
    const out = await settle(
      runTasks([
        task('slow', [], job('slow', 30)),
        task('fast', [], job('fast', 1)),
        task('both', ['fast', 'slow'], async () => [...done].sort()),
      ]),
    );
    assert.deepEqual(out.results.both, ['fast', 'slow']);
    assert.equal(out.order[2], 'both');
  });

  it('runs a layered graph of 200 tasks within the limit', async () => {
    const t = tracker();
    const tasks = [];
    for (let i = 0; i < 200; i++) {
      const deps = i < 10 ? [] : [`n${i - 10}`, `n${(i * 7) % (i - 5)}`];
      tasks.push(task(`n${i}`, deps, async (d) => {
        await t.job(null, 1)();
        return Object.values(d).reduce((s, v) => s + v, 1);
      }));
    }
    const out = await settle(runTasks(tasks, { concurrency: 5 }), 20000);
    assert.ok(t.max <= 5);
    assert.equal(Object.keys(out.results).length, 200);
    assert.equal(out.results.n0, 1);
    for (let i = 10; i < 200; i++) {
      assert.equal(out.results[`n${i}`], 1 + out.results[`n${i - 10}`] + (`n${(i * 7) % (i - 5)}` === `n${i - 10}` ? 0 : out.results[`n${(i * 7) % (i - 5)}`]));
    }
    const pos = new Map(out.order.map((id, k) => [id, k]));
    for (const tk of tasks) for (const d of tk.deps) assert.ok(pos.get(d) < pos.get(tk.id), `${d} before ${tk.id}`);
  });
});

describe('runTasks: validation', () => {
  it('rejects bad concurrency', async () => {
    for (const concurrency of [0, -2, 1.5, '2', null]) {
      await assert.rejects(settle(runTasks([task('a', [], () => 1)], { concurrency })), RangeError);
    }
  });

  it('rejects duplicate ids and unknown deps without running anything', async () => {
    let ran = 0;
    const run = () => ran++;
    await assert.rejects(settle(runTasks([task('a', [], run), task('a', [], run)])), { message: 'duplicate task id: a' });
    await assert.rejects(settle(runTasks([task('a', [], run), task('b', ['nope'], run)])), { message: 'task b depends on unknown task nope' });
    assert.equal(ran, 0);
  });

  it('rejects cycles with their path', async () => {
    let ran = 0;
    const run = () => ran++;
    await assert.rejects(settle(runTasks([task('ok', [], run), task('a', ['a'], run)])), { message: 'cycle: a -> a' });
    const deps = { root: [], a: ['root', 'c'], b: ['a'], c: ['b'] };
    const err = await settle(runTasks(Object.entries(deps).map(([id, d]) => task(id, d, run)))).then(
      () => assert.fail('expected a rejection'),
      (e) => e,
    );
    assert.match(err.message, /^cycle: /);
    assertCycle(assert, err.message.slice('cycle: '.length).split(' -> '), deps, ['a', 'b', 'c']);
    assert.equal(ran, 0);
  });

  it('accepts a diamond', async () => {
    const out = await settle(
      runTasks([task('a', [], () => 'a'), task('b', ['a'], () => 'b'), task('c', ['a'], () => 'c'), task('d', ['b', 'c'], () => 'd')]),
    );
    assert.deepEqual(out.results, { a: 'a', b: 'b', c: 'c', d: 'd' });
  });
});
