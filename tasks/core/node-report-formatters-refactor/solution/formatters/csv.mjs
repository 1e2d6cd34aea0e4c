import { cellText } from '../table.mjs';

function quote(v) {
  const s = cellText(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function format(table) {
  const lines = [table.columns, ...table.rows].map((cells) => cells.map(quote).join(','));
  return lines.join('\n') + '\n';
}
