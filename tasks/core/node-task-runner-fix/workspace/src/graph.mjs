// Dependency graph of tasks: validation and cycle detection.

/**
 * Validate the task list and index it.
 * @returns {Map<string, {id: string, index: number, task: object, deps: string[], dependents: string[]}>}
 */
export function buildGraph(tasks) {
  if (!Array.isArray(tasks)) throw new TypeError('tasks must be an array');
  const nodes = new Map();
  tasks.forEach((task, index) => {
    if (!task || typeof task.id !== 'string' || task.id === '') throw new TypeError(`task at index ${index} has no id`);
    if (typeof task.run !== 'function') throw new TypeError(`task ${task.id} has no run function`);
    if (nodes.has(task.id)) throw new Error(`duplicate task id: ${task.id}`);
    const deps = task.deps ?? [];
    if (!Array.isArray(deps)) throw new TypeError(`deps of task ${task.id} must be an array`);
    nodes.set(task.id, { id: task.id, index, task, deps, dependents: [] });
  });
  for (const node of nodes.values()) {
    for (const dep of node.deps) {
      const target = nodes.get(dep);
      if (!target) throw new Error(`task ${node.id} depends on unknown task ${dep}`);
      target.dependents.push(node.id);
    }
  }
  return nodes;
}

/**
 * A dependency cycle as a list of ids whose first and last are the same
 * (["a", "b", "a"]: a depends on b, b depends on a), or null if there is none.
 */
export function findCycle(nodes) {
  const seen = new Set();
  const path = [];

  const visit = (id) => {
    if (seen.has(id)) return null;
    seen.add(id);
    const at = path.indexOf(id);
    if (at !== -1) return [...path.slice(at), id];
    path.push(id);
    for (const dep of nodes.get(id).deps) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    return null;
  };

  for (const id of nodes.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}
