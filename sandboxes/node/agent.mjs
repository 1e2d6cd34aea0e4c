// The judge's side of judge mode for Node.js tests: /opt/harness/agent.mjs.
//
//   import { agentImport, agentRun, agentTmpDir } from '/opt/harness/agent.mjs';
//   const m = await agentImport('src/dotenv.mjs');      // a path in the workspace (or a URL/absolute path)
//   assert.deepStrictEqual(await m.parse('A=1'), { A: '1' });
//   await assert.rejects(async () => m.parse('bad'), { name: 'SyntaxError' });
//   const cart = new m.Cart();  await cart.add('x', 2);  assert.equal(await cart.total, 2);
//   const r = agentRun(['node', 'cli.mjs', '--json'], { input: '...' });  // like spawnSync (utf8)
//
// In judge mode ($HARNESS_AGENTD set) the test process never loads the agent's code: modules load in
// a worker under the agent's uid (nodeworker.mjs, started through agentd's `attach` op), and every
// call, property read and `new` is a message to it. Results are decoded here, strictly, from the wire
// format only: JSON data plus tagged undefined, NaN/Infinity/-0, bigint, Map, Set, Date, Buffer,
// Uint8Array and Error (name, message, code and primitive own properties). Anything else stays in the
// worker as a handle: a proxy here whose members are again calls into the worker. Every member is
// awaited: `await m.x` reads a property, `await m.f(...)` calls a function. A call that does not
// answer within $HARNESS_JUDGE_CALL_TIMEOUT seconds (default 30) fails, and the worker's process group
// is killed through agentd; later calls on its objects fail at once, a new agentImport starts afresh.
//
// Outside judge mode (the agent's own sandbox, running the visible tests) the helpers fall back to a
// plain import() and spawnSync, so the same test file runs in both places.
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOCK = process.env.HARNESS_AGENTD || '';
const WORKSPACE = process.env.HARNESS_WORKSPACE || '/workspace';
const JUDGE_WORK = join(process.env.HARNESS_JUDGE_DIR || '/judge', 'w');
const WORKER = '/opt/harness/nodeworker.mjs';
const CALL_TIMEOUT_MS = 1000 * (Number(process.env.HARNESS_JUDGE_CALL_TIMEOUT) || 30);
const MAX_LINE = 64 << 20;
const MAX_DEPTH = 100;
const HANDLE = Symbol('harness.agentHandle');

export const judged = SOCK !== '';

// -- paths ------------------------------------------------------------------------------------------

function toPath(spec) {
  if (spec instanceof URL) return fileURLToPath(spec);
  spec = String(spec);
  if (spec.startsWith('file:')) return fileURLToPath(spec);
  return spec;
}

/** A path as the agent's side sees it: the judge's folder mirrors the workspace. */
function agentSidePath(p) {
  p = toPath(p);
  if (!isAbsolute(p)) return resolve(WORKSPACE, p);
  if (p === JUDGE_WORK || p.startsWith(JUDGE_WORK + '/')) return WORKSPACE + p.slice(JUDGE_WORK.length);
  return p;
}

// -- the connection ---------------------------------------------------------------------------------

class AgentError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AgentWorkerError';
  }
}

let conn = null; // { sock, pending: Map, nextId, ready: Promise, dead }

function connect() {
  if (conn && !conn.dead) return conn;
  const c = { pending: new Map(), nextId: 1, dead: false, buf: '' };
  c.sock = net.createConnection(SOCK);
  c.ready = new Promise((res, rej) => {
    c.hello = res;
    c.fail = rej;
  });
  c.ready.catch(() => {});
  const die = (why) => {
    if (c.dead) return;
    c.dead = true;
    const err = new AgentError(why);
    c.fail(err);
    for (const p of c.pending.values()) p.reject(err);
    c.pending.clear();
    c.sock.destroy();
  };
  c.die = die;
  c.sock.on('connect', () => {
    c.sock.write(JSON.stringify({ op: 'attach', argv: ['node', WORKER], cwd: WORKSPACE }) + '\n');
  });
  c.sock.setEncoding('utf8');
  c.sock.on('data', (chunk) => {
    c.buf += chunk;
    if (c.buf.length > MAX_LINE) return die('the agent worker sent an oversized message');
    let i;
    while ((i = c.buf.indexOf('\n')) >= 0) {
      const line = c.buf.slice(0, i);
      c.buf = c.buf.slice(i + 1);
      onMessage(c, line);
      if (c.dead) return;
    }
  });
  c.sock.on('error', (e) => die(`the agent worker connection failed: ${e.message}`));
  c.sock.on('close', () => die('the agent worker exited'));
  c.active = 0; // calls under way: the connection keeps the process alive only while there are any
  conn = c;
  return c;
}

