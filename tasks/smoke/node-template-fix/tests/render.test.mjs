import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agentImport } from '/opt/harness/agent.mjs';
const { escapeHtml } = await agentImport(new URL('../src/escape.mjs', import.meta.url));
const { render } = await agentImport(new URL('../src/render.mjs', import.meta.url));

describe('escapeHtml', () => {
  it('escapes the five special characters', async () => {
    assert.equal(await escapeHtml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('escapes & exactly once', async () => {
    assert.equal(await escapeHtml('&amp; &lt;'), '&amp;amp; &amp;lt;');
    assert.equal(await escapeHtml('&&"\'\''), '&amp;&amp;&quot;&#39;&#39;');
  });

  it('converts non-strings with String()', async () => {
    assert.equal(await escapeHtml(42), '42');
    assert.equal(await escapeHtml(null), 'null');
    assert.equal(await escapeHtml(undefined), 'undefined');
    assert.equal(await escapeHtml(false), 'false');
  });

  it('leaves other text alone', async () => {
    assert.equal(await escapeHtml('plain text, $& $1 {{x}} é ✓ \\ `'), 'plain text, $&amp; $1 {{x}} é ✓ \\ `');
    assert.equal(await escapeHtml(''), '');
  });
});

describe('render', () => {
  it('fills a simple placeholder', async () => {
    assert.equal(await render('<p>Hello {{name}}</p>', { name: 'Ann' }), '<p>Hello Ann</p>');
  });

  it('fills every occurrence of a repeated placeholder', async () => {
    assert.equal(await render('Hi {{name}}! Bye {{name}}.', { name: 'Ann' }), 'Hi Ann! Bye Ann.');
    assert.equal(await render('{{x}}{{x}}{{ x }}{{x }}', { x: 'ab' }), 'abababab');
  });

  it('allows spaces inside the braces', async () => {
    assert.equal(await render('{{ a }}-{{a}}-{{  a}}-{{b\t}}', { a: 1, b: 2 }), '1-1-1-2');
  });

  it('inserts $ patterns literally', async () => {
    assert.equal(await render('User: {{name}}', { name: 'Tom $& Jerry' }), 'User: Tom $&amp; Jerry');
    assert.equal(await render('[{{v}}]', { v: "$1 $$ $` $'" }), '[$1 $$ $` $&#39;]');
    assert.equal(await render('{{a}}{{b}}', { a: '$$', b: '$&' }), '$$$&amp;');
  });

  it('escapes quotes for attributes', async () => {
    assert.equal(await render('<a title="{{t}}">', { t: '5" screen' }), '<a title="5&quot; screen">');
    assert.equal(await render("<a title='{{t}}'>", { t: "it's" }), "<a title='it&#39;s'>");
  });

  it('escapes markup in values', async () => {
    assert.equal(await render('<div>{{html}}</div>', { html: '<script>alert(1)</script>' }), '<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>');
  });

  it('never fills placeholders that come from values', async () => {
    assert.equal(await render('{{a}} {{b}}', { a: '{{b}}', b: 'x' }), '{{b}} x');
    assert.equal(await render('{{b}} {{a}}', { a: '{{b}}', b: 'x' }), 'x {{b}}');
    assert.equal(await render('{{a}}', { a: '{{a}}' }), '{{a}}');
  });

  it('converts values with String()', async () => {
    assert.equal(await render('{{n}} {{z}} {{f}} {{u}}', { n: 3.5, z: 0, f: false, u: undefined }), '3.5 0 false undefined');
  });

  it('leaves other text alone', async () => {
    const template = 'no placeholders here: { {x} } {{ }} {{1x}} {{a-b}} $& &amp;';
    assert.equal(await render(template, {}), template);
    assert.equal(await render('', {}), '');
  });

  it('throws for a missing value, naming the placeholder', async () => {
    await assert.rejects(async () => await render('Hi {{name}}, {{missing_one}}', { name: 'Ann' }), (err) => err instanceof Error && err.message.includes('missing_one'));
  });

  it('does not take inherited properties as values', async () => {
    await assert.rejects(async () => await render('{{toString}}', {}), /toString/);
    await assert.rejects(async () => await render('{{constructor}}', { x: 1 }), /constructor/);
  });
});
