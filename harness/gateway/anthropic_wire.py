"""Anthropic Messages on the gateway's side: requests into neutral messages, replies back out."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

from harness.models.base import Message, ModelResponse, ToolCall, ToolSpec

STOP_REASONS = {
    "stop": "end_turn",
    "tool_calls": "tool_use",
    "length": "max_tokens",
    "content_filter": "refusal",
}


def _text(content: Any) -> str:
    """The text of a content value: a string, or a list of blocks whose text parts are joined."""
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for block in content or []:
        if isinstance(block, dict):
            if block.get("type") == "text":
                parts.append(str(block.get("text", "")))
            elif block.get("type") == "tool_result":
                parts.append(_text(block.get("content")))
            elif block.get("type") == "image":
                parts.append("[image omitted by the harness gateway]")
    return "\n".join(p for p in parts if p)


def to_neutral(body: dict[str, Any]) -> tuple[list[Message], list[ToolSpec]]:
    """(messages, tools) of a Messages request. Thinking blocks are dropped: the provider behind the
    gateway produces its own."""
    out: list[Message] = []
    system = _text(body.get("system"))
    if system:
        out.append(Message(role="system", content=system))
    for m in body.get("messages") or []:
        role, content = m.get("role"), m.get("content")
        if isinstance(content, str):
            out.append(Message(role="assistant" if role == "assistant" else "user", content=content))
            continue
        if role == "assistant":
            texts = [b.get("text", "") for b in content if b.get("type") == "text"]
            calls = [
                ToolCall(id=b.get("id", ""), name=b.get("name", ""), arguments=b.get("input") or {})
                for b in content
                if b.get("type") == "tool_use"
            ]
            out.append(Message(role="assistant", content="".join(texts), tool_calls=calls))
            continue
        texts = []
        for b in content or []:
            if b.get("type") == "tool_result":
                result = _text(b.get("content"))
                if b.get("is_error"):
                    result = f"[error] {result}"
                out.append(Message(role="tool", tool_call_id=b.get("tool_use_id"), content=result))
            elif b.get("type") in ("text", "image"):
                texts.append(_text([b]))
        if texts:
            out.append(Message(role="user", content="\n".join(texts)))
    tools = [
        ToolSpec(name=t["name"], description=t.get("description", ""), parameters=t["input_schema"])
        for t in body.get("tools") or []
        if isinstance(t, dict) and "name" in t and "input_schema" in t
    ]
    return out, tools


def usage_json(resp: ModelResponse) -> dict[str, int]:
    u = resp.usage
    return {
        "input_tokens": u.input_tokens,
        "output_tokens": u.output_tokens,
        "cache_read_input_tokens": u.cache_read_tokens,
        "cache_creation_input_tokens": u.cache_write_tokens,
    }


def _blocks(resp: ModelResponse) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    if resp.message.content:
        blocks.append({"type": "text", "text": resp.message.content})
    for tc in resp.message.tool_calls:
        blocks.append(
            {
                "type": "tool_use",
                "id": tc.id or f"toolu_{uuid.uuid4().hex[:20]}",
                "name": tc.name,
                "input": tc.arguments,
            }
        )
    return blocks


def message_json(resp: ModelResponse, model: str) -> dict[str, Any]:
    return {
        "id": f"msg_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": _blocks(resp),
        "stop_reason": STOP_REASONS.get(resp.finish_reason, resp.finish_reason),
        "stop_sequence": None,
        "usage": usage_json(resp),
    }


def sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def stream_events(resp: ModelResponse, model: str) -> Iterator[bytes]:
    """The SSE events of a streamed Messages reply carrying `resp`."""
    return message_events(message_json(resp, model))


def message_events(msg: dict[str, Any]) -> Iterator[bytes]:
    """A Messages reply (its JSON) as the SSE events of the same reply streamed, a block at a time."""
    usage = msg.get("usage") or {}
    start = {**msg, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 0}}
    yield sse("message_start", {"type": "message_start", "message": start})
    for i, block in enumerate(msg.get("content") or []):
        if block["type"] == "text":
            first: dict[str, Any] = {"type": "text", "text": ""}
            delta = {"type": "text_delta", "text": block["text"]}
        elif block["type"] == "thinking":
            first = {"type": "thinking", "thinking": ""}
            delta = {"type": "thinking_delta", "thinking": block.get("thinking", "")}
        else:
            first = {**block, "input": {}}
            delta = {"type": "input_json_delta", "partial_json": json.dumps(block.get("input", {}))}
        yield sse("content_block_start", {"type": "content_block_start", "index": i, "content_block": first})
        yield sse("content_block_delta", {"type": "content_block_delta", "index": i, "delta": delta})
        if block["type"] == "thinking" and block.get("signature"):
            sig = {"type": "signature_delta", "signature": block["signature"]}
            yield sse("content_block_delta", {"type": "content_block_delta", "index": i, "delta": sig})
        yield sse("content_block_stop", {"type": "content_block_stop", "index": i})
    end = {"stop_reason": msg.get("stop_reason"), "stop_sequence": msg.get("stop_sequence")}
    yield sse("message_delta", {"type": "message_delta", "delta": end, "usage": usage})
    yield sse("message_stop", {"type": "message_stop"})


def error_json(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


def count_tokens(body: dict[str, Any]) -> dict[str, int]:
    """An estimate (4 characters a token) for `count_tokens`: agents use it to plan, never to bill."""
    text = (
        json.dumps(body.get("messages") or [])
        + json.dumps(body.get("system") or "")
        + json.dumps(body.get("tools") or [])
    )
    return {"input_tokens": max(1, len(text) // 4)}
