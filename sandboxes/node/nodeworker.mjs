// The agent's side of judge mode for Node.js: a worker that loads the agent's modules and serves
// calls into them for a judge-side test (see agent.mjs). It runs under the AGENT's uid, started by
// agentd's `attach` op: its stdin and stdout are the connection to the judge.
//
// Nothing here is trusted: agent code runs in this process and may replace any of it. The judge
// decodes only the wire format from what comes back (agent.mjs), strictly.
//
// Wire: one JSON object per line, both ways. The worker first sends {"hello":1,"pid":P}.
//   judge -> worker: {"id":N,"op":"import","path":P} | {"id":N,"op":"get","h":H,"key":K}
//                    | {"id":N,"op":"call","h":H,"key":K|null,"args":[...]} | {"id":N,"op":"new","h":H,"key":K|null,"args":[...]}
//                    | {"id":N,"op":"free","h":H}
//   worker -> judge: {"id":N,"ok":true,"value":V} | {"id":N,"ok":false,"error":V}
// Values: JSON null/booleans/strings/finite numbers/arrays; every other value is tagged {"$":tag,...}:
//   undef, num (NaN, Infinity, -Infinity, -0), big, obj (entries), map, set, date, buf, u8, err, h (a handle).
import { pathToFileURL } from 'node:url';
import { resolve, isAbsolute } from 'node:path';

const out = process.stdout;
const rawWrite = out.write.bind(out);
// Honest console output of the agent's code must not corrupt the wire: it goes to stderr.
for (const k of ['log', 'info', 'debug', 'dir', 'table']) console[k] = console.error.bind(console);
out.write = process.stderr.write.bind(process.stderr);

const handles = new Map();
let nextHandle = 1;

function handleOf(v) {
  const id = nextHandle++;
  handles.set(id, v);
  return { $: 'h', id, kind: typeof v === 'function' ? 'function' : 'object' };
}

function encode(v, depth = 0, seen = new Set()) {
  if (depth > 64) throw new RangeError('value nested too deeply to cross to the judge');
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
    case 'symbol':
      return handleOf(v);
    case 'function':
      return handleOf(v);
  }
  if (v === null) return null;
  if (seen.has(v)) return handleOf(v); // cycles stay on this side
  seen.add(v);
  try {
    const proto = Object.getPrototypeOf(v);
    if (Array.isArray(v) && proto === Array.prototype) {
      return Array.from(v, (x) => encode(x, depth + 1, seen));
    }
    if (proto === Object.prototype || proto === null) {
      const entries = [];
      for (const k of Object.keys(v)) entries.push([k, encode(v[k], depth + 1, seen)]);
      return { $: 'obj', v: entries };
    }
    if (v instanceof Map && proto === Map.prototype) {
      return { $: 'map', v: Array.from(v, ([k, x]) => [encode(k, depth + 1, seen), encode(x, depth + 1, seen)]) };
    }
    if (v instanceof Set && proto === Set.prototype) {
      return { $: 'set', v: Array.from(v, (x) => encode(x, depth + 1, seen)) };
    }
    if (v instanceof Date && proto === Date.prototype) {
      const t = v.getTime();
      return { $: 'date', v: Number.isNaN(t) ? 'NaN' : t };
    }
    if (Buffer.isBuffer(v)) return { $: 'buf', v: v.toString('base64') };
    if (v instanceof Uint8Array && proto === Uint8Array.prototype) {
      return { $: 'u8', v: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    if (v instanceof Error) return encodeError(v);
    return handleOf(v);
  } finally {
    seen.delete(v);
  }
}

function encodeError(e) {
  const props = [];
  for (const k of Object.keys(e)) {
    const x = e[k];
    if (k !== 'code' && (typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)))) {
      props.push([k, x]);
    }
  }
  const code = e.code;
  return {
    $: 'err',
    name: String(e.name ?? 'Error'),
    message: String(e.message ?? ''),
    code: typeof code === 'string' || typeof code === 'number' ? code : null,
    props,
    stack: String(e.stack ?? ''),
  };
}

function encodeThrown(e) {
  if (e instanceof Error) return encodeError(e);
  return { $: 'err', name: 'Error', message: `non-Error thrown: ${safeString(e)}`, code: null, props: [], stack: '' };
}

function safeString(x) {
  try {
    return String(x);
  } catch {
    return typeof x;
  }
}

function decode(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decode);
  switch (v.$) {
    case 'undef':
      return undefined;
    case 'num':
      return v.v === '-0' ? -0 : Number(v.v);
    case 'big':
      return BigInt(v.v);
    case 'obj': {
      const o = {};
      for (const [k, x] of v.v) Object.defineProperty(o, k, { value: decode(x), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 'map':
      return new Map(v.v.map(([k, x]) => [decode(k), decode(x)]));
    case 'set':
      return new Set(v.v.map(decode));
    case 'date':
      return new Date(v.v === 'NaN' ? NaN : v.v);
    case 'buf':
      return Buffer.from(v.v, 'base64');
    case 'u8':
      return new Uint8Array(Buffer.from(v.v, 'base64'));
    case 'err': {
      const e = new Error(v.message);
      e.name = v.name;
      if (v.code !== null) e.code = v.code;
      return e;
    }
    case 'h':
      if (!handles.has(v.id)) throw new ReferenceError(`unknown handle ${v.id}`);
      return handles.get(v.id);
  }
  throw new TypeError(`bad value tag ${v.$}`);
}

const base = process.cwd();

async function serve(req) {
  switch (req.op) {
    case 'import': {
      const p = String(req.path);
      const url = pathToFileURL(isAbsolute(p) ? p : resolve(base, p)).href;
      return await import(url);
    }
    case 'get': {
      const target = handles.get(req.h);
      return await target[req.key];
    }
    case 'call': {
      const target = handles.get(req.h);
      const args = (req.args || []).map(decode);
      if (req.key === null || req.key === undefined) return await target(...args);
      return await target[req.key](...args);
    }
    case 'new': {
      const target = handles.get(req.h);
      const C = req.key === null || req.key === undefined ? target : target[req.key];
      return new C(...(req.args || []).map(decode));
    }
    case 'free':
      handles.delete(req.h);
      return undefined;
  }
  throw new TypeError(`unknown op ${req.op}`);
}

function send(msg) {
  rawWrite(JSON.stringify(msg) + '\n');
}

async function onLine(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  let msg;
  try {
    const value = await serve(req);
    // A module and a constructed object stay here as handles, whatever they look like.
    const wire = req.op === 'import' || req.op === 'new' ? handleOf(value) : encode(value);
    msg = { id: req.id, ok: true, value: wire };
  } catch (e) {
    try {
      msg = { id: req.id, ok: false, error: encodeThrown(e) };
    } catch {
      msg = { id: req.id, ok: false, error: { $: 'err', name: 'Error', message: 'unencodable error', code: null, props: [], stack: '' } };
    }
  }
  send(msg);
}

let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    onLine(line);
  }
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
out.on('error', () => process.exit(0));
send({ hello: 1, pid: process.pid });
