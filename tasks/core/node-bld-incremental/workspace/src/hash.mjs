// Content hashes. bld never looks at modification times: whether a target is
// up to date is decided from hashes only (SPEC.md section 6).
import { createHash } from 'node:crypto';

export function hashText(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Hash of a file's content, or '' when the file does not exist.
export function hashFile(fsys, name) {
  const text = fsys.read(name);
  return text === null ? '' : hashText(text);
}

// The input signature of a target: its expanded recipe and, for every
// prerequisite in order, its name and content hash.
export function signature(recipeLines, prereqHashes) {
  const parts = ['recipe'];
  for (const line of recipeLines) parts.push(line);
  parts.push('prereqs');
  for (const [name, hash] of prereqHashes) parts.push(`${name}\u0000${hash}`);
  return hashText(parts.join('\n'));
}
