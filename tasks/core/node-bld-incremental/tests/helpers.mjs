import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { agentImport, agentRun, agentTmpDir } from '/opt/harness/agent.mjs';
import * as ref from './ref/src/index.mjs';

export const bld = await agentImport(new URL('../src/index.mjs', import.meta.url));
export const SCRIPT = fileURLToPath(new URL('../bin/bld.mjs', import.meta.url));
export { agentRun, agentTmpDir, ref };

// Runs the program under test on an in-memory directory.
export async function b(args, files) {
  const r = await bld.run(args, files);
  assert.equal(typeof r, 'object');
  return r;
}

// Runs both the program and the reference; they must agree on everything.
export async function same(args, files, label = '') {
  const want = ref.run(args, structuredClone(files));
  const got = await b(args, structuredClone(files));
  assert.deepEqual(got, want, `${label} bld ${JSON.stringify(args)}`);
  return got;
}

// The stdout of a successful run.
export async function ok(args, files) {
  const r = await b(args, files);
  assert.equal(r.stderr, '', `stderr of ${JSON.stringify(args)}`);
  assert.equal(r.status, 0);
  return r;
}

// A fatal error: exact stderr line, nothing else, nothing written.
export async function fatal(args, files, message) {
  const r = await b(args, files);
  assert.equal(r.stderr, `bld: ${message}\n`);
  assert.equal(r.stdout, '');
  assert.equal(r.status, 2);
  assert.deepEqual(r.files, sortedFiles(files));
  return r;
}

export function sortedFiles(files) {
  const out = {};
  for (const k of Object.keys(files).sort()) out[k] = files[k];
  return out;
}

// Output of `@echo` lines in a one-rule Buildfile: each text is the part
// after "echo" on a recipe line; vars are extra lines before the rule.
export async function echoes(prelude, texts, args = []) {
  const bf = `${prelude}\n.PHONY: t\nt:\n${texts.map((t) => `\t@echo ${t}\n`).join('')}`;
  const r = await b([...args, 't'], { Buildfile: bf });
  assert.equal(r.stderr, '', `stderr for ${JSON.stringify(bf)}`);
  assert.equal(r.status, 0);
  return r.stdout === '' ? [] : r.stdout.slice(0, -1).split('\n');
}

// Deterministic pseudo-random numbers.
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
