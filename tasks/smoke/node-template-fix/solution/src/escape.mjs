// HTML escaping for text inserted into templates.

const REPLACEMENTS = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape a value for use in HTML text and attribute values. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (ch) => REPLACEMENTS[ch]);
}
