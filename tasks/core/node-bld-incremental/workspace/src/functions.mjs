// Text functions available as $(NAME ARGS) (SPEC.md section 3.4).
//
// Each entry has `min` and `max` argument counts and `apply(args, ctx)`.
// Arguments arrive unexpanded; `ctx.expand(text)` expands one of them and
// `ctx.bind(name, value, fn)` runs fn with a temporary simple variable.
import { words } from './words.mjs';

// Splits a pattern at its first '%': { prefix, suffix } or null without '%'.
function splitPattern(pattern) {
  const p = pattern.indexOf('%');
  if (p < 0) return null;
  return { prefix: pattern.slice(0, p), suffix: pattern.slice(p + 1) };
}

// The text '%' matched when `word` matches `pattern`, else null.
export function matchWord(pattern, word) {
  const parts = splitPattern(pattern);
  if (parts === null) return word === pattern ? '' : null;
  const { prefix, suffix } = parts;
  if (word.length < prefix.length + suffix.length) return null;
  if (!word.startsWith(prefix) || !word.endsWith(suffix)) return null;
  return word.slice(prefix.length, word.length - suffix.length);
}

function patsubstWord(pattern, replacement, word) {
  const stem = matchWord(pattern, word);
  if (stem === null) return word;
  if (splitPattern(pattern) === null) return replacement;
  const r = replacement.indexOf('%');
  return r < 0 ? replacement : replacement.slice(0, r) + stem + replacement.slice(r + 1);
}

function compareUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Directory part of a file name: up to and including the last '/', or './'.
function dirOf(word) {
  const i = word.lastIndexOf('/');
  return i < 0 ? './' : word.slice(0, i + 1);
}

function notdirOf(word) {
  return word.slice(word.lastIndexOf('/') + 1);
}

// Index of the suffix's '.', or -1: the last '.' after the last '/'.
function suffixIndex(word) {
  const dot = word.lastIndexOf('.');
  return dot > word.lastIndexOf('/') ? dot : -1;
}

const eager = (min, max, fn) => ({
  min,
  max,
  apply: (args, ctx) => fn(...args.map((a) => ctx.expand(a))),
});

export const FUNCTIONS = {
  subst: eager(3, 3, (from, to, text) => (from === '' ? text : text.split(from).join(to))),
  patsubst: eager(3, 3, (pattern, replacement, text) =>
    words(text)
      .map((w) => patsubstWord(pattern.trim(), replacement.trim(), w))
      .join(' '),
  ),
  filter: eager(2, 2, (patterns, text) => {
    const ps = words(patterns);
    return words(text)
      .filter((w) => ps.some((p) => matchWord(p, w) !== null))
      .join(' ');
  }),
  'filter-out': eager(2, 2, (patterns, text) => {
    const ps = words(patterns);
    return words(text)
      .filter((w) => !ps.some((p) => matchWord(p, w) !== null))
      .join(' ');
  }),
  sort: eager(1, 1, (text) => [...new Set(words(text))].sort(compareUnits).join(' ')),
  words: eager(1, 1, (text) => String(words(text).length)),
  firstword: eager(1, 1, (text) => words(text)[0] ?? ''),
  strip: eager(1, 1, (text) => words(text).join(' ')),
  addprefix: eager(2, 2, (prefix, text) =>
    words(text)
      .map((w) => prefix + w)
      .join(' '),
  ),
  addsuffix: eager(2, 2, (suffix, text) =>
    words(text)
      .map((w) => w + suffix)
      .join(' '),
  ),
  dir: eager(1, 1, (text) => words(text).map(dirOf).join(' ')),
  notdir: eager(1, 1, (text) => words(text).map(notdirOf).join(' ')),
  basename: eager(1, 1, (text) =>
    words(text)
      .map((w) => {
        const i = suffixIndex(w);
        return i < 0 ? w : w.slice(0, i);
      })
      .join(' '),
  ),
  suffix: eager(1, 1, (text) =>
    words(text)
      .map((w) => {
        const i = suffixIndex(w);
        return i < 0 ? '' : w.slice(i);
      })
      .filter((s) => s !== '')
      .join(' '),
  ),
  // $(if COND,THEN[,ELSE]): COND is expanded and trimmed; only the chosen
  // branch is expanded.
  if: {
    min: 2,
    max: 3,
    apply: (args, ctx) => {
      const cond = ctx.expand(args[0]).trim();
      if (cond !== '') return ctx.expand(args[1]);
      return args.length > 2 ? ctx.expand(args[2]) : '';
    },
  },
  // $(foreach VAR,LIST,TEXT): TEXT expanded once per word of LIST with VAR
  // bound to the word; results joined by single spaces.
  foreach: {
    min: 3,
    max: 3,
    apply: (args, ctx) => {
      const name = ctx.expand(args[0]).trim();
      const list = words(ctx.expand(args[1]));
      return list.map((w) => ctx.bind(name, w, () => ctx.expand(args[2]))).join(' ');
    },
  },
};

export function arityText(fn) {
  if (fn.min === fn.max) return `${fn.min} argument${fn.min === 1 ? '' : 's'}`;
  return `${fn.min} or ${fn.max} arguments`;
}
