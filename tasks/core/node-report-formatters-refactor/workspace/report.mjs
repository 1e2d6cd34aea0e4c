// Render a list of records as csv, markdown, json or aligned text.
//
//   renderReport([{ name: 'ann', age: 31 }], 'markdown')
//   renderReport(rows, 'csv', { columns: ['name', 'age'] })

export function renderReport(rows, format, options = {}) {
  if (!Array.isArray(rows)) throw new TypeError('rows must be an array');

  if (format === 'csv') {
    let columns = options.columns;
    if (!columns) {
      columns = [];
      for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    }
    const quote = (v) => {
      let s = v === null || v === undefined ? '' : String(v);
      if (/[",\r\n]/.test(s)) s = '"' + s.replace(/"/g, '""') + '"';
      return s;
    };
    let out = columns.map(quote).join(',') + '\n';
    for (const row of rows) {
      out += columns.map((c) => quote(row[c])).join(',') + '\n';
    }
    return out;
  }

  if (format === 'markdown') {
    let columns = options.columns;
    if (!columns) {
      columns = [];
      for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    }
    const cell = (v) => {
      const s = v === null || v === undefined ? '' : String(v);
      return s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
    };
    const numeric = columns.map((c) => {
      const values = rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined);
      return values.length > 0 && values.every((v) => typeof v === 'number');
    });
    let out = '| ' + columns.map(cell).join(' | ') + ' |\n';
    out += '| ' + numeric.map((n) => (n ? '---:' : '---')).join(' | ') + ' |\n';
    for (const row of rows) {
      out += '| ' + columns.map((c) => cell(row[c])).join(' | ') + ' |\n';
    }
    return out;
  }

  if (format === 'json') {
    let columns = options.columns;
    if (!columns) {
      columns = [];
      for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    }
    const objects = rows.map((row) => {
      const o = {};
      for (const c of columns) o[c] = row[c] === undefined ? null : row[c];
      return o;
    });
    return JSON.stringify(objects, null, 2) + '\n';
  }

  if (format === 'text') {
    let columns = options.columns;
    if (!columns) {
      columns = [];
      for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    }
    const str = (v) => (v === null || v === undefined ? '' : String(v).replace(/\r?\n/g, ' '));
    const numeric = columns.map((c) => {
      const values = rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined);
      return values.length > 0 && values.every((v) => typeof v === 'number');
    });
    const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => str(r[c]).length)));
    const line = (cells) =>
      cells
        .map((s, i) => (numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    let out = line(columns) + '\n';
    out += widths.map((w) => '-'.repeat(w)).join('  ') + '\n';
    for (const row of rows) out += line(columns.map((c) => str(row[c]))) + '\n';
    return out;
  }

  throw new Error(`unknown format: ${format}`);
}
