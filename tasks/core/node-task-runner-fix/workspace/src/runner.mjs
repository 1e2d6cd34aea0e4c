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
            while (ready.length > 0) start(ready.pop());
          },
          (err) => {
            errors[id] = err;
            settled++;
            for (const dependent of node.dependents) {
              if (skipped.has(dependent)) continue;
              skipped.add(dependent);
              settled++;
            }
          },
        )
        .then(finishIfDone);
    };

    const initial = [...graph.values()].filter((n) => n.deps.length === 0).map((n) => n.id);
    while (initial.length > 0) start(initial.pop());
    finishIfDone();
  });
}
