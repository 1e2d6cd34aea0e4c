// Render a list of records as csv, markdown, json or aligned text, or any registered format.
//
//   renderReport([{ name: 'ann', age: 31 }], 'markdown')
//   renderReport(rows, 'csv', { columns: ['name', 'age'] })

import { toTable } from './table.mjs';
import * as csv from './formatters/csv.mjs';
import * as json from './formatters/json.mjs';
import * as markdown from './formatters/markdown.mjs';
import * as text from './formatters/text.mjs';

const registry = new Map();

/** Add a format: fn(table) returns the rendered string. */
export function registerFormat(name, fn) {
  if (typeof fn !== 'function') throw new TypeError(`formatter for ${name} is not a function`);
  if (registry.has(name)) throw new Error(`format already registered: ${name}`);
  registry.set(name, fn);
}

/** Names of all registered formats, sorted. */
export function formats() {
  return [...registry.keys()].sort();
}

registerFormat('csv', csv.format);
registerFormat('json', json.format);
registerFormat('markdown', markdown.format);
registerFormat('text', text.format);

export function renderReport(rows, format, options = {}) {
  if (!Array.isArray(rows)) throw new TypeError('rows must be an array');
  const fn = registry.get(format);
  if (!fn) throw new Error(`unknown format: ${format}`);
  return fn(toTable(rows, options.columns));
}
