// Reading JSON-lines input: files, or standard input when no file is given.

import { readFileSync } from 'node:fs';
import { UsageError } from './args.mjs';

/** Yield every record (a JSON object per line); warn about lines that are not. */
export function* readRecords(files, warn) {
  const sources = files.length === 0 ? ['-'] : files;
  for (const file of sources) {
    let text;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        warn(`${file}:${i + 1}: invalid JSON`);
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        warn(`${file}:${i + 1}: not an object`);
        continue;
      }
      yield record;
    }
  }
}
