import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv } from '../dotenv.mjs';

test('simple assignments', () => {
  assert.deepEqual({ ...parseEnv('A=1\nB=hello\n') }, { A: '1', B: 'hello' });
});

test('comments and blank lines are ignored', () => {
  assert.deepEqual({ ...parseEnv('# comment\n\nNAME=value # trailing\n') }, { NAME: 'value' });
});

test('quoted values', () => {
  assert.deepEqual({ ...parseEnv(`S='a # b'\nD="x\\ny"\n`) }, { S: 'a # b', D: 'x\ny' });
});

test('missing = is a SyntaxError with the line number', () => {
  assert.throws(() => parseEnv('A=1\nnot an assignment\n'), (err) => err instanceof SyntaxError && /line 2/.test(err.message));
});
