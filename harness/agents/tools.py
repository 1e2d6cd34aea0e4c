"""`tools`: a function-calling agent. Each step asks the model, runs the tool calls it made in the
sandbox and feeds the results back, until it submits or hits a limit (raised as AgentStop)."""

from __future__ import annotations

import posixpath
import shlex
from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.agents.meter import AgentStop, FormatError, ModelMeter, Submitted, load_prompt, model_failure
from harness.errors import SandboxError
from harness.models.base import Message, Model, ModelError, ToolCall, ToolSpec
from harness.sandbox.base import WORKSPACE, Sandbox, cap_text
from harness.sandbox.docker import DockerSandbox
from harness.sandbox.shell import ShellSession
from harness.task import Task

MAX_FORMAT_ERRORS = 3
OUTPUT_HEAD, OUTPUT_TAIL = 6_000, 6_000
READ_LIMIT = 60_000
DEFAULT_CMD_TIMEOUT = 120


def _tool(name: str, description: str, props: dict[str, Any], required: list[str]) -> ToolSpec:
    return ToolSpec(
        name=name,
        description=description,
        parameters={
            "type": "object",
            "properties": props,
            "required": required,
            "additionalProperties": False,
        },
    )


STR = {"type": "string"}
TOOLS = [
    _tool(
        "bash",
        "Run a shell command in /workspace's persistent bash session. Output (stdout+stderr) is truncated "
        "in the middle when long.",
        {"command": STR, "timeout": {"type": "integer", "description": "Seconds, default 120."}},
        ["command"],
    ),
    _tool(
        "read_file",
        "Read a text file (path relative to /workspace), optionally a 1-based inclusive line range.",
        {"path": STR, "start_line": {"type": "integer"}, "end_line": {"type": "integer"}},
        ["path"],
    ),
    _tool(
        "write_file",
        "Create or overwrite a file with the given content.",
        {"path": STR, "content": STR},
        ["path", "content"],
    ),
    _tool(
        "edit_file",
        "Replace an exact string in a file. old_string must occur exactly once unless replace_all is true.",
        {"path": STR, "old_string": STR, "new_string": STR, "replace_all": {"type": "boolean"}},
        ["path", "old_string", "new_string"],
    ),
]
RUN_TESTS = _tool("run_tests", "Run the task's visible tests and show their output.", {}, [])
SUBMIT = _tool("submit", "Finish: your work in /workspace is final.", {"summary": STR}, [])


class ToolError(Exception):
    """A tool call failed; the message goes back to the model and the loop goes on. `malformed` marks a
    call that was wrong in form (unknown tool, missing or mistyped argument), which counts towards the
    format-error limit; an operation that merely failed (string not found) does not."""

    def __init__(self, message: str, malformed: bool = False) -> None:
        super().__init__(message)
        self.malformed = malformed