// A worker stuck in a loop never sees its connection close: end its process group through agentd
// (which can only signal the agent's own processes).
function killWorker(c) {
  if (!c.pid) return;
  const k = net.createConnection(SOCK);
  k.on('error', () => {});
  k.on('connect', () => k.end(JSON.stringify({ op: 'kill', pgid: c.pid }) + '\n'));
  k.unref();
}

function onMessage(c, line) {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch {
    return c.die('the agent worker sent a malformed message');
  }
  if (!isRecord(msg)) return c.die('the agent worker sent a malformed message');
  if (!c.helloSeen) {
    if (msg.hello !== 1) return c.die('the agent worker did not start');
    if (Number.isSafeInteger(msg.pid) && msg.pid > 1) c.pid = msg.pid; // its session: agentd setsid()s
    c.helloSeen = true;
    c.hello();
    return;
  }
  const p = typeof msg.id === 'number' ? c.pending.get(msg.id) : undefined;
  if (!p) return c.die('the agent worker answered a call that was not made');
  c.pending.delete(msg.id);
  clearTimeout(p.timer);
  try {
    if (msg.ok === true) p.resolve(decode(msg.value, c, 0));
    else if (msg.ok === false) p.reject(decodeError(msg.error, c));
    else throw new AgentError('the agent worker sent a malformed answer');
  } catch (e) {
    p.reject(e instanceof AgentError ? e : new AgentError(`the agent worker sent a malformed answer: ${e.message}`));
  }
}

// A call on a handle goes to the worker that holds it: once that one is gone, so is the handle.
async function rpc(req, c = connect()) {
  if (c.dead) throw new AgentError('the agent worker that held this object has exited');
  c.active++;
  c.sock.ref();
  try {
    return await rpcOn(c, req);
  } finally {
    if (--c.active === 0) c.sock.unref();
  }
}

async function rpcOn(c, req) {
  await c.ready;
  if (c.dead) throw new AgentError('the agent worker exited');
  const id = c.nextId++;
  const line = JSON.stringify({ ...req, id }) + '\n';
  return new Promise((resolveCall, rejectCall) => {
    const timer = setTimeout(() => {
      c.pending.delete(id);
      rejectCall(new AgentError(`the agent's code did not answer within ${CALL_TIMEOUT_MS / 1000}s`));
      c.die('the agent worker timed out');
      killWorker(c);
    }, CALL_TIMEOUT_MS);
    c.pending.set(id, { resolve: resolveCall, reject: rejectCall, timer });
    c.sock.write(line);
  });
}

// -- decoding what the worker sends (strict: only the wire format) ----------------------------------

function isRecord(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function bad(what) {
  throw new AgentError(`the agent worker sent a malformed value (${what})`);
}

function str(v, what) {
  if (typeof v !== 'string') bad(what);
  return v;
}

function entries(v, what) {
  if (!Array.isArray(v)) bad(what);
  for (const e of v) if (!Array.isArray(e) || e.length !== 2) bad(what);
  return v;
}

function b64(v) {
  str(v, 'base64');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v)) bad('base64');
  return Buffer.from(v, 'base64');
}

