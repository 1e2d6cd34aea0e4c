"""A persistent bash session inside a DockerSandbox: `cd`, variables and functions carry over between
commands, and each command costs only the shell's own time (no new `docker exec`).

Each command travels inside a quoted heredoc with a per-command delimiter and is eval'd by the
long-running shell, so quoting and heredocs in the command cannot break the framing. A sentinel line carrying a per-command marker, the exit status
and the working directory ends its output. On timeout the command's processes (found by the marker
exported for it) are killed; if the shell itself is stuck (a builtin loop) it is restarted in the
last known directory and the caller is told its state was reset.
"""

from __future__ import annotations

import re
import shlex
import socket
import threading
import time
import uuid

from harness.errors import SandboxError
from harness.sandbox.base import WORKSPACE, CappedBuffer, ExecResult
from harness.sandbox.docker import DockerSandbox

SENTINEL = "__HARNESS_DONE__"


class ShellSession:
    def __init__(
        self, sandbox: DockerSandbox, cwd: str = WORKSPACE, env: dict[str, str] | None = None
    ) -> None:
        self.sandbox = sandbox
        self.cwd = cwd
        self.env = env or {}
        self._sock: socket.socket | None = None
        self._buf = bytearray()
        self._eof = False
        self._cond = threading.Condition()
        self.restarts = 0

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> ShellSession:
        self._sock = self.sandbox.open_stream(
            ["bash", "--noprofile", "--norc"], cwd=self.cwd, env={"PS1": "", "PS2": "", **self.env}
        )
        self._buf.clear()
        self._eof = False
        threading.Thread(target=self._reader, args=(self._sock,), daemon=True).start()
        return self

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None

    def _reader(self, sock: socket.socket) -> None:
        pending = bytearray()
        while True:
            try:
                chunk = sock.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    if sock is self._sock:
                        self._eof = True
                    self._cond.notify_all()
                return
            pending += chunk
            while len(pending) >= 8:
                size = int.from_bytes(pending[4:8], "big")
                if len(pending) < 8 + size:
                    break
                with self._cond:
                    if sock is self._sock:
                        self._buf += pending[8 : 8 + size]
                        self._cond.notify_all()
                del pending[: 8 + size]

    # -- commands --------------------------------------------------------------------------------

    def run(
        self, command: str, timeout: float, head_bytes: int = 16384, tail_bytes: int = 16384
    ) -> ExecResult:
        if self._sock is None:
            self.start()
        marker = uuid.uuid4().hex
        # The command travels inside a quoted heredoc whose delimiter it cannot contain, and is
        # eval'd by the shell itself: no extra process, no quoting hazards, state persists.
        line = (
            f"IFS= read -r -d '' __harness_cmd <<'HARNESS_EOF_{marker}'\n{command}\nHARNESS_EOF_{marker}\n"
            f'export HARNESS_EXEC={marker}; eval "$__harness_cmd" </dev/null 2>&1; '
            f'printf "\\n{SENTINEL} {marker} %s %s\\n" "$?" "$PWD"\n'
        )
        start = time.monotonic()
        assert self._sock is not None
        try:
            self._sock.sendall(line.encode())
        except OSError as e:
            raise SandboxError(f"shell session lost: {e}") from e
        pattern = re.compile(rf"\n?{SENTINEL} {marker} (\d+) (.*)\n".encode())
        out = CappedBuffer(head_bytes, tail_bytes)
        deadline = start + timeout
        timed_out = restarted = False
        code: int | None = None
        with self._cond:
            while True:
                m = pattern.search(self._buf)
                if m:
                    # Read the groups before trimming: the match refers into the mutable buffer.
                    code, cwd = int(m.group(1)), m.group(2).decode(errors="replace")
                    out.write(bytes(self._buf[: m.start()]))
                    del self._buf[: m.end()]
                    self.cwd = cwd or self.cwd
                    break
                # Stream what cannot be part of the sentinel into the capped buffer to bound memory.
                keep = len(SENTINEL) + 200
                if len(self._buf) > keep:
                    out.write(bytes(self._buf[:-keep]))
                    del self._buf[:-keep]
                if self._eof:
                    out.write(bytes(self._buf))
                    self._buf.clear()
                    restarted = True
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    timed_out = True
                    break
                self._cond.wait(min(left, 0.5))
        if timed_out:
            self.sandbox._sweep(marker)
            # The command's processes are gone; the sentinel follows unless the shell itself loops.
            with self._cond:
                self._cond.wait_for(lambda: pattern.search(self._buf) is not None or self._eof, timeout=3)
                m = pattern.search(self._buf)
                if m:
                    out.write(bytes(self._buf[: m.start()]))
                    del self._buf[: m.end()]
                else:
                    restarted = True
        if restarted:
            self._restart()
        text = out.text()
        if timed_out:
            text += f"\n[harness: command timed out after {timeout:g}s and was killed]"
        if restarted:
            text += (
                f"\n[harness: the shell exited or hung and was restarted in {self.cwd}; variables were reset]"
            )
        return ExecResult(
            exit_code=None if timed_out else code,
            stdout=text,
            stderr="",
            duration_s=time.monotonic() - start,
            timed_out=timed_out,
            truncated=bool(out.omitted),
        )

    def _restart(self) -> None:
        self.restarts += 1
        cwd = self.cwd
        self.close()
        # Kill whatever the old shell left (it is the only other bash started by open_stream).
        self.sandbox.exec("pkill -KILL -f '^bash --noprofile --norc$' || true", timeout=15)
        probe = self.sandbox.exec(f"test -d {shlex.quote(cwd)}", timeout=15)
        self.cwd = cwd if probe.exit_code == 0 else WORKSPACE
        self.start()

    def __enter__(self) -> ShellSession:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
