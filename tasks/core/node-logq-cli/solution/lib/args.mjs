// Command-line parsing for logq.

export class UsageError extends Error {}

export const LEVELS = ['debug', 'info', 'warn', 'error'];

function parseWhere(text) {
  let op = '!=';
  let at = text.indexOf('!=');
  if (at === -1) {
    op = '=';
    at = text.indexOf('=');
  }
  if (at === -1) throw new UsageError(`--where needs KEY=VALUE or KEY!=VALUE: ${text}`);
  const key = text.slice(0, at);
  if (key === '') throw new UsageError(`--where has an empty key: ${text}`);
  return { path: key.split('.'), op, value: text.slice(at + op.length) };
}

function parseTime(option, text) {
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new UsageError(`${option}: not a valid time: ${text}`);
  return t;
}

export function parseArgs(argv) {
  const opts = { level: null, grep: null, where: [], since: null, until: null, json: false, countBy: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--level') {
      const level = value();
      if (!LEVELS.includes(level)) throw new UsageError(`unknown level: ${level}`);
      opts.level = level;
    } else if (arg === '--grep') {
      opts.grep = value();
    } else if (arg === '--where') {
      opts.where.push(parseWhere(value()));
    } else if (arg === '--since') {
      opts.since = parseTime(arg, value());
    } else if (arg === '--until') {
      opts.until = parseTime(arg, value());
    } else if (arg === '--json') {
      opts.json = true;
    } else if (arg === '--count-by') {
      const key = value();
      if (key === '') throw new UsageError('--count-by needs a key');
      opts.countBy = key.split('.');
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      opts.files.push(arg);
    }
  }
  if (opts.json && opts.countBy) throw new UsageError('--json and --count-by cannot be combined');
  return opts;
}
