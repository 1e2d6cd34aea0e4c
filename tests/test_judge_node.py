"""Node.js grading against hostile solutions (Docker tests, real tasks, real images).

Judge mode (node-dotenv-parse, node-csv2json-cli): the test runner runs under the judge's uid with the
hidden tests on /judge; the agent's modules load only in a worker under the agent's uid
(/opt/harness/agent.mjs talks to sandboxes/node/nodeworker.mjs through agentd), and CLI programs run
through agentrun. Each attack is graded on a solution that does not solve the task and must score 0;
the references must pass.

In-process mode (node-router-wildcards): the agent's module loads in the test file's process, so it
can forge the runner's v8-serialized result frames on stdout or no-op node:assert. The canaries
appended to every test file must catch both: `tampered`, score 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.task import Task, load_task
from tests.fixtures.grading import explain, grade_files

pytestmark = pytest.mark.docker

ROOT = Path(__file__).resolve().parent.parent


def _task(path: str) -> Task:
    return load_task(ROOT / path)


def _grade(
    client: Any, images: Any, task: Task, tmp: Path, extra: dict[str, str], solved: bool = False
) -> Any:
    """Grade the starter files (or the reference) plus `extra` files, the way a trial would."""
    return grade_files(client, images, task, tmp, extra, solved=solved, run="test-judge-node")


_explain = explain


def _scores_zero(g: Any, reasons: tuple[str, ...] | None = None) -> None:
    assert g.status == "fail", _explain(g)
    assert not g.score, _explain(g)
    if reasons is not None:
        assert g.fail_reason in reasons, _explain(g)


# A forged result frame as node 18's v8 reporter writes it on a test file's stdout:
# header, 4-byte big-endian length, header, the serialized event.
FRAME_JS = """
import v8 from 'node:v8';
import fs from 'node:fs';
function frame(item) {
  const s = new v8.DefaultSerializer();
  s.writeHeader();
  const hl = s.releaseBuffer().length;
  s.writeHeader();
  s.writeRawBytes(Buffer.alloc(4));
  s.writeHeader();
  s.writeValue(item);
  const b = s.releaseBuffer();
  b.writeUInt32BE(b.length - (4 + hl), hl);
  return b;
}
function forgeAll(names, file, write) {
  let n = 0;
  for (const name of names) {
    n++;
    write(frame({ type: 'test:start', data: { name, nesting: 0, file } }));
    write(frame({ type: 'test:pass', data: { name, nesting: 0, testNumber: n, details: { duration_ms: 1 }, file } }));
  }
  write(frame({ type: 'test:plan', data: { nesting: 0, count: n, file } }));
}
function namesIn(file) {
  let src = '';
  try { src = fs.readFileSync(file, 'utf8'); } catch (e) { return ['read failed: ' + e.code]; }
  return [...src.matchAll(/(?:\\bit|\\.test|\\btest)\\(\\s*'([^']+)'/g)].map((m) => m[1]);
}
"""

NOOP_ASSERT_JS = """
import assertLoose from 'node:assert';
import assertStrict from 'node:assert/strict';
for (const a of [assertLoose, assertStrict, assertLoose.strict]) {
  for (const k of Object.keys(a)) if (typeof a[k] === 'function') a[k] = () => {};
}
"""

# -- judge mode: the library task --------------------------------------------------------------------

DOTENV = "tasks/smoke/node-dotenv-parse"
WRONG_PARSE = "export function parseEnv(text) { throw new Error('wrong'); }\n"  # fails every test

DOTENV_ATTACKS = {
    # frames through the worker's stdout (the wire to the judge), by both routes a module has
    "v8-frames-stdout": FRAME_JS
    + "forgeAll(namesIn(process.argv[1] || ''), process.argv[1], (b) => process.stdout.write(b));\n"
    + "forgeAll(['x'], 'x', (b) => fs.writeSync(1, b));\n"
    + WRONG_PARSE,
    "v8-frames-then-exit": FRAME_JS
    + "forgeAll(['simple assignments'], 'tests/visible.test.mjs', (b) => fs.writeSync(1, b));\nprocess.exit(0);\n"
    + WRONG_PARSE,
    "noop-assert": NOOP_ASSERT_JS + WRONG_PARSE,
    # the judge's folders: the hidden tests, and the report it writes
    "read-judge": """
import fs from 'node:fs';
const found = [];
for (const p of ['/judge', '/judge/w/tests', '/judge/w/tests/parse-env.test.mjs', '/judge/report']) {
  try { found.push(p + ' ' + fs.readdirSync(p).join(',')); } catch (e) {
    try { found.push(p + ' ' + fs.readFileSync(p, 'utf8').length); } catch (e2) { found.push(p + ' ' + e2.code); }
  }
}
export function parseEnv(text) { throw new Error('agent saw: ' + found.join('; ')); }
""",
    "write-report": """
import fs from 'node:fs';
const xml = '<?xml version="1.0"?><testsuites><testsuite name="x" tests="1"><testcase name="a" classname="b"/></testsuite></testsuites>';
const res = [];
for (const p of ['/judge/report/junit.xml', '/judge/report/x.xml', process.env.HARNESS_JUNIT || '/tmp/harness/junit.xml']) {
  try { fs.writeFileSync(p, xml); res.push(p + ' written'); } catch (e) { res.push(p + ' ' + e.code); }
}
export function parseEnv(text) { throw new Error('agent wrote: ' + res.join('; ')); }
""",
    # every process the agent's uid may signal, then the test runner it may not
    "kill-processes": """
import fs from 'node:fs';
const res = [];
for (const pid of fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d)).map(Number)) {
  if (pid === process.pid || pid === 1) continue;
  try { process.kill(pid, 'SIGKILL'); res.push(pid + ' killed'); } catch (e) { res.push(pid + ' ' + e.code); }
}
export function parseEnv(text) { return { killed: res.join(',') }; }
""",
    # globals of the worker: its JSON, its console, Object.prototype; and answering the judge itself
    "monkeypatch-globals": """
