import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRIPT, agentRun, agentTmpDir, b, fatal, ok } from './helpers.mjs';

function cli(dir, args) {
  const r = agentRun(['node', SCRIPT, ...args], { cwd: dir, timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

describe('command line (SPEC 1)', () => {
  it('builds in the current directory and records state', () => {
    const dir = agentTmpDir('bld-cli-');
    writeFileSync(join(dir, 'Buildfile'), 'out: in\n\tcopy in out\n\t@echo done\n');
    writeFileSync(join(dir, 'in'), 'data\n');
    let r = cli(dir, []);
    assert.equal(r.stdout, 'copy in out\ndone\n');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(readFileSync(join(dir, 'out'), 'utf8'), 'data\n');
    assert.ok(existsSync(join(dir, '.bld-state')));
    r = cli(dir, []);
    assert.equal(r.stdout, "bld: 'out' is up to date.\n");
  });

  it('exit statuses 1 and 2 on the command line', () => {
    const dir = agentTmpDir('bld-cli-');
    writeFileSync(join(dir, 'Buildfile'), 'a:\n\tfail 3\n');
    let r = cli(dir, ['-k']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "bld: *** [a] Error 3\nbld: target 'a' not remade because of errors.\n");
    r = cli(dir, ['-j', '0']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'bld: -j needs an integer from 1 to 64\n');
    r = cli(dir, ['-f', 'nope.bld']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "bld: cannot read 'nope.bld'\n");
  });

  it('option errors', async () => {
    const files = { Buildfile: 'a:\n\twrite a 1\n' };
    for (const j of [['-j'], ['-j', 'x'], ['-j', '65'], ['-j', '-1'], ['-j', '02'], ['-j0'], ['-j+3'], ['-j', '1.5']]) {
      await fatal(j, files, '-j needs an integer from 1 to 64');
    }
    await fatal(['-f'], files, '-f needs a file name');
    await fatal(['-x'], files, "unknown option '-x'");
    await fatal(['--jobs=2'], files, "unknown option '--jobs=2'");
    await fatal(['-kn'], files, "unknown option '-kn'");
    await fatal(['a', ''], files, 'empty target name');
    await fatal([], {}, "cannot read 'Buildfile'");
  });

  it('options anywhere, -jN, --, -f', async () => {
    const files = { 'my.bld': '.PHONY: x -k\nx:\n\t@echo x $(V)\n-k:\n\t@echo dash\n' };
    const r = await ok(['x', '-f', 'my.bld', 'V=1', '-j64', '--', '-k', 'x'], files);
    assert.equal(r.stdout, 'x 1\ndash\n');
    const r2 = await ok(['-f', 'my.bld', '-j', '64'], files);
    assert.equal(r2.stdout, 'x\n');
  });

  it('errors in a -f file use its name', async () => {
    await fatal(['-f', 'sub/build.bld'], { 'sub/build.bld': 'ok:\n\ttrue\nbad line\n' }, 'sub/build.bld:3: expected a rule or an assignment');
  });

  it('a fatal error writes no state file', async () => {
    const r = await b([], { Buildfile: 'a: b\nb: a\n', '.bld-state': 'garbage' });
    assert.equal(r.stderr, 'bld: dependency cycle: a -> b -> a\n');
    assert.equal(r.files['.bld-state'], 'garbage');
  });
});
