"""`harness tasks validate --run`: the reference passes every time, an empty attempt fails."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from rich.console import Console
from rich.table import Table

from harness.agents import load_agent
from harness.results import TrialResult
from harness.sandbox.docker import docker_client
from harness.sandbox.images import ensure_images
from harness.task import Task
from harness.trial import TrialContext, run_trial


def validate_run(tasks: list[Task], repeat: int, concurrency: int, console: Console) -> bool:
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
        passes = sum(r.status == "pass" for r in oracle)
        problems = []
        if any(r.status == "error" for r in oracle + nop):
            problems.append(
                "infrastructure error: " + next(r.message or "" for r in oracle + nop if r.status == "error")
            )
        if 0 < passes < len(oracle):
            problems.append("FLAKY: reference passes only sometimes")
        elif passes == 0:
            why = oracle[0].fail_reason if oracle else ""
            problems.append(f"reference fails ({why})")
        if any(r.status == "pass" for r in nop):
            problems.append("empty attempt PASSES: tests do not discriminate")
        all_ok &= not problems
        verdict = "[green]ok[/]" if not problems else "[red]" + "; ".join(problems) + "[/]"
        table.add_row(task.id, f"{passes}/{len(oracle)}", nop[0].status if nop else "-", verdict)
        for r in oracle:
            if r.status != "pass" and r.log_tail:
                console.print(f"[dim]--- {r.trial_id} oracle output (tail) ---[/]\n{r.log_tail[-1500:]}")
    console.print(table)
    console.print("[green]all tasks valid[/]" if all_ok else "[red]some tasks are not valid[/]")
    return all_ok
