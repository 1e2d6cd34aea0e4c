"""`loop`: the edit-test-feedback loop. The model sees the instruction and the files, answers with
edit blocks; the harness applies them, runs the visible tests, and feeds failures back, for up to
`max_tries` tries. Each try's diff is kept so the trial can grade it (pass@try-1, pass@try-2, ...)."""

from __future__ import annotations

from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.agents.edits import EditParseError, apply_edit, parse_edits
from harness.agents.meter import AgentStop, ModelMeter, load_prompt, model_failure
from harness.errors import SandboxError
from harness.models.base import Message, Model, ModelError
from harness.sandbox.base import WORKSPACE, Sandbox, cap_text
from harness.task import Task

MAX_CONTEXT_BYTES = 200_000
SNAPSHOT = "git add -A -f . >/dev/null && git diff --cached --binary --no-color HEAD"


class LoopAgent:
    name = "loop"
    needs_model = True

    def run(self, task: Task, sandbox: Sandbox, model: Model, limits: AgentLimits) -> AgentOutcome:
        system, version = load_prompt("loop_v1")
        meter = ModelMeter(model, limits)
        messages = [
            Message(role="system", content=system),
            Message(role="user", content=f"Task {task.id}\n\n{task.instruction}\n\n{_files(sandbox)}"),
        ]
        snapshots: list[dict[str, Any]] = []
        log: list[str] = []
        stop, error, error_kind = "max_tries", None, None
        try:
            for attempt in range(1, limits.max_tries + 1):
                resp = meter.complete(messages)
                messages.append(resp.message)
                edits, problems = parse_edits(resp.message.content)
                for edit in edits:
                    try:
                        _apply(sandbox, edit)
                    except (EditParseError, SandboxError) as e:
                        # A block naming a folder, or a path that cannot be written: tell the model.
                        problems.append(str(e))
                if not edits and not problems:
                    problems.append("no edit blocks found in the reply")
                tests = sandbox.exec(task.spec.agent.test_command, timeout=min(600.0, max(meter.remaining_s(), 1)))\
                    if task.spec.agent.test_command else None  # fmt: skip
                passed = None if tests is None else tests.ok
                diff = sandbox.exec(SNAPSHOT, timeout=60).stdout
                snapshots.append(
                    {"try": attempt, "edits": len(edits), "well_formed": not problems, "problems": problems,
                     "visible_tests_passed": passed, "diff": diff}
                )  # fmt: skip
                log.append(
                    f"[try {attempt}] {len(edits)} edits, problems: {len(problems)}, tests passed: {passed}"
                )
                feedback = _feedback(problems, tests.output if tests is not None and not passed else None)
                if passed or (passed is None and not problems):
                    stop = "tests_passed" if passed else "no_feedback"
                    break
                messages.append(Message(role="user", content=feedback))
        except AgentStop as e:
            stop = e.reason
            log.append(f"[stop] {e.reason}: {e.detail}")
        except ModelError as e:
            error, error_kind, stop = model_failure(e)
            log.append(f"[model error] {e}")
        transcript = {
            "agent": self.name,
            "prompt_version": version,
            "messages": [m.model_dump() for m in messages],
        }
        return meter.outcome(
            stop, "\n".join(log), transcript, agent_version=version, error=error, error_kind=error_kind,
            snapshots=snapshots,
        )  # fmt: skip


def _files(sandbox: Sandbox) -> str:
    """Every text file of the workspace, as the model's context, within a byte budget."""
    names = [n for n in sandbox.exec("git ls-files", timeout=30).stdout.splitlines() if n]
    parts, used = [], 0
    for name in names:
        try:
            data = sandbox.read_file(f"{WORKSPACE}/{name}", max_bytes=MAX_CONTEXT_BYTES)
        except FileNotFoundError:
            continue
        if b"\0" in data[:4096] or used + len(data) > MAX_CONTEXT_BYTES:
            parts.append(f"{name}\n(not shown: binary or over the context budget)\n")
            continue
        used += len(data)
        parts.append(f"{name}\n```\n{data.decode('utf-8', errors='replace')}```\n")
    return "Files:\n\n" + "\n".join(parts) if parts else "The repository has no files yet."


def _apply(sandbox: Sandbox, edit: Any) -> None:
    path = f"{WORKSPACE}/{edit.path}"
    try:
        original: str | None = sandbox.read_file(path, max_bytes=4 << 20).decode("utf-8", errors="replace")
    except FileNotFoundError:
        original = None
    sandbox.write_file(path, apply_edit(original, edit).encode("utf-8"))


def _feedback(problems: list[str], test_output: str | None) -> str:
    parts = []
    if problems:
        parts.append("Some edits could not be applied:\n" + "\n".join(f"- {p}" for p in problems))
    if test_output is not None:
        parts.append("The tests failed:\n" + cap_text(test_output, 3_000, 7_000))
    parts.append("Fix the problems with further edit blocks.")
    return "\n\n".join(parts)
