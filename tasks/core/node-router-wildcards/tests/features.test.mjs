import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Router } from '../router.mjs';

const h = (name) => Object.defineProperty(() => name, 'name', { value: name });
const which = (r, method, url) => {
  const m = r.match(method, url);
  return m && m.handler.name;
};

describe('wildcards', () => {
  it('capture one or more remaining segments, decoded', () => {
    const files = h('files');
    const r = new Router().add('GET', '/files/*path', files);
    assert.deepEqual(r.match('GET', '/files/a/b%20c.txt'), { handler: files, params: { path: 'a/b c.txt' }, route: '/files/*path' });
    assert.deepEqual(r.match('GET', '/files/x').params, { path: 'x' });
    assert.deepEqual(r.match('GET', '/files/a/b/c/d/e?x=1').params, { path: 'a/b/c/d/e' });
  });

  it('need at least one segment', () => {
    const r = new Router().add('GET', '/files/*path', h('files'));
    assert.equal(r.match('GET', '/files'), null);
    assert.equal(r.match('GET', '/files/'), null);
    assert.equal(r.match('GET', '/other/x'), null);
  });

  it('ignore empty segments and trailing slashes', () => {
    const r = new Router().add('GET', '/files/*path', h('files'));
    assert.deepEqual(r.match('GET', '/files//a///b/').params, { path: 'a/b' });
  });

  it('decode each segment separately (an encoded slash stays in its segment)', () => {
    const r = new Router().add('GET', '/raw/*p', h('raw'));
    assert.deepEqual(r.match('GET', '/raw/a%2Fb/c').params, { p: 'a/b/c' });
    assert.deepEqual(r.match('GET', '/raw/%C3%A9t%C3%A9/%25').params, { p: 'été/%' });
    assert.equal(r.match('GET', '/raw/ok/%E0%A4%A'), null);
  });

  it('combine with parameters and a root wildcard', () => {
    const r = new Router().add('GET', '/repos/:owner/:repo/blob/*file', h('blob')).add('GET', '/*all', h('all'));
    assert.deepEqual(r.match('GET', '/repos/me/proj/blob/src/main.js').params, { owner: 'me', repo: 'proj', file: 'src/main.js' });
    assert.deepEqual(r.match('GET', '/anything/else').params, { all: 'anything/else' });
    assert.equal(r.match('GET', '/'), null);
  });

  it('are validated when added', () => {
    const r = new Router();
    assert.throws(() => r.add('GET', '/a/*rest/b', h('x')), Error);
    assert.throws(() => r.add('GET', '/a/*', h('x')), Error);
    assert.throws(() => r.add('GET', '/a/*1x', h('x')), Error);
    assert.throws(() => r.add('GET', '/a/:p/*p', h('x')), Error);
    assert.throws(() => r.add('GET', '/*a/*b', h('x')), Error);
  });

  it('leave segments with an inner * static', () => {
    const r = new Router().add('GET', '/a*b/c', h('star'));
    assert.equal(which(r, 'GET', '/a*b/c'), 'star');
    assert.equal(r.match('GET', '/axb/c'), null);
  });
});

