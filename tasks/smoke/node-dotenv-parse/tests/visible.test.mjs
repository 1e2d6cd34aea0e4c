import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { parseEnv } = await agentImport(new URL('../dotenv.mjs', import.meta.url));

test('simple assignments', async () => {
  assert.deepEqual({ ...(await parseEnv('A=1\nB=hello\n')) }, { A: '1', B: 'hello' });
});

test('comments and blank lines are ignored', async () => {
  assert.deepEqual({ ...(await parseEnv('# comment\n\nNAME=value # trailing\n')) }, { NAME: 'value' });
});

test('quoted values', async () => {
  assert.deepEqual({ ...(await parseEnv(`S='a # b'\nD="x\\ny"\n`)) }, { S: 'a # b', D: 'x\ny' });
});

test('missing = is a SyntaxError with the line number', async () => {
  await assert.rejects(async () => await parseEnv('A=1\nnot an assignment\n'), (err) => err instanceof SyntaxError && /line 2/.test(err.message));
});
