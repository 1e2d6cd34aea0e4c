import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { formatBytes, parseBytes } = await agentImport(new URL('../bytes.mjs', import.meta.url));

describe('formatBytes: decimal units', () => {
  it('keeps values below 1000 in bytes', async () => {
    assert.equal(await formatBytes(0), '0 B');
    assert.equal(await formatBytes(1), '1 B');
    assert.equal(await formatBytes(999), '999 B');
    assert.equal(await formatBytes(12.25), '12.3 B');
    assert.equal(await formatBytes(0.5), '0.5 B');
  });

  it('picks the largest unit not above the value', async () => {
    assert.equal(await formatBytes(1000), '1 kB');
    assert.equal(await formatBytes(1001), '1 kB');
    assert.equal(await formatBytes(1500), '1.5 kB');
    assert.equal(await formatBytes(1e6), '1 MB');
    assert.equal(await formatBytes(2.5e9), '2.5 GB');
    assert.equal(await formatBytes(7.25e12), '7.3 TB');
    assert.equal(await formatBytes(1e15), '1 PB');
  });

  it('never goes beyond PB', async () => {
    assert.equal(await formatBytes(5e18), '5000 PB');
    assert.equal(await formatBytes(999.99e15), '1000 PB');
  });

  it('removes trailing zeros but keeps integer zeros', async () => {
    assert.equal(await formatBytes(2000), '2 kB');
    assert.equal(await formatBytes(10000), '10 kB');
    assert.equal(await formatBytes(100000), '100 kB');
    assert.equal(await formatBytes(120000, { decimals: 3 }), '120 kB');
    assert.equal(await formatBytes(1230000, { decimals: 4 }), '1.23 MB');
  });

  it('rolls over when rounding reaches the base', async () => {
    assert.equal(await formatBytes(999960), '1 MB');
    assert.equal(await formatBytes(999949), '999.9 kB');
    assert.equal(await formatBytes(999.96), '1 kB');
    assert.equal(await formatBytes(999500, { decimals: 0 }), '1 MB');
    assert.equal(await formatBytes(999499, { decimals: 0 }), '999 kB');
    assert.equal(await formatBytes(999999999), '1 GB');
  });

  it('honours decimals', async () => {
    assert.equal(await formatBytes(1234567, { decimals: 3 }), '1.235 MB');
    assert.equal(await formatBytes(1234567, { decimals: 0 }), '1 MB');
    assert.equal(await formatBytes(1555, { decimals: 0 }), '2 kB');
    assert.equal(await formatBytes(1234567, { decimals: 10 }), '1.234567 MB');
    assert.equal(await formatBytes(512, { decimals: 2 }), '512 B');
  });
});

describe('formatBytes: binary units', () => {
  it('uses base 1024 and IEC names', async () => {
    assert.equal(await formatBytes(1023, { binary: true }), '1023 B');
    assert.equal(await formatBytes(1024, { binary: true }), '1 KiB');
    assert.equal(await formatBytes(1536, { binary: true }), '1.5 KiB');
    assert.equal(await formatBytes(1000, { binary: true }), '1000 B');
    assert.equal(await formatBytes(1024 ** 2 * 3, { binary: true }), '3 MiB');
    assert.equal(await formatBytes(1024 ** 3 * 1.25, { binary: true, decimals: 2 }), '1.25 GiB');
    assert.equal(await formatBytes(1024 ** 4, { binary: true }), '1 TiB');
    assert.equal(await formatBytes(1024 ** 5 * 2048, { binary: true }), '2048 PiB');
  });

  it('rolls over at 1024', async () => {
    assert.equal(await formatBytes(1024 * 1024 - 1, { binary: true }), '1 MiB');
    assert.equal(await formatBytes(1023.96, { binary: true }), '1 KiB');
    assert.equal(await formatBytes(1023 * 1024, { binary: true }), '1023 KiB');
  });

  it('defaults to decimal units when binary is false', async () => {
    assert.equal(await formatBytes(1024, { binary: false }), '1 kB');
    assert.equal(await formatBytes(1024, {}), '1 kB');
  });
});

