import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPool } from '../src/pool.mjs';
import { settle, sleep, tracker } from './helpers.mjs';

describe('createPool', () => {
  it('never runs more than the limit at once', async () => {
    for (const limit of [1, 2, 3]) {
      const t = tracker();
      const pool = createPool(limit);
      const values = await settle(Promise.all(Array.from({ length: 8 }, (_, i) => pool.run(t.job(i, 5)))));
      assert.deepEqual(values, [0, 1, 2, 3, 4, 5, 6, 7]);
      assert.equal(t.max, limit, `limit ${limit}`);
    }
  });

  it('reports active and queued counts', async () => {
    const pool = createPool(2);
    const all = Promise.all([1, 2, 3, 4, 5].map((i) => pool.run(() => sleep(5).then(() => i))));
    assert.equal(pool.active, 2);
    assert.equal(pool.queued, 3);
    await settle(all);
    assert.equal(pool.active, 0);
    assert.equal(pool.queued, 0);
  });

  it('starts functions in the order they were queued', async () => {
    const pool = createPool(1);
    const started = [];
    await settle(Promise.all(['a', 'b', 'c', 'd'].map((x) => pool.run(async () => started.push(x)))));
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  });

  it('accepts plain functions that return values or throw', async () => {
    const pool = createPool(1);
    assert.equal(await settle(pool.run(() => 42)), 42);
    const boom = new Error('boom');
    await assert.rejects(settle(pool.run(() => { throw boom; })), (e) => e === boom);
    assert.equal(await settle(pool.run(() => 'still works')), 'still works');
    assert.equal(pool.active, 0);
  });

  it('frees the slot after a rejection', async () => {
    const pool = createPool(1);
    await assert.rejects(settle(pool.run(async () => { throw new Error('x'); })), /x/);
    assert.equal(await settle(pool.run(async () => 'next')), 'next');
  });

  it('rejects bad limits', () => {
    for (const bad of [0, -1, 1.5, '2', undefined]) assert.throws(() => createPool(bad), RangeError);
  });
});