function decode(v, c, depth) {
  if (depth > MAX_DEPTH) bad('too deep');
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map((x) => decode(x, c, depth + 1));
  if (!isRecord(v)) bad('type');
  switch (v.$) {
    case 'undef':
      return undefined;
    case 'num':
      if (v.v === 'NaN') return NaN;
      if (v.v === 'Infinity') return Infinity;
      if (v.v === '-Infinity') return -Infinity;
      if (v.v === '-0') return -0;
      return bad('number');
    case 'big':
      if (!/^-?[0-9]{1,100000}$/.test(str(v.v, 'bigint'))) bad('bigint');
      return BigInt(v.v);
    case 'obj': {
      const o = {};
      for (const [k, x] of entries(v.v, 'object')) {
        Object.defineProperty(o, str(k, 'key'), { value: decode(x, c, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case 'map':
      return new Map(entries(v.v, 'map').map(([k, x]) => [decode(k, c, depth + 1), decode(x, c, depth + 1)]));
    case 'set':
      if (!Array.isArray(v.v)) bad('set');
      return new Set(v.v.map((x) => decode(x, c, depth + 1)));
    case 'date':
      if (v.v === 'NaN') return new Date(NaN);
      if (typeof v.v !== 'number') bad('date');
      return new Date(v.v);
    case 'buf':
      return b64(v.v);
    case 'u8':
      return new Uint8Array(b64(v.v));
    case 'err':
      return decodeError(v, c);
    case 'h':
      if (!Number.isSafeInteger(v.id) || v.id <= 0) bad('handle');
      return handleProxy(Promise.resolve(v.id), c);
  }
  return bad('tag');
}

const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };
const RESERVED = new Set(['name', 'message', 'stack', 'code', '__proto__', 'constructor']);

function decodeError(v, c) {
  if (!isRecord(v) || v.$ !== 'err') bad('error');
  const name = str(v.name, 'error name');
  const message = str(v.message, 'error message');
  const Ctor = Object.hasOwn(ERRORS, name) ? ERRORS[name] : Error;
  const e = new Ctor(message);
  if (Ctor === Error && name !== 'Error') Object.defineProperty(e, 'name', { value: name, writable: true, configurable: true });
  if (typeof v.code === 'string' || typeof v.code === 'number') e.code = v.code;
  else if (v.code !== null && v.code !== undefined) bad('error code');
  if (v.props !== undefined) {
    for (const [k, x] of entries(v.props, 'error props')) {
      str(k, 'error prop');
      if (RESERVED.has(k)) continue;
      if (!(typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)))) bad('error prop');
      Object.defineProperty(e, k, { value: x, enumerable: true, writable: true, configurable: true });
    }
  }
  if (typeof v.stack === 'string' && v.stack) {
    const remote = v.stack.split('\n').slice(1, 12).join('\n');
    e.stack = `${name}: ${message}\n    [in the agent's worker]\n${remote}`;
  }
  return e;
}

// -- encoding what the judge sends ------------------------------------------------------------------

async function encodeArg(v, c, depth = 0) {
  if (depth > MAX_DEPTH) throw new TypeError('argument nested too deeply');
  switch (typeof v) {
    case 'undefined':
      return { $: 'undef' };
    case 'boolean':
    case 'string':
      return v;
    case 'number':
      if (Number.isNaN(v)) return { $: 'num', v: 'NaN' };
      if (v === Infinity) return { $: 'num', v: 'Infinity' };
      if (v === -Infinity) return { $: 'num', v: '-Infinity' };
      if (Object.is(v, -0)) return { $: 'num', v: '-0' };
      return v;
    case 'bigint':
      return { $: 'big', v: v.toString() };
  }
  if (v === null) return null;
  const h = handleOfProxy(v);
  if (h) {
    if (h.conn !== c) throw new AgentError('a handle from an agent worker that has exited');
    return { $: 'h', id: await h.id };
  }
  if (typeof v === 'function') throw new TypeError("a function cannot be passed to the agent's code in judge mode");
  if (Array.isArray(v)) return Promise.all(v.map((x) => encodeArg(x, c, depth + 1)));
  if (v instanceof Map) return { $: 'map', v: await Promise.all([...v].map(async ([k, x]) => [await encodeArg(k, c, depth + 1), await encodeArg(x, c, depth + 1)])) };
  if (v instanceof Set) return { $: 'set', v: await Promise.all([...v].map((x) => encodeArg(x, c, depth + 1))) };
  if (v instanceof Date) return { $: 'date', v: Number.isNaN(v.getTime()) ? 'NaN' : v.getTime() };
  if (Buffer.isBuffer(v)) return { $: 'buf', v: v.toString('base64') };
  if (v instanceof Uint8Array) return { $: 'u8', v: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof Error) return { $: 'err', name: String(v.name), message: String(v.message), code: v.code ?? null, props: [], stack: '' };
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out = [];
    for (const k of Object.keys(v)) out.push([k, await encodeArg(v[k], c, depth + 1)]);
    return { $: 'obj', v: out };
  }
  throw new TypeError(`a ${proto?.constructor?.name ?? 'object'} cannot be passed to the agent's code in judge mode`);
}

// -- handles ----------------------------------------------------------------------------------------

const proxyInfo = new WeakMap(); // proxy -> { id: Promise<number>, conn }

function handleOfProxy(v) {
  return (typeof v === 'function' || typeof v === 'object') && v !== null ? proxyInfo.get(v) : undefined;
}

async function callOp(op, idP, key, args, c) {
  const h = await idP;
  const wire = await Promise.all(args.map((a) => encodeArg(a, c)));
  return rpc({ op, h, key, args: wire }, c);
}

function pendingHandle(promise, c) {
  const idP = promise.then((v) => {
    const info = handleOfProxy(v);
    if (!info) throw new AgentError('the agent worker did not return an object for `new`');
    return info.id;
  });
  idP.catch(() => {}); // a constructor that threw fails where the object is used
  return handleProxy(idP, c);
}

function handleProxy(idP, c) {
  const target = function agentHandle() {};
  const proxy = new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // a handle is not a promise
      if (typeof key === 'symbol') return key === HANDLE ? idP : undefined;
      return memberRef(idP, key, c);
    },
    apply(_t, _this, args) {
      return callOp('call', idP, null, args, c);
    },
    construct(_t, args) {
      return pendingHandle(callOp('new', idP, null, args, c), c);
    },
    set() {
      throw new TypeError("properties of the agent's objects cannot be set from the judge");
    },
  });
  proxyInfo.set(proxy, { id: idP, conn: c });
  return proxy;
}

