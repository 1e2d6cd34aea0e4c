// The dependency graph (SPEC.md section 4): resolves every target reachable
// from the goals, detects cycles and fixes the build order.
import { BldError } from './errors.mjs';
import { findPatternRule } from './patterns.mjs';
import { unique } from './words.mjs';

// Normal prerequisites win over order-only ones naming the same node.
function orderOnlyOf(prereqs, orderOnly) {
  const normal = new Set(prereqs);
  return orderOnly.filter((p) => !normal.has(p));
}

// A node: { name, kind: 'source' | 'target' | 'phony', prereqs, orderOnly,
//           recipe, stem, index, dependents }
function resolve(db, fsys, name, neededBy) {
  const rule = db.rules.get(name);
  const phony = db.phony.has(name);
  if (rule) {
    let prereqs = rule.prereqs;
    let orderOnly = rule.orderOnly;
    let recipe = rule.recipe || [];
    let stem = '';
    if (rule.recipe === null && !phony) {
      const found = findPatternRule(db, fsys, name);
      if (found) {
        prereqs = unique([...prereqs, ...found.prereqs]);
        orderOnly = unique([...orderOnly, ...found.orderOnly]);
        recipe = found.rule.recipe;
        stem = found.stem;
      }
    }
    return { name, kind: phony ? 'phony' : 'target', prereqs, orderOnly: orderOnlyOf(prereqs, orderOnly), recipe, stem };
  }
  if (phony) return { name, kind: 'phony', prereqs: [], orderOnly: [], recipe: [], stem: '' };
  const found = findPatternRule(db, fsys, name);
  if (found) {
    const prereqs = unique(found.prereqs);
    return {
      name,
      kind: 'target',
      prereqs,
      orderOnly: orderOnlyOf(prereqs, unique(found.orderOnly)),
      recipe: found.rule.recipe,
      stem: found.stem,
    };
  }
  if (fsys.exists(name)) return { name, kind: 'source', prereqs: [], orderOnly: [], recipe: [], stem: '' };
  if (neededBy === null) throw new BldError(`no rule to make '${name}'`);
  throw new BldError(`no rule to make '${name}' (needed by '${neededBy}')`);
}

// Every prerequisite of a node: the normal ones, then the order-only ones.
export function allPrereqs(node) {
  return node.orderOnly.length === 0 ? node.prereqs : [...node.prereqs, ...node.orderOnly];
}

// Depth-first from each goal in order, prerequisites in order. Returns the
// nodes in postorder; node.index is the position in that order.
export function buildGraph(db, fsys, goals) {
  const nodes = new Map();
  const state = new Map(); // name -> 1 on the stack, 2 done
  const order = [];
  const stack = [];

  function visit(name, neededBy) {
    let node = nodes.get(name);
    if (!node) {
      node = resolve(db, fsys, name, neededBy);
      node.dependents = [];
      nodes.set(name, node);
    }
    state.set(name, 1);
    stack.push(name);
    for (const p of allPrereqs(node)) {
      const s = state.get(p);
      if (s === 1) {
        const from = stack.indexOf(p);
        const cycle = [...stack.slice(from), p];
        throw new BldError(`dependency cycle: ${cycle.join(' -> ')}`);
      }
      if (s !== 2) visit(p, name);
    }
    stack.pop();
    state.set(name, 2);
    node.index = order.length;
    order.push(node);
  }

  for (const g of goals) if (state.get(g) !== 2) visit(g, null);
  for (const node of order) {
    for (const p of allPrereqs(node)) nodes.get(p).dependents.push(node);
  }
  return { nodes, order };
}
