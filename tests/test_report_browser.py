"""The web report in a real headless Chromium (Debian's package, driven by Playwright), opened from disk.

Skipped when Chromium or Playwright is missing locally; a failure when CI=true, where setup installs both.
Never `playwright install`: the browser is the system one, so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.leaderboard import build_board, collect
from harness.leaderboard.html import write_site
from harness.models.base import Usage
from harness.results import RunInfo, RunStore, TrialResult, utcnow

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None  # type: ignore[assignment]
    missing = "playwright (pip install playwright)" if sync_playwright is None else None
    missing = missing or (None if exe else "chromium (apt-get install chromium)")
    if missing:
        if in_ci:
            pytest.fail(f"CI=true but {missing} is missing: scripts/setup.sh installs it")
        pytest.skip(f"no {missing}")
    assert sync_playwright is not None and exe is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _trial(run: str, task: str, status: str, model: str, cost: float, lang: str, diff: str) -> TrialResult:
    now = utcnow()
    return TrialResult(
        run_id=run, trial_id=f"{task}@1", task_id=task, suite="smoke", task_hash="h", language=lang,
        difficulty="easy" if task < "t3" else "hard", agent="tools", model=model, attempt=1, status=status,
        started_at=now, finished_at=now, duration_s=12.0, turns=3, cost_usd=cost,
        usage=Usage(input_tokens=2000, output_tokens=300), diff=diff, log_tail=f"{task}: 4 passed",
        transcript_path=f"transcripts/{task}@1.json",
    )  # type: ignore[arg-type]  # fmt: skip


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three entries whose alphabetical order differs from their rank, with transcripts and diffs."""
    results = tmp_path_factory.mktemp("results")
    for run, model, solved, cost in (
        ("r-a", "m/alpha", 2, 0.004),
        ("r-b", "m/beta", 6, 0.02),
        ("r-c", "m/gamma", 4, 0.001),
    ):
        store = RunStore(results, run)
        now = utcnow()
        store.write_run(RunInfo(run_id=run, status="finished", created_at=now, started_at=now, harness_version="t",
                                config={"agent": "tools", "model": model}))  # fmt: skip
        for i in range(6):
            task = f"t{i}"
            store.append(_trial(run, task, "pass" if i < solved else "fail", model, cost,
                                "python" if i % 2 else "node", f"--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old {task}\n+new {task}\n"))  # fmt: skip
            store.write_transcript(f"{task}@1", {"messages": [
                {"role": "user", "content": f"Task {task}: make it work"},
                {"role": "assistant", "content": f"Fixing {task} now", "tool_calls": [{"name": "bash", "arguments": {"command": "ls"}}]},
            ]})  # fmt: skip
    out = results / "leaderboard"
    write_site(build_board(collect(results)), results, out)
    return out


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on(
        "request",
        lambda r: (
            problems.append(f"remote request: {r.url}") if not r.url.startswith(("file:", "data:")) else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("load")
    return page, problems


def _entry_order(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all("#ranking-table tbody tr", "rows => rows.map(r => r.dataset.entry)")
    )


def test_report_in_chromium(browser: Any, report: Path) -> None:
    page, problems = _open(browser, (report / "index.html").as_uri())

    ranked = _entry_order(page)
    assert ranked == ["tools/m/beta", "tools/m/gamma", "tools/m/alpha"]
    page.click("#ranking-table thead th:nth-child(2)")  # entry: A to Z
    assert _entry_order(page) == sorted(ranked) != ranked
    assert page.get_attribute("#ranking-table thead th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#ranking-table thead th:nth-child(2)")
    assert _entry_order(page) == sorted(ranked, reverse=True)
    page.click("#ranking-table thead th:nth-child(6)")  # cost / solved: cheapest first
    assert _entry_order(page)[0] == "tools/m/gamma"

    chart = page.locator("#cost-chart svg")
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    assert chart.locator("text").count() > 5  # ticks and labels are text, so the chart really drew
    matrix = page.locator("#matrix")
    box = matrix.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 50
    assert page.locator("#matrix td a").count() == 18  # 6 tasks x 3 entries, each with a trial page

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "leaderboard.png"), full_page=True)

    page.locator("#matrix td a").first.click()
    page.wait_for_load_state("load")
    assert "/trials/" in page.url
    assert page.locator("#transcript .msg").count() == 2
    assert "make it work" in page.inner_text("#transcript")
    assert "+new" in page.inner_text("#diff")
    assert "4 passed" in page.inner_text("#test-output")
    page.click("text=tools/m/")  # back to the entry page through its link
    page.wait_for_load_state("load")
    assert "/entries/" in page.url and page.locator("#versus-table tbody tr").count() == 2
    page.close()
    assert not problems, problems
