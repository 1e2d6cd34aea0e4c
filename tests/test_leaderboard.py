"""The leaderboard from synthetic results folders (no Docker), plus one end-to-end run with fake models."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from harness.errors import HarnessError
from harness.leaderboard import Selection, build_board, collect, parse_since, render_markdown, to_json
from harness.leaderboard.board import holm, slugify
from harness.leaderboard.html import write_site
from harness.models.base import Usage
from harness.results import RunInfo, RunStore, TrialResult
from harness.results import TestCounts as Counts

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def trial(run: str, task: str, attempt: int, status: str, agent: str = "tools", model: str | None = "m/strong",
          cost: float | None = 0.01, **kw: Any) -> TrialResult:  # fmt: skip
    return TrialResult(
        run_id=run, trial_id=f"{task}@{attempt}", task_id=task, suite=kw.pop("suite", "s"), task_hash="h",
        language=kw.pop("language", "python"), difficulty=kw.pop("difficulty", "easy"), agent=agent, model=model,
        attempt=attempt, status=status, started_at=T0, finished_at=T0, cost_usd=cost if model else None,
        usage=Usage(input_tokens=1000, output_tokens=100) if model else None, duration_s=kw.pop("duration_s", 10.0),
        **kw,
    )  # type: ignore[arg-type]  # fmt: skip


def write_run(results: Path, run_id: str, trials: list[TrialResult], created: datetime = T0) -> RunStore:
    store = RunStore(results, run_id)
    agent, model = trials[0].agent, trials[0].model
    store.write_run(
        RunInfo(
            run_id=run_id,
            status="finished",
            created_at=created,
            started_at=created,
            harness_version="test",
            config={"agent": agent, "model": model},
        )
    )
    for t in trials:
        store.append(t)
    return store


def solving(run: str, n_tasks: int, solved: int, attempts: int = 1, **kw: Any) -> list[TrialResult]:
    """`solved` of `n_tasks` tasks pass on every attempt, the rest fail."""
    return [
        trial(run, f"t{i:02d}", a, "pass" if i < solved else "fail", **kw)
        for i in range(n_tasks)
        for a in range(1, attempts + 1)
    ]


@pytest.fixture
def two_entries(results_dir: Path) -> Path:
    write_run(results_dir, "strong", solving("strong", 6, 6, attempts=2, model="m/strong"))
    write_run(results_dir, "weak", solving("weak", 6, 2, attempts=2, model="m/weak", cost=0.002))
    return results_dir


def board_of(results: Path, sel: Selection | None = None):  # type: ignore[no-untyped-def]
    return build_board(collect(results, sel), sel)


# -- numbers and Markdown --------------------------------------------------------------------------------


def test_markdown_ranks_and_explains(two_entries: Path) -> None:
    md = render_markdown(board_of(two_entries))
    rows = [ln for ln in md.splitlines() if re.match(r"\| \d+ \|", ln)]
    assert len(rows) == 2
    assert rows[0].startswith("| 1 | tools/m/strong") and "100.0%" in rows[0]
    assert rows[1].startswith("| 2 | tools/m/weak") and "33.3%" in rows[1]
    header = next(ln for ln in md.splitlines() if ln.startswith("| # |"))
    for col in ("tasks", "trials", "pass@1 [95% CI]", "pass@2", "pass^2", "cost / solved", "tokens / trial",
                "time / trial", "errors"):  # fmt: skip
        assert col in header
    for col in ("**pass@1**", "**pass@k**", "**cost / solved**", "**errors**"):
        assert col in md
    assert "## Significant differences" in md


def test_cost_per_solved_and_interval_figures(two_entries: Path) -> None:
    board = board_of(two_entries)
    weak = board.entry("tools/m/weak")
    assert weak.summary.n_passes == 4 and weak.summary.cost_total_usd == pytest.approx(12 * 0.002)
    md = render_markdown(board)
    assert "$0.0060" in md  # 0.024 spent / 4 passing trials
    assert "33.3% [" in md  # an interval is shown next to pass@1


def test_runs_of_one_entry_pool_and_latest_record_wins(results_dir: Path) -> None:
    write_run(results_dir, "a1", solving("a1", 3, 1))
    retried = [trial("a2", "t00", 1, "error"), trial("a2", "t00", 1, "pass"), trial("a2", "t01", 1, "fail")]
    write_run(results_dir, "a2", retried)
    board = board_of(results_dir)
    assert [e.name for e in board.entries] == ["tools/m/strong"]
    s = board.entries[0].summary
    assert s.n_trials == 5 and s.n_errors == 0  # the error was superseded by the retry's pass
    assert board.entries[0].runs == ("a1", "a2")
    assert s.pass_at_1 == pytest.approx(1 / 3)  # t00 2/2, t01 0/2, t02 0/1


def test_errors_are_counted_apart(results_dir: Path) -> None:
    trials = [trial("r", "t0", 1, "pass"), trial("r", "t0", 2, "error"), trial("r", "t1", 1, "fail"),
              trial("r", "t2", 1, "error")]  # fmt: skip
    write_run(results_dir, "r", trials)
    board = board_of(results_dir)
    s = board.entries[0].summary
    assert s.pass_at_1 == pytest.approx(0.5)  # t0 1/1, t1 0/1; t2 only errored
    assert (s.n_errors, s.n_tasks, s.n_tasks_all_errors) == (2, 2, 1)
    assert "| 2 (1 task only errors) |" in render_markdown(board)


def test_entries_scored_on_in_process_tasks_are_marked(results_dir: Path) -> None:
    write_run(results_dir, "j", [trial("j", "t0", 1, "pass", isolation="judge", model="m/judged")])
    write_run(results_dir, "i", [trial("i", "t0", 1, "pass", isolation="judge", model="m/mixed"),
                                 trial("i", "t1", 1, "pass", isolation="in-process", model="m/mixed")])  # fmt: skip
    board = board_of(results_dir)
    md = render_markdown(board)
    assert "tools/m/mixed: 1 task was graded in-process" in md
    assert "tools/m/judged: " not in md.split("## Columns")[0].split("★")[1]
    data = {e["entry"]: e for e in to_json(board)["entries"]}
    assert data["tools/m/mixed"]["tasks_in_process"] == 1 and data["tools/m/judged"]["tasks_in_process"] == 0


def test_unknown_cost_is_never_zero(results_dir: Path) -> None:
    write_run(
        results_dir, "r", [trial("r", "t0", 1, "pass", cost=None), trial("r", "t1", 1, "pass", cost=0.5)]
    )
    write_run(results_dir, "o", [trial("o", "t0", 1, "pass", agent="oracle", model=None)])
    board = board_of(results_dir)
    md = render_markdown(board)
    row = next(ln for ln in md.splitlines() if "tools/m/strong" in ln and ln.startswith("| "))
    assert "unknown" in row and "$0" not in row
    oracle = next(ln for ln in md.splitlines() if "| oracle" in ln)
    assert "n/a" in oracle and "$" not in oracle
    data = to_json(board)
    entry = next(e for e in data["entries"] if e["entry"] == "tools/m/strong")
    assert entry["cost_known"] is False and entry["summary"]["cost_total_usd"] is None
    assert entry["summary"]["n_unknown_cost"] == 1
    assert set(data["pareto"]["unknown_cost"]) == {"tools/m/strong", "oracle"}


def test_significant_difference_is_listed(results_dir: Path) -> None:
    write_run(results_dir, "s", solving("s", 30, 28, model="m/strong"))
    write_run(results_dir, "w", solving("w", 30, 5, model="m/weak"))
    board = board_of(results_dir)
    assert len(board.significant) == 1
    c = board.significant[0]
    assert (c.better, c.worse) == ("tools/m/strong", "tools/m/weak")
    assert c.diff == pytest.approx(23 / 30) and c.result.n_shared == 30
    md = render_markdown(board)
    assert "| tools/m/strong | tools/m/weak | +76.7 pp |" in md


def test_no_significant_difference_says_so(two_entries: Path) -> None:
    md = render_markdown(board_of(two_entries))
    assert "No pair differs significantly at 5% (1 pair compared)" in md
    assert md.splitlines()[2].startswith("2 entries, 6 tasks, 24 trials from 2 runs.")


def test_holm_adjustment() -> None:
    assert holm([0.01, 0.04, None, 0.03]) == pytest.approx([0.03, 0.06, None, 0.06])  # type: ignore[arg-type]
    assert holm([]) == []
    assert holm([0.9, 0.8]) == [1.0, 1.0]  # capped at 1, and never below an earlier adjusted p


def test_json_shape(two_entries: Path) -> None:
    data = json.loads(json.dumps(to_json(board_of(two_entries))))
    assert data["schema_version"] == 1 and data["k"] == 2 and data["n_trials"] == 24 and data["n_tasks"] == 6
    assert [e["rank"] for e in data["entries"]] == [1, 2]
    first = data["entries"][0]
    assert {"entry", "agent", "model", "runs", "summary", "breakdowns", "on_pareto_frontier"} <= first.keys()
    assert first["summary"]["pass_at_k"]["2"] == 1.0 and "ci_low" in first["summary"]
    assert set(first["breakdowns"]) == {"language", "difficulty", "tag"}
    (pair,) = data["comparisons"]
    assert (
        pair["better"] == "tools/m/strong" and {"p_value", "p_holm", "significant", "n_shared"} <= pair.keys()
    )
    task = data["tasks"][0]
    assert task["solve_rate"] == 0.5 and task["cells"]["tools/m/weak"] == {
        "passes": 0,
        "attempts": 2,
        "errors": 0,
    }


# -- selection -------------------------------------------------------------------------------------------


def test_selection_by_run_suite_model_agent_and_date(results_dir: Path) -> None:
    write_run(results_dir, "r1", solving("r1", 2, 2, model="openai/x", suite="smoke"), created=T0)
    write_run(results_dir, "r2", solving("r2", 2, 1, model="anthropic/y", suite="core"),
              created=datetime(2026, 11, 25, tzinfo=UTC))  # fmt: skip
    write_run(
        results_dir, "r3", solving("r3", 2, 0, agent="loop", model="openai/x", suite="smoke"), created=T0
    )

    def names(**kw: Any) -> list[str]:
        return sorted(e.name for e in board_of(results_dir, Selection(**kw)).entries)

    assert names() == ["loop/openai/x", "tools/anthropic/y", "tools/openai/x"]
    assert names(run_ids=("r2",)) == ["tools/anthropic/y"]
    assert names(suites=("core",)) == ["tools/anthropic/y"]
    assert names(models=("openai/*",)) == ["loop/openai/x", "tools/openai/x"]
    assert names(agents=("loop",)) == ["loop/openai/x"]
    assert names(since=parse_since("2026-11-24")) == ["tools/anthropic/y"]
    with pytest.raises(HarnessError, match="no run 'nope'"):
        collect(results_dir, Selection(run_ids=("nope",)))
    with pytest.raises(HarnessError, match="matches the selection"):
        collect(results_dir, Selection(agents=("oracle",)))
    with pytest.raises(HarnessError, match="have no trials"):
        collect(results_dir, Selection(suites=("none*",)))
    with pytest.raises(HarnessError, match="ISO date"):
        parse_since("last week")
    with pytest.raises(HarnessError, match="no runs in"):
        collect(results_dir / "nothing-here")


def test_torn_and_reordered_lines(results_dir: Path) -> None:
    store = write_run(results_dir, "r", [trial("r", "t0", 1, "pass", diff="+x\n")])
    # A line written with other key order (diff first) is decoded whole, with the same result.
    other = json.loads(trial("r", "t1", 1, "fail", diff="+y\n").model_dump_json())
    line = json.dumps({"diff": other.pop("diff"), **dict(sorted(other.items()))})
    before = store.trials_path.read_bytes() + line.encode() + b"\nnot json\n" + b'{"torn": '
    store.trials_path.write_bytes(before)
    board = board_of(results_dir)
    assert board.entries[0].summary.n_trials == 2 and board.entries[0].summary.n_passes == 1
    assert board.skipped_lines == 1
    assert store.trials_path.read_bytes() == before  # a reader never repairs the store


# -- web report ------------------------------------------------------------------------------------------

REMOTE = re.compile(
    r"""<(?:script|img|iframe|audio|video|source)\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
    re.I,
)


