// Human-readable byte sizes: see the task description.

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function trimZeros(fixed) {
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/**
 * @param {number} n bytes
 * @param {{binary?: boolean, decimals?: number}} [options]
 * @returns {string}
 */
export function formatBytes(n, options = {}) {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new TypeError(`formatBytes: not a finite number: ${String(n)}`);
  const { binary = false, decimals = 1 } = options;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw new RangeError(`formatBytes: decimals must be an integer from 0 to 10, got ${decimals}`);
  }
  const base = binary ? 1024 : 1000;
  const units = binary ? BINARY : DECIMAL;
  const abs = Math.abs(n);
  let i = 0;
  while (i < units.length - 1 && abs >= base ** (i + 1)) i++;
  let shown = trimZeros((abs / base ** i).toFixed(decimals));
  if (Number(shown) >= base && i < units.length - 1) {
    i++;
    shown = trimZeros((abs / base ** i).toFixed(decimals));
  }
  const sign = n < 0 && Number(shown) !== 0 ? '-' : '';
  return `${sign}${shown} ${units[i]}`;
}

const SIZES = new Map();
for (let i = 0; i < DECIMAL.length; i++) {
  SIZES.set(DECIMAL[i].toLowerCase(), 1000 ** i);
  SIZES.set(BINARY[i].toLowerCase(), 1024 ** i);
}

/**
 * @param {string} text e.g. "1.5 kB"
 * @returns {number} bytes (an integer)
 */
export function parseBytes(text) {
  if (typeof text !== 'string') throw new TypeError('parseBytes: expected a string');
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) throw new SyntaxError(`parseBytes: invalid size ${JSON.stringify(text)}`);
  const unit = m[2] === '' ? 'b' : m[2].toLowerCase();
  if (!SIZES.has(unit)) throw new SyntaxError(`parseBytes: unknown unit in ${JSON.stringify(text)}`);
  return Math.round(Number(m[1]) * SIZES.get(unit));
}
