"""pyworker: serves the judge's calls into the agent's Python modules, under the agent's uid.

Started by agentd with the judge's connection as HARNESS_WORKER_FD and /workspace as its cwd. Every
request is one JSON line; every reply is one JSON line carrying a value (see wire.py) or an
exception, plus what the call printed. Objects that are not plain data stay here, in a table, and
cross as handles. The agent's code runs in this process, so nothing here is trusted by the judge.
"""

from __future__ import annotations

import importlib
import io
import operator
import os
import socket
import sys
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import wire  # noqa: E402

# The agent's code sees what `python -m pytest` in /workspace would give it: the workspace first.
sys.path[:] = [os.getcwd(), *(p for p in sys.path if p not in (HERE, "", os.getcwd()))]

OBJECTS: dict[int, Any] = {}
NEXT = [1]
BUILTINS = {
    "repr": repr, "str": str, "len": len, "bool": bool, "hash": hash, "iter": iter, "next": next,
    "int": int, "float": float, "index": operator.index, "abs": abs, "dir": dir, "callable": callable,
    "format": format, "reversed": reversed, "bytes": bytes, "list": list, "sorted": sorted,
}  # fmt: skip
OPERATORS = {
    name: getattr(operator, name)
    for name in [
        "eq",
        "ne",
        "lt",
        "le",
        "gt",
        "ge",
        "add",
        "sub",
        "mul",
        "truediv",
        "floordiv",
        "mod",
        "pow",
        "neg",
        "pos",
        "invert",
        "and_",
        "or_",
        "xor",
        "lshift",
        "rshift",
        "matmul",
        "getitem",
        "setitem",
        "delitem",
        "contains",
    ]
}


def kind_of(obj: Any) -> str:
    if isinstance(obj, type(sys)):
        return "module"
    if isinstance(obj, type):
        return "class"
    if callable(obj):
        return "callable"
    return "object"


class Live:
    """A mutable builtin container reached by attribute: crosses as a handle of kind container."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj


class Copy:
    """A container's value, asked for explicitly: crosses as plain data."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj


def enc_reply(v: Any) -> Any:
    if isinstance(v, Copy):
        return enc(v.obj)
    if isinstance(v, Live):
        h = make_handle(v.obj)
        h["kind"] = "container"
        return h
    return enc(v)


def make_handle(obj: Any) -> dict[str, Any]:
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return {"$h": 0, "eclass": class_chain(obj)}
    if obj is NotImplemented:
        return {"$h": 0, "notimpl": True}
    hid = NEXT[0]
    NEXT[0] += 1
    OBJECTS[hid] = obj
    t = type(obj)
    return {"$h": hid, "kind": kind_of(obj), "type": f"{t.__module__}.{t.__qualname__}"}


def class_chain(cls: type) -> list[dict[str, Any]]:
    """The exception class and its bases, each as module, qualname and the indexes of its bases."""
    order = list(cls.__mro__)
    index = {c: i for i, c in enumerate(order)}
    return [
        {"m": c.__module__, "q": c.__qualname__, "bases": [index[b] for b in c.__bases__ if b in index]}
        for c in order
    ]


def enc(v: Any) -> Any:
    return wire.encode(v, make_handle)


def dec(v: Any) -> Any:
    def handle(d: dict[str, Any]) -> Any:
        hid = d.get("$h")
        if type(hid) is not int or hid not in OBJECTS:
            raise wire.WireError("unknown handle")
        return OBJECTS[hid]

    def tag(name: str, d: dict[str, Any]) -> Any:
        body = d[name]
        if name == "$range" and type(body) is list and len(body) == 3:
            return range(*body)
        if name == "$iter":
            return iter(dec(body))
        raise wire.WireError(f"unknown tag {name}")

    return wire.decode(v, handle, tag)


def exc_data(e: BaseException) -> dict[str, Any]:
    try:
        message = str(e)
    except Exception:
        message = f"<{type(e).__name__}: str() failed>"
    attrs: dict[str, Any] = {}
    for k, v in list(getattr(e, "__dict__", {}).items())[:50]:
        if not k.startswith("_"):
            try:
                attrs[k] = enc(v)
            except Exception:
                continue
    try:
        args = enc(list(e.args))
    except Exception:
        args = [message]
    return {"chain": class_chain(type(e)), "message": message[:4000], "args": args, "attrs": attrs}


def serve(req: dict[str, Any]) -> Any:
    op = req["op"]
    if op == "import":
        return importlib.import_module(req["name"])
    if op == "release":
        for hid in req.get("ids", []):
            OBJECTS.pop(hid, None)
        return None
    obj = dec(req["obj"]) if "obj" in req else None
    args = dec(req.get("args", []))
    kwargs = dec(req.get("kwargs", {"$d": []}))
    if op == "getattr":
        value = getattr(obj, req["name"])
        if type(value) in (list, dict, set, bytearray):
            return Live(value)  # a module's or object's table stays live: tests may change it
        return value
    if op == "names":
        public = getattr(obj, "__all__", None)
        if public is None:
            public = [n for n in vars(obj) if not n.startswith("_")]
        return [str(n) for n in public if not isinstance(getattr(obj, str(n), None), type(sys))]
    if op == "value":
        return Copy(obj)
    if op == "setattr":
        setattr(obj, req["name"], args[0])
        return None
    if op == "delattr":
        delattr(obj, req["name"])
        return None
    if op == "call":
        return obj(*args, **kwargs)
    if op == "builtin":
        return BUILTINS[req["name"]](*args)
    if op == "operator":
        return OPERATORS[req["name"]](*args)
    if op == "method":  # a special method, looked up on the type as Python does
        return getattr(type(obj), req["name"])(obj, *args, **kwargs)
    if op == "isinstance":
        return isinstance(args[0], obj)
    raise wire.WireError(f"unknown op {op!r}")


def main() -> None:
    sock = socket.socket(fileno=int(os.environ.pop("HARNESS_WORKER_FD")))
    rfile = sock.makefile("rb")
    real_out, real_err = sys.stdout, sys.stderr
    sock.sendall(wire.dumps({"hello": os.getpid()}))
    while True:
        line = rfile.readline(64 << 20)
        if not line:
            return
        out, err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = out, err
        try:
            reply: dict[str, Any] = {"ok": enc_reply(serve(wire.loads(line)))}
        except BaseException as e:
            reply = {"exc": exc_data(e)}
        finally:
            sys.stdout, sys.stderr = real_out, real_err
        reply["out"], reply["err"] = out.getvalue()[-(1 << 20) :], err.getvalue()[-(1 << 20) :]
        try:
            data = wire.dumps(reply)
        except (TypeError, ValueError) as e:
            data = wire.dumps({"exc": exc_data(wire.WireError(f"reply cannot cross: {e}"))})
        sock.sendall(data)


if __name__ == "__main__":
    main()
