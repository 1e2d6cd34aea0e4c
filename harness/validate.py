"""`harness tasks validate --run`: the reference passes every time, an empty attempt fails, and the
reference's test ids are recorded in <task>/tests.lock.json (see harness/grading/inventory.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from rich.console import Console
from rich.table import Table

from harness.agents import load_agent
from harness.errors import TaskError
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


def validate_run(
    tasks: list[Task], repeat: int, concurrency: int, console: Console, write_lock: bool = False
) -> bool:
    client = docker_client()
    images = ensure_images(client, {t.spec.image for t in tasks}, lambda m: console.print(f"[dim]{m}[/]"))
    ctx = {
        name: TrialContext(
            run_id="validate", client=client, images=images, agent=load_agent(name), model=None
        )
        for name in ("oracle", "nop")
    }
    jobs = [(t, "oracle", k) for t in tasks for k in range(1, repeat + 1)] + [(t, "nop", 1) for t in tasks]

    def one(job: tuple[Task, str, int]) -> tuple[str, str, TrialResult]:
        task, agent, k = job
        r = run_trial(ctx[agent], task, k)
        if r.status == "error":  # an infrastructure hiccup says nothing about the task: try once more
            r = run_trial(ctx[agent], task, k)
        return task.id, agent, r

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(one, jobs))
    table = Table(title=f"validation of {len(tasks)} tasks (oracle x{repeat}, nop x1)", title_justify="left")
    for col in ["task", "oracle passes", "nop", "verdict"]:
        table.add_column(col)
    all_ok = True
    for task in tasks:
        oracle = [r for tid, a, r in outcomes if tid == task.id and a == "oracle"]
        nop = [r for tid, a, r in outcomes if tid == task.id and a == "nop"]
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
        if not problems:
            problems += _lock_problems(task, oracle, nop, write_lock, console)
        all_ok &= not problems
        verdict = "[green]ok[/]" if not problems else "[red]" + "; ".join(problems) + "[/]"
        table.add_row(task.id, f"{passes}/{len(oracle)}", nop[0].status if nop else "-", verdict)
        for r in oracle:
            if r.status != "pass" and r.log_tail:
                console.print(f"[dim]--- {r.trial_id} oracle output (tail) ---[/]\n{r.log_tail[-1500:]}")
    console.print(table)
    console.print("[green]all tasks valid[/]" if all_ok else "[red]some tasks are not valid[/]")
    return all_ok
