import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./perf-child.mjs', import.meta.url));
const CPU_LIMIT_MS = 5000;

test('100k SKUs reconcile in well under 5 s of CPU time', () => {
  const run = spawnSync(process.execPath, [CHILD], { encoding: 'utf8', timeout: 45_000, killSignal: 'SIGKILL' });
  assert.equal(run.error?.code, undefined, `child did not finish in 45 s of wall time (${run.error?.code})`);
  assert.equal(run.status, 0, `child failed:\n${run.stderr}`);
  const report = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.deepEqual(report.got, report.want);
  assert.equal(report.sorted, true);
  assert.ok(report.cpuMs < CPU_LIMIT_MS, `reconcile took ${report.cpuMs.toFixed(0)} ms of CPU time (limit ${CPU_LIMIT_MS} ms)`);
});
