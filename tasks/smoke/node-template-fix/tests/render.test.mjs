import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from '../src/escape.mjs';
import { render } from '../src/render.mjs';

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('escapes & exactly once', () => {
    assert.equal(escapeHtml('&amp; &lt;'), '&amp;amp; &amp;lt;');
    assert.equal(escapeHtml('&&"\'\''), '&amp;&amp;&quot;&#39;&#39;');
  });

  it('converts non-strings with String()', () => {
    assert.equal(escapeHtml(42), '42');
    assert.equal(escapeHtml(null), 'null');
    assert.equal(escapeHtml(undefined), 'undefined');
    assert.equal(escapeHtml(false), 'false');
  });

  it('leaves other text alone', () => {
    assert.equal(escapeHtml('plain text, $& $1 {{x}} é ✓ \\ `'), 'plain text, $&amp; $1 {{x}} é ✓ \\ `');
    assert.equal(escapeHtml(''), '');
  });
});

describe('render', () => {
  it('fills a simple placeholder', () => {
    assert.equal(render('<p>Hello {{name}}</p>', { name: 'Ann' }), '<p>Hello Ann</p>');
  });

  it('fills every occurrence of a repeated placeholder', () => {
    assert.equal(render('Hi {{name}}! Bye {{name}}.', { name: 'Ann' }), 'Hi Ann! Bye Ann.');
    assert.equal(render('{{x}}{{x}}{{ x }}{{x }}', { x: 'ab' }), 'abababab');
  });

  it('allows spaces inside the braces', () => {
    assert.equal(render('{{ a }}-{{a}}-{{  a}}-{{b\t}}', { a: 1, b: 2 }), '1-1-1-2');
  });

  it('inserts $ patterns literally', () => {
    assert.equal(render('User: {{name}}', { name: 'Tom $& Jerry' }), 'User: Tom $&amp; Jerry');
    assert.equal(render('[{{v}}]', { v: "$1 $$ $` $'" }), '[$1 $$ $` $&#39;]');
    assert.equal(render('{{a}}{{b}}', { a: '$$', b: '$&' }), '$$$&amp;');
  });

  it('escapes quotes for attributes', () => {
    assert.equal(render('<a title="{{t}}">', { t: '5" screen' }), '<a title="5&quot; screen">');
    assert.equal(render("<a title='{{t}}'>", { t: "it's" }), "<a title='it&#39;s'>");
  });

  it('escapes markup in values', () => {
    assert.equal(render('<div>{{html}}</div>', { html: '<script>alert(1)</script>' }), '<div>&lt;script&gt;alert(1)&lt;/script&gt;</div>');
  });

  it('never fills placeholders that come from values', () => {
    assert.equal(render('{{a}} {{b}}', { a: '{{b}}', b: 'x' }), '{{b}} x');
    assert.equal(render('{{b}} {{a}}', { a: '{{b}}', b: 'x' }), 'x {{b}}');
    assert.equal(render('{{a}}', { a: '{{a}}' }), '{{a}}');
  });

  it('converts values with String()', () => {
    assert.equal(render('{{n}} {{z}} {{f}} {{u}}', { n: 3.5, z: 0, f: false, u: undefined }), '3.5 0 false undefined');
  });

  it('leaves other text alone', () => {
    const template = 'no placeholders here: { {x} } {{ }} {{1x}} {{a-b}} $& &amp;';
    assert.equal(render(template, {}), template);
    assert.equal(render('', {}), '');
  });

  it('throws for a missing value, naming the placeholder', () => {
    assert.throws(() => render('Hi {{name}}, {{missing_one}}', { name: 'Ann' }), (err) => err instanceof Error && err.message.includes('missing_one'));
  });

  it('does not take inherited properties as values', () => {
    assert.throws(() => render('{{toString}}', {}), /toString/);
    assert.throws(() => render('{{constructor}}', { x: 1 }), /constructor/);
  });
});
