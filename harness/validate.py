"""`harness tasks validate --run`: the reference passes every time, an empty attempt and the generic
cheat probes fail, the hidden tests kill enough mutants of the reference (harness/mutate.py), and the
reference's test ids are recorded in <task>/tests.lock.json (see harness/grading/inventory.py)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from harness.agents import load_agent
from harness.agents.cheats import VALIDATION_PROBES
from harness.errors import HarnessError, TaskError
from harness.grading.inventory import (
    MAX_TEST_RESULTS,
    Case,
    TestLock,
    inventory_ids,
    is_canary_id,
    read_lock,
    split_bugfix,
)
from harness.grading.inventory import (
    write_lock as save_lock,
)
from harness.grading.run import GradeOutcome, grade
from harness.grading.workspace import compute_diff, host_tempdir
from harness.mutate import Mutant, sample, task_mutants
from harness.results import TrialResult
from harness.sandbox.docker import docker_client
from harness.sandbox.images import ensure_images
from harness.task import Task
from harness.trial import TrialContext, run_trial

INVENTORY_REASONS = {"missing_tests", "unexpected_tests"}


def _cases(r: TrialResult) -> list[Case]:
    return [Case(t.id, t.status, t.duration_s, t.message) for t in r.test_results]


def _honest_pass(r: TrialResult) -> bool:
    """Every reported test passed or was skipped; only the inventory disagreed (the tests changed)."""
    return (
        r.fail_reason in INVENTORY_REASONS
        and bool(r.test_results)
        and all(t.status in ("passed", "skipped") for t in r.test_results if not is_canary_id(t.id))
    )


def _lock_problems(
    task: Task, oracle: list[TrialResult], nop: list[TrialResult], refresh: bool, console: Console
) -> list[str]:
    """Compare the reference's test ids with the lock; write the lock when it is missing, or refresh it
    when asked. Returns problems that make the task invalid."""
    if not task.spec.grading.junit or not oracle:
        return []
    ids = [inventory_ids(_cases(r)) for r in oracle]
    if any(i != ids[0] for i in ids):
        return ["test ids differ between reference runs (names must not depend on the run)"]
    if not ids[0]:
        return ["the reference's report holds no test ids"]
    if any(len(r.test_results) >= MAX_TEST_RESULTS for r in oracle):
        return [f"more than {MAX_TEST_RESULTS} tests: too many for a test inventory"]
    try:
        lock = read_lock(task.path)
    except TaskError as e:
        if not refresh:
            return [str(e)]
        lock = None
    if lock is not None and lock.tests != ids[0] and not refresh:
        return ["test ids differ from tests.lock.json (rerun with --write-lock if the tests changed)"]
    if lock is not None and lock.task_hash != task.content_hash and not refresh:
        console.print(
            f"[yellow]warning[/] {task.id}: tests.lock.json is stale (ids unchanged; --write-lock refreshes it)"
        )
    if lock is None or refresh:
        f2p = p2p = None
        if nop and any(not is_canary_id(t.id) for t in nop[0].test_results):
            f2p, p2p = split_bugfix(_cases(oracle[0]), _cases(nop[0]))
        path = save_lock(
            task.path, TestLock(task_hash=task.content_hash, tests=ids[0], fail_to_pass=f2p, pass_to_pass=p2p)
        )
        console.print(f"[dim]wrote {path} ({len(ids[0])} tests)[/]")
    return []


J = TypeVar("J")
R = TypeVar("R")

MIN_MUTANT_TIMEOUT_S = 60.0  # a mutant's grading timeout: 5x the reference's grading time, at least this
PROBE_MARGIN = 0.5  # a probe scoring this much above the empty attempt fails the task


@dataclass
class MutantResult:
    mutant: Mutant
    outcome: str  # killed | survived | stillborn | error
    reason: str | None = None


@dataclass
class TaskMutants:
    skipped: str = ""  # why no mutants ran ("no overlay: mutants skipped", ...)
    total: int = 0  # mutants the mutator made (before sampling)
    results: list[MutantResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def kill_rate(self) -> float | None:
        denom = self.count("killed") + self.count("survived")
        return self.count("killed") / denom if denom else None


def _run_all(
    jobs: list[J], work: Callable[[J], R], concurrency: int, label: Callable[[J, R], str], console: Console,
    done: list[int], total: int,
) -> list[tuple[J, R]]:  # fmt: skip
    """Run jobs on a pool, printing one line as each finishes ("[n/total] ...")."""
    out: list[tuple[J, R]] = []
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futs = {pool.submit(work, j): j for j in jobs}
        for f in as_completed(futs):
            j = futs[f]
            r = f.result()
            out.append((j, r))
            with lock:
                done[0] += 1
                console.print(
                    f"[dim][{done[0]}/{total}][/] {escape(label(j, r))}", highlight=False, soft_wrap=True
                )
    return out


def _bash_syntax_ok(text: str) -> bool:
    try:
        return (
            subprocess.run(["bash", "-n"], input=text, text=True, capture_output=True, timeout=30).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return True  # cannot tell here: the grade decides


def _node_syntax_ok(text: str, suffix: str) -> bool:
    """node --check on the host (JS has no build step, so a syntax error would count as a kill)."""
    node = shutil.which("node")
    if node is None:
        return True  # cannot tell here: the grade decides
    with host_tempdir("harness-node-check-") as tmp:
        f = tmp / f"mutant{suffix}"
        f.write_text(text)
        try:
            return subprocess.run([node, "--check", str(f)], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return True


def _mutant_task(task: Task, ref_grading_s: float) -> Task:
    """The task with a grading timeout bounded by the reference's own grading time (an infinite loop
    in a mutant is killed quickly; it still counts as killed)."""
    g = task.spec.grading
    t = min(g.timeout_sec, max(MIN_MUTANT_TIMEOUT_S, 5 * ref_grading_s))
    spec = task.spec.model_copy(update={"grading": g.model_copy(update={"timeout_sec": t})})
    return dataclasses.replace(task, spec=spec)


def _grade_edit(
    task: Task, client: Any, tag: str, write: dict[str, str], delete: list[str], solved: bool
) -> GradeOutcome | HarnessError:
    """The starter files (plus the reference overlay if solved) with files written and deleted,
    graded as a trial would be: diff against the starter files -> grade(). Tried twice: an
    infrastructure hiccup says nothing about the tests."""
    try:
        with host_tempdir("harness-validate-") as tmp:
            final = tmp / "workspace"
            shutil.copytree(task.workspace_dir, final, symlinks=True)
            if solved:
                shutil.copytree(task.solution_dir, final, symlinks=True, dirs_exist_ok=True)
            for rel in delete:
                (final / rel).unlink(missing_ok=True)
            for rel, text in write.items():
                (final / rel).parent.mkdir(parents=True, exist_ok=True)
                (final / rel).write_bytes(text.encode(errors="surrogateescape"))
            diff = compute_diff(task, final)
    except (HarnessError, OSError) as e:
        return HarnessError(f"could not make the change: {e}")
    last = HarnessError("not graded")
    for _ in range(2):
        try:
            return grade(task, diff, client, tag, {"harness.run": "validate", "harness.trial": task.id})
        except Exception as e:  # Docker's own errors too: reported, never a traceback
            last = e if isinstance(e, HarnessError) else HarnessError(f"{type(e).__name__}: {e}")
    return last


def grade_mutant(task: Task, m: Mutant, client: Any, tag: str) -> MutantResult:
    """The reference with the one change of m, graded as a trial would be."""
    if m.file.endswith((".sh", ".bash")) and not _bash_syntax_ok(m.text):
        return MutantResult(m, "stillborn", "bash -n: syntax error")
    if m.file.endswith((".js", ".mjs", ".cjs")) and not _node_syntax_ok(m.text, Path(m.file).suffix):
        return MutantResult(m, "stillborn", "node --check: syntax error")
    g = _grade_edit(task, client, tag, {m.file: m.text}, [], solved=True)
    if isinstance(g, HarnessError):
        return MutantResult(m, "error", str(g)[:200])
    if g.status == "pass":
        return MutantResult(m, "survived")
    if g.fail_reason == "build_failed":
        return MutantResult(m, "stillborn", "build_failed")
    return MutantResult(m, "killed", g.fail_reason)


@dataclass
class ProbeResult:
    """A cheat probe's grade: its changes to the starter files (agent.changes(task)) graded as a
    trial's diff would be."""

    status: str  # pass | fail | error
    fail_reason: str | None = None
    score: float | None = None
    message: str | None = None


