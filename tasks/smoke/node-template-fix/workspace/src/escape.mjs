// HTML escaping for text inserted into templates.

const REPLACEMENTS = [
  [/&/g, '&amp;'],
  [/</g, '&lt;'],
  [/>/g, '&gt;'],
];

/** Escape a value for use in HTML text and attribute values. */
export function escapeHtml(value) {
  let text = String(value);
  for (const [pattern, replacement] of REPLACEMENTS) {
    text = text.replace(pattern, replacement);
  }
  return text;
}
