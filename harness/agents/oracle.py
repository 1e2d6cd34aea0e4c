"""The oracle agent applies the task's reference solution: every task must pass with it."""

from __future__ import annotations

from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.sandbox.base import WORKSPACE, Sandbox
from harness.task import Task

SOLUTION_IN_SANDBOX = "/tmp/harness-solution"


class OracleAgent:
    name = "oracle"
    needs_model = False

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        solve = task.solution_dir / "solve.sh"
        if solve.is_file():
            # The script may need the rest of solution/ (data files, patches), so all of it goes in.
            sandbox.copy_in(task.solution_dir, SOLUTION_IN_SANDBOX)
            res = sandbox.exec(
                f"bash {SOLUTION_IN_SANDBOX}/solve.sh",
                timeout=limits.wall_time_s,
                env={"SOLUTION_DIR": SOLUTION_IN_SANDBOX},
            )
            sandbox.exec(f"rm -rf {SOLUTION_IN_SANDBOX}", timeout=30)
            stop = "timeout" if res.timed_out else ("done" if res.exit_code == 0 else "solve_failed")
            return AgentOutcome(stop_reason=stop, log=f"$ bash solve.sh (exit {res.exit_code})\n{res.output}")
        sandbox.copy_in(task.solution_dir, WORKSPACE)
        files = sorted(
            p.relative_to(task.solution_dir).as_posix() for p in task.solution_dir.rglob("*") if p.is_file()
        )
        return AgentOutcome(stop_reason="done", log="oracle: overlaid " + ", ".join(files))
