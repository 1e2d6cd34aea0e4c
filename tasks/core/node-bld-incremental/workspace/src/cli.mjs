// Command-line arguments (SPEC.md section 1).
import { BldError } from './errors.mjs';

const VAR_RE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export function parseArgs(argv) {
  const opts = { jobs: 1, keepGoing: false, dryRun: false, always: false, timeline: false, file: 'Buildfile', variables: [], goals: [] };
  let i = 0;
  let optionsDone = false;
  const jobsValue = (v) => {
    if (v === undefined || !/^[1-9][0-9]*$/.test(v) || Number(v) > 64) throw new BldError('-j needs an integer from 1 to 64');
    return Number(v);
  };
  while (i < argv.length) {
    const a = argv[i];
    i += 1;
    if (!optionsDone && a === '--') {
      optionsDone = true;
      continue;
    }
    if (!optionsDone && a.startsWith('-') && a !== '-') {
      if (a === '-k') opts.keepGoing = true;
      else if (a === '-n') opts.dryRun = true;
      else if (a === '-B') opts.always = true;
      else if (a === '--timeline') opts.timeline = true;
      else if (a === '-j') {
        opts.jobs = jobsValue(argv[i]);
        i += 1;
      } else if (a.startsWith('-j')) opts.jobs = jobsValue(a.slice(2));
      else if (a === '-f') {
        if (i >= argv.length || argv[i] === '') throw new BldError('-f needs a file name');
        opts.file = argv[i];
        i += 1;
      } else throw new BldError(`unknown option '${a}'`);
      continue;
    }
    const m = VAR_RE.exec(a);
    if (m) opts.variables.push([m[1], m[2]]);
    else if (a === '') throw new BldError('empty target name');
    else opts.goals.push(a);
  }
  return opts;
}
