"""A local stand-in for the OpenAI and Anthropic HTTP APIs, for tests and offline demos.

    with FakeServer() as server:
        server.push(Reply(content="hi"), Error(429, headers={"Retry-After": "1"}), Hang(5), Drop())
        client = openai.OpenAI(base_url=server.openai_base_url, api_key=server.openai_key)

Speaks `POST /v1/chat/completions`, `POST /v1/messages` and `POST /v1/responses` with the JSON shapes
the real APIs return, and their SSE streams when the request asks for `stream`, so the real SDKs (and
agent products, through the model gateway) can be driven against it. Scripted outcomes are served in order to
whichever endpoint is hit next; every request is recorded (path, headers, JSON body).
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from harness.models.base import Usage

OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"
RESPONSES_PATH = "/v1/responses"


@dataclass
class FakeToolCall:
    """A tool call the fake model makes; `arguments` as a str is sent verbatim (to test malformed JSON)."""

    name: str
    arguments: dict[str, Any] | str = field(default_factory=dict)
    id: str | None = None


@dataclass
class Reply:
    """A successful completion. `usage` as a dict is sent verbatim as the provider's usage object."""

    content: str = ""
    tool_calls: list[FakeToolCall] = field(default_factory=list)
    usage: Usage | dict[str, Any] = field(default_factory=lambda: Usage(input_tokens=10, output_tokens=5))
    finish_reason: str | None = None  # provider's own value; derived from tool_calls when None
    model: str | None = None  # echoed from the request when None


@dataclass
class Error:
    """An HTTP error in the provider's error format."""

    status: int
    message: str = "injected error"
    headers: dict[str, str] = field(default_factory=dict)
    type: str | None = None  # provider error type; derived from status when None


@dataclass
class Hang:
    """Read the request, then say nothing for `seconds` (longer than the client timeout)."""

    seconds: float = 30.0


@dataclass
class Drop:
    """Read the request, then close the connection without a response."""


@dataclass
class Raw:
    """Any reply, verbatim: a 200 whose body is not JSON (a proxy's HTML page), or JSON of the wrong shape."""

    body: bytes | str = b"<html><body>502 Bad Gateway</body></html>"
    status: int = 200
    content_type: str = "application/json"


@dataclass
class EmptyChoices:
    """A 200 chat completion with `choices: []` (seen from overloaded compatible servers). OpenAI only."""


Outcome = Reply | Error | Hang | Drop | Raw | EmptyChoices


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]  # lower-cased names
    body: Any


OPENAI_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "permission_denied",
    404: "invalid_request_error",
    429: "rate_limit_exceeded",
}
ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    529: "overloaded_error",
}


def openai_error_body(status: int, message: str, type_: str | None = None) -> dict[str, Any]:
    type_ = type_ or OPENAI_ERROR_TYPES.get(
        status, "server_error" if status >= 500 else "invalid_request_error"
    )
    code = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(status)
    return {"error": {"message": message, "type": type_, "param": None, "code": code}}


def anthropic_error_body(status: int, message: str, type_: str | None = None) -> dict[str, Any]:
    type_ = type_ or ANTHROPIC_ERROR_TYPES.get(
        status, "api_error" if status >= 500 else "invalid_request_error"
    )
    return {"type": "error", "error": {"type": type_, "message": message}}