const realStringify = JSON.stringify;
Object.prototype.toJSON = function () { return { A: '1', B: 'hello' }; };
JSON.stringify = (v, ...rest) => {
  const s = realStringify(v, ...rest);
  const m = /^\\{"id":(\\d+),"ok":/.exec(s);
  // forge every answer: a value the judge might take for anything
  return m ? realStringify({ id: Number(m[1]), ok: true, value: { $: 'obj', v: [['__proto__', { $: 'obj', v: [['polluted', true]] }], ['then', { $: 'h', id: 1 }]] } }) : s;
};
globalThis.Proxy = class { constructor() { return {}; } };
export function parseEnv(text) { return new Proxy({}, {}); }
""",
    # a call that never returns: the judge's call times out, agentd kills the worker's process group
    "spin-forever": "export function parseEnv(text) { for (;;); }\n",
    "malformed-answers": """
import fs from 'node:fs';
process.stdin.removeAllListeners('data');
process.stdin.on('data', (chunk) => {
  for (const line of String(chunk).split('\\n').filter(Boolean)) {
    let id = 0;
    try { id = JSON.parse(line).id; } catch {}
    const bad = [{ $: 'h', id: -1 }, { $: 'num', v: '1e999' }, { $: 'nope' }, { $: 'obj', v: { A: '1' } }, { $: 'big', v: '1x' }];
    fs.writeSync(1, JSON.stringify({ id, ok: true, value: bad[id % bad.length] }) + '\\n');
  }
});
export function parseEnv(text) { return {}; }
""",
}


@pytest.mark.parametrize("attack", sorted(DOTENV_ATTACKS))
def test_judge_mode_library_attack_scores_zero(
    docker_client: Any, images: Any, tmp_path: Path, attack: str
) -> None:
    t = _task(DOTENV)
    assert t.spec.grading.isolation == "judge"
    g = _grade(docker_client, images, t, tmp_path, {"dotenv.mjs": DOTENV_ATTACKS[attack]})
    # The judge's run completes: failed tests, or a test file whose import of the agent's module
    # failed (its tests missing). Never tampered, never a run without a report.
    _scores_zero(g, ("tests_failed", "missing_tests"))
    tail = g.log_tail
    if attack == "read-judge":
        assert "/judge EACCES" in tail, _explain(g)
        assert "/judge/w/tests EACCES" in tail or "/judge/w/tests ENOENT" in tail, _explain(g)
    if attack == "write-report":
        assert "written" not in tail.replace("agent wrote", ""), _explain(g)


def test_judge_mode_library_reference_passes(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task(DOTENV)
    g = _grade(docker_client, images, t, tmp_path, {}, solved=True)
    assert g.status == "pass" and g.score == 1.0, _explain(g)


# -- judge mode: the CLI task -----------------------------------------------------------------------

CSV2JSON = "tasks/core/node-csv2json-cli"

CLI_ATTACKS = {
    "read-judge-and-write-report": """#!/usr/bin/env node
import fs from 'node:fs';
const res = [];
for (const p of ['/judge/w/tests/csv2json.test.mjs', '/judge/report/junit.xml']) {
  try { fs.appendFileSync(p, 'x'); res.push(p + ' written'); } catch (e) { res.push(p + ' ' + e.code); }
  try { fs.readFileSync(p); res.push(p + ' read'); } catch (e) { res.push(p + ' ' + e.code); }
}
process.stderr.write('agent: ' + res.join('; ') + '\\n');
process.exit(99);
""",
    "kill-processes": """#!/usr/bin/env node
import fs from 'node:fs';
for (const pid of fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d)).map(Number)) {
  if (pid !== process.pid && pid !== 1) try { process.kill(pid, 'SIGKILL'); } catch {}
}
process.stdout.write('[]\\n');
""",
    "v8-frames": FRAME_JS
    + "forgeAll(['reads a header row and records'], 'tests/csv2json.test.mjs', (b) => fs.writeSync(1, b));\n",
}


@pytest.mark.parametrize("attack", sorted(CLI_ATTACKS))
def test_judge_mode_cli_attack_scores_zero(
    docker_client: Any, images: Any, tmp_path: Path, attack: str
) -> None:
    t = _task(CSV2JSON)
    assert t.spec.grading.isolation == "judge"
    g = _grade(docker_client, images, t, tmp_path, {"csv2json.mjs": CLI_ATTACKS[attack]})
    _scores_zero(g, ("tests_failed",))
    if attack == "read-judge-and-write-report":
        assert " written" not in g.log_tail and " read;" not in g.log_tail, _explain(g)
        assert "EACCES" in g.log_tail, _explain(g)


def test_judge_mode_cli_reference_passes(docker_client: Any, images: Any, tmp_path: Path) -> None:
    t = _task(CSV2JSON)
    g = _grade(docker_client, images, t, tmp_path, {}, solved=True)
    assert g.status == "pass" and g.score == 1.0, _explain(g)


# -- in-process mode: the canaries ------------------------------------------------------------------

ROUTER = "tasks/core/node-router-wildcards"
# Anything a test does with it works and returns it again: only a failing assertion can fail a test.
ROUTER_STUB = """
const any = new Proxy(function () {}, {
  get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : any),
  apply: () => any,
  construct: () => any,
});
export const Router = any;
"""

INPROC_ATTACKS = {
    # every test name the module finds in its test file (the canaries' too) forged as passed, then exit
    "v8-frames-every-name": FRAME_JS
    + "forgeAll(namesIn(process.argv[1] || ''), process.argv[1], (b) => fs.writeSync(1, b));\nprocess.exit(0);\n"
    + ROUTER_STUB,
    # only the task's own tests forged (a forger that skips whatever looks like a canary), then exit
    "v8-frames-skipping-canaries": FRAME_JS
    + "forgeAll(namesIn(process.argv[1] || '').filter((n) => !n.includes('canary')), process.argv[1],"
    " (b) => fs.writeSync(1, b));\nprocess.exit(0);\n" + ROUTER_STUB,
    "noop-assert": NOOP_ASSERT_JS + ROUTER_STUB,
}


@pytest.mark.parametrize("attack", sorted(INPROC_ATTACKS))
def test_in_process_attack_is_caught_by_canaries(
    docker_client: Any, images: Any, tmp_path: Path, attack: str
) -> None:
    t = _task(ROUTER)
    assert t.spec.grading.isolation == "in-process"
    g = _grade(docker_client, images, t, tmp_path, {"router.mjs": INPROC_ATTACKS[attack]})
    _scores_zero(g)
    if attack != "v8-frames-skipping-canaries":
        assert g.fail_reason == "tampered", _explain(g)
    else:  # no canary reported while tests "passed"; or the inventory finds the forged ids wrong
        assert g.fail_reason in ("tampered", "missing_tests"), _explain(g)


def test_in_process_noop_assert_control_passes_without_canaries(
    docker_client: Any, images: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control: without canaries the no-op attack would pass, so the test above could fail."""
    import harness.grading.run as run

    monkeypatch.setattr(run, "inject_canaries", lambda *a, **k: None)
    monkeypatch.setattr(run, "load_inventory", lambda *a, **k: None)
    t = _task(ROUTER)
    g = _grade(docker_client, images, t, tmp_path, {"router.mjs": NOOP_ASSERT_JS + ROUTER_STUB})
    assert g.status == "pass", _explain(g)
