"""One trial: agent sandbox -> diff -> fresh grading sandbox -> TrialResult. Never raises for
infrastructure trouble: that becomes status=error with an error_kind, so the runner can retry it."""

from __future__ import annotations

import contextlib
import time
import traceback
from dataclasses import dataclass
from typing import Any

import docker
import docker.errors
import requests

from harness.agents.base import Agent, AgentLimits, AgentOutcome
from harness.errors import SandboxError
from harness.grading import (
    MAX_DIFF_CHARS,
    GitError,
    GradeOutcome,
    WorkspaceRejected,
    compute_diff,
    extract_workspace,
    grade,
)
from harness.grading.workspace import host_tempdir
from harness.models.base import ModelError
from harness.models.retry import CallScope, call_scope
from harness.results import RunStore, TrialResult, utcnow
from harness.sandbox.base import WORKSPACE, SandboxSpec, cap_text
from harness.sandbox.docker import DockerSandbox, WorkspaceNotCopyable, engine_unreachable
from harness.task import Task

GIT_INIT = (
    "git init -q && git add -A && "
    "git -c user.name=harness -c user.email=harness@localhost commit -q --allow-empty -m starter"
)


@dataclass
class TrialContext:
    run_id: str
    client: docker.DockerClient
    images: dict[str, tuple[str, str]]  # image name -> (tag, id)
    agent: Agent
    model: Any
    max_turns: int | None = None
    max_tokens: int | None = None
    max_cost_usd: float | None = None
    store: RunStore | None = None
    max_tries: int = 2


def trial_id(task_id: str, attempt: int) -> str:
    return f"{task_id}@{attempt}"


def _infra_kind(exc: BaseException) -> str | None:
    kind = getattr(exc, "error_kind", None)
    if isinstance(kind, str):
        return kind  # e.g. "engine" from a grading container killed from outside, "model" from a provider
    if engine_unreachable(exc):
        return "engine"  # the engine did not answer (see harness.sandbox.docker.engine_unreachable)
    if isinstance(exc, docker.errors.DockerException | requests.exceptions.RequestException | SandboxError):
        return "sandbox"
    return None


def _model_fault(scope: CallScope | None) -> ModelError | None:
    """The error the trial's last failed model call ended with, if the agent stopped on a model error."""
    return scope.faults[-1] if scope is not None and scope.faults else None


def rerun_allowed(result: TrialResult) -> bool:
    """Whether the runner may run an errored trial again (not for a model that does not exist, nor for a
    server that hung until the trial's wall time: a second run would only repeat it)."""
    return getattr(result, "_rerun", True)


@dataclass
class AgentDone:
    """A finished agent phase: all grading needs. A grading cut short by an engine outage is redone
    from it (grade_trial), so the agent (and the model) never runs twice for one result."""

    fields: dict[str, Any]
    outcome: AgentOutcome
    diff: str
    dropped: list[str]
    agent_s: float


def pending_grading(result: TrialResult) -> AgentDone | None:
    """The finished agent phase a result was graded from, or whose grading failed (None when the
    agent phase itself did not finish): what the runner grades again after an engine outage."""
    return getattr(result, "_agent_done", None)


