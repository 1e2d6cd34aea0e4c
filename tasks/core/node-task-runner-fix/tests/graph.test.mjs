import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, findCycle } from '../src/graph.mjs';
import { assertCycle } from './helpers.mjs';

const noop = () => {};
const tasksOf = (deps) => Object.entries(deps).map(([id, d]) => ({ id, deps: d, run: noop }));

describe('buildGraph', () => {
  it('indexes tasks, removes duplicate deps and lists dependents', () => {
    const g = buildGraph(tasksOf({ a: [], b: ['a', 'a'], c: ['a', 'b', 'b'] }));
    assert.deepEqual([...g.keys()], ['a', 'b', 'c']);
    assert.deepEqual(g.get('b').deps, ['a']);
    assert.deepEqual(g.get('c').deps, ['a', 'b']);
    assert.deepEqual(g.get('a').dependents, ['b', 'c']);
    assert.deepEqual(g.get('b').dependents, ['c']);
    assert.equal(g.get('c').index, 2);
  });

  it('defaults deps to none', () => {
    const g = buildGraph([{ id: 'x', run: noop }]);
    assert.deepEqual(g.get('x').deps, []);
    assert.deepEqual(g.get('x').dependents, []);
  });

  it('rejects duplicate ids and unknown dependencies', () => {
    assert.throws(() => buildGraph(tasksOf({ a: [] }).concat(tasksOf({ a: [] }))), { message: 'duplicate task id: a' });
    assert.throws(() => buildGraph(tasksOf({ a: [], b: ['a', 'zz'] })), { message: 'task b depends on unknown task zz' });
  });

  it('rejects malformed tasks', () => {
    assert.throws(() => buildGraph([{ id: 'a' }]), TypeError);
    assert.throws(() => buildGraph([{ run: noop }]), TypeError);
    assert.throws(() => buildGraph('nope'), TypeError);
  });
});

describe('findCycle', () => {
  it('finds none in acyclic graphs', () => {
    assert.equal(findCycle(buildGraph([])), null);
    assert.equal(findCycle(buildGraph(tasksOf({ a: [], b: ['a'], c: ['b'] }))), null);
  });

  it('finds none in a diamond and in shared sub-graphs', () => {
    assert.equal(findCycle(buildGraph(tasksOf({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }))), null);
    assert.equal(findCycle(buildGraph(tasksOf({ d: ['b', 'c'], b: ['a'], c: ['a'], a: [] }))), null);
    const deps = { base: [] };
    for (let i = 0; i < 30; i++) deps[`t${i}`] = ['base', ...(i > 0 ? [`t${i - 1}`] : []), ...(i > 1 ? [`t${i - 2}`] : [])];
    assert.equal(findCycle(buildGraph(tasksOf(deps))), null);
  });

  it('finds a self-dependency', () => {
    assert.deepEqual(findCycle(buildGraph(tasksOf({ a: ['a'] }))), ['a', 'a']);
    const deps = { x: [], y: ['x', 'y'] };
    assertCycle(assert, findCycle(buildGraph(tasksOf(deps))), deps, ['y']);
  });

  it('finds longer cycles', () => {
    const deps = { a: ['b'], b: ['a'] };
    assertCycle(assert, findCycle(buildGraph(tasksOf(deps))), deps, ['a', 'b']);
    const deps3 = { start: [], p: ['start', 'r'], q: ['p'], r: ['q'], tail: ['p'] };
    assertCycle(assert, findCycle(buildGraph(tasksOf(deps3))), deps3, ['p', 'q', 'r']);
  });

  it('finds a cycle behind a diamond', () => {
    const deps = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['d', 'f'], f: ['e'] };
    assertCycle(assert, findCycle(buildGraph(tasksOf(deps))), deps, ['e', 'f']);
  });
});
