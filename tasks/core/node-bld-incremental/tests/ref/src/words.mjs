// Whitespace-separated words (spaces and tabs).
export function words(text) {
  return text.split(/[ \t]+/).filter((w) => w !== '');
}

// Removes duplicates, keeping the first occurrence.
export function unique(list) {
  const seen = new Set();
  const out = [];
  for (const x of list) {
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  }
  return out;
}
