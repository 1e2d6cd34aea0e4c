import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Router } from '../router.mjs';

const h = (name) => Object.defineProperty(() => name, 'name', { value: name });

describe('existing behaviour', () => {
  it('matches static routes by method', () => {
    const list = h('list');
    const create = h('create');
    const r = new Router().add('GET', '/users', list).add('POST', '/users', create);
    assert.equal(r.match('GET', '/users').handler, list);
    assert.equal(r.match('POST', '/users').handler, create);
    assert.equal(r.match('DELETE', '/users'), null);
    assert.equal(r.match('GET', '/people'), null);
  });

  it('matches the root', () => {
    const root = h('root');
    const r = new Router().add('GET', '/', root);
    assert.deepEqual(r.match('GET', '/'), { handler: root, params: {}, route: '/' });
    assert.equal(r.match('GET', '/x'), null);
  });

  it('extracts and decodes parameters', () => {
    const show = h('show');
    const r = new Router().add('GET', '/users/:id/posts/:post_id', show);
    assert.deepEqual(r.match('GET', '/users/42/posts/a%20b'), {
      handler: show,
      params: { id: '42', post_id: 'a b' },
      route: '/users/:id/posts/:post_id',
    });
    assert.equal(r.match('GET', '/users/42/posts'), null);
    assert.equal(r.match('GET', '/users/42/posts/1/extra'), null);
  });

  it('ignores query strings, fragments and trailing slashes', () => {
    const r = new Router().add('GET', '/a/:x', h('a'));
    assert.deepEqual(r.match('GET', '/a/1?q=2#frag').params, { x: '1' });
    assert.deepEqual(r.match('GET', '/a/1/').params, { x: '1' });
    assert.deepEqual(r.match('GET', '/a/1#top').params, { x: '1' });
  });

  it('treats methods case-insensitively', () => {
    const r = new Router().add('get', '/x', h('x'));
    assert.ok(r.match('GET', '/x'));
    assert.ok(r.match('Get', '/x'));
  });

  it('does not match malformed escapes', () => {
    const r = new Router().add('GET', '/f/:name', h('f'));
    assert.equal(r.match('GET', '/f/%E0%A4%A'), null);
  });

  it('static segments are case-sensitive', () => {
    const r = new Router().add('GET', '/About', h('about'));
    assert.equal(r.match('GET', '/about'), null);
  });

  it('prefers a static route registered before a parameter route', () => {
    const me = h('me');
    const user = h('user');
    const r = new Router().add('GET', '/users/me', me).add('GET', '/users/:id', user);
    assert.equal(r.match('GET', '/users/me').handler, me);
    assert.equal(r.match('GET', '/users/7').handler, user);
  });

  it('validates patterns and handlers', () => {
    const r = new Router();
    assert.throws(() => r.add('GET', 'users', h('x')), /must start with/);
    assert.throws(() => r.add('GET', '/a/:1x', h('x')), /invalid parameter/);
    assert.throws(() => r.add('GET', '/a/:', h('x')), /invalid parameter/);
    assert.throws(() => r.add('GET', '/a/:id/b/:id', h('x')), /duplicate parameter/);
    assert.throws(() => r.add('GET', '/a', 'not a function'), TypeError);
  });
});