function memberRef(idP, key, c) {
  const target = function agentMember() {};
  return new Proxy(target, {
    get(_t, k) {
      if (k === 'then') {
        return (onOk, onErr) => idP.then((h) => rpc({ op: 'get', h, key }, c)).then(onOk, onErr);
      }
      if (k === 'catch') return (onErr) => idP.then((h) => rpc({ op: 'get', h, key }, c)).catch(onErr);
      if (typeof k === 'symbol') return undefined;
      throw new TypeError(`await the agent's property ${String(key)} before reading ${String(k)} of it`);
    },
    apply(_t, _this, args) {
      return callOp('call', idP, key, args, c);
    },
    construct(_t, args) {
      return pendingHandle(callOp('new', idP, key, args, c), c);
    },
  });
}

// -- the API ----------------------------------------------------------------------------------------

/** Import one of the agent's modules: in judge mode a proxy into the worker, else the module itself. */
export async function agentImport(spec) {
  if (!judged) {
    const p = toPath(spec);
    return import(pathToFileURL(isAbsolute(p) ? p : resolve(process.cwd(), p)).href);
  }
  return rpc({ op: 'import', path: agentSidePath(spec) });
}

/**
 * A folder both the test and the agent's program can use (the judge's TMPDIR is closed to it). In judge
 * mode this also clears the judge's umask, so files the test writes there the agent's program may
 * overwrite (as it could in-process); /judge itself stays closed (mode 0700).
 */
export function agentTmpDir(prefix = 'agent-') {
  if (!judged) return mkdtempSync(join(tmpdir(), prefix));
  process.umask(0);
  const dir = mkdtempSync(join('/tmp', prefix));
  chmodSync(dir, 0o777);
  return dir;
}

/**
 * Run one of the agent's programs, like spawnSync(argv[0], argv.slice(1), opts) with utf8 output:
 * returns { status, signal, stdout, stderr, error }. In judge mode it runs as the agent via agentrun.
 * opts: input, cwd, timeout (ms), encoding ('utf8' default; 'buffer' for Buffers).
 */
export function agentRun(argv, opts = {}) {
  const { input, cwd, timeout = 30_000 } = opts;
  const encoding = opts.encoding === 'buffer' ? 'buffer' : opts.encoding || 'utf8';
  const argv2 = argv.map((a) => (a instanceof URL || String(a).startsWith('file:') ? toPath(a) : String(a)));
  if (!judged) {
    const cmd = argv2[0] === 'node' ? process.execPath : argv2[0];
    return spawnSync(cmd, argv2.slice(1), { input, cwd, encoding, timeout });
  }
  const args = ['--timeout', String(timeout / 1000)];
  if (cwd) args.push('--cwd', String(cwd));
  args.push('--', ...argv2);
  const r = spawnSync('agentrun', args, { input: input ?? '', encoding, timeout: timeout + 20_000, maxBuffer: 64 << 20 });
  if (!r.error && r.status === 124) r.signal = 'SIGTERM';
  return r;
}
