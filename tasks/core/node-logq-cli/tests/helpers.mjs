import { agentRun, agentTmpDir } from '/opt/harness/agent.mjs';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = fileURLToPath(new URL('../logq.mjs', import.meta.url));
export const dir = agentTmpDir('logq-');

export function logq(args, input = '') {
  const r = agentRun(['node', SCRIPT, ...args], { input, cwd: dir, timeout: 30_000 });
  if (r.error) throw r.error;
  return r;
}

export function logFile(name, records) {
  const p = join(dir, name);
  writeFileSync(p, records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return p;
}

export const SAMPLE = [
  { time: '2024-03-01T10:00:00Z', level: 'info', msg: 'server started', port: 8080 },
  { time: '2024-03-01T10:05:00Z', level: 'debug', msg: 'cache warm', entries: 12 },
  { time: '2024-03-01T10:10:00Z', level: 'warn', msg: 'slow request', req: { path: '/api', status: 200 }, ms: 950 },
  { time: '2024-03-01T10:15:00Z', level: 'error', msg: 'request failed', req: { path: '/api', status: 500 }, user: 'ann' },
  { time: '2024-03-01T11:00:00Z', level: 'info', msg: 'request ok', req: { path: '/home', status: 200 }, user: 'bob' },
  { time: '2024-03-01T12:30:00Z', level: 'error', msg: 'disk full', host: 'db 1' },
];
