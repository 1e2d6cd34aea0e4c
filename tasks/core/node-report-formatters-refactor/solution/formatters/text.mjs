import { cellText, numericColumns } from '../table.mjs';

const str = (v) => cellText(v).replace(/\r?\n/g, ' ');

export function format(table) {
  const numeric = numericColumns(table);
  const texts = table.rows.map((row) => row.map(str));
  const widths = table.columns.map((c, i) => Math.max(c.length, ...texts.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((s, i) => (numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i])))
      .join('  ')
      .trimEnd() + '\n';
  let out = line(table.columns);
  out += widths.map((w) => '-'.repeat(w)).join('  ') + '\n';
  for (const row of texts) out += line(row);
  return out;
}
