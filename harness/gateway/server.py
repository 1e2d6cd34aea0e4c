"""The per-trial gateway server: a unix socket speaking HTTP/1.1, metering every model call."""

from __future__ import annotations

import contextvars
import json
import socketserver
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from harness.agents.base import AgentLimits
from harness.agents.meter import LimitExceeded, ModelMeter
from harness.gateway import anthropic_wire, openai_wire
from harness.gateway.passthrough import Forwarded, upstreams
from harness.models.base import Message, Model, ModelError, ModelRequestError, ModelResponse, ToolSpec

SOCKET_NAME = "gateway.sock"
SECRET_HEADERS = (
    "authorization",
    "x-api-key",
    "api-key",
    "cookie",
    "openai-organization",
    "chatgpt-account-id",
)
MAX_BODY = 64 << 20


def redact(headers: Any) -> dict[str, str]:
    """Request headers as recorded: keys and cookies replaced, everything else kept."""
    out = {}
    for name, value in headers.items():
        out[name.lower()] = "[redacted]" if name.lower() in SECRET_HEADERS else value
    return out


class GatewayStop(Exception):
    """The gateway refuses a call: a limit is reached, or the provider failed for good."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class Gateway:
    """Serves one trial's agent on `folder/gateway.sock`. Use as a context manager.

    After the agent exits: `meter` holds usage, cost and turns; `stop_reason` is the limit that cut the
    agent off (None if none did); `fault` is a provider failure that is the harness's problem, not the
    agent's (None if none happened); `exchanges` is every request and answer, keys redacted."""

    def __init__(self, model: Model, limits: AgentLimits, folder: Path, passthrough: bool = True) -> None:
        self.meter = ModelMeter(model, limits)
        # Protocols the model speaks natively: requests in those go upstream unchanged.
        self.upstreams = upstreams(model) if passthrough else {}
        self.folder = folder
        self.socket_path = folder / SOCKET_NAME
        self.exchanges: list[dict[str, Any]] = []
        self.stop_reason: str | None = None
        self.stop_detail = ""
        self.fault: ModelError | None = None
        self.started = time.monotonic()
        # The trial's call scope (its deadline, where faults are recorded) for calls made on the
        # gateway's threads.
        self._context = contextvars.copy_context()
        self._lock = threading.Lock()
        self._server: socketserver.ThreadingUnixStreamServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------------

    def __enter__(self) -> Gateway:
        gateway = self

        class Handler(_Handler):
            gw = gateway

        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)
        self._server = socketserver.ThreadingUnixStreamServer(str(self.socket_path), Handler)
        self._server.daemon_threads = True
        # The agent runs under another uid than the harness: it must be able to connect.
        self.socket_path.chmod(0o666)
        self._thread = threading.Thread(target=self._server.serve_forever, name="gateway", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        self.socket_path.unlink(missing_ok=True)

    # -- one model call ------------------------------------------------------------------------------

    def _check(self) -> None:
        """Refuse a call after a provider fault or a limit (the caller holds the lock)."""
        if self.fault is not None:
            raise GatewayStop(
                f"harness gateway: the provider failed earlier ({self.fault}); the trial is over"
            )
        if self.stop_reason is None:
            try:
                self.meter.check()
            except LimitExceeded as stop:
                self.stop_reason, self.stop_detail = stop.reason, stop.detail
        if self.stop_reason is not None:
            raise GatewayStop(
                f"harness gateway: {self.stop_reason} limit reached ({self.stop_detail}); the trial is over"
            )

    def call(self, messages: list[Message], tools: list[ToolSpec]) -> ModelResponse:
        """One metered call under the trial's limits; GatewayStop when it may not be made. Translated
        calls are made one at a time."""
        with self._lock:
            self._check()
            try:
                return self._context.copy().run(self.meter.complete, messages, tools or None)
            except ModelRequestError as exc:
                # The provider refused this request (context too long, say): the agent's to handle.
                raise GatewayStop(f"the provider refused the request: {exc}") from None
            except ModelError as exc:
                self.fault = exc
                raise GatewayStop(
                    f"harness gateway: the provider failed ({exc}); the trial is over", 503
                ) from None

    def admit(self) -> None:
        """Check, before a pass-through call, what `call` checks before a translated one."""
        with self._lock:
            self._check()

    def open_forward(self, fwd: Forwarded) -> None:
        try:
            # A copy of the trial's context each: pass-through calls may run at the same time.
            self._context.copy().run(fwd.open)
        except ModelError as exc:
            with self._lock:
                self.fault = exc
            raise GatewayStop(
                f"harness gateway: the provider failed ({exc}); the trial is over", 503
            ) from None

    def forwarded(self, fwd: Forwarded) -> ModelResponse:
        """Meter a pass-through call once its reply has been read."""
        with self._lock:
            return self.meter.record(fwd.response())

    def record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.exchanges.append({"t": round(time.monotonic() - self.started, 3), **entry})


@dataclass(frozen=True)
class Wire:
    """One protocol on the agent's side: its requests in neutral form, and replies and errors out."""

    to_neutral: Callable[[dict[str, Any]], tuple[list[Message], list[ToolSpec]]]
    error: Callable[[str, str], dict[str, Any]]
    whole: Callable[[ModelResponse, str, dict[str, Any]], dict[str, Any]]
    stream: Callable[[ModelResponse, str, dict[str, Any]], Iterator[bytes]]


def _include_usage(body: dict[str, Any]) -> bool:
    return bool((body.get("stream_options") or {}).get("include_usage"))


WIRES = {
    "anthropic": Wire(
        anthropic_wire.to_neutral,
        anthropic_wire.error_json,
        lambda r, m, b: anthropic_wire.message_json(r, m),
        lambda r, m, b: anthropic_wire.stream_events(r, m),
    ),
    "openai-chat": Wire(
        openai_wire.chat_to_neutral,
        openai_wire.error_json,
        lambda r, m, b: openai_wire.chat_json(r, m),
        lambda r, m, b: openai_wire.chat_stream(r, m, _include_usage(b)),
    ),
    "openai-responses": Wire(
        openai_wire.responses_to_neutral,
        openai_wire.error_json,
        lambda r, m, b: openai_wire.response_json(r, m, openai_wire.custom_tool_names(b)),
        lambda r, m, b: openai_wire.responses_stream(r, m, openai_wire.custom_tool_names(b)),
    ),
}
# Path endings, most specific first; None: answered without a model call.
ROUTES = (
    ("/messages/count_tokens", None),
    ("/messages", "anthropic"),
    ("/chat/completions", "openai-chat"),
    ("/responses", "openai-responses"),
)


def conversation(exchanges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The agent's conversation in neutral messages, for reading: its last model request (which
    carries every earlier turn), then the reply to it when the gateway translated that reply."""
    calls = [e for e in exchanges if e.get("protocol") in WIRES and isinstance(e.get("request"), dict)]
    calls = [e for e in calls if "count_tokens" not in str(e.get("path"))]
    if not calls:
        return []
    last = calls[-1]
    messages, _ = WIRES[last["protocol"]].to_neutral(last["request"])
    out = [m.model_dump(mode="json") for m in messages]
    reply = last.get("response")
    if isinstance(reply, dict) and isinstance(reply.get("message"), dict):
        out.append(reply["message"])
    return out


class _Handler(BaseHTTPRequestHandler):
    gw: Gateway
    protocol_version = "HTTP/1.1"
    server_version = "harness-gateway"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # The unix socket has no peer address; http.server expects one.
    def address_string(self) -> str:
        return "agent"

    def do_GET(self) -> None:
        if self.headers.get("Upgrade", "").lower() == "websocket":
            # Codex tries a WebSocket first; refusing at once sends it to plain HTTP + SSE.
            self.gw.record({"path": self.path, "method": "GET", "refused": "websocket upgrade"})
            self._json(
                426, openai_wire.error_json("websocket_not_supported", "use HTTP with SSE"), close=True
            )
            return
        if self.path.rstrip("/").endswith("/models"):
            model = self.gw.meter.model.name
            self._json(
                200, {"object": "list", "data": [{"id": model, "object": "model", "owned_by": "harness"}]}
            )
            return
        self._json(404, openai_wire.error_json("not_found", f"no route {self.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._json(413, openai_wire.error_json("too_large", "request too large"), close=True)
            return
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw or b"{}")
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            self._json(
                400, openai_wire.error_json("invalid_request_error", f"body is not a JSON object: {exc}")
            )
            return
        path = self.path.split("?", 1)[0].rstrip("/")
        entry: dict[str, Any] = {
            "method": "POST",
            "path": path,
            "headers": redact(self.headers),
            "request": body,
        }
        try:
            protocol = next((proto for end, proto in ROUTES if path.endswith(end)), "")
            if protocol is None:
                entry["protocol"] = "anthropic"
                self._json(200, anthropic_wire.count_tokens(body))
                entry["response"] = "count_tokens (estimated, not a model call)"
            elif protocol:
                entry["protocol"] = protocol
                self._serve(protocol, body, entry)
            else:
                self._json(404, openai_wire.error_json("not_found", f"no route {path}"))
                entry["error"] = "no route"
        finally:
            self.gw.record(entry)

    # -- protocols -----------------------------------------------------------------------------------

    def _complete(
        self, messages: list[Message], tools: list[ToolSpec], entry: dict[str, Any]
    ) -> ModelResponse | None:
        try:
            resp = self.gw.call(messages, tools)
        except GatewayStop as stop:
            entry["error"] = str(stop)
            entry["status"] = stop.status
            return None
        entry["response"] = resp.model_dump(mode="json")
        entry["cost_usd"] = self.gw.meter.calls[-1].get("cost_usd")
        return resp

    def _forward(self, protocol: str, body: dict[str, Any], entry: dict[str, Any], error: Any) -> None:
        """Pass the request upstream unchanged and stream the reply back as it comes."""
        entry["passthrough"] = True
        fwd = Forwarded(self.gw.upstreams[protocol], body, dict(self.headers.items()))
        try:
            self.gw.admit()
            self.gw.open_forward(fwd)
        except GatewayStop as stop:
            entry["error"], entry["status"] = str(stop), stop.status
            kind = "api_error" if stop.status >= 500 else "invalid_request_error"
            self._json(stop.status, error(kind, str(stop)))
            return
        self.send_response(fwd.status)
        self.send_header("Content-Type", fwd.content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            try:
                for chunk in fwd.chunks():
                    if chunk:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            except ModelError as exc:  # the upstream stream broke half way: nothing more to send
                entry["error"] = str(exc)
                self.close_connection = True
        finally:
            resp = self.gw.forwarded(fwd)
            entry["status"] = fwd.status
            entry["response_raw"] = bytes(fwd.raw).decode("utf-8", "replace")
            entry["usage"] = resp.usage.model_dump()
            entry["cost_usd"] = self.gw.meter.calls[-1].get("cost_usd")

    def _serve(self, protocol: str, body: dict[str, Any], entry: dict[str, Any]) -> None:
        wire = WIRES[protocol]
        if protocol in self.gw.upstreams:
            self._forward(protocol, body, entry, wire.error)
            return
        messages, tools = wire.to_neutral(body)
        resp = self._complete(messages, tools, entry)
        if resp is None:
            kind = "api_error" if entry["status"] >= 500 else "invalid_request_error"
            self._json(entry["status"], wire.error(kind, entry["error"]))
            return
        model = str(body.get("model") or self.gw.meter.model.name)
        if body.get("stream"):
            self._stream(wire.stream(resp, model, body))
        else:
            self._json(200, wire.whole(resp, model, body))

    # -- writing -------------------------------------------------------------------------------------

    def _json(self, status: int, obj: dict[str, Any], close: bool = False) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, chunks: Iterable[bytes]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for chunk in chunks:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            # Clients stop reading at their protocol's last event ([DONE], message_stop).
            self.close_connection = True


def socket_path(folder: Path) -> Path:
    return folder / SOCKET_NAME
