import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport, registerFormat, formats } from '../report.mjs';
import { toTable } from '../table.mjs';
import * as csv from '../formatters/csv.mjs';
import * as markdown from '../formatters/markdown.mjs';
import * as json from '../formatters/json.mjs';
import * as text from '../formatters/text.mjs';

const modules = { csv, markdown, json, text };

const samples = [
  [],
  [{ name: 'Ann', age: 31, city: 'Oslo' }, { name: 'Bob', age: 4 }, { name: 'C|"x", y', city: 'a\nb', age: null }],
  [{ n: 1.25, s: 'x' }, { n: -2, s: '' }, { n: undefined, s: 'zz' }],
  [{}, { only: true }],
];

describe('toTable', () => {
  it('builds columns in first-seen order and null-fills rows', () => {
    assert.deepEqual(toTable([{ b: 1, a: undefined }, { c: 'x', b: 2 }]), {
      columns: ['b', 'a', 'c'],
      rows: [
        [1, null, null],
        [2, null, 'x'],
      ],
    });
  });

  it('uses (a copy of) the given columns', () => {
    const columns = ['c', 'a'];
    const t = toTable([{ a: 1, b: 2 }], columns);
    assert.deepEqual(t, { columns: ['c', 'a'], rows: [[null, 1]] });
    t.columns.push('z');
    assert.deepEqual(columns, ['c', 'a']);
  });

  it('handles empty input and keeps values as they are', () => {
    assert.deepEqual(toTable([]), { columns: [], rows: [] });
    const obj = { k: 1 };
    const t = toTable([{ a: obj, b: 0, c: false, d: null }]);
    assert.equal(t.rows[0][0], obj);
    assert.deepEqual(t.rows[0].slice(1), [0, false, null]);
  });

  it('rejects non-arrays', () => {
    assert.throws(() => toTable('x'), TypeError);
    assert.throws(() => toTable(undefined), TypeError);
  });
});

describe('formatter modules', () => {
  for (const [name, mod] of Object.entries(modules)) {
    it(`${name}.format matches renderReport`, () => {
      assert.equal(typeof mod.format, 'function');
      for (const rows of samples) {
        assert.equal(mod.format(toTable(rows)), renderReport(rows, name));
        assert.equal(mod.format(toTable(rows, ['age', 'n', 'x'])), renderReport(rows, name, { columns: ['age', 'n', 'x'] }));
      }
    });
  }

  it('work on hand-built tables', () => {
    const table = { columns: ['id', 'who'], rows: [[1, 'a,b'], [22, null]] };
    assert.equal(csv.format(table), 'id,who\n1,"a,b"\n22,\n');
    assert.equal(markdown.format(table), '| id | who |\n| ---: | --- |\n| 1 | a,b |\n| 22 |  |\n');
    assert.equal(json.format(table), '[\n  {\n    "id": 1,\n    "who": "a,b"\n  },\n  {\n    "id": 22,\n    "who": null\n  }\n]\n');
    assert.equal(text.format(table), 'id  who\n--  ---\n 1  a,b\n22\n');
  });

  it('do not read the records (only the table)', () => {
    const table = { columns: ['k'], rows: [['v']] };
    for (const mod of Object.values(modules)) assert.equal(typeof mod.format(table), 'string');
    assert.equal(csv.format(table), 'k\nv\n');
  });
});

describe('format registry', () => {
  it('lists the built-in formats sorted', () => {
    const names = formats();
    for (const f of ['csv', 'json', 'markdown', 'text']) assert.ok(names.includes(f), f);
    assert.deepEqual(names, [...names].sort());
  });

  it('refuses to register an existing name', () => {
    for (const f of ['csv', 'json', 'markdown', 'text']) {
      assert.throws(() => registerFormat(f, () => ''), (e) => e instanceof Error && e.message.includes(f));
    }
    assert.equal(renderReport([{ a: 1 }], 'csv'), 'a\n1\n');
  });

  it('rejects a non-function formatter', () => {
    assert.throws(() => registerFormat('bogus-fn', 'nope'), TypeError);
    assert.ok(!formats().includes('bogus-fn'));
  });

  it('renders a registered format with a table', () => {
    const seen = [];
    registerFormat('tsv-test', (table) => {
      seen.push(table);
      return table.rows.map((r) => r.join('\t')).join('\n');
    });
    assert.ok(formats().includes('tsv-test'));
    assert.deepEqual(formats(), [...formats()].sort());
    assert.equal(renderReport([{ a: 1, b: 'x' }, { b: 'y' }], 'tsv-test'), '1\tx\n\ty');
    assert.deepEqual(seen[0], { columns: ['a', 'b'], rows: [[1, 'x'], [null, 'y']] });
    renderReport([{ a: 1, b: 2 }], 'tsv-test', { columns: ['b'] });
    assert.deepEqual(seen[1], { columns: ['b'], rows: [[2]] });
    assert.throws(() => registerFormat('tsv-test', () => ''), /tsv-test/);
  });

  it('a registered name shows up between the built-ins', () => {
    registerFormat('html-test', () => '<table></table>');
    const names = formats();
    assert.ok(names.indexOf('csv') < names.indexOf('html-test') && names.indexOf('html-test') < names.indexOf('json'));
    assert.equal(renderReport([], 'html-test'), '<table></table>');
  });
});