def grade_probe(task: Task, agent: Any, client: Any, tag: str) -> ProbeResult:
    write, delete = agent.changes(task)
    g = _grade_edit(task, client, tag, write, delete, solved=False)
    if isinstance(g, HarnessError):
        return ProbeResult("error", message=str(g)[:300])
    return ProbeResult(g.status, g.fail_reason, g.score)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def _score(r: TrialResult | ProbeResult) -> float:
    return r.score if r.score is not None and r.status != "error" else (1.0 if r.status == "pass" else 0.0)


def probe_problems(probes: dict[str, TrialResult | ProbeResult], nop: TrialResult | None) -> list[str]:
    """A probe that passes, or scores PROBE_MARGIN or more above the empty attempt, invalidates the task."""
    base = _score(nop) if nop is not None and nop.status != "error" else 0.0
    out = []
    for name, r in probes.items():
        if r.status == "pass":
            out.append(f"probe {name} PASSES")
        elif r.status != "error" and _score(r) >= base + PROBE_MARGIN:
            out.append(f"probe {name} scores {_score(r):.2f} (empty attempt {base:.2f})")
        elif r.status == "error":
            out.append(f"probe {name}: infrastructure error: {(r.message or '')[:200]}")
    return out


def validate_run(
    tasks: list[Task],
    repeat: int,
    concurrency: int,
    console: Console,
    write_lock: bool = False,
    mutants: bool = True,
    probes: bool = True,
    min_kill: float = 0.8,
    max_mutants: int | None = None,
) -> bool:
    client = docker_client()
    images = ensure_images(client, {t.spec.image for t in tasks}, lambda m: console.print(f"[dim]{m}[/]"))
    names = ["oracle", "nop", *(VALIDATION_PROBES if probes else ())]
    ctx = {
        name: TrialContext(
            run_id="validate", client=client, images=images, agent=load_agent(name), model=None
        )
        for name in ("oracle", "nop")
    }
    probe_agents: dict[str, Any] = {name: load_agent(name) for name in names[2:]}
    jobs = [(t, "oracle", k) for t in tasks for k in range(1, repeat + 1)] + [(t, "nop", 1) for t in tasks]
    probe_jobs = [(t, p) for t in tasks for p, ag in probe_agents.items() if ag.applies(t)]
    pools: dict[str, list[Mutant] | None] = {}
    planned = 0
    if mutants:
        for t in tasks:
            ms = task_mutants(t)
            pools[t.id] = ms
            planned += len(sample(ms, max_mutants)) if ms else 0
    done = [0]
    total = len(jobs) + len(probe_jobs) + planned

    def one(job: tuple[Task, str, int]) -> TrialResult:
        task, agent, k = job
        r = run_trial(ctx[agent], task, k)
        if r.status == "error":  # an infrastructure hiccup says nothing about the task: try once more
            r = run_trial(ctx[agent], task, k)
        return r

    def trial_label(job: tuple[Task, str, int], r: TrialResult) -> str:
        task, agent, k = job
        score = f" score={r.score:.2f}" if r.score is not None else ""
        return f"{task.id} {agent}{f' #{k}' if agent == 'oracle' and repeat > 1 else ''}: {r.status}" + (
            f" ({r.fail_reason}){score}" if r.status == "fail" else ""
        )

    console.print(
        f"[dim]validating {len(tasks)} tasks: {len(jobs)} trials, then {len(probe_jobs)} probes and up to "
        f"{planned} mutants[/]"
    )
    outcomes = [
        (j[0].id, j[1], r) for j, r in _run_all(jobs, one, concurrency, trial_label, console, done, total)
    ]
    order = {t.id: i for i, t in enumerate(tasks)}
    outcomes.sort(key=lambda o: order[o[0]])

    def of(task: Task, agent: str) -> list[TrialResult]:
        return sorted((r for tid, a, r in outcomes if tid == task.id and a == agent), key=lambda r: r.attempt)

    def bounded(task: Task) -> Task:
        oracle = [r for r in of(task, "oracle") if r.status != "error"]
        return _mutant_task(task, max(r.grading_duration_s for r in oracle)) if oracle else task

    # phase 2: probes and mutants, graded straight from their changes (no agent container).
    # Mutants only of a reference that passed every time (otherwise the kill rate means nothing).
    strength: dict[str, TaskMutants] = {}
    work: list[tuple[Task, Task, str, Mutant | None]] = [(t, bounded(t), p, None) for t, p in probe_jobs]
    for task in tasks:
        if not mutants:
            continue
        oracle = of(task, "oracle")
        ms = pools.get(task.id)
        if ms is None:
            strength[task.id] = TaskMutants(skipped="no overlay: mutants skipped")
            continue
        if not ms:
            strength[task.id] = TaskMutants(skipped="no mutable code in the reference's changed files")
            continue
        if not oracle or any(r.status != "pass" and not (write_lock and _honest_pass(r)) for r in oracle):
            strength[task.id] = TaskMutants(skipped="reference did not pass: mutants skipped", total=len(ms))
            continue
        strength[task.id] = TaskMutants(total=len(ms))
        mt = bounded(task)
        work += [(task, mt, "mutant", m) for m in sample(ms, max_mutants)]
    total = done[0] + len(work)

    def two(job: tuple[Task, Task, str, Mutant | None]) -> MutantResult | ProbeResult:
        task, bt, kind, m = job
        tag = images[task.spec.image][0]
        return (
            grade_mutant(bt, m, client, tag)
            if m is not None
            else grade_probe(bt, probe_agents[kind], client, tag)
        )

    def label2(job: tuple[Task, Task, str, Mutant | None], r: MutantResult | ProbeResult) -> str:
        if isinstance(r, MutantResult):
            return f"{job[0].id} mutant {r.mutant.where} {r.mutant.change}: {r.outcome}" + (
                f" ({r.reason})" if r.reason else ""
            )
        score = f" score={r.score:.2f}" if r.score is not None else ""
        return f"{job[0].id} {job[2]}: {r.status}" + (
            f" ({r.fail_reason}){score}" if r.status == "fail" else ""
        )

    probe_results: dict[tuple[str, str], ProbeResult] = {}
    for (task, _bt, kind, _m), res in _run_all(work, two, concurrency, label2, console, done, total):
        if isinstance(res, MutantResult):
            strength[task.id].results.append(res)
        else:
            probe_results[(task.id, kind)] = res
    for tm in strength.values():
        tm.results.sort(key=lambda r: (r.mutant.file, r.mutant.line, r.mutant.change))

    title = f"validation of {len(tasks)} tasks (oracle x{repeat}, nop x1"
    title += (", probes" if probes else "") + (
        f", mutants <= {max_mutants}" if mutants and max_mutants else ""
    )
    table = Table(
        title=title + (", mutants" if mutants and not max_mutants else "") + ")", title_justify="left"
    )
    table.add_column("task", no_wrap=True)  # whole ids, so they can be searched for
    for col in ["oracle passes", "nop", *(["probes failed"] if probes else []),
                *(["kill rate"] if mutants else []), "verdict"]:  # fmt: skip
        table.add_column(col)
    all_ok = True
    notes: list[str] = []
    for task in tasks:
        oracle, nop = of(task, "oracle"), of(task, "nop")
        passes = sum(r.status == "pass" or (write_lock and _honest_pass(r)) for r in oracle)
        problems = []
        if any(r.status == "error" for r in oracle + nop):
            problems.append(
                "infrastructure error: " + next(r.message or "" for r in oracle + nop if r.status == "error")
            )
        if 0 < passes < len(oracle):
            problems.append("FLAKY: reference passes only sometimes")
        elif passes == 0:
            why = oracle[0].fail_reason if oracle else ""
            detail = f": {oracle[0].grade_detail[:300]}" if oracle and oracle[0].grade_detail else ""
            hint = "; if the tests changed, rerun with --write-lock" if why in INVENTORY_REASONS else ""
            problems.append(f"reference fails ({why}{detail}{hint})")
        if any(r.status == "pass" for r in nop):
            problems.append("empty attempt PASSES: tests do not discriminate")
        if not problems:  # the lock is about the reference and the empty attempt only
            problems += _lock_problems(task, oracle, nop, write_lock, console)
        pr: dict[str, TrialResult | ProbeResult] = {
            p: probe_results[(task.id, p)] for p in names[2:] if (task.id, p) in probe_results
        }
        if probes:
            problems += probe_problems(pr, nop[0] if nop else None)
            for p in names[2:]:
                r2 = pr.get(p)
                state = "n/a (nothing to change)" if r2 is None else (
                    f"{r2.status}" + (f" ({r2.fail_reason})" if r2.fail_reason else "")
                    + (f" score={r2.score:.2f}" if r2.score is not None else "")
                )  # fmt: skip
                notes.append(f"{task.id} probe {p}: {state}")
        st: TaskMutants | None = strength.get(task.id)
        if st is not None:
            rate = st.kill_rate
            if st.skipped:
                notes.append(f"{task.id} mutants: {st.skipped}")
            else:
                notes.append(
                    f"{task.id} mutants: {len(st.results)} of {st.total} run, {st.count('killed')} killed, "
                    f"{st.count('survived')} survived, {st.count('stillborn')} stillborn (excluded), "
                    f"{st.count('error')} errors; kill rate {_pct(rate)}"
                )
                for r3 in st.results:
                    if r3.outcome == "survived":
                        notes.append(f"  survived {r3.mutant.where} ({r3.mutant.kind}) {r3.mutant.change}")
                for r3 in st.results:
                    if r3.outcome in ("stillborn", "error"):
                        notes.append(f"  {r3.outcome} {r3.mutant.where} {r3.mutant.change} ({r3.reason})")
                if rate is not None and rate < min_kill:
                    problems.append(f"kill rate {_pct(rate)} < {_pct(min_kill)}")
                elif rate is None:
                    notes.append(f"{task.id} mutants: every mutant was stillborn or errored: no kill rate")
        all_ok &= not problems
        verdict = "[green]ok[/]" if not problems else "[red]" + escape("; ".join(problems)) + "[/]"
        cells = [task.id, f"{passes}/{len(oracle)}", nop[0].status if nop else "-"]
        if probes:
            cells.append(f"{sum(r.status != 'pass' for r in pr.values())}/{len(pr)}")
        if mutants:
            cells.append(
                (st.skipped.split(":")[0] if st.skipped else _pct(st.kill_rate)) if st is not None else "-"
            )
        table.add_row(*cells, verdict)
        for r in oracle:
            if r.status != "pass" and r.log_tail:
                console.print(f"[dim]--- {r.trial_id} oracle output (tail) ---[/]\n{r.log_tail[-1500:]}")
    for line in notes:
        console.print(escape(line), highlight=False, soft_wrap=True)
    console.print(table)
    console.print("[green]all tasks valid[/]" if all_ok else "[red]some tasks are not valid[/]")
    return all_ok
