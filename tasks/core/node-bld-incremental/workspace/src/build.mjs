// One bld invocation: parse, plan, run, report (SPEC.md sections 7-8).
import { BldError } from './errors.mjs';
import { allPrereqs, buildGraph } from './graph.mjs';
import { parse } from './parser.mjs';
import { expandRecipes } from './recipes.mjs';
import { Scheduler } from './scheduler.mjs';
import { BuildState } from './state.mjs';
import { unique } from './words.mjs';

// Every node reachable from `goal`, the goal included.
function closure(graph, goal) {
  const seen = new Set([goal]);
  const work = [goal];
  while (work.length > 0) {
    const n = graph.nodes.get(work.pop());
    for (const p of allPrereqs(n)) {
      if (!seen.has(p)) {
        seen.add(p);
        work.push(p);
      }
    }
  }
  return seen;
}

// Returns { status, stdout, stderr }. Throws BldError for fatal errors.
export function build(fsys, options) {
  const file = options.file ?? 'Buildfile';
  const source = fsys.read(file);
  if (source === null) throw new BldError(`cannot read '${file}'`);
  const db = parse(source, file, options.variables ?? [], (name) => fsys.read(name));
  const goals = unique(options.goals && options.goals.length > 0 ? options.goals : db.defaultGoal ? [db.defaultGoal] : []);
  if (goals.length === 0) throw new BldError('no targets');
  const graph = buildGraph(db, fsys, goals);
  expandRecipes(db, graph.order);

  const state = BuildState.load(fsys);
  const sched = new Scheduler({
    graph,
    fsys,
    state,
    jobs: options.jobs ?? 1,
    keepGoing: !!options.keepGoing,
    dryRun: !!options.dryRun,
    always: !!options.always,
  });
  const stderr = [];
  if (state.warning) stderr.push(`bld: ${state.warning}\n`);
  sched.run();
  if (!options.dryRun) state.save(fsys);

  const stdout = [...sched.stdout];
  stderr.push(...sched.stderr);
  for (const g of goals) {
    const st = sched.status.get(g);
    if (st !== 'done') {
      if (options.keepGoing) stderr.push(`bld: target '${g}' not remade because of errors.\n`);
      continue;
    }
    const reach = closure(graph, g);
    let anyRan = false;
    for (const n of reach) {
      if (sched.ran.has(n)) {
        anyRan = true;
        break;
      }
    }
    if (anyRan) continue;
    const node = graph.nodes.get(g);
    if (node.kind === 'target' && node.lines.length > 0) stdout.push(`bld: '${g}' is up to date.\n`);
    else stdout.push(`bld: nothing to be done for '${g}'.\n`);
  }
  if (options.timeline) {
    stdout.push('bld: timeline\n');
    for (const job of sched.timeline) {
      const end = job.status === 0 ? '' : ' failed';
      stdout.push(`${job.start} ${job.finish} ${job.node.name}${end}\n`);
    }
  }
  return { status: sched.failed ? 1 : 0, stdout: stdout.join(''), stderr: stderr.join('') };
}
