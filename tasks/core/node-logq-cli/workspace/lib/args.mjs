// Command-line parsing for logq.

export class UsageError extends Error {}

export const LEVELS = ['debug', 'info', 'warn', 'error'];

export function parseArgs(argv) {
  const opts = { level: null, grep: null, files: [] };
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
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option: ${arg}`);
    } else {
      opts.files.push(arg);
    }
  }
  return opts;
}
