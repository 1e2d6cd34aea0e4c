#!/usr/bin/env node
// csv2json: convert CSV to JSON. See the task description.

import { readFileSync, writeFileSync } from 'node:fs';

class UsageError extends Error {}
class CsvError extends Error {}

function parseArgs(argv) {
  const opts = { delimiter: ',', types: false, output: null, file: null };
  let sawFile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`option ${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '-d' || arg === '--delimiter') {
      let d = value();
      if (d === '\\t') d = '\t';
      if ([...d].length !== 1 || d.length !== 1 || d === '"' || d === '\r' || d === '\n') {
        throw new UsageError(`invalid delimiter ${JSON.stringify(d)}`);
      }
      opts.delimiter = d;
    } else if (arg === '-o' || arg === '--output') {
      opts.output = value();
    } else if (arg === '--types') {
      opts.types = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      if (sawFile) throw new UsageError(`more than one input file: ${arg}`);
      sawFile = true;
      opts.file = arg;
    }
  }
  return opts;
}

// Records as arrays of { text, quoted }, each with the line it starts on.
function parseCsv(text, delim) {
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const records = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    // A completely empty line.
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\n' ? 1 : 2;
      line++;
      continue;
    }
    const fields = [];
    for (;;) {
      if (text[i] === '"') {
        const fieldLine = line;
        let value = '';
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(`line ${fieldLine}: unterminated quoted field`);
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
        const next = text[i];
        const atEnd = i >= n || next === delim || next === '\n' || (next === '\r' && text[i + 1] === '\n');
        if (!atEnd) throw new CsvError(`line ${fieldLine}: unexpected character after closing quote`);
        fields.push({ text: value, quoted: true });
      } else {
        let j = i;
        while (j < n && text[j] !== delim && text[j] !== '\n' && !(text[j] === '\r' && text[j + 1] === '\n')) j++;
        fields.push({ text: text.slice(i, j), quoted: false });
        i = j;
      }
      if (i < n && text[i] === delim) {
        i++;
        continue;
      }
      // End of record: a line end or the end of the input.
      if (i < n) {
        i += text[i] === '\n' ? 1 : 2;
        line++;
      }
      break;
    }
    records.push({ line: startLine, fields });
  }
  return records;
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function convert(field, types) {
  if (!types || field.quoted) return field.text;
  const t = field.text;
  if (t === '') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (NUMBER.test(t)) return Number(t);
  return t;
}

function toRows(records, types) {
  if (records.length === 0) return [];
  const [header, ...data] = records;
  const keys = header.fields.map((f) => f.text);
  const seen = new Set();
  for (const key of keys) {
    if (key === '') throw new CsvError(`line ${header.line}: empty column name`);
    if (seen.has(key)) throw new CsvError(`line ${header.line}: duplicate column name ${JSON.stringify(key)}`);
    seen.add(key);
  }
  return data.map((record) => {
    if (record.fields.length !== keys.length) {
      throw new CsvError(`line ${record.line}: expected ${keys.length} fields, got ${record.fields.length}`);
    }
    const row = {};
    keys.forEach((key, k) => {
      Object.defineProperty(row, key, { value: convert(record.fields[k], types), enumerable: true, writable: true, configurable: true });
    });
    return row;
  });
}

function main(argv) {
  try {
    const opts = parseArgs(argv);
    let input;
    try {
      input = readFileSync(opts.file === null || opts.file === '-' ? 0 : opts.file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${opts.file ?? 'standard input'}: ${err.code ?? err.message}`);
    }
    const rows = toRows(parseCsv(input, opts.delimiter), opts.types);
    const json = JSON.stringify(rows, null, 2) + '\n';
    if (opts.output !== null) writeFileSync(opts.output, json);
    else process.stdout.write(json);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof CsvError) {
      process.stderr.write(`csv2json: ${err.message}\n`);
      return err instanceof UsageError ? 2 : 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
