import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../report.mjs';

describe('renderReport edge cases (unchanged behaviour)', () => {
  it('renders empty input in every format', () => {
    assert.equal(renderReport([], 'csv'), '\n');
    assert.equal(renderReport([], 'markdown'), '|  |\n|  |\n');
    assert.equal(renderReport([], 'json'), '[]\n');
    assert.equal(renderReport([], 'text'), '\n\n');
  });

  it('renders given columns for empty input', () => {
    assert.equal(renderReport([], 'csv', { columns: ['a', 'b'] }), 'a,b\n');
    assert.equal(renderReport([], 'markdown', { columns: ['a', 'b'] }), '| a | b |\n| --- | --- |\n');
    assert.equal(renderReport([], 'text', { columns: ['a', 'bb'] }), 'a  bb\n-  --\n');
  });

  it('collects keys in first-seen order across records', () => {
    const rows = [{ b: 1 }, { a: 2, b: 3 }, { c: 4 }];
    assert.equal(renderReport(rows, 'csv'), 'b,a,c\n1,,\n3,2,\n,,4\n');
  });

  it('renders an empty record as an empty line', () => {
    assert.equal(renderReport([{}, {}], 'csv'), '\n\n\n');
    assert.equal(renderReport([{ a: 1 }, {}], 'json'), '[\n  {\n    "a": 1\n  },\n  {\n    "a": null\n  }\n]\n');
  });

  it('csv quotes only when needed, also in the header', () => {
    const rows = [{ 'a,b': 'x\ry', q: 'say "x"', plain: "it's" }];
    assert.equal(renderReport(rows, 'csv'), '"a,b",q,plain\n"x\ry","say ""x""",it\'s\n');
  });

  it('csv renders booleans, zero, false, objects and undefined', () => {
    const rows = [{ a: true, b: 0, c: false, d: undefined, e: [1, 2], f: '' }];
    assert.equal(renderReport(rows, 'csv'), 'a,b,c,d,e,f\ntrue,0,false,,"1,2",\n');
  });

  it('markdown escapes pipes and CRLF newlines', () => {
    const rows = [{ 'x|y': 'a|b', t: 'l1\r\nl2\nl3' }];
    assert.equal(renderReport(rows, 'markdown'), '| x\\|y | t |\n| --- | --- |\n| a\\|b | l1<br>l2<br>l3 |\n');
  });

  it('markdown right-aligns only purely numeric columns', () => {
    const rows = [
      { n: 1, mixed: 1, empty: null, s: '1' },
      { n: 2.5, mixed: 'two', empty: undefined, s: '2' },
      { n: null },
    ];
    assert.equal(
      renderReport(rows, 'markdown'),
      '| n | mixed | empty | s |\n| ---: | --- | --- | --- |\n| 1 | 1 |  | 1 |\n| 2.5 | two |  | 2 |\n|  |  |  |  |\n',
    );
  });

  it('json keeps value types, maps undefined to null, and only lists the columns', () => {
    const rows = [{ a: 1, b: 'x', c: [1, { d: true }], e: undefined, skip: 'no' }];
    assert.equal(
      renderReport(rows, 'json', { columns: ['e', 'c', 'a', 'b', 'zz'] }),
      JSON.stringify([{ e: null, c: [1, { d: true }], a: 1, b: 'x', zz: null }], null, 2) + '\n',
    );
  });

  it('text aligns numbers right (header too) and text left, trimming line ends', () => {
    const rows = [
      { id: 7, label: 'seven', price: 1.5 },
      { id: 1234, label: 'a\nb', price: null },
      { id: -3, label: '', price: 10 },
    ];
    assert.equal(
      renderReport(rows, 'text'),
      '  id  label  price\n----  -----  -----\n   7  seven    1.5\n1234  a b\n  -3            10\n',
    );
  });

  it('text uses the header width when it is the widest', () => {
    const rows = [{ quantity: 1, n: 'x' }];
    assert.equal(renderReport(rows, 'text'), 'quantity  n\n--------  -\n       1  x\n');
  });

  it('columns option may name absent and repeated columns', () => {
    const rows = [{ a: 1, b: 2 }];
    assert.equal(renderReport(rows, 'csv', { columns: ['b', 'nope', 'b'] }), 'b,nope,b\n2,,2\n');
  });

  it('checks rows before the format', () => {
    assert.throws(() => renderReport('nope', 'csv'), TypeError);
    assert.throws(() => renderReport(null, 'xml'), TypeError);
    assert.throws(() => renderReport({ length: 0 }, 'json'), TypeError);
  });

  it('rejects unknown and inherited format names', () => {
    assert.throws(() => renderReport([], 'CSV'), { message: 'unknown format: CSV' });
    assert.throws(() => renderReport([], 'toString'), { message: 'unknown format: toString' });
    assert.throws(() => renderReport([], undefined), { message: 'unknown format: undefined' });
  });
});
