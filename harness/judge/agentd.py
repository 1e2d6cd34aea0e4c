"""agentd: the only way judge-mode tests run the agent's code. Runs INSIDE the grading container, under
the agent's uid, started before any agent code; the judge (another uid) connects to its unix socket.

Standard library only (it runs on each image's python3). One forked child per connection:
- `exec`: run a command (argv, cwd, env, stdin, timeout) in its own session and send back its exit
  code, stdout and stderr;
- `py-worker`: become a Python worker (pyworker.py) that serves calls into the agent's modules.

Nothing here is trusted by the judge: agent code runs under this uid and may replace any of it. The
judge only ever decodes plain data from what comes back.

Wire format, both ways: one JSON header line, then the byte payloads the header announces.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys

MAX_HEADER = 1 << 20
MAX_OUTPUT = 16 << 20


def read_header(f) -> dict:  # type: ignore[no-untyped-def]
    line = f.readline(MAX_HEADER)
    if not line.endswith(b"\n"):
        raise ValueError("bad header")
    return json.loads(line)


def send(sock: socket.socket, header: dict, *payloads: bytes) -> None:
    sock.sendall(json.dumps(header).encode() + b"\n" + b"".join(payloads))


def _exec(sock: socket.socket, f, req: dict) -> None:  # type: ignore[no-untyped-def]
    stdin = f.read(int(req.get("stdin_len", 0))) if req.get("stdin_len") else b""
    env = {**os.environ, **{str(k): str(v) for k, v in (req.get("env_add") or {}).items()}}
    if req.get("env") is not None:
        env = {str(k): str(v) for k, v in req["env"].items()}
    env.pop("HARNESS_AGENTD", None)
    timed_out = False
    try:
        proc = subprocess.Popen(
            req["argv"] if not req.get("shell") else ["/bin/sh", "-c", req["argv"]],
            cwd=req.get("cwd") or "/workspace",
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if req.get("merge_stderr") else subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as e:
        send(sock, {"error": f"{type(e).__name__}: {e}", "errno": e.errno})
        return
    try:
        out, err = proc.communicate(stdin, timeout=req.get("timeout"))
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out, err = proc.communicate()
    out, err = (out or b"")[:MAX_OUTPUT], (err or b"")[:MAX_OUTPUT]
    hdr = {"exit": proc.returncode, "timed_out": timed_out, "stdout_len": len(out), "stderr_len": len(err)}
    send(sock, hdr, out, err)


def handle(conn: socket.socket) -> None:
    f = conn.makefile("rb")
    req = read_header(f)
    op = req.get("op")
    if op == "exec":
        _exec(conn, f, req)
    elif op == "py-worker":
        here = os.path.dirname(os.path.abspath(__file__))
        fd = conn.fileno()
        os.set_inheritable(fd, True)
        os.chdir(req.get("cwd") or "/workspace")
        env = {k: v for k, v in os.environ.items() if k != "HARNESS_AGENTD"}
        env["HARNESS_WORKER_FD"] = str(fd)
        cpu = req.get("cpu")
        if isinstance(cpu, list) and len(cpu) == 2 and all(type(x) is int for x in cpu):
            import resource

            resource.setrlimit(resource.RLIMIT_CPU, (cpu[0], cpu[1]))
        os.execve(sys.executable, [sys.executable, "-B", os.path.join(here, "pyworker.py")], env)
    elif op == "attach":  # a long-lived worker of any language: the connection is its stdin and stdout
        fd = conn.fileno()
        os.chdir(req.get("cwd") or "/workspace")
        env = {k: v for k, v in os.environ.items() if k != "HARNESS_AGENTD"}
        env.update({str(k): str(v) for k, v in (req.get("env_add") or {}).items()})
        os.dup2(fd, 0)
        os.dup2(fd, 1)
        os.execvpe(req["argv"][0], req["argv"], env)
    elif op == "kill":
        try:
            os.killpg(int(req["pgid"]), signal.SIGKILL)
        except (OSError, ValueError, KeyError):
            pass
        send(conn, {"ok": True})
    else:
        send(conn, {"error": f"unknown op {op!r}"})


def main() -> None:
    path = sys.argv[1]
    os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    os.chmod(path, 0o666)
    srv.listen(64)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    print("agentd ready", flush=True)
    while True:
        conn, _ = srv.accept()
        if os.fork() == 0:
            srv.close()
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.setsid()
                handle(conn)
            except Exception as e:
                try:
                    send(conn, {"error": f"agentd: {type(e).__name__}: {e}"})
                except OSError:
                    pass
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    main()
