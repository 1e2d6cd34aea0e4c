// A small URL router for an HTTP server: maps (method, path) to a handler.
//
//   const router = new Router();
//   router.add('GET', '/users/:id', showUser);
//   router.match('GET', '/users/42?tab=posts'); // { handler: showUser, params: { id: '42' }, route: '/users/:id' }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function splitPath(path) {
  return path.split('/').filter((s) => s !== '');
}

function parsePattern(pattern) {
  if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
    throw new Error(`route pattern must start with "/": ${pattern}`);
  }
  const seen = new Set();
  return splitPath(pattern).map((seg) => {
    if (!seg.startsWith(':')) return { kind: 'static', value: seg };
    const name = seg.slice(1);
    if (!NAME.test(name)) throw new Error(`invalid parameter name in ${pattern}: ${seg}`);
    if (seen.has(name)) throw new Error(`duplicate parameter ${name} in ${pattern}`);
    seen.add(name);
    return { kind: 'param', name };
  });
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed %-escape: no match
  }
}

// params for a route that matches the path segments, or null.
function matchSegments(segments, parts) {
  if (segments.length !== parts.length) return null;
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.kind === 'static') {
      if (seg.value !== parts[i]) return null;
    } else {
      const value = decode(parts[i]);
      if (value === null) return null;
      params[seg.name] = value;
    }
  }
  return params;
}

function pathOf(url) {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

export class Router {
  #routes = [];

  /** Register a handler; returns the router so calls can be chained. */
  add(method, pattern, handler) {
    if (typeof handler !== 'function') throw new TypeError(`handler for ${method} ${pattern} is not a function`);
    const segments = parsePattern(pattern);
    this.#routes.push({ method: String(method).toUpperCase(), pattern, segments, handler });
    return this;
  }

  /** { handler, params, route } for the first route that matches, or null. */
  match(method, url) {
    const m = String(method).toUpperCase();
    const parts = splitPath(pathOf(url));
    for (const route of this.#routes) {
      if (route.method !== m) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { handler: route.handler, params, route: route.pattern };
    }
    return null;
  }
}
