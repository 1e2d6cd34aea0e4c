// Runs the build plan on a simulated clock (SPEC.md section 7).
//
// Jobs take the time their `sleep` commands add up to; everything else takes
// no time. At most `jobs` recipes run at once.
import { allPrereqs } from './graph.mjs';
import { Heap } from './heap.mjs';
import { hashFile, signature } from './hash.mjs';
import { runCommand, splitCommand } from './shell.mjs';

export class Scheduler {
  constructor({ graph, fsys, state, jobs = 1, keepGoing = false, dryRun = false, always = false }) {
    this.graph = graph;
    this.fsys = fsys;
    this.state = state;
    this.jobs = jobs;
    this.keepGoing = keepGoing;
    this.dryRun = dryRun;
    this.always = always;

    this.time = 0;
    this.seq = 0;
    this.stopped = false;
    this.failed = false;
    this.status = new Map(); // name -> 'done' | 'failed' | 'skipped'
    this.hashes = new Map();
    this.remaining = new Map();
    this.ran = new Set(); // targets whose recipe was started
    this.dryRebuilt = new Set();
    this.running = [];
    this.ready = new Heap((a, b) => (a.readyTime !== b.readyTime ? a.readyTime < b.readyTime : a.node.index < b.node.index));
    this.timeline = []; // every job, in start order
    this.stdout = [];
    this.stderr = [];
  }

  run() {
    for (const node of this.graph.order) this.remaining.set(node.name, allPrereqs(node).length);
    const leaves = this.graph.order.filter((node) => this.remaining.get(node.name) === 0);
    for (const node of leaves) this.becomeReady(node);
    for (;;) {
      while (!this.stopped && this.running.length < this.jobs && this.ready.size > 0) {
        this.start(this.ready.pop().node);
      }
      if (this.running.length === 0) break;
      let t = Infinity;
      for (const job of this.running) t = Math.min(t, job.finish);
      const finished = this.running.filter((j) => j.finish === t).sort((a, b) => a.seq - b.seq);
      this.running = this.running.filter((j) => j.finish !== t);
      this.time = t;
      for (const job of finished) this.complete(job);
    }
  }

  // Called when every prerequisite of `node` has been made. Nodes that need
  // no recipe run complete at once; the others wait for a job slot.
  becomeReady(node) {
    const decision = this.decide(node);
    if (decision === null) {
      this.succeed(node);
      return;
    }
    node.sig = decision;
    this.ready.push({ node, readyTime: this.time });
  }

  // null when nothing has to run, else the input signature to record.
  decide(node) {
    if (node.kind === 'source') return null;
    if (node.lines.length === 0) return null;
    if (node.kind === 'phony') return '';
    let outOfDate = this.always;
    const pairs = [];
    for (const p of node.prereqs) {
      const pn = this.graph.nodes.get(p);
      if (pn.kind === 'phony') outOfDate = true;
      if (this.dryRebuilt.has(p)) outOfDate = true;
      pairs.push([p, this.hashes.get(p)]);
    }
    const sig = signature(
      node.lines.map((l) => l.text),
      pairs,
    );
    if (outOfDate) return sig;
    const rec = this.state.get(node.name);
    if (!this.fsys.exists(node.name) || !rec || rec.inputs !== sig || rec.output !== hashFile(this.fsys, node.name)) {
      return sig;
    }
    return null;
  }

  start(node) {
    this.ran.add(node.name);
    const job = { node, start: this.time, seq: this.seq++, output: '', notes: [], status: 0, reason: null };
    let duration = 0;
    if (this.dryRun) {
      for (const l of node.lines) job.output += l.command + '\n';
      this.dryRebuilt.add(node.name);
    } else {
      const before = node.kind === 'target' ? this.fsys.read(node.name) : null;
      for (const l of node.lines) {
        if (!l.silent) job.output += l.command + '\n';
        const words = splitCommand(l.command);
        let r;
        if (words === null) r = { status: 2, output: 'bld: unterminated quote\n', time: 0 };
        else if (words.length === 0) continue;
        else r = runCommand(words, this.fsys);
        job.output += r.output;
        duration += r.time;
        if (r.status !== 0) {
          if (l.ignore) {
            job.notes.push(`bld: [${node.name}] Error ${r.status} (ignored)`);
            continue;
          }
          job.status = r.status;
          break;
        }
      }
      if (node.kind === 'target') {
        if (job.status === 0 && !this.fsys.exists(node.name)) {
          job.status = 1;
          job.reason = `recipe did not create '${node.name}'`;
        }
        if (job.status !== 0 && this.fsys.read(node.name) !== before) this.fsys.remove(node.name);
      }
    }
    job.finish = this.time + duration;
    this.timeline.push(job);
    this.running.push(job);
  }

  complete(job) {
    const node = job.node;
    this.stdout.push(job.output);
    for (const n of job.notes) this.stderr.push(n + '\n');
    if (job.status !== 0) {
      this.stderr.push(`bld: *** [${node.name}] ${job.reason ?? `Error ${job.status}`}\n`);
      this.failed = true;
      this.status.set(node.name, 'failed');
      if (node.kind === 'target') this.state.delete(node.name);
      if (!this.keepGoing) {
        this.stopped = true;
        this.ready.clear();
      }
      this.skipDependents(node);
      return;
    }
    if (node.kind === 'target' && !this.dryRun) {
      this.state.set(node.name, node.sig, hashFile(this.fsys, node.name));
    }
    this.succeed(node);
  }

  succeed(node) {
    this.status.set(node.name, 'done');
    this.hashes.set(node.name, node.kind === 'phony' ? '' : hashFile(this.fsys, node.name));
    if (this.stopped) return;
    for (const d of node.dependents) {
      const left = this.remaining.get(d.name) - 1;
      this.remaining.set(d.name, left);
      if (left === 0 && !this.status.has(d.name)) this.becomeReady(d);
    }
  }

  skipDependents(node) {
    const work = [...node.dependents];
    while (work.length > 0) {
      const d = work.pop();
      if (this.status.has(d.name)) continue;
      this.status.set(d.name, 'skipped');
      work.push(...d.dependents);
    }
  }
}
