// Pattern rules (SPEC.md section 4.3).

// The stem when `name` matches `pattern` (one '%'), else null. The stem is
// never empty.
export function matchPattern(pattern, name) {
  const p = pattern.indexOf('%');
  const prefix = pattern.slice(0, p);
  const suffix = pattern.slice(p + 1);
  if (name.length <= prefix.length + suffix.length) return null;
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return null;
  return name.slice(prefix.length, name.length - suffix.length);
}

export function substituteStem(word, stem) {
  return word.replaceAll('%', stem);
}

// The first pattern rule (in Buildfile order) with a recipe whose target
// matches `name` and whose prerequisites can all be had: each one exists as
// a file, has an explicit rule, or is declared phony.
export function findPatternRule(db, fsys, name) {
  for (const rule of db.patterns) {
    if (rule.recipe.length === 0) continue;
    const stem = matchPattern(rule.target, name);
    if (stem === null) continue;
    const prereqs = rule.prereqs.map((p) => substituteStem(p, stem));
    const orderOnly = rule.orderOnly.map((p) => substituteStem(p, stem));
    const available = (p) => fsys.exists(p) || db.rules.has(p) || db.phony.has(p);
    if (prereqs.every(available) && orderOnly.every(available)) {
      return { rule, stem, prereqs, orderOnly };
    }
  }
  return null;
}