describe('most specific route wins', () => {
  it('static beats parameter whatever the order', () => {
    const r = new Router().add('GET', '/users/:id', h('user')).add('GET', '/users/new', h('new'));
    assert.equal(which(r, 'GET', '/users/new'), 'new');
    assert.equal(which(r, 'GET', '/users/7'), 'user');
  });

  it('parameter beats wildcard whatever the order', () => {
    const r = new Router().add('GET', '/users/*rest', h('rest')).add('GET', '/users/:id', h('user'));
    assert.equal(which(r, 'GET', '/users/7'), 'user');
    assert.equal(which(r, 'GET', '/users/7/posts'), 'rest');
  });

  it('the first differing segment decides', () => {
    const r = new Router().add('GET', '/:any/edit', h('anyEdit')).add('GET', '/users/:id', h('user')).add('GET', '/users/*rest', h('rest'));
    assert.equal(which(r, 'GET', '/users/edit'), 'user');
    assert.equal(which(r, 'GET', '/posts/edit'), 'anyEdit');
    const r2 = new Router().add('GET', '/:a/b/:c', h('pbp')).add('GET', '/:a/:b/c', h('ppc'));
    assert.equal(which(r2, 'GET', '/x/b/c'), 'pbp');
    const r3 = new Router().add('GET', '/a/*rest', h('wild')).add('GET', '/:x/b/c', h('params'));
    assert.equal(which(r3, 'GET', '/a/b/c'), 'wild');
  });

  it('a deeper static segment beats a wildcard', () => {
    const r = new Router().add('GET', '/docs/*page', h('page')).add('GET', '/docs/api/:name', h('api'));
    assert.equal(which(r, 'GET', '/docs/api/x'), 'api');
    assert.equal(which(r, 'GET', '/docs/api/x/y'), 'page');
    assert.equal(which(r, 'GET', '/docs/api'), 'page');
  });

  it('ties go to the route registered first', () => {
    const r = new Router().add('GET', '/p/:a', h('first')).add('GET', '/p/:b', h('second'));
    assert.equal(which(r, 'GET', '/p/1'), 'first');
    const r2 = new Router().add('GET', '/w/*a', h('first')).add('GET', '/w/*b', h('second'));
    assert.equal(which(r2, 'GET', '/w/1/2'), 'first');
    const r3 = new Router().add('GET', '/s', h('first')).add('GET', '/s/', h('second'));
    assert.equal(which(r3, 'GET', '/s'), 'first');
  });

  it('only ranks routes of the requested method', () => {
    const r = new Router().add('POST', '/users/new', h('postNew')).add('GET', '/users/:id', h('user'));
    assert.equal(which(r, 'GET', '/users/new'), 'user');
    assert.equal(which(r, 'POST', '/users/new'), 'postNew');
    assert.equal(r.match('POST', '/users/1'), null);
  });
});

describe('HEAD', () => {
  it('falls back to GET routes', () => {
    const r = new Router().add('GET', '/users/:id', h('user'));
    assert.deepEqual(r.match('HEAD', '/users/3').params, { id: '3' });
    assert.equal(which(r, 'head', '/users/3'), 'user');
    assert.equal(r.match('HEAD', '/nope'), null);
  });

  it('prefers a matching HEAD route', () => {
    const r = new Router().add('GET', '/users/:id', h('get')).add('HEAD', '/users/:id', h('head'));
    assert.equal(which(r, 'HEAD', '/users/3'), 'head');
    const r2 = new Router().add('GET', '/users/me', h('getMe')).add('HEAD', '/users/*x', h('headAny'));
    assert.equal(which(r2, 'HEAD', '/users/me'), 'headAny');
  });

  it('ranks the GET routes it falls back to', () => {
    const r = new Router().add('GET', '/a/:x', h('param')).add('GET', '/a/b', h('static'));
    assert.equal(which(r, 'HEAD', '/a/b'), 'static');
  });

  it('does not make GET fall back to HEAD', () => {
    const r = new Router().add('HEAD', '/ping', h('ping'));
    assert.equal(r.match('GET', '/ping'), null);
  });
});

describe('allowedMethods', () => {
  it('lists sorted unique methods of matching routes, with HEAD for GET', () => {
    const r = new Router()
      .add('PUT', '/users/:id', h('put'))
      .add('get', '/users/:id', h('get'))
      .add('DELETE', '/users/:id', h('del'))
      .add('GET', '/users/me', h('me'))
      .add('POST', '/users', h('create'));
    assert.deepEqual(r.allowedMethods('/users/7'), ['DELETE', 'GET', 'HEAD', 'PUT']);
    assert.deepEqual(r.allowedMethods('/users/me?x=1'), ['DELETE', 'GET', 'HEAD', 'PUT']);
    assert.deepEqual(r.allowedMethods('/users'), ['POST']);
    assert.deepEqual(r.allowedMethods('/users/'), ['POST']);
  });

  it('is empty when nothing matches', () => {
    const r = new Router().add('GET', '/a', h('a'));
    assert.deepEqual(r.allowedMethods('/b'), []);
    assert.deepEqual(new Router().allowedMethods('/'), []);
  });

  it('includes wildcard routes and does not duplicate HEAD', () => {
    const r = new Router().add('HEAD', '/f/*p', h('head')).add('GET', '/f/*p', h('get')).add('OPTIONS', '/*all', h('opt'));
    assert.deepEqual(r.allowedMethods('/f/a/b'), ['GET', 'HEAD', 'OPTIONS']);
    assert.deepEqual(r.allowedMethods('/g'), ['OPTIONS']);
    assert.deepEqual(r.allowedMethods('/f'), ['OPTIONS']);
  });

  it('respects malformed escapes', () => {
    const r = new Router().add('GET', '/f/:name', h('f'));
    assert.deepEqual(r.allowedMethods('/f/%E0%A4%A'), []);
  });
});
