#!/usr/bin/env node
// bld: a small content-hash build tool. See SPEC.md.
import { DiskFS, runOn } from '../src/index.mjs';

const result = runOn(new DiskFS(process.cwd()), process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.status;
