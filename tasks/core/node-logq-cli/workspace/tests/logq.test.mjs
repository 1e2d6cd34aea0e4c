import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { logq, logFile, SAMPLE } from './helpers.mjs';

const input = SAMPLE.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('existing behaviour', () => {
  it('prints every record as text', () => {
    const r = logq([], input);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        '2024-03-01T10:00:00Z INFO  server started port=8080',
        '2024-03-01T10:05:00Z DEBUG cache warm entries=12',
        '2024-03-01T10:10:00Z WARN  slow request req={"path":"/api","status":200} ms=950',
        '2024-03-01T10:15:00Z ERROR request failed req={"path":"/api","status":500} user=ann',
        '2024-03-01T11:00:00Z INFO  request ok req={"path":"/home","status":200} user=bob',
        '2024-03-01T12:30:00Z ERROR disk full host="db 1"',
        '',
      ].join('\n'),
    );
  });

  it('filters by minimum level and message text', () => {
    const r = logq(['--level', 'warn', '--grep', 'request'], input);
    assert.equal(r.status, 0);
    assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.slice(0, 20)), ['2024-03-01T10:10:00Z', '2024-03-01T10:15:00Z']);
  });

  it('reads several files and warns about bad lines', () => {
    const a = logFile('a.log', [SAMPLE[0], 'not json', SAMPLE[1]]);
    const b = logFile('b.log', ['[1,2]', SAMPLE[5]]);
    const r = logq(['--level', 'info', a, b]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.split('\n').length, 3);
    assert.equal(r.stderr, `logq: ${a}:2: invalid JSON\nlogq: ${b}:1: not an object\n`);
  });

  it('exits 1 when nothing matches and 2 on usage errors', () => {
    assert.equal(logq(['--grep', 'nothing like this'], input).status, 1);
    const bad = logq(['--level', 'fatal'], input);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^logq: /);
    assert.equal(logq(['--bogus'], input).status, 2);
    assert.equal(logq(['/no/such/file.log']).status, 2);
  });
});
