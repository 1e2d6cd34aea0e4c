// Splits a Buildfile into logical lines (SPEC.md section 2).
//
// Each logical line is { line, text, recipe }:
//   line   - number of its first physical line (1-based)
//   text   - the joined text; for non-recipe lines comments are removed
//   recipe - true when the first physical line starts with a tab

// True when `text` ends with a backslash that continues the line.
function continues(text) {
  return text.endsWith('\\');
}

// Physical lines: split on '\n', a trailing '\r' removed from each line.
export function physicalLines(source) {
  const lines = source.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

// Joins continuation lines. The backslash and the whitespace before it are
// dropped, the next line's leading whitespace is dropped, and one space
// joins the two.
export function joinContinuations(lines) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let text = lines[i];
    while (continues(text) && i + 1 < lines.length) {
      i += 1;
      text = text.slice(0, -1).replace(/[ \t]+$/, '') + ' ' + lines[i].replace(/^[ \t]+/, '');
    }
    if (continues(text)) text = text.slice(0, -1).replace(/[ \t]+$/, '');
    out.push({ line: start + 1, text, recipe: lines[start].startsWith('\t') });
    i += 1;
  }
  return out;
}

// Removes a comment: '#' up to the end of the line.
export function stripComment(text) {
  const hash = text.indexOf('#');
  return hash < 0 ? text : text.slice(0, hash);
}

export function logicalLines(source) {
  const result = [];
  for (const entry of joinContinuations(physicalLines(source))) {
    const text = stripComment(entry.text);
    if (entry.recipe) {
      result.push({ line: entry.line, text: text.slice(1), recipe: true });
    } else {
      result.push({ line: entry.line, text, recipe: false });
    }
  }
  return result;
}