class ToolsAgent:
    name = "tools"
    needs_model = True

    def run(self, task: Task, sandbox: Sandbox, model: Model, limits: AgentLimits) -> AgentOutcome:
        system, version = load_prompt("tools_v1")
        meter = ModelMeter(model, limits)
        tools = [*TOOLS, *([RUN_TESTS] if task.spec.agent.test_command else []), SUBMIT]
        listing = sandbox.exec("git ls-files | head -200", timeout=30).stdout
        messages = [
            Message(role="system", content=system),
            Message(
                role="user",
                content=f"Task {task.id}\n\n{task.instruction}\n\nFiles in /workspace:\n{listing}",
            ),
        ]
        shell = ShellSession(sandbox) if isinstance(sandbox, DockerSandbox) else None
        log: list[str] = []
        stop, error, error_kind = "done", None, None
        format_errors = 0
        try:
            while True:
                resp = meter.complete(messages, tools)
                messages.append(resp.message)
                if not resp.message.tool_calls:
                    format_errors += 1
                    if format_errors >= MAX_FORMAT_ERRORS:
                        raise FormatError(f"{format_errors} replies in a row without a valid tool call")
                    messages.append(
                        Message(role="user", content="Reply with a tool call; call submit when done.")
                    )
                    continue
                bad = 0
                for call in resp.message.tool_calls:
                    result, ok = self._execute(call, task, sandbox, shell, meter, log)
                    bad += not ok
                    messages.append(
                        Message(role="tool", content=result, tool_call_id=call.id, name=call.name)
                    )
                format_errors = format_errors + 1 if bad == len(resp.message.tool_calls) else 0
                if format_errors >= MAX_FORMAT_ERRORS:
                    raise FormatError(f"{format_errors} turns in a row with only malformed tool calls")
        except Submitted:
            stop = "submitted"
        except AgentStop as e:
            stop = e.reason
            log.append(f"[stop] {e.reason}: {e.detail}")
        except ModelError as e:
            error, error_kind, stop = model_failure(e)
            log.append(f"[model error] {e}")
        finally:
            if shell is not None:
                shell.close()
        transcript = {
            "agent": self.name,
            "prompt_version": version,
            "messages": [m.model_dump() for m in messages],
        }
        return meter.outcome(
            stop, "\n".join(log), transcript, agent_version=version, error=error, error_kind=error_kind
        )

    def _execute(
        self, call: ToolCall, task: Task, sandbox: Sandbox, shell: ShellSession | None, meter: ModelMeter,
        log: list[str],
    ) -> tuple[str, bool]:  # fmt: skip
        """Run one tool call; return (text for the model, whether the call was well-formed)."""
        if call.parse_error:
            return f"error: could not parse the arguments of {call.name}: {call.parse_error}", False
        try:
            text = self._dispatch(call, task, sandbox, shell, meter)
            log.append(f"[{call.name}] {_brief(call.arguments)}")
            return text, True
        except ToolError as e:
            log.append(f"[{call.name}] error: {e}")
            return f"error: {e}", not e.malformed
        except Submitted:
            log.append(f"[submit] {_brief(call.arguments)}")
            raise

    def _dispatch(
        self, call: ToolCall, task: Task, sandbox: Sandbox, shell: ShellSession | None, meter: ModelMeter
    ) -> str:
        args = call.arguments
        if call.name not in {t.name for t in TOOLS} | {"run_tests", "submit"}:
            raise ToolError(f"unknown tool '{call.name}'", malformed=True)
        if call.name == "submit":
            raise Submitted(str(args.get("summary", "")))
        if call.name == "bash":
            command = _arg(args, "command", str)
            timeout = min(_number(args, "timeout", DEFAULT_CMD_TIMEOUT), max(meter.remaining_s(), 1.0))
            res = shell.run(command, timeout) if shell else sandbox.exec(command, timeout)
            return _exec_text(res.output, res.exit_code, res.timed_out)
        if call.name == "run_tests":
            if not task.spec.agent.test_command:
                raise ToolError("this task has no visible tests")
            res = sandbox.exec(
                task.spec.agent.test_command, timeout=min(600.0, max(meter.remaining_s(), 1.0))
            )
            return _exec_text(res.output, res.exit_code, res.timed_out)
        path = _path(_arg(args, "path", str))
        if call.name == "read_file":
            text = _read(sandbox, path)
            if args.get("start_line") is not None or args.get("end_line") is not None:
                lines = text.splitlines(keepends=True)
                s, e = int(_number(args, "start_line", 1)), int(_number(args, "end_line", len(lines)))
                text = "".join(lines[max(s, 1) - 1 : e])
            return cap_text(text, READ_LIMIT // 2, READ_LIMIT // 2) or "(empty file)"
        if call.name == "write_file":
            content = _arg(args, "content", str)
            _write(sandbox, path, content)
            return f"wrote {len(content.encode())} bytes to {path}"
        if call.name == "edit_file":
            old, new = _arg(args, "old_string", str), _arg(args, "new_string", str)
            if not old:
                raise ToolError("old_string is empty; use write_file to create a file")
            text = _read(sandbox, path)
            count = text.count(old)
            if count == 0:
                raise ToolError(f"old_string not found in {path}; read the file and copy the text exactly")
            if count > 1 and not args.get("replace_all"):
                raise ToolError(f"old_string occurs {count} times in {path}; add context to make it unique")
            _write(sandbox, path, text.replace(old, new))
            return f"replaced {count if args.get('replace_all') else 1} occurrence(s) in {path}"
        raise ToolError(f"unknown tool '{call.name}'", malformed=True)


def _number(args: dict[str, Any], key: str, default: float) -> float:
    value = args.get(key)
    if value is None:
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ToolError(f"argument '{key}' must be a number, not {value!r}", malformed=True) from None


def _arg(args: dict[str, Any], key: str, kind: type) -> Any:
    if key not in args:
        raise ToolError(f"missing argument '{key}'", malformed=True)
    if not isinstance(args[key], kind):
        raise ToolError(f"argument '{key}' must be a {kind.__name__}", malformed=True)
    return args[key]


def _path(path: str) -> str:
    return posixpath.normpath(posixpath.join(WORKSPACE, path))


def _read(sandbox: Sandbox, path: str) -> str:
    try:
        data = sandbox.read_file(path, max_bytes=4 << 20)
    except FileNotFoundError:
        raise ToolError(f"{path}: no such file") from None
    if b"\0" in data[:8192]:
        raise ToolError(f"{path} looks binary; inspect it with bash")
    return data.decode("utf-8", errors="replace")


def _write(sandbox: Sandbox, path: str, content: str) -> None:
    try:
        sandbox.write_file(path, content.encode("utf-8"))
    except SandboxError as e:
        raise ToolError(str(e)) from None


def _exec_text(output: str, code: int | None, timed_out: bool) -> str:
    text = cap_text(output, OUTPUT_HEAD, OUTPUT_TAIL)
    status = "timed out" if timed_out else f"exit code {code}"
    return f"{text.rstrip()}\n[{status}]" if text.strip() else f"[{status}, no output]"


def _brief(args: dict[str, Any]) -> str:
    return cap_text(" ".join(f"{k}={shlex.quote(str(v))}" for k, v in args.items()), 200, 0)