def run_trial(ctx: TrialContext, task: Task, attempt: int) -> TrialResult:
    tid = trial_id(task.id, attempt)
    tag, image_id = ctx.images[task.spec.image]
    started, t0 = utcnow(), time.monotonic()
    labels = {"harness.run": ctx.run_id, "harness.trial": tid}
    fields: dict[str, Any] = dict(
        run_id=ctx.run_id,
        trial_id=tid,
        task_id=task.id,
        suite=task.suite,
        task_hash=task.content_hash,
        language=task.spec.language,
        difficulty=task.spec.difficulty,
        tags=task.spec.tags,
        family=task.spec.family,
        agent=ctx.agent.name,
        model=getattr(ctx.model, "name", None),
        attempt=attempt,
        image=tag,
        image_id=image_id,
        isolation=task.spec.grading.isolation,
        started_at=started,
    )
    agent_s = 0.0
    try:
        model = ctx.model
        if model is not None and hasattr(model, "for_trial") and getattr(model, "trial_id", "") is None:
            model = model.for_trial(tid)  # replay/<run_id>: this trial's recorded turns
        outcome, tar, scope = _agent_phase(ctx, task, tag, labels, model)
        agent_s = time.monotonic() - t0
        fields.update(_outcome_fields(outcome, agent_s))
        if outcome.transcript is not None and ctx.store is not None:
            fields["transcript_path"] = ctx.store.write_transcript(tid, outcome.transcript)
        if outcome.error:
            fault = _model_fault(scope) if outcome.error_kind in ("model", "model_auth") else None
            # The usage billed before the failing call stays in the result (fields): it was paid for.
            result = TrialResult(
                **fields,
                status="error",
                error_kind=(fault.error_kind if fault else None) or outcome.error_kind or "agent",
                message=str(fault)[:1000] if fault else outcome.error,
                finished_at=utcnow(),
                duration_s=time.monotonic() - t0,
            )
            result._rerun = fault.rerun if fault else True
            return result
        cap = workspace_cap(task)
        with host_tempdir("harness-final-") as tmp:
            final = tmp / "workspace"
            dropped = extract_workspace(tar, final, max_file_bytes=cap, max_total_bytes=cap)
            diff = compute_diff(task, final)
    except Exception as e:
        return _fault(fields, e, t0)
    return grade_trial(ctx, task, AgentDone(fields, outcome, diff, dropped, agent_s))


def grade_trial(ctx: TrialContext, task: Task, done: AgentDone) -> TrialResult:
    """Grade a finished agent phase (again, after an engine outage cut its grading short)."""
    fields, outcome, diff = done.fields, done.outcome, done.diff
    tag = ctx.images[task.spec.image][0]
    labels = {"harness.run": ctx.run_id, "harness.trial": fields["trial_id"]}
    t0 = time.monotonic() - done.agent_s  # the trial's duration counts its one agent phase
    try:
        g = grade(task, diff, ctx.client, tag, labels)
        tries = _grade_tries(ctx, task, outcome, diff, g, tag, labels)
        graded = TrialResult(
            **fields,
            status="pass" if g.status == "pass" else "fail",
            fail_reason=g.fail_reason,
            tests=g.tests,
            score=g.score,
            grading_duration_s=g.duration_s,
            diff=cap_text(diff, MAX_DIFF_CHARS, 0),
            diff_truncated=len(diff) > MAX_DIFF_CHARS,
            dropped_paths=done.dropped,
            restored_paths=g.restored_paths,
            log_tail=g.log_tail,
            tries=tries,
            **g.result_fields(),
            finished_at=utcnow(),
            duration_s=time.monotonic() - t0,
        )
        graded._agent_done = done
        return graded
    except Exception as e:
        result = _fault(fields, e, t0)
        if result.status == "error":
            # Kept out of the record: the diff is stored once the grade is. The runner may grade again.
            result.diff, result.diff_truncated = cap_text(diff, MAX_DIFF_CHARS, 0), len(diff) > MAX_DIFF_CHARS
            result.dropped_paths = done.dropped
            result._agent_done = done
        return result