def _openai_usage(usage: Usage | dict[str, Any]) -> dict[str, Any]:
    if isinstance(usage, dict):
        return usage
    prompt = usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens
    return {
        "prompt_tokens": prompt,
        "completion_tokens": usage.output_tokens,
        "total_tokens": prompt + usage.output_tokens,
        "prompt_tokens_details": {"cached_tokens": usage.cache_read_tokens, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": usage.reasoning_tokens,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def _anthropic_usage(usage: Usage | dict[str, Any]) -> dict[str, Any]:
    if isinstance(usage, dict):
        return usage
    return {
        "input_tokens": usage.input_tokens,
        "cache_creation_input_tokens": usage.cache_write_tokens,
        "cache_read_input_tokens": usage.cache_read_tokens,
        "output_tokens": usage.output_tokens,
        "service_tier": "standard",
    }


def openai_completion(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    message: dict[str, Any] = {
        "role": "assistant",
        "content": reply.content or None,
        "refusal": None,
        "annotations": [],
    }
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": tc.id or f"call_{uuid.uuid4().hex[:24]}",
                "type": "function",
                "function": {
                    "name": tc.name,
                    "arguments": tc.arguments if isinstance(tc.arguments, str) else json.dumps(tc.arguments),
                },
            }
            for tc in reply.tool_calls
        ]
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": reply.model or request.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": reply.finish_reason or ("tool_calls" if reply.tool_calls else "stop"),
            }
        ],
        "usage": _openai_usage(reply.usage),
        "service_tier": "default",
        "system_fingerprint": "fp_fakeserver",
    }


def openai_response(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    """A Responses API reply; a call to a tool the request declares as `custom` is a custom_tool_call
    whose input is the arguments string."""
    custom = {
        t.get("name") for t in request.get("tools") or [] if isinstance(t, dict) and t.get("type") == "custom"
    }
    output: list[dict[str, Any]] = []
    if reply.content:
        output.append(
            {
                "type": "message",
                "id": f"msg_{uuid.uuid4().hex[:24]}",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": reply.content, "annotations": []}],
            }
        )
    for tc in reply.tool_calls:
        args = tc.arguments if isinstance(tc.arguments, str) else json.dumps(tc.arguments)
        call_id = tc.id or f"call_{uuid.uuid4().hex[:24]}"
        if tc.name in custom:
            item = {"type": "custom_tool_call", "call_id": call_id, "name": tc.name, "input": args}
        else:
            item = {"type": "function_call", "call_id": call_id, "name": tc.name, "arguments": args}
        output.append({**item, "id": f"fc_{uuid.uuid4().hex[:24]}", "status": "completed"})
    usage = reply.usage
    if isinstance(usage, Usage):
        prompt = usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens
        wire_usage: dict[str, Any] = {
            "input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": usage.cache_read_tokens},
            "output_tokens": usage.output_tokens,
            "output_tokens_details": {"reasoning_tokens": usage.reasoning_tokens},
            "total_tokens": prompt + usage.output_tokens,
        }
    else:
        wire_usage = usage
    return {
        "id": f"resp_{uuid.uuid4().hex[:24]}",
        "object": "response",
        "created_at": int(time.time()),
        "status": "completed",
        "model": reply.model or request.get("model", "fake"),
        "output": output,
        "usage": wire_usage,
    }


