// Reads a Buildfile into a rule database (SPEC.md sections 2-4).
import { ExpandError, fileError } from './errors.mjs';
import { logicalLines } from './lexer.mjs';
import { Variables } from './vars.mjs';
import { unique, words } from './words.mjs';

const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*(:=|\?=|\+=|=)[ \t]*(.*)$/;
const INCLUDE_RE = /^(-?)include(?:[ \t]+(.*))?$/;

export class RuleDB {
  constructor(file) {
    this.file = file;
    this.vars = new Variables();
    // target -> { prereqs, orderOnly, recipe, line, recipeLine, file }
    this.rules = new Map();
    this.patterns = []; // { target, prereqs, orderOnly, recipe, line, file }
    this.phony = new Set();
    this.defaultGoal = null;
  }

  explicit(name) {
    return this.rules.get(name);
  }
}

function located(file, line, fn) {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ExpandError) throw fileError(file, line, err.message);
    throw err;
  }
}

// `read(name)` returns a file's text or null. `cliVars` is a list of
// [name, value] pairs from the command line.
export function parse(source, file = 'Buildfile', cliVars = [], read = () => null) {
  const db = new RuleDB(file);
  for (const [name, value] of cliVars) db.vars.defineFromCommandLine(name, value);
  parseInto(db, source, file, read, [file]);
  return db;
}

function parseInto(db, source, file, read, including) {
  let current = null; // the rule recipe lines attach to

  for (const { line, text, recipe } of logicalLines(source)) {
    if (recipe) {
      if (text.trim() === '') continue;
      if (current === null) throw fileError(file, line, 'recipe without a rule');
      current.add({ text, line, file });
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;

    const assign = ASSIGN_RE.exec(trimmed);
    if (assign) {
      current = null;
      const [, name, op, value] = assign;
      located(file, line, () => db.vars.assign(name, op, value.trim()));
      continue;
    }

    const inc = INCLUDE_RE.exec(trimmed);
    if (inc) {
      current = null;
      const names = words(located(file, line, () => db.vars.expand(inc[2] ?? '')));
      for (const name of names) {
        if (including.includes(name)) throw fileError(file, line, `include cycle: '${name}'`);
        const text = read(name);
        if (text === null) {
          if (inc[1] === '-') continue;
          throw fileError(file, line, `cannot include '${name}'`);
        }
        parseInto(db, text, name, read, [...including, name]);
      }
      continue;
    }

    const colon = text.indexOf(':');
    if (colon < 0) throw fileError(file, line, 'expected a rule or an assignment');
    const targets = words(located(file, line, () => db.vars.expand(text.slice(0, colon))));
    const right = text.slice(colon + 1);
    const bar = right.indexOf('|');
    const normalText = bar < 0 ? right : right.slice(0, bar);
    const orderText = bar < 0 ? '' : right.slice(bar + 1);
    const prereqs = unique(words(located(file, line, () => db.vars.expand(normalText))));
    const orderOnly = unique(words(located(file, line, () => db.vars.expand(orderText))));
    if (targets.length === 0) throw fileError(file, line, 'rule without a target');

    if (targets.length === 1 && targets[0] === '.PHONY') {
      for (const p of [...prereqs, ...orderOnly]) db.phony.add(p);
      current = null;
      continue;
    }

    if (targets.some((t) => t.includes('%'))) {
      if (targets.length !== 1) throw fileError(file, line, 'a pattern rule must have exactly one target');
      const t = targets[0];
      if (t.indexOf('%') !== t.lastIndexOf('%')) throw fileError(file, line, `bad pattern '${t}'`);
      const rule = { target: t, prereqs, orderOnly, recipe: [], line, file };
      db.patterns.push(rule);
      current = { add: (entry) => rule.recipe.push(entry) };
      continue;
    }

    const rules = [];
    for (const t of targets) {
      let rule = db.rules.get(t);
      if (!rule) {
        rule = { prereqs: [], orderOnly: [], recipe: null, line, recipeLine: 0, recipeFile: null, file };
        db.rules.set(t, rule);
      }
      rule.prereqs = unique([...rule.prereqs, ...prereqs]);
      rule.orderOnly = unique([...rule.orderOnly, ...orderOnly]);
      rules.push(rule);
      if (db.defaultGoal === null) db.defaultGoal = t;
    }
    current = recipeCollector(targets, rules);
  }
}

// Collects the recipe lines of one rule line. The shared list becomes the
// recipe of each of its targets when the first recipe line arrives; a target
// that already has a recipe from an earlier rule is an error.
function recipeCollector(targets, rules) {
  const list = [];
  let bound = false;
  return {
    add(entry) {
      if (!bound) {
        targets.forEach((t, i) => {
          const rule = rules[i];
          if (rule.recipe !== null) {
            const where = rule.recipeFile === entry.file ? `line ${rule.recipeLine}` : `${rule.recipeFile}:${rule.recipeLine}`;
            throw fileError(entry.file, entry.line, `target '${t}' already has a recipe (${where})`);
          }
          rule.recipe = list;
          rule.recipeLine = entry.line;
          rule.recipeFile = entry.file;
        });
        bound = true;
      }
      list.push(entry);
    },
  };
}
