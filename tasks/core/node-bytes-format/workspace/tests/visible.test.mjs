import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { formatBytes, parseBytes } = await agentImport(new URL('../bytes.mjs', import.meta.url));

test('formats small and decimal sizes', async () => {
  assert.equal(await formatBytes(0), '0 B');
  assert.equal(await formatBytes(512), '512 B');
  assert.equal(await formatBytes(1000), '1 kB');
  assert.equal(await formatBytes(1500), '1.5 kB');
});

test('formats binary sizes', async () => {
  assert.equal(await formatBytes(1536, { binary: true }), '1.5 KiB');
});

test('parses sizes', async () => {
  assert.equal(await parseBytes('1.5 kB'), 1500);
  assert.equal(await parseBytes('1 KiB'), 1024);
  assert.equal(await parseBytes('42'), 42);
});

test('rejects garbage', async () => {
  await assert.rejects(async () => await parseBytes('abc'), SyntaxError);
});
