import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderReport } from '../report.mjs';

const people = [
  { name: 'Ann', age: 31, city: 'Oslo' },
  { name: 'Bob', age: 4 },
  { name: 'Cé, "the" best', city: 'Rio\nde Janeiro', age: null },
];

describe('renderReport', () => {
  it('renders csv', () => {
    assert.equal(
      renderReport(people, 'csv'),
      'name,age,city\nAnn,31,Oslo\nBob,4,\n"Cé, ""the"" best",,"Rio\nde Janeiro"\n',
    );
  });

  it('renders markdown', () => {
    assert.equal(
      renderReport(people, 'markdown'),
      '| name | age | city |\n| --- | ---: | --- |\n| Ann | 31 | Oslo |\n| Bob | 4 |  |\n| Cé, "the" best |  | Rio<br>de Janeiro |\n',
    );
  });

  it('renders json', () => {
    assert.equal(
      renderReport(people.slice(0, 2), 'json'),
      '[\n  {\n    "name": "Ann",\n    "age": 31,\n    "city": "Oslo"\n  },\n  {\n    "name": "Bob",\n    "age": 4,\n    "city": null\n  }\n]\n',
    );
  });

  it('renders text', () => {
    assert.equal(
      renderReport(people, 'text'),
      'name            age  city\n--------------  ---  --------------\nAnn              31  Oslo\nBob               4\nCé, "the" best       Rio de Janeiro\n',
    );
  });

  it('honours options.columns', () => {
    assert.equal(renderReport(people, 'csv', { columns: ['city', 'name'] }), 'city,name\nOslo,Ann\n,Bob\n"Rio\nde Janeiro","Cé, ""the"" best"\n');
  });

  it('rejects unknown formats', () => {
    assert.throws(() => renderReport([], 'xml'), { message: 'unknown format: xml' });
  });
});
