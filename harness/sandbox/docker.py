"""DockerSandbox: one hardened container, driven through the Docker Engine API (docker SDK).

Files move in and out as tar streams over `exec` stdin/stdout because /workspace and /tmp are tmpfs
mounts (bounded in size), which the archive endpoints (`docker cp`) do not see.
"""

from __future__ import annotations

import io
import os
import shlex
import socket
import struct
import tarfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docker
import docker.errors
import requests
import urllib3

from harness.errors import DockerUnavailable, SandboxError
from harness.sandbox.base import SANDBOX_USER, WORKSPACE, CappedBuffer, ExecResult, SandboxSpec

# uid of the container's init and keep-alive, apart from the agent's (1000) and the judge's (1001).
KEEPER_USER = "1002:1002"
MANAGED_LABEL = "harness.managed"
# host:pid of the harness process that made a container, so prune can leave live runs alone.
OWNER_LABEL = "harness.owner"
# Set on each container harness creates, never on an image: image labels are copied onto every container
# (and child image) made from the image, so only this one tells harness's containers from a user's.
CONTAINER_LABEL = "harness.container"


def owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_alive(label: str | None) -> bool:
    """Whether the process named by an OWNER_LABEL value is a live process on this host."""
    host, _, pid = (label or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# Beyond the in-container `timeout`, how long the harness waits before it gives up on the stream.
HARNESS_GRACE_S = 15.0


def docker_client(timeout: int = 120) -> docker.DockerClient:
    """A client for the engine named by DOCKER_HOST (or the default socket), or one clear error."""
    where = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        client = docker.from_env(timeout=timeout)
        client.ping()
    except (docker.errors.DockerException, requests.exceptions.RequestException, OSError) as e:
        reason = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
        raise DockerUnavailable(
            f"cannot reach the Docker engine at {where} ({reason}); start it "
            "(as root on Debian/Ubuntu: scripts/docker-up.sh) or set DOCKER_HOST"
        ) from None
    return client


# The exceptions that mean "no answer from the engine": refused or dropped connections, a socket that
# is gone, a reply that did not come in time (a SIGSTOPped engine accepts connections, never answers).
_NO_ANSWER = (
    requests.exceptions.ConnectionError,
    requests.exceptions.Timeout,
    urllib3.exceptions.ProtocolError,
    urllib3.exceptions.NewConnectionError,
    urllib3.exceptions.TimeoutError,
)


def engine_unreachable(exc: BaseException) -> bool:
    """Whether exc, or an exception it was raised from, says the Docker engine is not answering. The one
    place that decides it: trial.py marks such a trial's error `engine` and the runner pauses on it."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        if isinstance(e, _NO_ANSWER):
            return True
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return False


# How long a health ping of the engine may take before the engine counts as not answering.
PING_TIMEOUT_S = 3.0


def engine_ping(client: docker.DockerClient, timeout: float = PING_TIMEOUT_S) -> Callable[[], bool]:
    """A function that pings the client's engine on a connection of its own (short timeout) and says
    whether it answered; it never raises."""
    # The engine docker_client() reached (DOCKER_HOST, TLS settings), as docker.from_env finds it.
    api = docker.APIClient(version=client.api.api_version, timeout=timeout, **docker.utils.kwargs_from_env())

    lock = threading.Lock()

    def ping() -> bool:
        with lock:
            try:
                return bool(api.ping())
            except Exception:
                return False

    return ping


def _raw_socket(obj: Any) -> socket.socket:
    return getattr(obj, "_sock", obj)


def tar_directory(src: Path) -> bytes:
    """A tar of src's contents (files, folders, links, exec bits), owned by nobody in particular."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for p in sorted(src.rglob("*")):
            info = tf.gettarinfo(str(p), arcname=p.relative_to(src).as_posix())
            info.uid = info.gid = 1000
            info.uname = info.gname = ""
            if info.isreg():
                with p.open("rb") as f:
                    tf.addfile(info, f)
            else:
                tf.addfile(info)
    return buf.getvalue()


class DockerSandbox:
    """A started container built from SandboxSpec; close() (or the context manager) removes it."""

    def __init__(self, client: docker.DockerClient, spec: SandboxSpec) -> None:
        self.client = client
        self.api = client.api
        self.spec = spec
        self.id: str | None = None
        self._closed = False
        self._keep: list[str] = []

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> DockerSandbox:
        s = self.spec
        mount_opts = "rw,exec,nosuid,nodev"
        host_config = self.api.create_host_config(
            network_mode="none",
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            pids_limit=s.pids,
            mem_limit=f"{s.memory_mb}m",
            memswap_limit=f"{s.memory_mb}m",
            nano_cpus=int(s.cpus * 1e9),
            read_only=True,
            init=True,
            tmpfs={
                WORKSPACE: f"{mount_opts},size={s.workspace_mb}m,uid=1000,gid=1000,mode=0755",
                "/tmp": f"{mount_opts},size={s.tmp_mb}m,mode=1777",
                **s.extra_tmpfs,
            },
            ulimits=[docker.types.Ulimit(name="nofile", soft=4096, hard=4096)],
            binds={host: {"bind": inside, "mode": "ro"} for host, inside in s.binds.items()},
        )
        env = {"HOME": "/tmp", "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1", **s.env}
        try:
            created = self.api.create_container(
                s.image,
                command=["sleep", "infinity"],
                # init and the keep-alive run under a uid of their own: code under the agent's uid (or
                # the judge's) cannot signal them, so it cannot stop the container and turn its own
                # failure into an engine error.
                user=KEEPER_USER,
                working_dir=WORKSPACE,
                environment=env,
                labels={MANAGED_LABEL: "1", CONTAINER_LABEL: "1", OWNER_LABEL: owner(), **s.labels},
                host_config=host_config,
                network_disabled=True,
            )
            self.id = created["Id"]
            self.api.start(self.id)
            # The keep-alive process under init: the one process kill_all must spare. init starts it
            # just after the container starts, so ask until it is there.
            for _ in range(100):
                children = self.exec("cat /proc/1/task/1/children", timeout=30).stdout.split()
                self._keep = [pid for pid in children if pid.isdigit()]
                if self._keep:
                    break
                time.sleep(0.02)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            self.close()
            raise SandboxError(f"could not start a container from {s.image}: {e}") from e
        return self

    def close(self) -> None:
        if self._closed or self.id is None:
            self._closed = True
            return
        self._closed = True
        try:
            self.api.remove_container(self.id, force=True, v=True)
        except docker.errors.NotFound:
            pass
        except (docker.errors.DockerException, requests.exceptions.RequestException):
            # Left for `harness sandbox prune`, which finds it by its labels.
            pass

    def __enter__(self) -> DockerSandbox:
        return self.start() if self.id is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- commands --------------------------------------------------------------------------------

    def exec(
        self,
        cmd: str | list[str],
        timeout: float,
        cwd: str = WORKSPACE,
        env: dict[str, str] | None = None,
        stdin: bytes | None = None,
        *,
        head_bytes: int = 64 * 1024,
        tail_bytes: int = 64 * 1024,
        user: str = SANDBOX_USER,
    ) -> ExecResult:
        """Run cmd (a string goes to `bash -c`) with a timeout that kills it and all it started."""
        out, err = CappedBuffer(head_bytes, tail_bytes), CappedBuffer(head_bytes, tail_bytes)
        timed_out, code, elapsed = self._run(cmd, timeout, cwd, env, stdin, out.write, err.write, user)
        return ExecResult(
            exit_code=code,
            stdout=out.text(),
            stderr=err.text(),
            duration_s=elapsed,
            timed_out=timed_out,
            truncated=bool(out.omitted or err.omitted),
        )

    def _run(
        self,
        cmd: str | list[str],
        timeout: float,
        cwd: str,
        env: dict[str, str] | None,
        stdin: bytes | None,
        on_stdout: Any,
        on_stderr: Any,
        user: str = SANDBOX_USER,
    ) -> tuple[bool, int | None, float]:
        if self.id is None or self._closed:
            raise SandboxError("sandbox is not running")
        marker = uuid.uuid4().hex
        argv = ["bash", "-c", cmd] if isinstance(cmd, str) else list(cmd)
        # `timeout` puts the command in its own process group and kills that group; the marker in the
        # environment lets _sweep find what escaped the group (setsid, daemons).
        wrapped = ["timeout", "-s", "KILL", f"{max(timeout, 0.1):.3f}", *argv]
        full_env = {**(env or {}), "HARNESS_EXEC": marker}
        start = time.monotonic()
        try:
            exec_id = self.api.exec_create(
                self.id,
                wrapped,
                stdin=stdin is not None,
                user=user,
                workdir=cwd,
                environment=full_env,
            )["Id"]
            sock = _raw_socket(self.api.exec_start(exec_id, socket=True))
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            raise SandboxError(f"docker exec failed: {e}") from e
        writer = None
        if stdin is not None:
            writer = threading.Thread(target=_feed, args=(sock, stdin), daemon=True)
            writer.start()
        deadline = start + timeout + HARNESS_GRACE_S
        try:
            gave_up = not _demux(sock, deadline, on_stdout, on_stderr)
        except BaseException:
            # A callback stopped the read (copy_out past its cap): end the stream and the command now.
            try:
                sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            except OSError:
                pass
            self._sweep(marker)
            raise
        try:
            sock.close()
        except OSError:
            pass
        elapsed = time.monotonic() - start
        code: int | None = None
        try:
            info = self.api.exec_inspect(exec_id)
            code = None if info.get("Running") else info.get("ExitCode")
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            raise SandboxError(f"docker exec inspect failed: {e}") from e
        timed_out = gave_up or (code in (124, 137) and elapsed >= timeout)
        if timed_out:
            self._sweep(marker, user, started_ago=elapsed)
        return timed_out, code, elapsed

    def open_stream(
        self, argv: list[str], cwd: str = WORKSPACE, env: dict[str, str] | None = None
    ) -> socket.socket:
        """Start a long-lived process with stdin attached; returns the raw multiplexed stream socket."""
        if self.id is None or self._closed:
            raise SandboxError("sandbox is not running")
        try:
            exec_id = self.api.exec_create(
                self.id, argv, stdin=True, user=SANDBOX_USER, workdir=cwd, environment=env or {}
            )["Id"]
            return _raw_socket(self.api.exec_start(exec_id, socket=True))
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            raise SandboxError(f"docker exec failed: {e}") from e

    def start_background(self, argv: list[str], cwd: str = WORKSPACE, user: str = SANDBOX_USER) -> None:
        """Start a process that outlives this call (a service for later commands); not waited for."""
        if self.id is None or self._closed:
            raise SandboxError("sandbox is not running")
        try:
            exec_id = self.api.exec_create(self.id, argv, user=user, workdir=cwd)["Id"]
            self.api.exec_start(exec_id, detach=True)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            raise SandboxError(f"docker exec failed: {e}") from e

    def kill_all(self) -> None:
        """Stop, then kill, every process but init and its keep-alive, in passes until none is left
        running, so nothing the agent started can touch what is read out of the sandbox next.

        An agent may have left a process that grabs every free pid as soon as one appears, so the pids
        limit is raised first (by more on each try) to give this command room to start; once it runs it
        needs no further process, and its first pass stops the forker."""
        keep = " ".join(["1", *self._keep])
        script = (
            f'keep=" {keep} $$ $PPID "; '
            "for pass in 1 2 3 4 5 6 7 8; do left=0; "
            'for p in /proc/[0-9]*; do pid=${p#/proc/}; [[ $keep == *" $pid "* ]] && continue; '
            'read -r st < "$p/stat" 2>/dev/null || continue; st=${st##*) }; '
            '[[ ${st%% *} == [TZXt] ]] && continue; kill -STOP "$pid" 2>/dev/null && left=1; done; '
            "[[ $left == 0 ]] && break; done; "
            'for p in /proc/[0-9]*; do pid=${p#/proc/}; [[ $keep == *" $pid "* ]] || kill -KILL "$pid" 2>/dev/null; done; '
            "echo stopped"
        )
        output = ""
        for attempt in range(5):
            try:
                self.api._post_json(
                    self.api._url("/containers/{0}/update", self.id),
                    data={"PidsLimit": self.spec.pids + 256 * 4**attempt},
                )
            except (docker.errors.DockerException, requests.exceptions.RequestException):
                pass
            try:
                # No `timeout` wrapper: it would need a second pid. The script is bounded by itself.
                exec_id = self.api.exec_create(self.id, ["bash", "-c", script], user=SANDBOX_USER)["Id"]
                raw = self.api.exec_start(exec_id)
                output = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
                if self.api.exec_inspect(exec_id).get("ExitCode") == 0 and "stopped" in output:
                    return
            except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
                output = str(e)
            time.sleep(0.2)
        raise SandboxError(f"could not stop the sandbox's processes: {output.strip()[-300:]}")

    def _sweep(self, marker: str, user: str = SANDBOX_USER, started_ago: float | None = None) -> None:
        """Kill every process still carrying this command's marker, using bash builtins only so it
        still works when a fork bomb has used up the pids limit's headroom.

        With started_ago (seconds since the command started), also kill every process of this uid that
        started since then: a child that left the process group AND dropped its environment
        (`setsid env -i ...`) carries no marker, but it cannot hide its start time."""
        newer = ""
        if started_ago is not None:
            # /proc/uptime and the stat start time, both in hundredths of a second (CLK_TCK is 100).
            newer = (
                "read -r up _ < /proc/uptime; up=${up/./}; up=$((10#$up)); "
                f'thr=$((up - {int(started_ago * 100) + 20})); keep=" 1 {" ".join(self._keep)} $$ $PPID "; '
                'for p in /proc/[0-9]*; do pid=${p#/proc/}; [[ $keep == *" $pid "* ]] && continue; '
                'read -r st < "$p/stat" 2>/dev/null || continue; st=${st##*) }; f=($st); '
                '(( ${f[19]:-0} >= thr )) && kill -9 "$pid" 2>/dev/null; done; '
            )
        # Several passes: a process forking while the first pass runs is caught by the next.
        script = (
            "for pass in 1 2 3; do "
            'for p in /proc/[0-9]*; do mapfile -d "" e < "$p/environ" 2>/dev/null || continue; '
            f'[[ " ${{e[*]}} " == *" HARNESS_EXEC={marker} "* ]] && kill -9 "${{p#/proc/}}" 2>/dev/null; '
            f"done; {newer}done; true"
        )
        try:
            exec_id = self.api.exec_create(self.id, ["bash", "-c", script], user=user)["Id"]
            self.api.exec_start(exec_id)
        except (docker.errors.DockerException, requests.exceptions.RequestException):
            pass

    # -- files -----------------------------------------------------------------------------------

    def copy_in(self, src: Path, dest: str, user: str = SANDBOX_USER) -> None:
        """Copy the contents of folder src into dest (created if needed), owned by user."""
        data = tar_directory(src)
        q = shlex.quote(dest)
        res = self.exec(
            f"mkdir -p {q} && tar -x --no-same-owner -m -C {q}", timeout=120, stdin=data, user=user
        )
        if not res.ok:
            raise SandboxError(f"copying {src} into the sandbox failed: {res.output.strip()[-300:]}")

    def copy_out(self, path: str, max_bytes: int) -> bytes:
        """A tar of the folder at path. Raises WorkspaceTooLarge as soon as a member's header, the
        members' sizes together, or the stream pass max_bytes (the read stops there and tar is
        killed: a sparse 1 TiB file is refused from its header), and WorkspaceUnreadable when an entry
        cannot be read (tar would leave it out)."""
        chunks: list[bytes] = []
        size = 0
        headers = _TarHeaders(path, max_bytes)

        def collect(b: bytes) -> None:
            nonlocal size
            size += len(b)
            if size > max_bytes:
                raise WorkspaceTooLarge(f"{path} holds more than {max_bytes // (1 << 20)} MiB")
            headers.feed(b)
            chunks.append(b)

        err = CappedBuffer(4096, 4096)
        timed_out, code, _ = self._run(
            ["bash", "-c", COPY_OUT_SCRIPT, "copy_out", path], 300, WORKSPACE, None, None, collect, err.write
        )
        if code == UNREADABLE_EXIT:
            entry = err.text().strip().splitlines()[-1:] or ["?"]
            raise WorkspaceUnreadable(f"{path} holds an entry that cannot be read: {_printable(entry[0])}")
        if timed_out or code not in (0, 1):  # tar exits 1 when a file changed while being read
            raise SandboxError(f"reading {path} out of the sandbox failed: {err.text().strip()[-300:]}")
        return b"".join(chunks)

    def read_file(self, path: str, max_bytes: int = 1 << 20, user: str = SANDBOX_USER) -> bytes:
        chunks: list[bytes] = []
        err = CappedBuffer(4096, 4096)
        _, code, _ = self._run(
            ["head", "-c", str(max_bytes), "--", path], 60, "/", None, None, chunks.append, err.write, user
        )
        if code != 0:
            raise FileNotFoundError(f"{path}: {err.text().strip()}")
        return b"".join(chunks)

    def write_file(self, path: str, data: bytes, mode: int | None = None) -> None:
        """Write data to path (folders created); an existing file keeps its mode unless one is given."""
        q = shlex.quote(path)
        chmod = f" && chmod {mode:o} {q}" if mode is not None else ""
        res = self.exec(f'mkdir -p -- "$(dirname {q})" && cat > {q}{chmod}', 60, stdin=data)
        if not res.ok:
            raise SandboxError(f"writing {path} failed: {res.output.strip()[-300:]}")


class WorkspaceNotCopyable(SandboxError):
    """What the agent left in /workspace cannot be carried to grading: the agent's doing."""


class WorkspaceTooLarge(WorkspaceNotCopyable):
    """The agent left more in /workspace than the harness will carry to grading."""


class WorkspaceUnreadable(WorkspaceNotCopyable):
    """The agent left a file or folder in /workspace that its own user cannot read (mode 000)."""


UNREADABLE_EXIT = 3
# Trusted tools only (the image's read-only root, run after kill_all): name the first entry tar could
# not read, or stream the tar. Links are not entries to read (a dangling one is fine).
COPY_OUT_SCRIPT = (
    'cd -- "$1" || exit 2; '
    "bad=$(find . -mindepth 1 ! -type l \\( ! -readable -o -type d ! -executable \\) -print -quit 2>/dev/null); "
    f'if [ -n "$bad" ]; then printf "%s\\n" "${{bad:2}}" >&2; exit {UNREADABLE_EXIT}; fi; '
    "exec tar -c ."
)


def _printable(text: str, limit: int = 200) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _TarHeaders:
    """Follows the headers of a tar stream as it arrives (ustar, GNU long names, pax), so a member can
    be refused by the size its header claims before a byte of its content is read."""

    META_LIMIT = 1 << 20

    def __init__(self, path: str, max_bytes: int) -> None:
        self.path, self.max_bytes = path, max_bytes
        self.header = bytearray()
        self.skip = 0  # bytes of content (and padding) still to pass over
        self.meta: bytearray | None = None  # content of a pax or long-name member, being collected
        self.meta_len = 0
        self.meta_kind = b""
        self.next_name: bytes | None = None
        self.next_size: int | None = None
        self.total = 0

    def feed(self, data: bytes) -> None:
        i, n = 0, len(data)
        while i < n:
            if self.skip:
                step = min(self.skip, n - i)
                if self.meta is not None and len(self.meta) < self.meta_len:
                    self.meta += data[i : i + min(step, self.meta_len - len(self.meta))]
                i += step
                self.skip -= step
                if not self.skip and self.meta is not None:
                    self._meta_done()
                continue
            step = min(512 - len(self.header), n - i)
            self.header += data[i : i + step]
            i += step
            if len(self.header) == 512:
                self._on_header(bytes(self.header))
                self.header.clear()

    def _on_header(self, h: bytes) -> None:
        if not h.strip(b"\0"):
            return  # end-of-archive blocks
        kind = h[156:157]
        size = _tar_number(h[124:136])
        padded = (size + 511) // 512 * 512
        if kind in (b"x", b"g", b"L", b"K"):
            if size > self.META_LIMIT:
                raise SandboxError(f"reading {self.path}: a tar header of {size} bytes")
            self.meta, self.meta_len, self.meta_kind, self.skip = bytearray(), size, kind, padded
            if not padded:
                self._meta_done()
            return
        name = self.next_name if self.next_name is not None else h[:100].split(b"\0", 1)[0]
        if self.next_size is not None:
            size = self.next_size
            padded = (size + 511) // 512 * 512
        self.next_name = self.next_size = None
        if kind in (b"0", b"\0", b"7", b"S"):
            self.total += size
            label = _printable(name.decode("utf-8", "backslashreplace").removeprefix("./"))
            if size > self.max_bytes:
                raise WorkspaceTooLarge(
                    f"{label} in {self.path} is {_size(size)} (limit {_size(self.max_bytes)})"
                )
            if self.total > self.max_bytes:
                raise WorkspaceTooLarge(f"{self.path} holds more than {_size(self.max_bytes)} of files")
        self.skip = padded if kind in (b"0", b"\0", b"7", b"S") else 0

    def _meta_done(self) -> None:
        data, kind = bytes(self.meta or b"")[: self.meta_len], self.meta_kind
        self.meta = None
        if kind == b"L":
            self.next_name = data.split(b"\0", 1)[0]
        elif kind == b"x":
            pos = 0
            while pos < len(data):
                sp = data.find(b" ", pos)
                if sp < 0:
                    break
                try:
                    length = int(data[pos:sp])
                except ValueError:
                    break
                if length <= 0:
                    break
                key, _, value = data[sp + 1 : pos + length - 1].partition(b"=")
                if key == b"size":
                    self.next_size = int(value)
                elif key == b"path":
                    self.next_name = value
                pos += length


def _tar_number(field: bytes) -> int:
    """A tar header number: octal text, or GNU base-256 (first byte 0x80) for large values."""
    if field[:1] == b"\x80":
        return int.from_bytes(field[1:], "big")
    try:
        return int(field.strip(b"\0 ") or b"0", 8)
    except ValueError:
        raise SandboxError(f"malformed tar header number {field!r}") from None


def _size(n: int) -> str:
    if n < 1 << 20:
        return f"{n} bytes"
    return f"{n / (1 << 30):.0f} GiB" if n >= 10 << 30 else f"{n / (1 << 20):.0f} MiB"


def _feed(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _demux(sock: socket.socket, deadline: float, on_stdout: Any, on_stderr: Any) -> bool:
    """Read Docker's multiplexed exec stream until EOF (True) or the deadline (False)."""
    pending = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        sock.settimeout(min(left, 1.0))
        try:
            chunk = sock.recv(256 * 1024)
        except TimeoutError:
            continue
        except OSError:
            return True
        if not chunk:
            return True
        pending += chunk
        while len(pending) >= 8:
            kind, size = pending[0], struct.unpack(">I", pending[4:8])[0]
            if len(pending) < 8 + size:
                break
            payload = bytes(pending[8 : 8 + size])
            del pending[: 8 + size]
            (on_stderr if kind == 2 else on_stdout)(payload)
