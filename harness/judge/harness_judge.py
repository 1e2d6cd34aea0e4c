"""harness_judge: the judge's side of judge isolation for Python tests (a pytest plugin).

pytest runs under the judge's uid with the hidden tests; the agent's code never loads here. Importing
a module that lives in /workspace gives a proxy: attribute reads, calls and operators run in a worker
process under the agent's uid (pyworker.py, reached through agentd), and only plain data comes back
(wire.py). So tests stay natural (`from calc import add; assert add(1, 2) == 3`), while an object
that compares equal to anything stays a handle in the worker and equals nothing here.

Rules at the crossing:
- a handle is never equal (or ordered) to a plain value; two handles compare in the worker;
- exceptions raised by agent code come back as synthetic classes that keep the builtin bases, so
  `pytest.raises(ValueError)` and `pytest.raises(MyError)` (imported from the agent's module) work;
- `subprocess.run` and friends run their command through agentd, under the agent's uid;
- what the agent's code prints is replayed on the judge's stdout/stderr (capsys sees it);
- a call that runs longer than HARNESS_JUDGE_CALL_TIMEOUT seconds (default 120) kills the worker and
  fails the test; a crashed worker fails the test that used it, and the next call starts a new one.

Loaded with PYTEST_PLUGINS=harness_judge; standard library and pytest only.
"""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.machinery
import itertools
import json
import operator
import os
import resource
import socket
import subprocess
import sys
import types
from typing import Any

import wire

AGENTD = os.environ.get("HARNESS_AGENTD", "/tmp/.harness-agentd/sock")
WORKSPACE = os.environ.get("HARNESS_WORKSPACE", "/workspace")
CALL_TIMEOUT = float(os.environ.get("HARNESS_JUDGE_CALL_TIMEOUT", "120"))
SHARED_TMP = os.environ.get("HARNESS_SHARED_TMP", "/tmp/harness-judge-tmp")


class AgentCodeError(Exception):
    """The agent's code could not answer: its worker crashed, hung or sent what cannot cross."""


def _connect(timeout: float) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(AGENTD)
    except OSError as e:
        s.close()
        raise AgentCodeError(f"the agent's sandbox does not answer ({e})") from None
    return s


def _agentd(header: dict[str, Any], payload: bytes = b"", timeout: float | None = None) -> tuple[dict, bytes]:
    s = _connect(timeout or CALL_TIMEOUT)
    try:
        s.sendall(json.dumps(header).encode() + b"\n" + payload)
        f = s.makefile("rb")
        line = f.readline(1 << 20)
        if not line:
            raise AgentCodeError("the agent's sandbox closed the connection")
        reply = wire.loads(line)
        if type(reply) is not dict:
            raise AgentCodeError("malformed reply from the agent's sandbox")
        n = sum(int(reply.get(k, 0)) for k in ("stdout_len", "stderr_len"))
        body = f.read(n) if n else b""
        return reply, body
    except TimeoutError:
        raise AgentCodeError(f"the agent's code ran longer than {timeout or CALL_TIMEOUT:g}s") from None
    finally:
        s.close()


# -- the worker connection ---------------------------------------------------------------------------