def _fault(fields: dict[str, Any], e: Exception, t0: float) -> TrialResult:
    """The result of a trial that raised: a graded fail for what the agent left, else an error."""
    if isinstance(e, WorkspaceNotCopyable | WorkspaceRejected):
        # What the agent left is its own doing: a graded failure, not a harness error.
        return TrialResult(
            **fields,
            status="fail",
            fail_reason="workspace_rejected",
            message=" ".join(str(e).split())[:500] or type(e).__name__,
            finished_at=utcnow(),
            duration_s=time.monotonic() - t0,
        )
    if isinstance(e, GitError):
        return _error(fields, "harness", str(e), t0)
    kind = _infra_kind(e)
    if kind is None:
        detail = "".join(traceback.format_exception_only(e)).strip()
        return _error(fields, "harness", f"unexpected {detail}", t0)
    result = _error(fields, kind, str(e).strip().splitlines()[0][:500] if str(e) else type(e).__name__, t0)
    result._rerun = getattr(e, "rerun", True)
    result._engine_down = engine_unreachable(e)
    return result


def workspace_cap(task: Task) -> int:
    """What the harness carries out of the agent's sandbox, per file and in total. Generous: the
    tmpfs bounds what can really be there; a sparse file can claim more than that and is refused."""
    return (task.spec.limits.workspace_mb + 16) << 20


def _grade_tries(
    ctx: TrialContext, task: Task, outcome: AgentOutcome, final_diff: str, final: GradeOutcome, tag: str,
    labels: dict[str, str],
) -> list[dict[str, Any]]:  # fmt: skip
    """Grade each intermediate try of an agent that records them (pass@try-1, pass@try-2, ...)."""
    tries = []
    for snap in outcome.snapshots:
        g = final if snap["diff"] == final_diff else grade(task, snap["diff"], ctx.client, tag, labels)
        record = {k: v for k, v in snap.items() if k != "diff"}
        tries.append({**record, "status": g.status, "score": g.score})
    return tries


def _error(fields: dict[str, Any], kind: str, message: str, t0: float) -> TrialResult:
    return TrialResult(
        **fields, status="error", error_kind=kind, message=message, finished_at=utcnow(),
        duration_s=time.monotonic() - t0,
    )  # fmt: skip


def _outcome_fields(outcome: AgentOutcome, agent_s: float) -> dict[str, Any]:
    return dict(
        agent_duration_s=agent_s,
        stop_reason=outcome.stop_reason,
        turns=outcome.turns,
        usage=outcome.usage,
        cost_usd=outcome.cost_usd,
        agent_log_tail=cap_text(outcome.log, 2_000, 6_000),
        agent_version=outcome.agent_version,
    )


def _agent_phase(
    ctx: TrialContext, task: Task, tag: str, labels: dict[str, str], model: Any
) -> tuple[AgentOutcome, bytes, CallScope]:
    lim = task.spec.limits
    spec = SandboxSpec.for_limits(tag, lim, {**labels, "harness.role": "agent"})
    limits = AgentLimits(
        wall_time_s=task.spec.agent.timeout_sec,
        max_turns=ctx.max_turns,
        max_tokens=ctx.max_tokens,
        max_cost_usd=ctx.max_cost_usd,
        max_tries=ctx.max_tries,
    )
    with contextlib.ExitStack() as stack:
        sandbox_spec = getattr(ctx.agent, "sandbox_spec", None)
        if sandbox_spec is not None:
            # An installed agent: its own image over the task's, and a folder for the model gateway.
            spec = sandbox_spec(spec, stack.enter_context(host_tempdir("harness-gateway-")))
        sb = stack.enter_context(DockerSandbox(ctx.client, spec))
        sb.copy_in(task.workspace_dir, WORKSPACE)
        res = sb.exec(GIT_INIT, timeout=60)
        if not res.ok:
            raise SandboxError(f"git init in the sandbox failed: {res.output.strip()[-300:]}")
        # No model call outlives the agent's wall time (each call's timeout is cut to what is left).
        with call_scope(limits.wall_time_s) as scope:
            outcome = ctx.agent.run(task, sb, model, limits)
        # Nothing the agent left running may write into, or starve, the read-out below.
        sb.kill_all()
        # Generous bound: the tmpfs caps what can be there; this caps what we carry to the host.
        tar = sb.copy_out(WORKSPACE, max_bytes=workspace_cap(task))
    return outcome, tar, scope
