// A small URL router for an HTTP server: maps (method, path) to a handler.
//
//   const router = new Router();
//   router.add('GET', '/users/:id', showUser);
//   router.match('GET', '/users/42?tab=posts'); // { handler: showUser, params: { id: '42' }, route: '/users/:id' }

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RANK = { static: 0, param: 1, wildcard: 2 };

function splitPath(path) {
  return path.split('/').filter((s) => s !== '');
}

function parsePattern(pattern) {
  if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
    throw new Error(`route pattern must start with "/": ${pattern}`);
  }
  const seen = new Set();
  const parts = splitPath(pattern);
  return parts.map((seg, i) => {
    let kind;
    if (seg.startsWith(':')) kind = 'param';
    else if (seg.startsWith('*')) kind = 'wildcard';
    else return { kind: 'static', value: seg };
    const name = seg.slice(1);
    if (!NAME.test(name)) throw new Error(`invalid parameter name in ${pattern}: ${seg}`);
    if (seen.has(name)) throw new Error(`duplicate parameter ${name} in ${pattern}`);
    if (kind === 'wildcard' && i !== parts.length - 1) throw new Error(`wildcard ${seg} must be the last segment of ${pattern}`);
    seen.add(name);
    return { kind, name };
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
  const last = segments[segments.length - 1];
  const wild = last !== undefined && last.kind === 'wildcard';
  if (wild ? parts.length < segments.length : parts.length !== segments.length) return null;
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.kind === 'static') {
      if (seg.value !== parts[i]) return null;
    } else if (seg.kind === 'param') {
      const value = decode(parts[i]);
      if (value === null) return null;
      params[seg.name] = value;
    } else {
      const values = parts.slice(i).map(decode);
      if (values.includes(null)) return null;
      params[seg.name] = values.join('/');
    }
  }
  return params;
}

// < 0 when route a is more specific than b.
function compareSpecificity(a, b) {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const d = RANK[a.segments[i].kind] - RANK[b.segments[i].kind];
    if (d !== 0) return d;
  }
  return 0;
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

  #best(method, parts) {
    let best = null;
    for (const route of this.#routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, parts);
      if (params && (best === null || compareSpecificity(route, best.route) < 0)) best = { route, params };
    }
    return best && { handler: best.route.handler, params: best.params, route: best.route.pattern };
  }

  /** { handler, params, route } for the most specific matching route, or null. */
  match(method, url) {
    const m = String(method).toUpperCase();
    const parts = splitPath(pathOf(url));
    const found = this.#best(m, parts);
    if (found === null && m === 'HEAD') return this.#best('GET', parts);
    return found;
  }

  /** Sorted methods of every route matching the URL's path (HEAD added with GET). */
  allowedMethods(url) {
    const parts = splitPath(pathOf(url));
    const methods = new Set();
    for (const route of this.#routes) {
      if (matchSegments(route.segments, parts)) methods.add(route.method);
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
