// Text output: one line per record.

const SHOWN = new Set(['time', 'level', 'msg']);

function fieldValue(v) {
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
