// The table model shared by all formatters.

/**
 * @param {object[]} rows records
 * @param {string[]} [columns] column order; default: every key, in first-seen order
 * @returns {{columns: string[], rows: unknown[][]}} cells in column order; missing values are null
 */
export function toTable(rows, columns) {
  if (!Array.isArray(rows)) throw new TypeError('rows must be an array');
  let cols = columns;
  if (!cols) {
    const seen = new Set();
    for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
    cols = [...seen];
  }
  return {
    columns: [...cols],
    rows: rows.map((row) => cols.map((c) => (row[c] === undefined ? null : row[c]))),
  };
}

/** A column is numeric when it has at least one value and all its values are numbers. */
export function numericColumns(table) {
  return table.columns.map((_, i) => {
    const values = table.rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined);
    return values.length > 0 && values.every((v) => typeof v === 'number');
  });
}

export function cellText(v) {
  return v === null || v === undefined ? '' : String(v);
}
