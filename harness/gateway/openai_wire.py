"""OpenAI Chat Completions and Responses on the gateway's side: requests into neutral messages,
replies back out (whole or as SSE)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

from harness.models.base import Message, ModelResponse, ToolSpec, parse_tool_call


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for p in content or []:
        if isinstance(p, dict) and p.get("type") in ("text", "input_text", "output_text"):
            parts.append(str(p.get("text", "")))
        elif isinstance(p, dict) and p.get("type") in ("image_url", "input_image"):
            parts.append("[image omitted by the harness gateway]")
    return "\n".join(parts)


def _usage(resp: ModelResponse) -> tuple[int, int, int, int]:
    u = resp.usage
    return u.prompt_tokens, u.cache_read_tokens, u.output_tokens, u.reasoning_tokens


# -- Chat Completions -------------------------------------------------------------------------------


def chat_to_neutral(body: dict[str, Any]) -> tuple[list[Message], list[ToolSpec]]:
    out: list[Message] = []
    for m in body.get("messages") or []:
        role = m.get("role")
        if role in ("system", "developer"):
            out.append(Message(role="system", content=_text(m.get("content"))))
        elif role == "tool":
            out.append(
                Message(role="tool", tool_call_id=m.get("tool_call_id"), content=_text(m.get("content")))
            )
        elif role == "assistant":
            calls = [
                parse_tool_call(tc.get("id", ""), tc["function"]["name"], tc["function"].get("arguments"))
                for tc in m.get("tool_calls") or []
                if isinstance(tc, dict) and isinstance(tc.get("function"), dict)
            ]
            out.append(Message(role="assistant", content=_text(m.get("content")), tool_calls=calls))
        else:
            out.append(Message(role="user", content=_text(m.get("content"))))
    tools = []
    for t in body.get("tools") or []:
        fn = t.get("function") if isinstance(t, dict) else None
        if isinstance(fn, dict) and "name" in fn:
            params = fn.get("parameters") or {"type": "object", "properties": {}}
            tools.append(ToolSpec(name=fn["name"], description=fn.get("description", ""), parameters=params))
    return out, tools


def chat_usage(resp: ModelResponse) -> dict[str, Any]:
    prompt, cached, output, reasoning = _usage(resp)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": output,
        "total_tokens": prompt + output,
        "prompt_tokens_details": {"cached_tokens": cached},
        "completion_tokens_details": {"reasoning_tokens": reasoning},
    }


def _chat_calls(resp: ModelResponse) -> list[dict[str, Any]]:
    return [
        {
            "id": tc.id or f"call_{uuid.uuid4().hex[:20]}",
            "type": "function",
            "function": {"name": tc.name, "arguments": tc.raw_arguments or json.dumps(tc.arguments)},
        }
        for tc in resp.message.tool_calls
    ]


def chat_json(resp: ModelResponse, model: str) -> dict[str, Any]:
    calls = _chat_calls(resp)
    message: dict[str, Any] = {"role": "assistant", "content": resp.message.content or None}
    if calls:
        message["tool_calls"] = calls
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": resp.finish_reason}],
        "usage": chat_usage(resp),
    }


def _data(obj: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(obj)}\n\n".encode()


def chat_stream(resp: ModelResponse, model: str, include_usage: bool) -> Iterator[bytes]:
    return completion_chunks(chat_json(resp, model), include_usage)


def completion_chunks(completion: dict[str, Any], include_usage: bool) -> Iterator[bytes]:
    """A Chat Completion (its JSON) as the SSE chunks of the same completion streamed."""
    base = {k: completion.get(k) for k in ("id", "created", "model")}
    base["object"] = "chat.completion.chunk"
    choice = (completion.get("choices") or [{}])[0]
    message = choice.get("message") or {}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
        return _data({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

    yield chunk({"role": "assistant", "content": ""})
    if message.get("content"):
        yield chunk({"content": message["content"]})
    for i, call in enumerate(message.get("tool_calls") or []):
        yield chunk({"tool_calls": [{"index": i, **call}]})
    yield chunk({}, choice.get("finish_reason"))
    if include_usage:
        yield _data({**base, "choices": [], "usage": completion.get("usage")})
    yield b"data: [DONE]\n\n"


# -- Responses --------------------------------------------------------------------------------------


def responses_to_neutral(body: dict[str, Any]) -> tuple[list[Message], list[ToolSpec]]:
    out: list[Message] = []
    if body.get("instructions"):
        out.append(Message(role="system", content=str(body["instructions"])))
    items = body.get("input")
    if isinstance(items, str):
        items = [{"type": "message", "role": "user", "content": items}]
    for item in items or []:
        kind = item.get("type", "message")
        if kind == "message":
            role = item.get("role")
            text = _text(item.get("content"))
            if role in ("system", "developer"):
                out.append(Message(role="system", content=text))
            elif role == "assistant":
                out.append(Message(role="assistant", content=text))
            elif out and out[-1].role == "user":
                # Codex sends its environment and the task as two user items: one turn to a provider.
                out[-1] = Message(role="user", content=f"{out[-1].content}\n\n{text}")
            else:
                out.append(Message(role="user", content=text))
        elif kind in ("function_call", "custom_tool_call"):
            raw = (
                item.get("arguments")
                if kind == "function_call"
                else json.dumps({"input": item.get("input", "")})
            )
            call = parse_tool_call(item.get("call_id", ""), item.get("name", ""), raw)
            if out and out[-1].role == "assistant":
                out[-1].tool_calls.append(call)
            else:
                out.append(Message(role="assistant", tool_calls=[call]))
        elif kind in ("function_call_output", "custom_tool_call_output"):
            output = item.get("output")
            text = output if isinstance(output, str) else _text(output)
            out.append(Message(role="tool", tool_call_id=item.get("call_id"), content=text))
        # reasoning items are the provider's own; they are not replayed through another provider
    tools = []
    for t in body.get("tools") or []:
        if not isinstance(t, dict) or "name" not in t:
            continue
        if t.get("type") == "function":
            params = t.get("parameters") or {"type": "object", "properties": {}}
        elif t.get("type") == "custom":
            # A freeform tool (Codex's apply_patch): offered to other providers as one string argument.
            params = {"type": "object", "properties": {"input": {"type": "string"}}, "required": ["input"]}
        else:
            continue
        tools.append(ToolSpec(name=t["name"], description=t.get("description", ""), parameters=params))
    return out, tools


def responses_usage(resp: ModelResponse) -> dict[str, Any]:
    prompt, cached, output, reasoning = _usage(resp)
    return {
        "input_tokens": prompt,
        "input_tokens_details": {"cached_tokens": cached},
        "output_tokens": output,
        "output_tokens_details": {"reasoning_tokens": reasoning},
        "total_tokens": prompt + output,
    }


def _response_items(resp: ModelResponse, custom_tools: set[str]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if resp.message.content:
        items.append(
            {
                "type": "message",
                "id": f"msg_{uuid.uuid4().hex[:24]}",
                "status": "completed",
                "role": "assistant",
                "content": [{"type": "output_text", "text": resp.message.content, "annotations": []}],
            }
        )
    for tc in resp.message.tool_calls:
        call_id = tc.id or f"call_{uuid.uuid4().hex[:20]}"
        if tc.name in custom_tools:
            items.append(
                {
                    "type": "custom_tool_call",
                    "id": f"ctc_{uuid.uuid4().hex[:20]}",
                    "status": "completed",
                    "call_id": call_id,
                    "name": tc.name,
                    "input": str(tc.arguments.get("input", "")),
                }
            )
        else:
            items.append(
                {
                    "type": "function_call",
                    "id": f"fc_{uuid.uuid4().hex[:20]}",
                    "status": "completed",
                    "call_id": call_id,
                    "name": tc.name,
                    "arguments": tc.raw_arguments or json.dumps(tc.arguments),
                }
            )
    return items


def custom_tool_names(body: dict[str, Any]) -> set[str]:
    return {
        t["name"]
        for t in body.get("tools") or []
        if isinstance(t, dict) and t.get("type") == "custom" and "name" in t
    }


def response_json(resp: ModelResponse, model: str, custom_tools: set[str]) -> dict[str, Any]:
    return {
        "id": f"resp_{uuid.uuid4().hex[:24]}",
        "object": "response",
        "created_at": int(time.time()),
        "status": "completed",
        "model": model,
        "output": _response_items(resp, custom_tools),
        "usage": responses_usage(resp),
    }


def responses_stream(resp: ModelResponse, model: str, custom_tools: set[str]) -> Iterator[bytes]:
    return response_events(response_json(resp, model, custom_tools))


def response_events(full: dict[str, Any]) -> Iterator[bytes]:
    """A Responses reply (its JSON) as the SSE events of the same reply streamed."""
    seq = iter(range(1_000_000))

    def event(kind: str, **data: Any) -> bytes:
        payload = {"type": kind, "sequence_number": next(seq), **data}
        return f"event: {kind}\ndata: {json.dumps(payload)}\n\n".encode()

    head = {**full, "status": "in_progress", "output": [], "usage": None}
    yield event("response.created", response=head)
    yield event("response.in_progress", response=head)
    for i, item in enumerate(full.get("output") or []):
        if item["type"] == "message":
            text = item["content"][0]["text"]
            added = {**item, "status": "in_progress", "content": []}
            yield event("response.output_item.added", output_index=i, item=added)
            part = {"type": "output_text", "text": "", "annotations": []}
            at = {"item_id": item["id"], "output_index": i, "content_index": 0}
            yield event("response.content_part.added", **at, part=part)
            yield event("response.output_text.delta", **at, delta=text)
            yield event("response.output_text.done", **at, text=text)
            yield event("response.content_part.done", **at, part=item["content"][0])
        else:
            yield event("response.output_item.added", output_index=i, item={**item, "status": "in_progress"})
        yield event("response.output_item.done", output_index=i, item=item)
    yield event("response.completed", response=full)


def error_json(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": kind}}
