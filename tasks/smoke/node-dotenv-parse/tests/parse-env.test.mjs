import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { parseEnv } = await agentImport(new URL('../dotenv.mjs', import.meta.url));

const parse = async (text) => ({ ...(await parseEnv(text)) });

async function assertSyntaxError(text, lineNo) {
  await assert.rejects(
    async () => await parseEnv(text),
    (err) => {
      assert.ok(err instanceof SyntaxError, `expected a SyntaxError, got ${err && err.name}`);
      assert.match(err.message, new RegExp(`line ${lineNo}(?![0-9])`));
      return true;
    },
  );
}

describe('lines', () => {
  it('returns an empty object for empty input and only comments', async () => {
    assert.deepEqual(await parse(''), {});
    assert.deepEqual(await parse('\n\n   \n\t\n'), {});
    assert.deepEqual(await parse('# a\n   # indented comment\n#B=2'), {});
  });

  it('handles CRLF line ends', async () => {
    assert.deepEqual(await parse('A=1\r\nB="two"\r\nC=\'three\'\r\n# c\r\n\r\nD=four # x\r\n'), {
      A: '1',
      B: 'two',
      C: 'three',
      D: 'four',
    });
  });

  it('accepts a last line without newline', async () => {
    assert.deepEqual(await parse('A=1\nB=2'), { A: '1', B: '2' });
  });

  it('accepts export prefixes and surrounding whitespace', async () => {
    assert.deepEqual(await parse('export A=1\nexport\tB=2\n   export   C = 3  \n  D =4'), { A: '1', B: '2', C: '3', D: '4' });
  });

  it('treats export=... and exported=... as ordinary keys', async () => {
    assert.deepEqual(await parse('export=1\nexported=2\nexport_x=3'), { export: '1', exported: '2', export_x: '3' });
  });

  it('accepts underscores and digits in keys', async () => {
    assert.deepEqual(await parse('_A=1\na_b_9=2\n__=3'), { _A: '1', a_b_9: '2', __: '3' });
  });

  it('keeps the last value of a repeated key', async () => {
    assert.deepEqual(await parse('A=1\nB=2\nA=3\n'), { A: '3', B: '2' });
  });

  it('returns string values only', async () => {
    const result = await parse('N=42\nT=true\nE=');
    assert.deepEqual(result, { N: '42', T: 'true', E: '' });
    for (const v of Object.values(result)) assert.equal(typeof v, 'string');
  });
});

describe('unquoted values', () => {
  it('trims and drops whitespace-preceded comments', async () => {
    assert.deepEqual(await parse('A=  spaced out value   \nB=v # comment # more\nC=x\t# tab comment'), {
      A: 'spaced out value',
      B: 'v',
      C: 'x',
    });
  });

  it('keeps # that is not preceded by whitespace', async () => {
    assert.deepEqual(await parse('URL=http://x/#top\nC=a#b#c\nH=#notacomment'), {
      URL: 'http://x/#top',
      C: 'a#b#c',
      H: '#notacomment',
    });
  });

  it('is empty when nothing or only a comment follows =', async () => {
    assert.deepEqual(await parse('A=\nB=   \nC= # nothing'), { A: '', B: '', C: '' });
  });

  it('keeps quotes, = and $ inside the value', async () => {
    assert.deepEqual(await parse(`A=it's "fine"\nB=x=y=z\nC=$HOME/bin\nD=a'b"c`), {
      A: `it's "fine"`,
      B: 'x=y=z',
      C: '$HOME/bin',
      D: `a'b"c`,
    });
  });

  it('keeps non-ASCII text', async () => {
    assert.deepEqual(await parse('GREETING=héllo wörld ✓'), { GREETING: 'héllo wörld ✓' });
  });
});

describe('single-quoted values', () => {
  it('are literal', async () => {
    assert.deepEqual(await parse(`A='  keep  spaces  '\nB='a # not a comment'\nC='\\n stays'\nD='say "hi"'\nE=''`), {
      A: '  keep  spaces  ',
      B: 'a # not a comment',
      C: '\\n stays',
      D: 'say "hi"',
      E: '',
    });
  });

  it('may be followed by whitespace and a comment', async () => {
    assert.deepEqual(await parse(`A='x'   \nB='y' # note\nC='z'# note`), { A: 'x', B: 'y', C: 'z' });
  });
});

describe('double-quoted values', () => {
  it('process escapes', async () => {
    assert.deepEqual(await parse(String.raw`A="line1\nline2"` + '\n' + String.raw`B="tab\there"` + '\n' + String.raw`C="say \"hi\""` + '\n' + String.raw`D="back\\slash"`), {
      A: 'line1\nline2',
      B: 'tab\there',
      C: 'say "hi"',
      D: 'back\\slash',
    });
  });

  it('keep unknown escapes and literal content', async () => {
    assert.deepEqual(await parse(String.raw`A="\d+\s"` + '\n' + `B="it's # here"\nC=""\nD="  pad  "`), {
      A: '\\d+\\s',
      B: "it's # here",
      C: '',
      D: '  pad  ',
    });
  });

  it('end at the first unescaped quote and allow a comment after it', async () => {
    assert.deepEqual(await parse(String.raw`A="x\\" # c` + '\n' + 'B="y"'), { A: 'x\\', B: 'y' });
  });
});

describe('errors', () => {
  it('reject a line without =', async () => {
    await assertSyntaxError('A=1\nB=2\nJUSTAKEY\n', 3);
    await assertSyntaxError('A=1\nexport B', 2);
    await assertSyntaxError('export', 1);
  });

  it('reject invalid keys', async () => {
    await assertSyntaxError('=value', 1);
    await assertSyntaxError('A=1\n1KEY=x', 2);
    await assertSyntaxError('A=1\nB=2\nMY-KEY=x', 3);
    await assertSyntaxError('MY KEY=x', 1);
  });

  it('reject unterminated quotes', async () => {
    await assertSyntaxError('A="abc', 1);
    await assertSyntaxError("A=1\nB='abc\nC=2'", 2);
    await assertSyntaxError(String.raw`A="ends with escaped quote\"`, 1);
  });

  it('reject text after a closing quote', async () => {
    await assertSyntaxError(`A='x' y`, 1);
    await assertSyntaxError(`A=1\n\n# c\nB="x"y`, 4);
  });

  it('count ignored and CRLF lines in line numbers', async () => {
    await assertSyntaxError('# one\r\n\r\nA=1\r\noops\r\n', 4);
    await assertSyntaxError('\n\n\n\n\n\n\n\n\n\n\nbad line', 12);
  });
});
