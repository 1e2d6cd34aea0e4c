// The recipe language (SPEC.md section 5): every recipe line is one built-in
// command. Nothing is handed to a real shell.

// Splits a command line into words. Single quotes group; there are no escapes.
export function splitCommand(text) {
  const out = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (const ch of text) {
    if (quoted) {
      if (ch === "'") quoted = false;
      else cur += ch;
    } else if (ch === "'") {
      quoted = true;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quoted) return null;
  if (inWord) out.push(cur);
  return out;
}

// Strips the '@' and '-' prefixes (any number, any order) and the blanks
// around them.
export function parsePrefixes(text) {
  let i = 0;
  let silent = false;
  let ignore = false;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    if (text[i] === '@') silent = true;
    else if (text[i] === '-') ignore = true;
    else break;
    i += 1;
  }
  return { silent, ignore, command: text.slice(i).replace(/[ \t]+$/, '') };
}

const DURATION_RE = /^(0|[1-9][0-9]*)$/;

// Runs one command. Returns { status, output, time }.
export function runCommand(words, fsys) {
  const [cmd, ...args] = words;
  const ok = (output = '', time = 0) => ({ status: 0, output, time });
  const bad = (status, output) => ({ status, output, time: 0 });
  switch (cmd) {
    case 'echo':
      return ok(args.join(' ') + '\n');
    case 'true':
      return ok();
    case 'write':
    case 'append': {
      if (args.length < 1) return bad(2, `${cmd}: missing file name\n`);
      const [file, ...rest] = args;
      const text = rest.join(' ') + '\n';
      const before = cmd === 'append' ? fsys.read(file) || '' : '';
      fsys.write(file, before + text);
      return ok();
    }
    case 'concat': {
      if (args.length < 1) return bad(2, 'concat: missing file name\n');
      const [outName, ...inputs] = args;
      let text = '';
      for (const name of inputs) {
        const t = fsys.read(name);
        if (t === null) return bad(1, `concat: cannot read '${name}'\n`);
        text += t;
      }
      fsys.write(outName, text);
      return ok();
    }
    case 'copy': {
      if (args.length !== 2) return bad(2, 'copy: needs a source and a destination\n');
      const t = fsys.read(args[0]);
      if (t === null) return bad(1, `copy: cannot read '${args[0]}'\n`);
      fsys.write(args[1], t);
      return ok();
    }
    case 'rm':
      for (const name of args) fsys.remove(name);
      return ok();
    case 'fail': {
      if (args.length === 0) return bad(1, '');
      if (args.length > 1 || !/^[1-9][0-9]{0,2}$/.test(args[0]) || Number(args[0]) > 255) {
        return bad(2, `fail: bad status '${args.join(' ')}'\n`);
      }
      return bad(Number(args[0]), '');
    }
    case 'sleep': {
      if (args.length !== 1 || !DURATION_RE.test(args[0])) {
        return bad(2, `sleep: bad duration '${args.join(' ')}'\n`);
      }
      return ok('', Number(args[0]));
    }
    default:
      return bad(127, `bld: unknown command '${cmd}'\n`);
  }
}
