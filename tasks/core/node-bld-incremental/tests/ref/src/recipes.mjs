// Expands the recipes of every node in the graph (SPEC.md section 5.1).
import { ExpandError, fileError } from './errors.mjs';
import { parsePrefixes } from './shell.mjs';
import { unique } from './words.mjs';

export function automaticVariables(node) {
  return {
    '@': node.name,
    '<': node.prereqs.length > 0 ? node.prereqs[0] : '',
    '^': unique(node.prereqs).join(' '),
    '*': node.stem,
  };
}

// Sets node.lines = [{ text, silent, ignore, command, line }] for each node.
export function expandRecipes(db, order) {
  for (const node of order) {
    const auto = automaticVariables(node);
    node.lines = node.recipe.map((r) => {
      let text;
      try {
        text = db.vars.expand(r.text, auto);
      } catch (err) {
        if (err instanceof ExpandError) throw fileError(db.file, r.line, err.message);
        throw err;
      }
      return { text, line: r.line, ...parsePrefixes(text) };
    });
  }
}
