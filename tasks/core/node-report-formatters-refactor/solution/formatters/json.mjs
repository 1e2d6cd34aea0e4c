export function format(table) {
  const objects = table.rows.map((row) => {
    const o = {};
    table.columns.forEach((c, i) => {
      o[c] = row[i] === undefined ? null : row[i];
    });
    return o;
  });
  return JSON.stringify(objects, null, 2) + '\n';
}
