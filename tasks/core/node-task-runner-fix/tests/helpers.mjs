// Shared helpers for the task-runner tests.

/** Fail instead of hanging when a promise never settles. */
export async function settle(promise, ms = 5000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms (the run hangs)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Track how many run() calls are in progress at once. */
export function tracker() {
  const t = { active: 0, max: 0 };
  t.job = (value, ms = 10) => async () => {
    t.active++;
    t.max = Math.max(t.max, t.active);
    try {
      await sleep(ms);
      return value;
    } finally {
      t.active--;
    }
  };
  return t;
}

/** Check that `path` is a cycle of the graph given as { id: deps }. */
export function assertCycle(assert, path, deps, members) {
  assert.ok(Array.isArray(path) && path.length >= 2, `not a cycle: ${JSON.stringify(path)}`);
  assert.equal(path[0], path[path.length - 1], 'starts and ends with the same id');
  for (let i = 0; i + 1 < path.length; i++) {
    assert.ok((deps[path[i]] ?? []).includes(path[i + 1]), `${path[i]} does not depend on ${path[i + 1]}`);
  }
  assert.equal(new Set(path.slice(0, -1)).size, path.length - 1, 'no id repeats inside the cycle');
  if (members) assert.deepEqual([...new Set(path)].sort(), [...members].sort());
}
