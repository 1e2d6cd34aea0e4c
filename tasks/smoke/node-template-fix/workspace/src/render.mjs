// A minimal HTML template renderer: fills {{ name }} placeholders with escaped values.

import { escapeHtml } from './escape.mjs';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Fill every {{ name }} placeholder of template with escapeHtml(values[name]).
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export function render(template, values) {
  let out = template;
  const done = new Set();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (done.has(name)) continue;
    done.add(name);
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new Error(`render: no value for placeholder "${name}"`);
    }
    out = out.replace(match[0], escapeHtml(values[name]));
  }
  return out;
}
