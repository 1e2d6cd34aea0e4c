import { cellText, numericColumns } from '../table.mjs';

const cell = (v) => cellText(v).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const line = (cells) => '| ' + cells.join(' | ') + ' |\n';

export function format(table) {
  let out = line(table.columns.map(cell));
  out += line(numericColumns(table).map((n) => (n ? '---:' : '---')));
  for (const row of table.rows) out += line(row.map(cell));
  return out;
}
