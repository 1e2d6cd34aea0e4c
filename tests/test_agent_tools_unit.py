"""The model-driven agents' own logic, without Docker: ToolsAgent (and LoopAgent) against an in-memory
sandbox (tests/fixtures/memsandbox.py) and a scripted FakeModel. Tool dispatch, errors fed back to the
model, format errors, per-trial limits, model failures and the transcript."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from harness.agents.base import AgentLimits, AgentOutcome
from harness.agents.loop import LoopAgent
from harness.agents.tools import ToolsAgent
from harness.models.base import Message, ModelResponse, ModelSettings, ToolSpec, Usage
from harness.models.fake import FakeModel, FakeScript
from harness.models.pricing import cost_usd
from harness.sandbox.base import ExecResult
from harness.task import Task, load_tasks
from tests.fixtures.memsandbox import MemSandbox, ok, sleeping
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: no real provider can be reached)

TASKS = {t.id: t for t in load_tasks(["smoke"])}
WITH_TESTS = TASKS["py-duration-parse"]  # has [agent] test_command
NO_TESTS = TASKS["py-ledger-cents"]
NUDGE = "Reply with a tool call; call submit when done."
CALC = "def add(a, b):\n    return a - b\n"


class Recorder:
    """Wraps a model and keeps what each call was given (the conversation and the tools offered)."""

    def __init__(self, inner: FakeModel) -> None:
        self.inner = inner
        self.name = inner.name
        self.settings = inner.settings
        self.price_as = inner.price_as
        self.calls: list[tuple[list[Message], list[ToolSpec] | None]] = []

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        self.calls.append((copy.deepcopy(messages), tools))
        return self.inner.complete(messages, tools)


def fake(turns: list[dict[str, Any]], **script: Any) -> FakeModel:
    return FakeModel("fake/unit", ModelSettings(), FakeScript.model_validate({"turns": turns, **script}))


def call(name: str, arguments: dict[str, Any] | str | None = None, **usage: int) -> dict[str, Any]:
    """One turn making one tool call."""
    return calls([(name, arguments if arguments is not None else {})], **usage)


def calls(specs: list[tuple[str, dict[str, Any] | str]], **usage: int) -> dict[str, Any]:
    turn: dict[str, Any] = {"tool_calls": [{"name": n, "arguments": a} for n, a in specs]}
    if usage:
        turn["usage"] = usage
    return turn


SUBMIT = call("submit", {"summary": "done"})


def run_tools(
    turns: list[dict[str, Any]],
    *,
    files: dict[str, str] | None = None,
    task: Task = NO_TESTS,
    limits: AgentLimits | None = None,
    handler: Any = None,
    **script: Any,
) -> tuple[AgentOutcome, MemSandbox, Recorder]:
    sandbox = MemSandbox(files if files is not None else {"calc.py": CALC}, handler)
    model = Recorder(fake(turns, **script))
    outcome = ToolsAgent().run(task, sandbox, model, limits or AgentLimits(wall_time_s=60))
    return outcome, sandbox, model


def transcript(outcome: AgentOutcome) -> dict[str, Any]:
    assert outcome.transcript is not None
    return outcome.transcript


def tool_results(outcome: AgentOutcome) -> list[str]:
    return [m["content"] for m in transcript(outcome)["messages"] if m["role"] == "tool"]


# -- tool dispatch ------------------------------------------------------------------------------------


def test_edit_file_with_a_missing_string_is_reported_and_the_loop_goes_on() -> None:
    outcome, sb, _ = run_tools(
        [
            call(
                "edit_file", {"path": "calc.py", "old_string": "return a * b", "new_string": "return a + b"}
            ),
            call(
                "edit_file", {"path": "calc.py", "old_string": "return a - b", "new_string": "return a + b"}
            ),
            SUBMIT,
        ]
    )
    assert outcome.stop_reason == "submitted" and outcome.error is None
    assert outcome.turns == 3
    assert tool_results(outcome) == [
        "error: old_string not found in /workspace/calc.py; read the file and copy the text exactly",
        "replaced 1 occurrence(s) in /workspace/calc.py",
    ]
    assert sb.text("calc.py") == "def add(a, b):\n    return a + b\n"
    assert "[edit_file] error: old_string not found" in outcome.log
    assert "[submit] summary=done" in outcome.log


def test_edit_file_with_a_non_unique_string_is_refused_unless_replace_all() -> None:
    outcome, sb, _ = run_tools(
        [
            call("edit_file", {"path": "m.py", "old_string": "x = 1", "new_string": "x = 2"}),
            call("edit_file", {"path": "m.py", "old_string": "x = 1", "new_string": "x = 2", "replace_all": True}),
            SUBMIT,
        ],
        files={"m.py": "x = 1\ny = 0\nx = 1\n"},
    )  # fmt: skip
    assert outcome.stop_reason == "submitted"
    assert tool_results(outcome) == [
        "error: old_string occurs 2 times in /workspace/m.py; add context to make it unique",
        "replaced 2 occurrence(s) in /workspace/m.py",
    ]
    assert sb.text("m.py") == "x = 2\ny = 0\nx = 2\n"


def test_edit_file_misuse_messages() -> None:
    # (A valid call between them: three failing turns in a row would end the trial, see below.)
    ls = call("bash", {"command": "ls"})
    outcome, sb, _ = run_tools(
        [
            call("edit_file", {"path": "calc.py", "old_string": "", "new_string": "x"}),
            call("edit_file", {"path": "nope.py", "old_string": "a", "new_string": "b"}),
            ls,
            call("edit_file", {"path": "calc.py", "old_string": "a"}),
            call("write_file", {"path": 5, "content": "x"}),
            ls,
            call("browse", {"path": "index.html"}),
            SUBMIT,
        ]
    )
    assert outcome.stop_reason == "submitted"
    assert tool_results(outcome) == [
        "error: old_string is empty; use write_file to create a file",
        "error: /workspace/nope.py: no such file",
        "ran: ls\n[exit code 0]",
        "error: missing argument 'new_string'",
        "error: argument 'path' must be a str",
        "ran: ls\n[exit code 0]",
        "error: unknown tool 'browse'",
    ]
    assert sb.text("calc.py") == CALC and sb.writes == []


def test_unknown_tool_is_named_as_such() -> None:
    outcome, _, _ = run_tools([call("browse", {"url": "http://example.com"}), SUBMIT])
    assert tool_results(outcome) == ["error: unknown tool 'browse'"]


def test_malformed_tool_arguments_are_reported_not_a_crash() -> None:
    outcome, sb, _ = run_tools(
        [
            call("write_file", '{"path": "calc.py", "content": '),
            call("bash", "[1, 2]"),
            call("write_file", {"path": "calc.py", "content": "fixed\n"}),
            SUBMIT,
        ]
    )
    assert outcome.stop_reason == "submitted" and outcome.error is None
    results = tool_results(outcome)
    assert results[0].startswith("error: could not parse the arguments of write_file: invalid JSON: ")
    assert (
        results[1]
        == "error: could not parse the arguments of bash: arguments must be a JSON object, got list"
    )
    assert results[2] == "wrote 6 bytes to /workspace/calc.py"
    assert sb.text("calc.py") == "fixed\n"
    # The bad call is kept verbatim in the transcript, so the model (and a reader) sees what it sent.
    assistant = [m for m in transcript(outcome)["messages"] if m["role"] == "assistant"]
    assert assistant[0]["tool_calls"][0]["raw_arguments"] == '{"path": "calc.py", "content": '


def test_read_file_whole_and_line_ranges() -> None:
    text = "".join(f"line {i}\n" for i in range(1, 11))
    outcome, _, _ = run_tools(
        [
            call("read_file", {"path": "f.txt"}),
            call("read_file", {"path": "f.txt", "start_line": 3, "end_line": 4}),
            call("read_file", {"path": "./sub/../f.txt", "start_line": 9}),
            call("read_file", {"path": "empty.txt"}),
            call("read_file", {"path": "missing.txt"}),
            SUBMIT,
        ],
        files={"f.txt": text, "empty.txt": ""},
    )
    assert tool_results(outcome) == [
        text,
        "line 3\nline 4\n",
        "line 9\nline 10\n",
        "(empty file)",
        "error: /workspace/missing.txt: no such file",
    ]


def test_binary_files_are_not_read_as_text() -> None:
    sb = MemSandbox({})
    sb.files["/workspace/blob.bin"] = b"\x7fELF\x00\x01"
    model = fake([call("read_file", {"path": "blob.bin"}), SUBMIT])
    outcome = ToolsAgent().run(NO_TESTS, sb, model, AgentLimits(wall_time_s=60))
    assert tool_results(outcome) == ["error: /workspace/blob.bin looks binary; inspect it with bash"]


def test_write_file_into_a_folder_path_is_a_tool_error() -> None:
    outcome, _, _ = run_tools([call("write_file", {"path": "pkg", "content": "x"}), SUBMIT],
                              files={"pkg/__init__.py": ""})  # fmt: skip
    assert outcome.stop_reason == "submitted"
    assert tool_results(outcome) == [
        "error: writing /workspace/pkg failed: bash: /workspace/pkg: Is a directory"
    ]


def test_bash_output_exit_code_and_truncation() -> None:
    def handler(command: str, timeout: float) -> ExecResult | None:
        if command == "big":
            return ok("a" * 7000 + "b" * 7000)
        if command == "fail":
            return ok("boom\n", code=3)
        if command == "quiet":
            return ok("")
        if command == "hang":
            return ExecResult(exit_code=None, stdout="partial\n", stderr="", duration_s=1, timed_out=True)
        return None

    outcome, sb, _ = run_tools(
        [call("bash", {"command": c}) for c in ("big", "fail", "quiet", "hang")]
        + [call("bash", {"command": "slow", "timeout": 5}), SUBMIT],
        handler=handler,
        limits=AgentLimits(wall_time_s=3600),
    )
    big, fail, quiet, hang, slow = tool_results(outcome)
    assert big.startswith("a" * 6000 + "\n[... 2000 characters omitted ...]\n" + "b" * 6000)
    assert big.endswith("\n[exit code 0]")
    assert fail == "boom\n[exit code 3]"
    assert quiet == "[exit code 0, no output]"
    assert hang == "partial\n[timed out]"
    assert slow == "ran: slow\n[exit code 0]"
    timeouts = dict(sb.commands)
    assert timeouts["big"] == 120 and timeouts["slow"] == 5


def test_run_tests_is_offered_only_when_the_task_has_visible_tests() -> None:
    outcome, sb, model = run_tools([call("run_tests"), SUBMIT], task=WITH_TESTS,
                                   limits=AgentLimits(wall_time_s=3600))  # fmt: skip
    names = [t.name for t in model.calls[0][1] or []]
    assert names == ["bash", "read_file", "write_file", "edit_file", "run_tests", "submit"]
    command = WITH_TESTS.spec.agent.test_command
    assert tool_results(outcome) == [f"ran: {command}\n[exit code 0]"]
    assert dict(sb.commands)[command or ""] == 600.0  # capped at 10 minutes

    outcome, _, model = run_tools([call("run_tests"), SUBMIT], task=NO_TESTS)
    assert [t.name for t in model.calls[0][1] or []] == [
        "bash",
        "read_file",
        "write_file",
        "edit_file",
        "submit",
    ]
    assert tool_results(outcome) == ["error: this task has no visible tests"]


def test_first_prompt_has_the_instruction_and_the_file_listing() -> None:
    _, _, model = run_tools([SUBMIT], files={"calc.py": CALC, "tests/test_calc.py": ""})
    system, user = model.calls[0][0]
    assert system.role == "system" and "submit" in system.content
    assert user.role == "user"
    assert user.content.startswith(f"Task {NO_TESTS.id}\n\n{NO_TESTS.instruction}")
    assert user.content.endswith("Files in /workspace:\ncalc.py\ntests/test_calc.py\n")


def test_calls_before_submit_in_the_same_turn_run_and_submit_ends_the_loop() -> None:
    outcome, sb, model = run_tools(
        [
            calls([("write_file", {"path": "calc.py", "content": "new\n"}), ("submit", {})]),
            call("bash", {"command": "never"}),
        ]
    )
    assert outcome.stop_reason == "submitted" and outcome.turns == 1 and len(model.calls) == 1
    assert sb.text("calc.py") == "new\n"
    assert "never" not in [c for c, _ in sb.commands]


# -- format errors ---------------------------------------------------------------------------------------


def test_three_replies_without_tool_calls_stop_with_format_errors() -> None:
    outcome, _, model = run_tools([{"content": "Let me think."}] * 5)
    assert outcome.stop_reason == "format_errors"
    assert outcome.turns == 3 and len(model.calls) == 3
    assert outcome.error is None
    roles = [(m["role"], m["content"]) for m in transcript(outcome)["messages"][2:]]
    assert roles == [
        ("assistant", "Let me think."),
        ("user", NUDGE),
        ("assistant", "Let me think."),
        ("user", NUDGE),
        ("assistant", "Let me think."),
    ]
    assert "[stop] format_errors: 3 replies in a row without a valid tool call" in outcome.log


def test_a_valid_call_resets_the_format_error_count() -> None:
    prose = {"content": "hmm"}
    outcome, _, _ = run_tools([prose, prose, call("bash", {"command": "ls"}), prose, prose, SUBMIT])
    assert outcome.stop_reason == "submitted" and outcome.turns == 6


def test_three_turns_of_only_malformed_calls_stop_with_format_errors() -> None:
    bad = call("write_file", "{not json")
    outcome, _, _ = run_tools([bad, bad, bad, SUBMIT])
    assert outcome.stop_reason == "format_errors" and outcome.turns == 3
    assert "3 turns in a row with only malformed tool calls" in outcome.log


def test_failed_but_well_formed_tool_calls_are_not_format_errors() -> None:
    miss = call("edit_file", {"path": "calc.py", "old_string": "return a * b", "new_string": "x"})
    outcome, sb, _ = run_tools(
        [miss, call("read_file", {"path": "calc_test.py"}), miss,
         call("edit_file", {"path": "calc.py", "old_string": "a - b", "new_string": "a + b"}), SUBMIT]
    )  # fmt: skip
    assert outcome.stop_reason == "submitted"
    assert sb.text("calc.py") == "def add(a, b):\n    return a + b\n"


@pytest.mark.parametrize(
    "bad",
    [("bash", {"command": "ls", "timeout": "soon"}), ("read_file", {"path": "calc.py", "start_line": "top"})],
    ids=["bash-timeout", "read-start-line"],
)
def test_non_numeric_arguments_are_reported_not_a_crash(bad: tuple[str, dict[str, Any]]) -> None:
    outcome, _, _ = run_tools([call(*bad), SUBMIT])
    assert outcome.stop_reason == "submitted"
    assert tool_results(outcome)[0].startswith("error: ")


# -- limits ----------------------------------------------------------------------------------------------


def test_max_turns() -> None:
    outcome, sb, _ = run_tools([call("bash", {"command": f"step {i}"}) for i in range(5)],
                               limits=AgentLimits(wall_time_s=60, max_turns=2))  # fmt: skip
    assert outcome.stop_reason == "max_turns" and outcome.turns == 2
    assert [c for c, _ in sb.commands if c.startswith("step")] == ["step 0", "step 1"]
    assert "[stop] max_turns: 2 model turns" in outcome.log


def test_max_tokens_counts_prompt_and_output_tokens() -> None:
    turn = call("bash", {"command": "ls"}, input_tokens=60, cache_read_tokens=40, output_tokens=50)
    outcome, _, _ = run_tools([turn] * 5, limits=AgentLimits(wall_time_s=60, max_tokens=300))
    assert outcome.stop_reason == "max_tokens" and outcome.turns == 2
    assert outcome.usage == Usage(input_tokens=120, cache_read_tokens=80, output_tokens=100)
    assert "[stop] max_tokens: 300 tokens" in outcome.log


def test_max_cost_uses_the_price_as_model() -> None:
    turn = call("bash", {"command": "ls"}, input_tokens=1_000_000, output_tokens=100_000)
    outcome, _, _ = run_tools([turn] * 5, limits=AgentLimits(wall_time_s=60, max_cost_usd=0.4),
                              price_as="openai/gpt-4o-mini")  # fmt: skip
    # gpt-4o-mini: $0.15/M input, $0.60/M output -> $0.21 per turn; the check runs before each call.
    assert outcome.stop_reason == "max_cost" and outcome.turns == 2
    assert outcome.cost_usd == pytest.approx(0.42)
    assert outcome.cost_usd == pytest.approx(cost_usd("openai/gpt-4o-mini", outcome.usage or Usage()))
    assert "[stop] max_cost: $0.4200 spent" in outcome.log


def test_unpriced_model_has_unknown_cost_and_no_cost_limit() -> None:
    turn = call("bash", {"command": "ls"}, input_tokens=1_000_000)
    outcome, _, _ = run_tools([turn, turn, SUBMIT], limits=AgentLimits(wall_time_s=60, max_cost_usd=0.01))
    assert outcome.stop_reason == "submitted" and outcome.cost_usd is None


def test_wall_time_stops_with_timeout_and_caps_command_timeouts() -> None:
    outcome, sb, _ = run_tools(
        [call("bash", {"command": "work"}), call("bash", {"command": "more"})],
        limits=AgentLimits(wall_time_s=0.3),
        handler=sleeping(0.5),
    )
    assert outcome.stop_reason == "timeout" and outcome.turns == 1
    # A command may not outlive the trial by much: its timeout is what is left, at least one second.
    assert dict(sb.commands)["work"] == 1.0
    assert "more" not in dict(sb.commands)
    assert "[stop] timeout: wall time of 0.3s used up" in outcome.log


# -- model failures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "error_kind"), [("unavailable", "model"), ("auth", "model_auth")])
def test_unavailable_or_auth_model_is_an_error_of_kind_model(kind: str, error_kind: str) -> None:
    first = call("write_file", {"path": "calc.py", "content": "x\n"}, input_tokens=100, output_tokens=10)
    outcome, sb, _ = run_tools([first, {"raise": kind}], price_as="openai/gpt-4o-mini")
    assert outcome.error == f"fake script turn 1 raises {kind}"
    assert outcome.error_kind == error_kind and outcome.stop_reason == "model_error"
    # What happened before the failure is kept: one turn, its usage and cost, its effect.
    assert outcome.turns == 1 and outcome.usage == Usage(input_tokens=100, output_tokens=10)
    assert outcome.cost_usd == pytest.approx(cost_usd("openai/gpt-4o-mini", outcome.usage or Usage()))
    assert len(transcript(outcome)["model_turns"]) == 1
    assert sb.text("calc.py") == "x\n"
    assert f"[model error] fake script turn 1 raises {kind}" in outcome.log


def test_a_refused_request_ends_the_agent_without_an_error() -> None:
    outcome, _, _ = run_tools([{"raise": "request"}])
    assert outcome.error is None and outcome.error_kind is None
    assert outcome.stop_reason == "model_request_error" and outcome.turns == 0


# -- transcript -------------------------------------------------------------------------------------------


def test_transcript_has_every_message_and_each_model_turn_with_usage() -> None:
    turns = [
        {"content": "Looking.", **call("read_file", {"path": "calc.py"}, input_tokens=500, output_tokens=20)},
        call("edit_file", {"path": "calc.py", "old_string": "a - b", "new_string": "a + b"},
             input_tokens=100, cache_read_tokens=500, output_tokens=30),
        call("submit", {"summary": "fixed"}, input_tokens=50, cache_read_tokens=600, output_tokens=5),
    ]  # fmt: skip
    outcome, _, model = run_tools(turns, price_as="openai/gpt-4o-mini")
    assert outcome.stop_reason == "submitted" and outcome.turns == 3
    assert outcome.agent_version == "tools_v1"
    t = outcome.transcript
    assert t is not None and t["agent"] == "tools" and t["prompt_version"] == "tools_v1"
    assert [(m["role"], m.get("name")) for m in t["messages"]] == [
        ("system", None),
        ("user", None),
        ("assistant", None),
        ("tool", "read_file"),
        ("assistant", None),
        ("tool", "edit_file"),
        ("assistant", None),
    ]
    # Every message the model was last shown is in the transcript, plus its final reply.
    assert [m.model_dump() for m in model.calls[-1][0]] == t["messages"][:-1]
    assert t["messages"][2]["content"] == "Looking."
    assert t["messages"][3]["content"] == CALC
    assert t["messages"][3]["tool_call_id"] == t["messages"][2]["tool_calls"][0]["id"]

    recorded = t["model_turns"]
    assert len(recorded) == 3
    usages = [Usage.model_validate(r["usage"]) for r in recorded]
    assert usages == [
        Usage(input_tokens=500, output_tokens=20),
        Usage(input_tokens=100, cache_read_tokens=500, output_tokens=30),
        Usage(input_tokens=50, cache_read_tokens=600, output_tokens=5),
    ]
    assert outcome.usage == usages[0] + usages[1] + usages[2]
    costs = [r["cost_usd"] for r in recorded]
    assert costs == [pytest.approx(cost_usd("openai/gpt-4o-mini", u)) for u in usages]
    assert outcome.cost_usd == pytest.approx(sum(costs))
    assert [r["message"]["tool_calls"][0]["name"] for r in recorded] == ["read_file", "edit_file", "submit"]
    # Each recorded turn is a whole ModelResponse, so replay/<run_id> can return it again.
    assert [ModelResponse.model_validate(r).finish_reason for r in recorded] == ["tool_calls"] * 3


# -- the loop agent's sandbox side ------------------------------------------------------------------------


def run_loop(
    replies: list[str], *, files: dict[str, str], task: Task, handler: Any = None, max_tries: int = 2
) -> tuple[AgentOutcome, MemSandbox, Recorder]:
    sandbox = MemSandbox(files, handler)
    model = Recorder(fake([{"content": r} for r in replies], on_exhausted="stop"))
    outcome = LoopAgent().run(task, sandbox, model, AgentLimits(wall_time_s=60, max_tries=max_tries))
    return outcome, sandbox, model


def test_loop_without_visible_tests_stops_after_a_clean_try() -> None:
    reply = "calc.py\n<<<<<<< SEARCH\n    return a - b\n=======\n    return a + b\n>>>>>>> REPLACE\n"
    outcome, sb, model = run_loop([reply], files={"calc.py": CALC}, task=NO_TESTS)
    assert outcome.stop_reason == "no_feedback" and outcome.turns == 1
    assert sb.text("calc.py") == "def add(a, b):\n    return a + b\n"
    [snap] = outcome.snapshots
    assert snap["try"] == 1 and snap["edits"] == 1 and snap["well_formed"] is True
    assert snap["visible_tests_passed"] is None and snap["problems"] == []
    # The model saw every workspace file in its first prompt.
    assert f"calc.py\n```\n{CALC}```\n" in model.calls[0][0][1].content


def test_loop_feeds_edit_problems_back() -> None:
    bad = "calc.py\n<<<<<<< SEARCH\n    return a * b\n=======\n    return a + b\n>>>>>>> REPLACE\n"
    good = "calc.py\n```\ndef add(a, b):\n    return a + b\n```\n"
    outcome, sb, model = run_loop([bad, good], files={"calc.py": CALC}, task=NO_TESTS)
    assert outcome.stop_reason == "no_feedback" and outcome.turns == 2
    feedback = model.calls[1][0][-1]
    assert feedback.role == "user" and feedback.content == (
        "Some edits could not be applied:\n"
        "- calc.py: SEARCH text not found; it must match the file exactly\n\n"
        "Fix the problems with further edit blocks."
    )
    assert [s["well_formed"] for s in outcome.snapshots] == [False, True]
    assert sb.text("calc.py") == "def add(a, b):\n    return a + b\n"


def test_loop_stops_after_max_tries() -> None:
    def handler(command: str, timeout: float) -> ExecResult | None:
        return ok("1 failed\n", code=1) if "pytest" in command else None

    reply = "durations.py\n```\ndef parse_duration(text):\n    return 0\n```\n"
    outcome, _, model = run_loop([reply] * 3, files={"durations.py": "x\n"}, task=WITH_TESTS, handler=handler)
    assert outcome.stop_reason == "max_tries" and outcome.turns == 2 and len(model.calls) == 2
    assert [s["visible_tests_passed"] for s in outcome.snapshots] == [False, False]
    assert "The tests failed:\n1 failed\n" in model.calls[1][0][-1].content


def test_loop_edit_naming_a_folder_is_a_problem_not_a_crash() -> None:
    bad = "pkg\n```\nx = 1\n```\n"
    good = "pkg/__init__.py\n```\nx = 1\n```\n"
    outcome, sb, _ = run_loop([bad, good], files={"pkg/__init__.py": ""}, task=NO_TESTS)
    assert outcome.snapshots[0]["well_formed"] is False
    assert sb.text("pkg/__init__.py") == "x = 1\n"
