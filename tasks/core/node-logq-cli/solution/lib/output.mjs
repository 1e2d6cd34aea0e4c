// Output: one text or JSON line per record, or counts.

const SHOWN = new Set(['time', 'level', 'msg']);

export function fieldValue(v) {
  if (typeof v === 'string' && v !== '' && !/[\s"=]/.test(v)) return v;
  return JSON.stringify(v);
}

/** "TIME LEVEL msg key=value ..." */
export function formatRecord(record) {
  const time = record.time ?? '-';
  const level = String(record.level ?? '-').toUpperCase().padEnd(5);
  const msg = record.msg ?? '';
  const extra = Object.keys(record)
    .filter((k) => !SHOWN.has(k))
    .map((k) => ` ${k}=${fieldValue(record[k])}`)
    .join('');
  return `${time} ${level} ${msg}${extra}`;
}

/** "COUNT\tVALUE" lines, most frequent first, then by value. */
export function formatCounts(counts) {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([value, n]) => `${n}\t${value}\n`)
    .join('');
}