def test_html_report_is_self_contained(two_entries: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    board = board_of(two_entries)
    site = write_site(board, two_entries, out)
    assert site.index.is_file() and (out / ".harness-leaderboard").is_file()
    assert len(list((out / "entries").glob("*.html"))) == 2
    assert len(list((out / "trials").glob("*.html"))) == 12 == site.n_trial_pages  # one per entry x task
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert not REMOTE.search(text), page
        assert "<script src" not in text and "<link" not in text
        # Only XML namespace names (inside the inline SVG) may look like URLs.
        assert set(re.findall(r"https?://[^\s\"'<>]+", text)) <= {
            "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # fmt: skip
        assert "Content-Security-Policy" in text
    index = site.index.read_text()
    assert "<svg" in index and 'class="chart"' in index and 'id="matrix"' in index
    svg = index.split("<svg", 1)[1].split("</svg>", 1)[0]
    # Text stays text in the SVG: the entries, the frontier legend and the log axis's dollar ticks.
    assert "tools/m/strong" in svg and "tools/m/weak" in svg and "Pareto frontier" in svg
    assert "cost per trial (USD, log scale)" in svg and re.search(r">\$0\.0\d+<", svg)
    assert 'class="sortable"' in index and "tools/m/strong" in index and "By language and difficulty" in index
    assert f'href="entries/{slugify("tools/m/strong")}.html"' in index
    assert re.search(r'href="trials/[^"]+\.html"', index)


def test_html_escapes_everything(results_dir: Path, tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    store = write_run(results_dir, "r", [trial("r", "t0", 1, "fail", agent="x<b>", model="m/<i>", message=evil,
                                               diff=f"+{evil}\n", log_tail=evil, transcript_path="transcripts/t0@1.json")])  # fmt: skip
    store.write_transcript("t0@1", {"messages": [{"role": "user", "content": evil}]})
    out = tmp_path / "site"
    write_site(board_of(results_dir), results_dir, out)
    for page in out.rglob("*.html"):
        text = page.read_text()
        assert evil not in text and "<b>" not in text and "<i>" not in text
    trial_page = next((out / "trials").glob("*.html")).read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in trial_page


def test_trial_page_shows_transcript_diff_tests_tokens_cost(results_dir: Path, tmp_path: Path) -> None:
    t = trial("r", "t0", 1, "pass", diff="--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-old\n+new line\n",
              log_tail="1 passed in 0.1s", tests=Counts(total=3, passed=3), turns=4,
              transcript_path="transcripts/t0@1.json")  # fmt: skip
    store = write_run(results_dir, "r", [t])
    store.write_transcript(
        "t0@1",
        {"messages": [{"role": "system", "content": "be good"}, {"role": "user", "content": "Task t0"},
                      {"role": "assistant", "content": "fixing", "tool_calls": [{"name": "bash", "arguments": {"command": "ls"}}]},
                      {"role": "tool", "name": "bash", "content": "x.py"}]},
    )  # fmt: skip
    out = tmp_path / "site"
    write_site(board_of(results_dir), results_dir, out)
    page = (out / "trials" / "r--t0-1.html").read_text()
    for text in ("be good", "Task t0", '→ bash({&#34;command&#34;: &#34;ls&#34;})', '<span class="add">+new line</span>',
                 '<span class="del">-old</span>', "1 passed in 0.1s", "3/3 passed", "1000 in, 100 out", "$0.0100"):  # fmt: skip
        assert text in page, text
    assert 'href="../entries/' in page


def test_odd_entries_render(results_dir: Path, tmp_path: Path) -> None:
    """An entry whose every trial errored, an agent without a model, and ids that are not safe file names."""
    write_run(results_dir, "e", [trial("e", "t0", 1, "error", model="m/broken")])
    write_run(results_dir, "o", [trial("o", "../../t0", 1, "pass", agent="oracle", model=None)])
    board = board_of(results_dir)
    assert [e.name for e in board.entries] == ["oracle", "tools/m/broken"]
    assert board.entry("tools/m/broken").summary.pass_at_1 is None
    out = tmp_path / "site"
    site = write_site(board, results_dir, out)
    assert site.n_trial_pages == 2
    assert {p.parent for p in out.rglob("*.html")} == {out, out / "entries", out / "trials"}
    index = site.index.read_text()
    assert "oracle: no model, no cost" in index and "tools/m/broken: no graded trial" in index


def test_trial_pages_are_capped_and_stale_pages_removed(results_dir: Path, tmp_path: Path) -> None:
    write_run(results_dir, "r", solving("r", 10, 5))
    out = tmp_path / "site"
    site = write_site(board_of(results_dir), results_dir, out)
    assert site.n_trial_pages == 10 and not site.cap_hit
    site = write_site(board_of(results_dir), results_dir, out, max_trial_pages=3)
    assert site.cap_hit and site.n_trial_cells == 10
    assert len(list((out / "trials").glob("*.html"))) == 3  # the earlier build's pages are gone
    index = site.index.read_text()
    assert len(re.findall(r'href="trials/', index)) == 3 and "no trial page: page cap" in index
    # The hardest tasks get the pages: the failing ones (t05..t09) sort first.
    assert all(f"t0{i}" in " ".join(p.name for p in (out / "trials").glob("*.html")) for i in (5, 6, 7))


def test_many_tasks_get_a_full_matrix_page(results_dir: Path, tmp_path: Path) -> None:
    write_run(results_dir, "r", solving("r", 120, 60))
    out = tmp_path / "site"
    write_site(board_of(results_dir), results_dir, out, max_trial_pages=5)
    assert index_rows(out / "index.html") == 100 and index_rows(out / "matrix.html") == 120


def index_rows(page: Path) -> int:
    matrix = page.read_text().split('id="matrix"', 1)[1].split("</table>", 1)[0]
    return matrix.count("<tr>") - 1  # minus the header row


def test_chart_is_deterministic(two_entries: Path, tmp_path: Path) -> None:
    pages = []
    for name in ("a", "b"):
        write_site(board_of(two_entries), two_entries, tmp_path / name)
        pages.append((tmp_path / name / "index.html").read_text())
    assert pages[0] == pages[1]
    assert "Date" not in pages[0].split("<svg", 1)[1].split("</svg>", 1)[0]


# -- the command -----------------------------------------------------------------------------------------


def harness(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "COLUMNS": "200"})  # fmt: skip


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """The real entry point in-process (a subprocess per call costs seconds of imports): code, out, err."""
    from harness.cli import main

    monkeypatch.setattr(sys, "argv", ["harness", *args])
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as exc:
        main()
        raise SystemExit(0)  # typer returns normally when standalone mode is off; exit code 0 then
    captured = capsys.readouterr()
    return int(exc.value.code or 0), captured.out, captured.err


def test_cli_writes_all_formats_and_json_to_stdout(
    two_entries: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(monkeypatch, capsys, "leaderboard", "--results-dir", str(two_entries))
    assert code == 0, err
    folder = two_entries / "leaderboard"
    for name in ("leaderboard.md", "leaderboard.json", "index.html"):
        assert (folder / name).is_file(), name
    assert "| 1 | tools/m/strong" in out
    code, out, err = cli(monkeypatch, capsys, "leaderboard", "--results-dir", str(two_entries), "--format", "json",
                         "--model", "m/weak")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)  # nothing but JSON on stdout
    assert [e["entry"] for e in data["entries"]] == ["tools/m/weak"]
    assert data["selection"]["models"] == ["m/weak"]


def test_cli_bad_input_is_one_line(
    two_entries: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["--run", "nope"], ["--format", "pdf"], ["--since", "soon"]):
        code, _, err = cli(monkeypatch, capsys, "leaderboard", "--results-dir", str(two_entries), *args)
        assert code == 2, (args, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in err, err
    code, _, err = cli(monkeypatch, capsys, "leaderboard", "--results-dir", str(tmp_path / "empty"))
    assert code == 2 and "no runs in" in err


@pytest.mark.docker
def test_end_to_end_two_fake_models(images: Any, tmp_path: Path) -> None:
    """Two real runs through the CLI, a strong and a weak scripted model, then the leaderboard."""
    results = tmp_path / "results"
    for script in ("smoke-solver", "smoke-half"):
        proc = harness("run", "smoke", "--agent", "tools", "--model", f"fake/{script}", "--run-id", script,
                       "--results-dir", str(results), "--concurrency", "2")  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = harness("leaderboard", "--results-dir", str(results), "--format", "all")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((results / "leaderboard" / "leaderboard.json").read_text())
    ranked = [(e["entry"], e["summary"]["pass_at_1"]) for e in data["entries"]]
    assert ranked == [("tools/fake/smoke-solver", 1.0), ("tools/fake/smoke-half", 0.4)]
    assert data["entries"][0]["cost_known"] and data["entries"][0]["summary"]["cost_per_pass_usd"] > 0
    md = (results / "leaderboard" / "leaderboard.md").read_text()
    assert md.index("tools/fake/smoke-solver") < md.index("tools/fake/smoke-half")
    index = (results / "leaderboard" / "index.html").read_text()
    assert "<svg" in index and len(list((results / "leaderboard" / "trials").glob("*.html"))) == 10


def test_chart_draws_an_interval_that_rounds_inside_its_point() -> None:
    from harness.leaderboard.chart import Point, _render

    p = Point(name="a/m", cost=0.01, pass_at_1=1.0, ci_low=0.5, ci_high=1.0 - 1e-16, frontier=True)
    assert "<svg" in _render((p,))