def anthropic_message(reply: Reply, request: dict[str, Any]) -> dict[str, Any]:
    content: list[dict[str, Any]] = []
    if reply.content:
        content.append({"type": "text", "text": reply.content})
    for tc in reply.tool_calls:
        content.append(
            {
                "type": "tool_use",
                "id": tc.id or f"toolu_{uuid.uuid4().hex[:24]}",
                "name": tc.name,
                "input": tc.arguments,
            }
        )
    return {
        "id": f"msg_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "model": reply.model or request.get("model", "fake"),
        "content": content,
        "stop_reason": reply.finish_reason or ("tool_use" if reply.tool_calls else "end_turn"),
        "stop_sequence": None,
        "usage": _anthropic_usage(reply.usage),
    }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real APIs; the SDKs pool connections
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        owner = self.server.owner
        owner._record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))

        path = self.path.split("?")[0]
        if path not in (OPENAI_PATH, ANTHROPIC_PATH, RESPONSES_PATH):
            self._send_json(404, {"error": {"message": f"fakeserver: unknown path {path}"}})
            return
        is_openai = path != ANTHROPIC_PATH
        error_body = openai_error_body if is_openai else anthropic_error_body
        if not owner._authorised(is_openai, self.headers):
            message = "Incorrect API key provided." if is_openai else "invalid x-api-key"
            self._send_json(401, error_body(401, message))
            return

        outcome = owner._next()
        if outcome is None:
            # 400, not 5xx: an unscripted request is a test bug and must not be retried.
            self._send_json(400, error_body(400, "fakeserver: no scripted response queued"))
        elif isinstance(outcome, Hang):
            owner._closing.wait(outcome.seconds)
            self.close_connection = True
        elif isinstance(outcome, Drop):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        elif isinstance(outcome, Raw):
            data = outcome.body.encode() if isinstance(outcome.body, str) else outcome.body
            self._send_bytes(outcome.status, data, outcome.content_type)
        elif isinstance(outcome, EmptyChoices):
            request = body if isinstance(body, dict) else {}
            completion = openai_completion(Reply(), request)
            completion["choices"] = []
            completion["usage"] = None
            self._send_json(200, completion)
        elif isinstance(outcome, Error):
            self._send_json(
                outcome.status, error_body(outcome.status, outcome.message, outcome.type), outcome.headers
            )
        else:
            request = body if isinstance(body, dict) else {}
            render = {OPENAI_PATH: openai_completion, ANTHROPIC_PATH: anthropic_message}.get(
                path, openai_response
            )
            reply = render(outcome, request)
            if request.get("stream"):
                self._send_stream(path, reply, request)
            else:
                self._send_json(200, reply)

    def _send_stream(self, path: str, reply: dict[str, Any], request: dict[str, Any]) -> None:
        from harness.gateway import anthropic_wire, openai_wire

        if path == ANTHROPIC_PATH:
            events = anthropic_wire.message_events(reply)
        elif path == OPENAI_PATH:
            include = bool((request.get("stream_options") or {}).get("include_usage"))
            events = openai_wire.completion_chunks(reply, include)
        else:
            events = openai_wire.response_events(reply)
        data = b"".join(events)
        self._send_bytes(200, data, "text/event-stream")

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), "application/json", headers)

    def _send_bytes(
        self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header(
                "x-request-id" if self.path.startswith(OPENAI_PATH) else "request-id",
                f"req_{uuid.uuid4().hex[:16]}",
            )
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            self.close_connection = True  # the client gave up (e.g. after its timeout)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still in a Hang must not delay shutdown
    owner: FakeServer


class FakeServer:
    """The fake OpenAI + Anthropic API on 127.0.0.1 (ephemeral port), served from a thread."""

    def __init__(self, *, openai_key: str = "sk-fake-openai", anthropic_key: str = "sk-ant-fake"):
        self.openai_key = openai_key
        self.anthropic_key = anthropic_key
        self.requests: list[RecordedRequest] = []
        self._queue: list[Outcome] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> FakeServer:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        # A short poll interval keeps stop() quick (shutdown waits for the next poll).
        httpd = self._httpd
        self._thread = threading.Thread(
            target=lambda: httpd.serve_forever(poll_interval=0.02), name="fakeserver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses ---------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._httpd is not None, "FakeServer is not running"
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def anthropic_base_url(self) -> str:
        return self.url  # the Anthropic SDK appends /v1/messages itself

    # -- scripting ---------------------------------------------------------------------------------
    def push(self, *outcomes: Outcome) -> None:
        with self._lock:
            self._queue.extend(outcomes)

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def _next(self) -> Outcome | None:
        with self._lock:
            return self._queue.pop(0) if self._queue else None

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _authorised(self, is_openai: bool, headers: Any) -> bool:
        bearer = headers.get("Authorization")
        if is_openai:
            return bool(bearer == f"Bearer {self.openai_key}")
        # Older anthropic SDKs send `x-api-key`; current ones send the key as a Bearer token.
        return headers.get("x-api-key") == self.anthropic_key or bearer == f"Bearer {self.anthropic_key}"
