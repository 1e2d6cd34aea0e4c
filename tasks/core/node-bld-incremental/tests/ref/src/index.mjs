// Library entry point.
import { build } from './build.mjs';
import { parseArgs } from './cli.mjs';
import { BldError } from './errors.mjs';
import { DiskFS, MemoryFS } from './fsys.mjs';

export { BldError, DiskFS, MemoryFS, build, parseArgs };

// Runs bld with command-line `args` against `fsys`. Never throws for bld's
// own errors: returns { status, stdout, stderr }.
export function runOn(fsys, args) {
  try {
    return build(fsys, parseArgs(args));
  } catch (err) {
    if (err instanceof BldError) return { status: err.status, stdout: '', stderr: `bld: ${err.message}\n` };
    throw err;
  }
}

// Runs bld on an in-memory directory given as { name: content }. Returns
// { status, stdout, stderr, files } where `files` is the directory afterwards.
export function run(args, files) {
  const fsys = new MemoryFS(files);
  const result = runOn(fsys, args);
  return { ...result, files: fsys.snapshot() };
}
