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
  // One pass with a replacer function: every occurrence is filled, and the inserted text
  // is neither scanned again nor subject to $-patterns of String.prototype.replace.
  return template.replace(PLACEHOLDER, (_whole, name) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new Error(`render: no value for placeholder "${name}"`);
    }
    return escapeHtml(values[name]);
  });
}
