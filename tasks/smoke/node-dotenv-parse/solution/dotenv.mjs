// Parse the contents of a .env file: see the task description.

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_ESCAPES = { n: '\n', t: '\t', '"': '"', '\\': '\\' };

function fail(lineNo, why) {
  return new SyntaxError(`line ${lineNo}: ${why}`);
}

// After a closing quote: only whitespace, optionally followed by a # comment.
function checkRest(rest, lineNo) {
  const trimmed = rest.trimStart();
  if (trimmed !== '' && !trimmed.startsWith('#')) {
    throw fail(lineNo, `unexpected characters after closing quote: ${JSON.stringify(rest)}`);
  }
}

// raw is everything after the '=', untrimmed: a '#' right after '=' is not a comment.
function parseValue(raw, lineNo) {
  const quoted = raw.trimStart();
  const first = quoted[0];
  if (first === "'") {
    const end = quoted.indexOf("'", 1);
    if (end === -1) throw fail(lineNo, 'unterminated single-quoted value');
    checkRest(quoted.slice(end + 1), lineNo);
    return quoted.slice(1, end);
  }
  if (first === '"') {
    let out = '';
    for (let i = 1; i < quoted.length; i++) {
      const ch = quoted[i];
      if (ch === '\\' && i + 1 < quoted.length) {
        const next = quoted[i + 1];
        out += Object.hasOwn(DOUBLE_ESCAPES, next) ? DOUBLE_ESCAPES[next] : ch + next;
        i++;
      } else if (ch === '"') {
        checkRest(quoted.slice(i + 1), lineNo);
        return out;
      } else {
        out += ch;
      }
    }
    throw fail(lineNo, 'unterminated double-quoted value');
  }
  const comment = raw.search(/[ \t]#/);
  return (comment === -1 ? raw : raw.slice(0, comment)).trim();
}

/**
 * @param {string} text contents of a .env file
 * @returns {Record<string, string>} variable name -> value
 */
export function parseEnv(text) {
  const result = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    line = line.replace(/^[ \t]+/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const exported = /^export[ \t]+(?=\S)/.exec(line);
    if (exported && !/^export[ \t]*=/.test(line)) line = line.slice(exported[0].length);
    const eq = line.indexOf('=');
    if (eq === -1) throw fail(lineNo, 'expected KEY=VALUE');
    const key = line.slice(0, eq).trim();
    if (!KEY.test(key)) throw fail(lineNo, `invalid key ${JSON.stringify(key)}`);
    const value = parseValue(line.slice(eq + 1), lineNo);
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
