import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { logq, logFile, SAMPLE } from './helpers.mjs';

const input = SAMPLE.map((r) => JSON.stringify(r)).join('\n') + '\n';
const times = (r) => (r.stdout === '' ? [] : r.stdout.trimEnd().split('\n').map((l) => l.slice(11, 16)));

function usage(args, stdin = input) {
  const r = logq(args, stdin);
  assert.equal(r.status, 2, `exit status for ${args.join(' ')} (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^logq: /);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
}

describe('--where', () => {
  it('matches top-level fields as strings', () => {
    assert.deepEqual(times(logq(['--where', 'user=ann'], input)), ['10:15']);
    assert.deepEqual(times(logq(['--where', 'port=8080'], input)), ['10:00']);
    assert.deepEqual(times(logq(['--where', 'level=error'], input)), ['10:15', '12:30']);
  });

  it('follows dotted paths', () => {
    assert.deepEqual(times(logq(['--where', 'req.status=200'], input)), ['10:10', '11:00']);
    assert.deepEqual(times(logq(['--where', 'req.path=/api'], input)), ['10:10', '10:15']);
    assert.equal(logq(['--where', 'req.status.code=200'], input).status, 1);
    assert.equal(logq(['--where', 'user.name=ann'], input).status, 1);
  });

  it('combines repeated conditions and other filters with AND', () => {
    assert.deepEqual(times(logq(['--where', 'req.path=/api', '--where', 'req.status=500'], input)), ['10:15']);
    assert.deepEqual(times(logq(['--where', 'req.status=200', '--level', 'warn'], input)), ['10:10']);
    assert.deepEqual(times(logq(['--grep', 'request', '--where', 'user=bob'], input)), ['11:00']);
  });

  it('supports != including records without the field', () => {
    assert.deepEqual(times(logq(['--where', 'user!=ann'], input)), ['10:00', '10:05', '10:10', '11:00', '12:30']);
    assert.deepEqual(times(logq(['--where', 'req.status!=200', '--where', 'level!=debug'], input)), ['10:00', '10:15', '12:30']);
  });

  it('splits at the first != or else the first =', () => {
    const p = logFile('eq.log', [
      { time: '2024-01-01T00:00:00Z', note: 'a=b' },
      { time: '2024-01-01T00:01:00Z', note: 'x!=y' },
      { time: '2024-01-01T00:02:00Z', note: '' },
      { time: '2024-01-01T00:03:00Z', 'we!rd': 'v' },
    ]);
    assert.deepEqual(times(logq(['--where', 'note=a=b', p])), ['00:00']);
    // The first != splits: the key is "note=x", which no record has.
    assert.deepEqual(times(logq(['--where', 'note=x!=y', p])), ['00:00', '00:01', '00:02', '00:03']);
    assert.deepEqual(times(logq(['--where', 'we!rd=v', p])), ['00:03']);
    assert.deepEqual(times(logq(['--where', 'note=', p])), ['00:02']);
    assert.deepEqual(times(logq(['--where', 'note!=', p])), ['00:00', '00:01', '00:03']);
  });

  it('compares non-string values with String()', () => {
    const p = logFile('types.log', [
      { time: '2024-01-01T00:00:00Z', ok: true, n: 1.5, z: null, tags: ['a', 'b'] },
      { time: '2024-01-01T00:01:00Z', ok: false, n: 2 },
    ]);
    assert.deepEqual(times(logq(['--where', 'ok=true', p])), ['00:00']);
    assert.deepEqual(times(logq(['--where', 'n=1.5', p])), ['00:00']);
    assert.deepEqual(times(logq(['--where', 'z=null', p])), ['00:00']);
    assert.deepEqual(times(logq(['--where', 'tags=a,b', p])), ['00:00']);
    assert.deepEqual(times(logq(['--where', 'tags.1=b', p])), ['00:00']);
  });

  it('does not see inherited properties', () => {
    assert.equal(logq(['--where', 'constructor=function Object() { [native code] }'], input).status, 1);
    assert.equal(logq(['--where', 'msg.length=10'], input).status, 1);
  });

  it('rejects malformed conditions', () => {
    usage(['--where', 'user']);
    usage(['--where', '=ann']);
    usage(['--where', '!=ann']);
    usage(['--where']);
  });
});

describe('--since and --until', () => {
  it('keeps since <= time < until', () => {
    assert.deepEqual(times(logq(['--since', '2024-03-01T10:10:00Z'], input)), ['10:10', '10:15', '11:00', '12:30']);
    assert.deepEqual(times(logq(['--until', '2024-03-01T10:10:00Z'], input)), ['10:00', '10:05']);
    assert.deepEqual(times(logq(['--since', '2024-03-01T10:05:00Z', '--until', '2024-03-01T11:00:00Z'], input)), ['10:05', '10:10', '10:15']);
  });

  it('compares instants, not strings', () => {
    assert.deepEqual(times(logq(['--since', '2024-03-01T12:00:00+01:00', '--until', '2024-03-01T12:00:00+01:00'], input)), []);
    assert.deepEqual(times(logq(['--since', '2024-03-01T12:00:00+01:00'], input)), ['11:00', '12:30']);
    const p = logFile('tz.log', [
      { time: '2024-03-01T09:30:00-01:00', msg: 'a' },
      { time: '2024-03-01T10:00:00.500Z', msg: 'b' },
      { time: '2024-03-01T11:20:00+02:00', msg: 'c' },
    ]);
    const r = logq(['--since', '2024-03-01T10:00:00Z', '--until', '2024-03-01T10:30:00Z', p]);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => l.split(' ').pop()), ['b']);
  });

  it('drops records without a readable time when filtering by time', () => {
    const p = logFile('notime.log', [
      { msg: 'no time' },
      { time: 'yesterday', msg: 'bad time' },
      { time: 1709287200000, msg: 'number time' },
      { time: '2024-03-01T10:00:00Z', msg: 'good' },
    ]);
    const r = logq(['--since', '2000-01-01T00:00:00Z', p]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '2024-03-01T10:00:00Z -     good\n');
    assert.equal(logq([p]).stdout.split('\n').length, 5);
  });

  it('accepts a plain date and rejects unreadable times', () => {
    assert.deepEqual(times(logq(['--since', '2024-03-01', '--until', '2024-03-02'], input)).length, 6);
    assert.equal(logq(['--since', '2024-03-02'], input).status, 1);
    usage(['--since', 'last tuesday']);
    usage(['--until', '2024-13-45T00:00:00Z']);
    usage(['--until']);
  });
});

describe('--json', () => {
  it('prints kept records as JSON lines', () => {
    const r = logq(['--json', '--level', 'error'], input);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, JSON.stringify(SAMPLE[3]) + '\n' + JSON.stringify(SAMPLE[5]) + '\n');
  });

  it('keeps the record unchanged, including odd values', () => {
    const rec = { msg: 'x', nested: { a: [1, { b: null }] }, s: 'quote " and = sign', u: 'ünï' };
    const p = logFile('odd.log', [rec]);
    assert.equal(logq([p, '--json']).stdout, JSON.stringify(rec) + '\n');
  });

  it('exits 1 when nothing is kept', () => {
    const r = logq(['--json', '--where', 'user=nobody'], input);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
  });
});

describe('--count-by', () => {
  it('counts by a field, most frequent first, ties by value', () => {
    const r = logq(['--count-by', 'level'], input);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '2\terror\n2\tinfo\n1\tdebug\n1\twarn\n');
  });

  it('counts by a dotted path with (none) for missing values', () => {
    assert.equal(logq(['--count-by', 'req.status'], input).stdout, '3\t(none)\n2\t200\n1\t500\n');
  });

  it('counts only kept records', () => {
    assert.equal(logq(['--count-by', 'user', '--level', 'info'], input).stdout, '3\t(none)\n1\tann\n1\tbob\n');
    const none = logq(['--count-by', 'user', '--grep', 'zzz'], input);
    assert.equal(none.status, 1);
    assert.equal(none.stdout, '');
  });

  it('prints values like key=value fields', () => {
    const p = logFile('vals.log', [
      { host: 'db 1' },
      { host: 'db 1' },
      { host: 'web' },
      { host: 7 },
      { host: '' },
      { host: null },
      { host: { a: 1 } },
      { host: 'Web' },
    ]);
    assert.equal(logq(['--count-by', 'host', p]).stdout, '2\t"db 1"\n1\t""\n1\t7\n1\tWeb\n1\tnull\n1\tweb\n1\t{"a":1}\n');
  });

  it('sorts ties by UTF-16 code units', () => {
    const p = logFile('sort.log', ['b', 'B', 'a', 'é', '10', '9', 'a', 'B'].map((k) => ({ k })));
    assert.equal(logq(['--count-by', 'k', p]).stdout, '2\tB\n2\ta\n1\t10\n1\t9\n1\tb\n1\té\n');
  });

  it('sorts counts as numbers, not as text', () => {
    const spec = [['a', 12], ['b', 9], ['c', 100], ['d', 2], ['e', 10], ['f', 1], ['y', 10], ['g', 21], ['h', 3]];
    const records = [];
    // Interleaved, so that neither the first appearance nor the input order gives the answer.
    for (let round = 0; round < 100; round++) {
      for (const [k, n] of spec) if (round < n) records.push({ k, i: round });
    }
    const p = logFile('many.log', records.reverse());
    const r = logq(['--count-by', 'k', p]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '100\tc\n21\tg\n12\ta\n10\te\n10\ty\n9\tb\n3\th\n2\td\n1\tf\n');
  });

  it('counts numeric values with counts of several digits', () => {
    const records = [];
    for (let i = 0; i < 11; i++) records.push({ s: 500 });
    for (let i = 0; i < 2; i++) records.push({ s: 200 });
    for (let i = 0; i < 110; i++) records.push({ s: 404 });
    const p = logFile('status.log', records);
    assert.equal(logq(['--count-by', 's', p]).stdout, '110\t404\n11\t500\n2\t200\n');
  });

  it('cannot be combined with --json', () => {
    usage(['--count-by', 'level', '--json']);
    usage(['--json', '--count-by', 'level']);
    usage(['--count-by']);
  });
});

describe('combinations', () => {
  it('combines everything, with options after files', () => {
    const a = logFile('c1.log', SAMPLE.slice(0, 3));
    const b = logFile('c2.log', SAMPLE.slice(3));
    const r = logq([a, '--since', '2024-03-01T10:05:00Z', b, '--where', 'req.path=/api', '--count-by', 'level']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '1\terror\n1\twarn\n');
  });

  it('still warns about bad lines', () => {
    const p = logFile('mixed.log', [SAMPLE[0], '{oops', SAMPLE[3]]);
    const r = logq(['--json', '--where', 'level!=info', p]);
    assert.equal(r.stdout, JSON.stringify(SAMPLE[3]) + '\n');
    assert.equal(r.stderr, `logq: ${p}:2: invalid JSON\n`);
  });

  it('reports unreadable files with nothing on stdout', () => {
    const r = logq(['--count-by', 'level', '/no/such.log']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
  });
});
