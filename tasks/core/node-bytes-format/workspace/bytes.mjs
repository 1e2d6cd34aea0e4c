// Human-readable byte sizes: see the task description.

/**
 * @param {number} n bytes
 * @param {{binary?: boolean, decimals?: number}} [options]
 * @returns {string}
 */
export function formatBytes(n, options = {}) {
  throw new Error('formatBytes is not implemented yet');
}

/**
 * @param {string} text e.g. "1.5 kB"
 * @returns {number} bytes (an integer)
 */
export function parseBytes(text) {
  throw new Error('parseBytes is not implemented yet');
}
