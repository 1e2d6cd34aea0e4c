"""The results store: append-only, torn lines set aside, last record per trial wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.results import RunStore, TrialResult, utcnow
from harness.sandbox.base import CappedBuffer, cap_text


def _result(task: str, attempt: int, status: str = "pass") -> TrialResult:
    now = utcnow()
    return TrialResult(
        run_id="r1", trial_id=f"{task}@{attempt}", task_id=task, suite="s", task_hash="h", language="python",
        difficulty="easy", agent="oracle", attempt=attempt, status=status, started_at=now, finished_at=now,
    )  # type: ignore[arg-type]  # fmt: skip


def test_append_and_load(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "r1")
    store.append(_result("a", 1))
    store.append(_result("b", 1, "fail"))
    loaded = store.load_trials()
    assert [(r.task_id, r.status) for r in loaded] == [("a", "pass"), ("b", "fail")]
    assert loaded[0].schema_version == 1


def test_torn_last_line_is_set_aside_not_read(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "r1")
    store.append(_result("a", 1))
    with store.trials_path.open("ab") as f:
        f.write(b'{"schema_version": 1, "run_id": "r1", "trial_id": "b@1", "sta')
    before = store.trials_path.read_bytes()
    scan = store.scan_trials()
    assert [r.task_id for r in scan.trials] == ["a"] and scan.torn and scan.bad_lines == []
    # Reading never repairs: only the run's writer sets the torn line aside, on its next append.
    assert store.trials_path.read_bytes() == before and not (store.dir / "trials.torn").exists()
    store.append(_result("c", 1))
    assert b"b@1" in (store.dir / "trials.torn").read_bytes()
    assert [r.task_id for r in store.load_trials()] == ["a", "c"]


def test_latest_record_wins(tmp_path: Path) -> None:
    store = RunStore(tmp_path, "r1")
    store.append(_result("a", 1, "error"))
    store.append(_result("a", 1, "pass"))
    assert store.latest_by_key()[("a", 1)].status == "pass"


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "-x", "a b"])
def test_run_id_is_checked(tmp_path: Path, bad: str) -> None:
    with pytest.raises(HarnessError):
        RunStore(tmp_path, bad)


def test_missing_run_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="no run 'nope'"):
        RunStore(tmp_path, "nope").read_run()


def test_capped_buffer_keeps_head_and_tail() -> None:
    buf = CappedBuffer(head=10, tail=10)
    for i in range(1000):
        buf.write(f"{i:04d}\n".encode())
    text = buf.text()
    assert text.startswith("0000\n0001\n")
    assert text.endswith("0998\n0999\n")
    assert f"[... {5000 - 20} bytes omitted ...]" in text
    assert buf.total == 5000


def test_cap_text() -> None:
    assert cap_text("short", 10, 10) == "short"
    capped = cap_text("x" * 100 + "END", 10, 3)
    assert capped.startswith("x" * 10) and capped.endswith("END") and "90 characters omitted" in capped