describe('formatBytes: signs and errors', () => {
  it('formats negative values', async () => {
    assert.equal(await formatBytes(-1500), '-1.5 kB');
    assert.equal(await formatBytes(-1), '-1 B');
    assert.equal(await formatBytes(-999960), '-1 MB');
    assert.equal(await formatBytes(-2048, { binary: true }), '-2 KiB');
  });

  it('never shows a negative zero', async () => {
    assert.equal(await formatBytes(-0), '0 B');
    assert.equal(await formatBytes(-0.01), '0 B');
    assert.equal(await formatBytes(-0.4, { decimals: 0 }), '0 B');
  });

  it('rejects non-finite and non-number input with TypeError', async () => {
    for (const bad of [NaN, Infinity, -Infinity, '1000', undefined, null, 10n, {}]) {
      await assert.rejects(async () => await formatBytes(bad), TypeError, `input ${String(bad)}`);
    }
  });

  it('rejects bad decimals with RangeError', async () => {
    for (const bad of [-1, 11, 1.5, NaN]) {
      await assert.rejects(async () => await formatBytes(1000, { decimals: bad }), RangeError, `decimals ${bad}`);
    }
    assert.equal(await formatBytes(1000, { decimals: 10 }), '1 kB');
  });
});

describe('parseBytes', () => {
  it('parses plain numbers as bytes', async () => {
    assert.equal(await parseBytes('0'), 0);
    assert.equal(await parseBytes('42'), 42);
    assert.equal(await parseBytes('  42  '), 42);
    assert.equal(await parseBytes('42B'), 42);
    assert.equal(await parseBytes('42 b'), 42);
  });

  it('parses decimal units case-insensitively', async () => {
    assert.equal(await parseBytes('1kB'), 1000);
    assert.equal(await parseBytes('1 KB'), 1000);
    assert.equal(await parseBytes('1 kb'), 1000);
    assert.equal(await parseBytes('2 MB'), 2e6);
    assert.equal(await parseBytes('3gb'), 3e9);
    assert.equal(await parseBytes('1 TB'), 1e12);
    assert.equal(await parseBytes('1 pb'), 1e15);
  });

  it('parses binary units case-insensitively', async () => {
    assert.equal(await parseBytes('1 KiB'), 1024);
    assert.equal(await parseBytes('1 kib'), 1024);
    assert.equal(await parseBytes('1KIB'), 1024);
    assert.equal(await parseBytes('1.5 MiB'), 1572864);
    assert.equal(await parseBytes('2 GiB'), 2 * 1024 ** 3);
    assert.equal(await parseBytes('1 TiB'), 1024 ** 4);
    assert.equal(await parseBytes('1 PiB'), 1024 ** 5);
  });

  it('accepts the fraction forms and rounds to whole bytes', async () => {
    assert.equal(await parseBytes('.5 kB'), 500);
    assert.equal(await parseBytes('10. kB'), 10000);
    assert.equal(await parseBytes('1.5'), 2);
    assert.equal(await parseBytes('0.0004 kB'), 0);
    assert.equal(await parseBytes('1.0005 kB'), 1001);
    assert.equal(await parseBytes('\t7\tKiB\n'), 7168);
  });

  it('round-trips formatted values', async () => {
    for (const n of [0, 1, 999, 1000, 1500, 2.5e9, 1e15]) {
      assert.equal(await parseBytes(await formatBytes(n)), n);
    }
    assert.equal(await parseBytes(await formatBytes(1536, { binary: true })), 1536);
  });

  it('rejects malformed input with a SyntaxError naming the text', async () => {
    for (const bad of ['', '   ', 'abc', '-1 kB', '+1', '1e3', '1 XB', '1 k', '1 2 kB', '.', 'kB', '1,5 kB', '1 kB!', '1 kiB b', '0x10', 'Infinity', '1 KIBB']) {
      await assert.rejects(
        async () => await parseBytes(bad),
        (err) => err instanceof SyntaxError && err.message.includes(bad),
        `input ${JSON.stringify(bad)}`,
      );
    }
  });

  it('rejects non-strings with a TypeError', async () => {
    for (const bad of [1000, null, undefined, {}, ['1 kB']]) {
      await assert.rejects(async () => await parseBytes(bad), TypeError);
    }
  });
});
