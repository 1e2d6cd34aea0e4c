// A concurrency limiter: at most `limit` functions run at the same time.

export function createPool(limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const queue = [];

  const next = () => {
    while (active <= limit && queue.length > 0) {
      const { fn, resolve, reject } = queue.shift();
      active++;
      fn()
        .then(resolve, reject)
        .finally(() => {
          active--;
          next();
        });
    }
  };

  return {
    /** Queue fn; the promise settles like fn's result once it has run. */
    run(fn) {
      return new Promise((resolve, reject) => {
        queue.push({ fn, resolve, reject });
        next();
      });
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
  };
}
