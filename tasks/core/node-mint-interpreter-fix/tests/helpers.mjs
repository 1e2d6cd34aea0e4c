import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { agentImport, agentRun, agentTmpDir } from '/opt/harness/agent.mjs';

export const mint = await agentImport(new URL('../src/index.mjs', import.meta.url));
export const SCRIPT = fileURLToPath(new URL('../mint.mjs', import.meta.url));
export { agentRun, agentTmpDir };

// Output of a program that must succeed.
export async function out(source) {
  return await mint.run(source);
}

// The lines a program prints.
export async function lines(source) {
  const text = await mint.run(source);
  assert.equal(typeof text, 'string');
  assert.ok(text === '' || text.endsWith('\n'), `output ends with a newline: ${JSON.stringify(text)}`);
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

// The MintError a program must raise.
export async function fails(source) {
  try {
    await mint.run(source);
  } catch (err) {
    assert.equal(err.name, 'MintError', `expected a MintError, got ${err.name}: ${err.message}`);
    return err;
  }
  assert.fail(`expected a MintError from ${JSON.stringify(source)}`);
}

export async function failsWith(source, line, text, kind) {
  const err = await fails(source);
  assert.equal(err.message, `line ${line}: ${text}`);
  assert.equal(err.line, line);
  if (kind !== undefined) assert.equal(err.kind, kind);
  return err;
}

export function mintCli(args, input = '') {
  const r = agentRun(['node', SCRIPT, ...args], { input, cwd: agentTmpDir('mint-'), timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}
