import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { b, ref } from './helpers.mjs';

// Layers of two targets, each depending on both targets of the layer below:
// the number of paths doubles with every layer.
function diamond(layers) {
  let bf = '.PHONY: all\nall: a0 b0\n';
  for (let i = 0; i < layers; i++) {
    const below = i + 1 < layers ? `a${i + 1} b${i + 1}` : 'src';
    bf += `a${i} b${i}: ${below}\n\t@write $@ $@\n`;
  }
  return { Buildfile: bf, src: 'source\n' };
}

async function best(fn, reps = 3) {
  let min = Infinity;
  let result;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    min = Math.min(min, ms);
  }
  return { ms: min, result };
}

describe('graph size (R33)', () => {
  it('a small diamond builds correctly', async () => {
    const files = diamond(6);
    const r = await b(['-j', '2'], files);
    assert.deepEqual(r, ref.run(['-j', '2'], files));
    assert.equal(r.status, 0);
  });

  it('a deep diamond: within 3x of the reference', async () => {
    const files = diamond(1200);
    const want = await best(() => ref.run(['-n'], files));
    const got = await best(() => b(['-n'], files));
    assert.equal(got.result.stdout, want.result.stdout);
    assert.ok(got.ms <= 3 * want.ms + 1500, `bld took ${got.ms.toFixed(0)} ms, the reference ${want.ms.toFixed(0)} ms`);
  });

  it('a deep diamond, built and then up to date', async () => {
    const files = diamond(800);
    const first = await b(['-j', '4'], files);
    assert.equal(first.status, 0);
    const want = await best(() => ref.run(['-j', '4'], first.files));
    const got = await best(() => b(['-j', '4'], first.files));
    assert.equal(got.result.stdout, "bld: nothing to be done for 'all'.\n");
    assert.ok(got.ms <= 3 * want.ms + 1500, `bld took ${got.ms.toFixed(0)} ms, the reference ${want.ms.toFixed(0)} ms`);
  });
});
