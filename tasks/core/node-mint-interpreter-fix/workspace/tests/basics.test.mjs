import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { out, lines, failsWith } from './helpers.mjs';

describe('basics', () => {
  it('prints values', async () => {
    assert.equal(await out('print(1, "two", nil, true, [1, "a"]);'), '1 two nil true [1, "a"]\n');
  });

  it('does arithmetic with the usual precedence', async () => {
    assert.deepEqual(await lines('print(1 + 2 * 3); print((1 + 2) * 3); print(7 / 2); print(1 - 2 - 3);'), ['7', '9', '3.5', '-4']);
  });

  it('runs loops and functions', async () => {
    const src = `
      fn fact(n) { if n <= 1 { return 1; } return n * fact(n - 1); }
      let i = 0;
      while i < 4 { print(fact(i)); i = i + 1; }
    `;
    assert.deepEqual(await lines(src), ['1', '1', '2', '6']);
  });

  it('reports runtime errors with their line', async () => {
    const err = await failsWith('print(1);\nprint(nope);', 2, "undefined variable 'nope'", 'runtime');
    assert.equal(err.output, '1\n');
  });

  it('reports syntax errors', async () => {
    await failsWith('let x = "abc;', 1, 'syntax error: unterminated string', 'syntax');
  });
});