class Worker:
    """One Python worker process; a new one after a crash, a hang or a fork of the judge."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.rfile: Any = None
        self.pid = 0
        self.generation = 0
        self.owner_pid = 0

    def _start(self) -> None:
        s = _connect(CALL_TIMEOUT)
        # The judge's CPU limit (a performance test's bound) applies to the code it calls.
        cpu = resource.getrlimit(resource.RLIMIT_CPU)
        s.sendall(json.dumps({"op": "py-worker", "cwd": WORKSPACE, "cpu": list(cpu)}).encode() + b"\n")
        self.sock, self.rfile = s, s.makefile("rb")
        self.generation += 1
        self.owner_pid = os.getpid()
        hello = self._read()
        if type(hello) is not dict or type(hello.get("hello")) is not int:
            self._drop()
            raise AgentCodeError("the agent's Python worker did not start")
        self.pid = hello["hello"]

    def _read(self) -> Any:
        assert self.rfile is not None
        try:
            line = self.rfile.readline(64 << 20)
        except TimeoutError:
            self._kill()
            raise AgentCodeError(
                f"the agent's code ran longer than {CALL_TIMEOUT:g}s; its worker was killed"
            ) from None
        except OSError as e:
            self._drop()
            raise AgentCodeError(f"lost the agent's worker ({e})") from None
        if not line:
            self._drop()
            raise AgentCodeError("the agent's code ended its worker process")
        try:
            return wire.loads(line)
        except wire.WireError as e:
            self._drop()
            raise AgentCodeError(f"the agent's worker sent what cannot cross ({e})") from None

    def _drop(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = self.rfile = None

    def _kill(self) -> None:
        pid = self.pid
        self._drop()
        if pid:
            try:
                _agentd({"op": "kill", "pgid": pid}, timeout=10)
            except AgentCodeError:
                pass

    def ensure(self) -> None:
        if self.sock is None or self.owner_pid != os.getpid():
            if self.sock is not None:  # a forked judge must not share its parent's stream
                self.sock, self.rfile = None, None
            self._start()

    def request(self, msg: dict[str, Any]) -> Any:
        self.ensure()
        assert self.sock is not None
        try:
            self.sock.sendall(wire.dumps(msg))
        except OSError as e:
            self._drop()
            raise AgentCodeError(f"lost the agent's worker ({e})") from None
        reply = self._read()
        if type(reply) is not dict:
            self._drop()
            raise AgentCodeError("malformed reply from the agent's worker")
        for key, stream in (("out", sys.stdout), ("err", sys.stderr)):
            text = reply.get(key)
            if type(text) is str and text:
                stream.write(text)
        if "exc" in reply:
            raise _exception(reply["exc"], self.generation)
        if "ok" not in reply:
            raise AgentCodeError("malformed reply from the agent's worker")
        return _decode(reply["ok"], self.generation)


WORKER = Worker()


# -- values ------------------------------------------------------------------------------------------

_CLASSES: dict[tuple[str, str], type] = {}


def _exc_class(chain: Any) -> type:
    if type(chain) is not list or not chain:
        raise wire.WireError("bad exception class")
    built: dict[int, type] = {}

    def build(i: int, depth: int = 0) -> type:
        if i in built:
            return built[i]
        if depth > 100 or not (0 <= i < len(chain)) or type(chain[i]) is not dict:
            raise wire.WireError("bad exception class")
        entry = chain[i]
        mod, qual = entry.get("m"), entry.get("q")
        if type(mod) is not str or type(qual) is not str:
            raise wire.WireError("bad exception class")
        if mod == "builtins":
            real = getattr(builtins, qual, None)
            if isinstance(real, type) and issubclass(real, BaseException):
                built[i] = real
                return real
        key = (mod, qual)
        if key not in _CLASSES:
            idx = entry.get("bases") or []
            bases = tuple(build(j, depth + 1) for j in idx if type(j) is int and j > i) or (Exception,)
            ns = {"__module__": mod, "__qualname__": qual, "__harness_remote__": True}
            try:
                cls = type(qual.rsplit(".", 1)[-1], bases, ns)
            except TypeError:  # incompatible builtin layouts: keep the first base
                cls = type(qual.rsplit(".", 1)[-1], bases[:1], ns)
            if not issubclass(cls, BaseException):
                cls = type(qual.rsplit(".", 1)[-1], (Exception,), ns)
            _CLASSES[key] = cls
        built[i] = _CLASSES[key]
        return built[i]

    return build(0)


def _exception(data: Any, generation: int) -> BaseException:
    if type(data) is not dict:
        return AgentCodeError("malformed exception from the agent's worker")
    try:
        cls = _exc_class(data.get("chain"))
        args = _decode(data.get("args", []), generation)
        if type(args) is not list:
            args = []
        message = data.get("message") if type(data.get("message")) is str else ""
    except wire.WireError as e:
        return AgentCodeError(f"the agent's code raised what cannot cross ({e})")
    if issubclass(cls, (SystemExit, KeyboardInterrupt, GeneratorExit)):
        return AgentCodeError(f"the agent's code raised {cls.__name__}: {message}")
    try:
        exc = cls(*args)
    except Exception:
        exc = cls(message)
    if cls.__dict__.get("__harness_remote__"):
        exc.__harness_message__ = message  # type: ignore[attr-defined]
    attrs = data.get("attrs")
    if type(attrs) is dict:
        for k, v in attrs.items():
            if type(k) is str and not k.startswith("_"):
                try:
                    setattr(exc, k, _decode(v, generation))
                except Exception:
                    continue
    return exc


def _decode(data: Any, generation: int) -> Any:
    def handle(d: dict[str, Any]) -> Any:
        if d.get("eclass") is not None:
            return _exc_class(d["eclass"])
        if d.get("notimpl") is True:
            return NotImplemented
        hid = d.get("$h")
        if type(hid) is not int or hid <= 0:
            raise wire.WireError("bad handle")
        kind = d.get("kind") if type(d.get("kind")) is str else "object"
        tname = d.get("type") if type(d.get("type")) is str else "?"
        return Remote(hid, generation, kind, tname)

    return wire.decode(data, handle)


def _encode(v: Any) -> Any:
    def handle(obj: Any) -> dict[str, Any]:
        if isinstance(obj, Remote):
            if object.__getattribute__(obj, "_gen") != WORKER.generation:
                _reresolve(obj)
            return {"$h": object.__getattribute__(obj, "_h")}
        if type(obj) is range:
            return {"$range": [obj.start, obj.stop, obj.step]}
        if hasattr(obj, "__next__") and iter(obj) is obj:  # an iterator or generator: its items
            items = list(itertools.islice(obj, MAX_ITER_ITEMS + 1))
            if len(items) > MAX_ITER_ITEMS:
                raise TypeError(f"judge mode passes at most {MAX_ITER_ITEMS} items of an iterator")
            return {"$iter": wire.encode(items, handle)}
        raise TypeError(
            f"judge mode cannot pass a {type(obj).__name__} to the agent's code (only plain data and "
            "objects it returned)"
        )

    return wire.encode(v, handle)


MAX_ITER_ITEMS = 1_000_000


def _reresolve(obj: Remote) -> None:
    """Point a handle from an earlier worker at the same object in this one, when it was reached from
    a module by attribute names (functions, classes, module-level tables); anything else is gone."""
    path = object.__getattribute__(obj, "_path")
    if not path:
        raise AgentCodeError(
            "an object from an earlier worker of the agent's code (it crashed or was replaced)"
        )
    fresh = _call("import", name=path[0])
    for name in path[1:]:
        fresh = _call("getattr", obj=fresh, name=name)
    if not isinstance(fresh, Remote):
        raise AgentCodeError(f"{'.'.join(path)} is no longer an object of the agent's code")
    for slot in ("_h", "_gen", "_kind", "_type"):
        object.__setattr__(obj, slot, object.__getattribute__(fresh, slot))


def _attr(parent_path: tuple[str, ...] | None, value: Any, name: str) -> Any:
    if isinstance(value, Remote) and parent_path:
        object.__setattr__(value, "_path", (*parent_path, name))
    return value


def _call(op: str, **fields: Any) -> Any:
    WORKER.ensure()
    msg: dict[str, Any] = {"op": op}
    for k, v in fields.items():
        msg[k] = _encode(v) if k in ("obj", "args", "kwargs") else v
    return WORKER.request(msg)


_CONTAINERS = {
    "builtins.list": list,
    "builtins.dict": dict,
    "builtins.set": set,
    "builtins.bytearray": bytearray,
}


class Remote:
    """An object that lives in the agent's worker."""

    __slots__ = ("_gen", "_h", "_kind", "_path", "_type")

    def __init__(self, h: int, gen: int, kind: str, tname: str) -> None:
        object.__setattr__(self, "_path", None)
        object.__setattr__(self, "_h", h)
        object.__setattr__(self, "_gen", gen)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_type", tname)

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        if object.__getattribute__(self, "_kind") == "container":
            return _CONTAINERS.get(object.__getattribute__(self, "_type"), Remote)
        return Remote

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        path = object.__getattribute__(self, "_path")
        return _attr(path, _call("getattr", obj=self, name=name), name)

    def __setattr__(self, name: str, value: Any) -> None:
        _call("setattr", obj=self, name=name, args=[value])

    def __delattr__(self, name: str) -> None:
        _call("delattr", obj=self, name=name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _call("call", obj=self, args=list(args), kwargs=dict(kwargs))

    def _builtin(self, name: str, *args: Any) -> Any:
        return _call("builtin", name=name, args=[self, *args])

    def _typed(self, name: str, want: type) -> Any:
        v = self._builtin(name)
        if type(v) is not want:
            raise TypeError(f"{name}() of the agent's object did not give a {want.__name__}")
        return v

    def __repr__(self) -> str:
        try:
            return self._typed("repr", str)
        except Exception:
            return f"<agent object {object.__getattribute__(self, '_type')}>"

    def __str__(self) -> str:
        return self._typed("str", str)

    def __len__(self) -> int:
        return self._typed("len", int)

    def __bool__(self) -> bool:
        return self._typed("bool", bool)

    def __hash__(self) -> int:
        return self._typed("hash", int)

    def __int__(self) -> int:
        return self._typed("int", int)

    def __index__(self) -> int:
        return self._typed("index", int)

    def __float__(self) -> float:
        return self._typed("float", float)

    def __format__(self, spec: str) -> str:
        v = self._builtin("format", spec)
        if type(v) is not str:
            raise TypeError("format() of the agent's object did not give a str")
        return v

    def __iter__(self) -> Any:
        it = self._builtin("iter")
        while True:
            try:
                yield _call("builtin", name="next", args=[it])
            except StopIteration:
                return

    def __next__(self) -> Any:
        return self._builtin("next")

    def __reversed__(self) -> Any:
        return iter(list(self._builtin("reversed")))

    def __contains__(self, item: Any) -> bool:
        v = _call("operator", name="contains", args=[self, item])
        if type(v) is not bool:
            raise TypeError("`in` on the agent's object did not give a bool")
        return v

    def __getitem__(self, key: Any) -> Any:
        return _call("operator", name="getitem", args=[self, key])

    def __setitem__(self, key: Any, value: Any) -> None:
        _call("operator", name="setitem", args=[self, key, value])

    def __delitem__(self, key: Any) -> None:
        _call("operator", name="delitem", args=[self, key])

    def __enter__(self) -> Any:
        return _call("method", obj=self, name="__enter__")

    def __exit__(self, *exc: Any) -> Any:
        return _call("method", obj=self, name="__exit__", args=[None, None, None])

    def __instancecheck__(self, other: Any) -> bool:
        if not isinstance(other, Remote):
            return False
        return _call("isinstance", obj=self, args=[other]) is True

    def __dir__(self) -> Any:
        v = self._builtin("dir")
        return v if type(v) is list else []


def _plain(v: Any) -> Any:
    """A live list, dict or set of the agent's compares by its (copied, plain) value."""
    if isinstance(v, Remote) and object.__getattribute__(v, "_kind") == "container":
        return _call("value", obj=v)
    return v


def _compare(name: str) -> Any:
    op = getattr(operator, name)

    def method(self: Remote, other: Any) -> Any:
        mine, theirs = _plain(self), _plain(other)
        if not isinstance(mine, Remote) and not isinstance(theirs, Remote):
            return op(mine, theirs)
        if not isinstance(other, Remote):
            return NotImplemented  # a handle never stands in for a plain value
        return _call("operator", name=name, args=[self, other])

    return method


def _arith(name: str, reflected: bool = False) -> Any:
    def method(self: Remote, other: Any) -> Any:
        args = [other, self] if reflected else [self, other]
        return _call("operator", name=name, args=args)

    return method


def _unary(name: str) -> Any:
    def method(self: Remote) -> Any:
        return _call("operator", name=name, args=[self])

    return method


for _n in ("eq", "ne", "lt", "le", "gt", "ge"):
    setattr(Remote, f"__{_n}__", _compare(_n))
for _n, _op in (
    ("add", "add"), ("sub", "sub"), ("mul", "mul"), ("truediv", "truediv"), ("floordiv", "floordiv"),
    ("mod", "mod"), ("pow", "pow"), ("matmul", "matmul"), ("and", "and_"), ("or", "or_"), ("xor", "xor"),
    ("lshift", "lshift"), ("rshift", "rshift"),
):  # fmt: skip
    setattr(Remote, f"__{_n}__", _arith(_op))
    setattr(Remote, f"__r{_n}__", _arith(_op, reflected=True))
for _n in ("neg", "pos", "invert"):
    setattr(Remote, f"__{_n}__", _unary(_n))
Remote.__abs__ = lambda self: self._builtin("abs")  # type: ignore[method-assign]


# -- modules -----------------------------------------------------------------------------------------


class RemoteModule(types.ModuleType):
    """A module of the agent's, living in the worker."""

    def __getattr__(self, name: str) -> Any:
        if name == "__all__":  # `from agentmodule import *`: its public names that are not modules
            names = _call("names", obj=self._harness_handle())
            if type(names) is not list or not all(type(n) is str and n.isidentifier() for n in names):
                raise AgentCodeError("the agent's module gave a malformed list of names")
            return names
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        handle = self.__dict__.get("__harness_handle__")
        gen = self.__dict__.get("__harness_gen__")
        if handle is None or gen != WORKER.generation or WORKER.sock is None:
            handle = _call("import", name=self.__name__)
            self.__dict__["__harness_handle__"] = handle
            self.__dict__["__harness_gen__"] = WORKER.generation
        return _attr((self.__name__,), _call("getattr", obj=handle, name=name), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if (name.startswith("__") and name.endswith("__")) or isinstance(value, RemoteModule):
            # the import system's own bookkeeping (a submodule set on its parent) stays here
            types.ModuleType.__setattr__(self, name, value)
            return
        _call("setattr", obj=self._harness_handle(), name=name, args=[value])

    def __delattr__(self, name: str) -> None:
        _call("delattr", obj=self._harness_handle(), name=name)

    def _harness_handle(self) -> Any:
        handle = self.__dict__.get("__harness_handle__")
        if handle is None or self.__dict__.get("__harness_gen__") != WORKER.generation:
            handle = _call("import", name=self.__name__)
            self.__dict__["__harness_handle__"] = handle
            self.__dict__["__harness_gen__"] = WORKER.generation
        return handle


def _in_workspace(name: str) -> bool:
    top = name.split(".")[0]
    if not top.isidentifier():
        return False
    base = os.path.join(WORKSPACE, top)
    return (
        os.path.isdir(base)
        or any(os.path.isfile(base + ext) for ext in (".py", ".pyc"))
        or any(f.startswith(top + ".") and f.endswith(".so") for f in _listdir(WORKSPACE))
    )


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


class AgentModuleFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: claims the names only the agent's workspace provides."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        parent = fullname.rpartition(".")[0]
        if parent and not isinstance(sys.modules.get(parent), RemoteModule):
            return None
        if not parent and (fullname in sys.stdlib_module_names or not _in_workspace(fullname)):
            return None
        spec = importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        spec.submodule_search_locations = []
        return spec

    def create_module(self, spec: Any) -> types.ModuleType:
        return RemoteModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        handle = _call("import", name=module.__name__)  # an ImportError in the agent's code shows here
        module.__dict__["__harness_handle__"] = handle
        module.__dict__["__harness_gen__"] = WORKER.generation
        module.__dict__["__path__"] = []


# -- subprocesses: run under the agent's uid ---------------------------------------------------------

JUDGE_DIR = os.environ.get("HARNESS_JUDGE_DIR", "/judge")
JUDGE_WORK = os.path.join(JUDGE_DIR, "w")
TESTS = os.environ.get("HARNESS_TESTS", "")
_JUDGE_ENV = ("HARNESS_", "PYTEST_", "PYTHONPATH", "PYTHONNOUSERSITE")


def _to_workspace(arg: str) -> str:
    """The judge's folder mirrors the workspace: a path into it (a test's `Path(__file__).parent.parent
    / "tool.py"`) names the agent's file in /workspace. The hidden tests themselves stay put."""
    if not isinstance(arg, str) or not (arg == JUDGE_WORK or arg.startswith(JUDGE_WORK + "/")):
        return arg
    if TESTS and (arg == TESTS or arg.startswith(TESTS + "/")):
        return arg
    return WORKSPACE + arg[len(JUDGE_WORK) :]


def run(args: Any, *popenargs: Any, **kw: Any) -> subprocess.CompletedProcess[Any]:
    """subprocess.run, with the command run by agentd under the agent's uid."""
    if popenargs:
        raise TypeError("judge mode: pass subprocess.run options by keyword")
    input_ = kw.pop("input", None)
    capture = kw.pop("capture_output", False)
    stdout, stderr = kw.pop("stdout", None), kw.pop("stderr", None)
    if capture:
        stdout = stderr = subprocess.PIPE
    text = bool(kw.pop("text", False) or kw.pop("universal_newlines", False))
    encoding, errors = kw.pop("encoding", None), kw.pop("errors", None)
    text = text or encoding is not None or errors is not None
    timeout, check = kw.pop("timeout", None), kw.pop("check", False)
    shell, cwd, env = kw.pop("shell", False), kw.pop("cwd", None), kw.pop("env", None)
    kw.pop("stdin", None)
    kw.pop("close_fds", None)
    if kw:
        raise TypeError(f"judge mode: subprocess.run does not support {', '.join(sorted(kw))}")
    if isinstance(input_, str):
        input_ = input_.encode(encoding or "utf-8", errors or "strict")
    argv = args if shell else [os.fspath(a) for a in ([args] if isinstance(args, (str, bytes)) else args)]
    if shell and not isinstance(argv, str):
        argv = " ".join(os.fspath(a) for a in argv)
    header = {
        "op": "exec", "argv": argv, "shell": bool(shell), "cwd": os.fspath(cwd) if cwd else os.getcwd(),
        "env": dict(env) if env is not None else None, "timeout": timeout, "stdin_len": len(input_ or b""),
        "merge_stderr": stderr == subprocess.STDOUT,
    }  # fmt: skip
    header["cwd"] = _to_workspace(header["cwd"])
    if not header["cwd"].startswith(WORKSPACE) and not header["cwd"].startswith(SHARED_TMP):
        header["cwd"] = WORKSPACE if header["cwd"].startswith(JUDGE_DIR) else header["cwd"]
    if isinstance(argv, list):
        header["argv"] = [_to_workspace(a) for a in argv]
    if env is not None:
        header["env"] = {k: v for k, v in env.items() if not k.startswith(_JUDGE_ENV)}
        header["env"].update(HOME="/tmp", TMPDIR="/tmp")
    reply, body = _agentd(header, input_ or b"", timeout=(timeout or CALL_TIMEOUT) + 10)
    if "error" in reply:
        raise FileNotFoundError(2, str(reply["error"]))
    n_out = int(reply.get("stdout_len", 0))
    out_b, err_b = body[:n_out], body[n_out:]
    if reply.get("timed_out"):
        raise subprocess.TimeoutExpired(argv, timeout or 0, output=out_b, stderr=err_b)

    def shape(data: bytes, where: Any, stream: Any) -> Any:
        if where == subprocess.PIPE:
            return data.decode(encoding or "utf-8", errors or "strict") if text else data
        if where is None and data:
            stream.write(data.decode("utf-8", "replace"))
        return None

    code = reply.get("exit")
    code = code if type(code) is int else -9
    result = subprocess.CompletedProcess(
        argv, code, shape(out_b, stdout, sys.stdout), shape(err_b, stderr, sys.stderr)
    )
    if check and code != 0:
        raise subprocess.CalledProcessError(code, argv, result.stdout, result.stderr)
    return result


def check_output(args: Any, **kw: Any) -> Any:
    kw.setdefault("stdout", subprocess.PIPE)
    return run(args, check=True, **kw).stdout


def call(args: Any, **kw: Any) -> int:
    return run(args, **kw).returncode


def check_call(args: Any, **kw: Any) -> int:
    run(args, check=True, **kw)
    return 0


class _NoPopen:
    def __init__(self, *a: Any, **k: Any) -> None:
        raise RuntimeError("judge mode: use subprocess.run (Popen would run the agent's code as the judge)")


def install() -> None:
    if not any(isinstance(f, AgentModuleFinder) for f in sys.meta_path):
        sys.meta_path.append(AgentModuleFinder())
    subprocess.run = run  # type: ignore[assignment]
    subprocess.check_output = check_output  # type: ignore[assignment]
    subprocess.call = call  # type: ignore[assignment]
    subprocess.check_call = check_call  # type: ignore[assignment]
    subprocess.Popen = _NoPopen  # type: ignore[assignment,misc]
    os.system = lambda cmd: run(cmd, shell=True).returncode  # type: ignore[assignment]


install()


# -- pytest hooks ------------------------------------------------------------------------------------


def pytest_configure(config: Any) -> None:
    # tmp_path must be reachable by the agent's code (it reads the files tests write there).
    os.makedirs(SHARED_TMP, exist_ok=True)
    os.chmod(SHARED_TMP, 0o1777)
    if not config.option.basetemp:
        config.option.basetemp = os.path.join(SHARED_TMP, f"run-{os.getpid()}")


def _open_up(path: str) -> None:
    p = os.path.abspath(path)
    while p.startswith(SHARED_TMP) and p != SHARED_TMP:
        try:
            os.chmod(p, 0o1777)
        except OSError:
            break
        p = os.path.dirname(p)


try:
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(item: Any) -> Any:
        tmp = getattr(item, "funcargs", {}).get("tmp_path")
        if tmp is not None:
            _open_up(str(tmp))
        yield

except ImportError:  # used outside pytest (unit tests of the crossing)
    pass
