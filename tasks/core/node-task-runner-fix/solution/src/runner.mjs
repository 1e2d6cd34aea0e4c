// Run a set of interdependent async tasks with limited concurrency.

import { buildGraph, findCycle } from './graph.mjs';
import { createPool } from './pool.mjs';

export async function runTasks(tasks, { concurrency = 4 } = {}) {
  const pool = createPool(concurrency);
  const graph = buildGraph(tasks);
  const cycle = findCycle(graph);
  if (cycle) throw new Error(`cycle: ${cycle.join(' -> ')}`);

  const results = {};
  const errors = {};
  const skipped = new Set();
  const order = [];
  const pending = new Map([...graph.values()].map((node) => [node.id, node.deps.length]));
  let settled = 0;

  return new Promise((resolve) => {
    const finishIfDone = () => {
      if (settled < graph.size) return;
      const skippedIds = [...graph.values()].filter((n) => skipped.has(n.id)).map((n) => n.id);
      resolve({ results, errors, skipped: skippedIds, order });
    };

    const skipDependents = (id) => {
      for (const dependent of graph.get(id).dependents) {
        if (skipped.has(dependent)) continue;
        skipped.add(dependent);
        settled++;
        skipDependents(dependent);
      }
    };

    // Start several tasks that became ready together, in input order.
    const startAll = (ids) => {
      ids.sort((a, b) => graph.get(a).index - graph.get(b).index);
      for (const id of ids) start(id);
    };

    const start = (id) => {
      const node = graph.get(id);
      const depResults = {};
      for (const dep of node.deps) depResults[dep] = results[dep];
      pool
        .run(() => {
          order.push(id);
          return node.task.run(depResults);
        })
        .then(
          (value) => {
            results[id] = value;
            const ready = [];
            for (const dependent of node.dependents) {
              const left = pending.get(dependent) - 1;
              pending.set(dependent, left);
              if (left === 0) ready.push(dependent);
            }
            settled++;
            startAll(ready);
          },
          (err) => {
            errors[id] = err;
            settled++;
            skipDependents(id);
          },
        )
        .then(finishIfDone);
    };

    startAll([...graph.values()].filter((n) => n.deps.length === 0).map((n) => n.id));
    finishIfDone();
  });
}
