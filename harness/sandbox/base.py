"""The Sandbox protocol: where an agent's commands and the grader's tests run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

WORKSPACE = "/workspace"
SANDBOX_USER = "1000:1000"


class CappedBuffer:
    """Keeps the first `head` and last `tail` bytes of a stream, and counts what it dropped between."""

    def __init__(self, head: int = 64 * 1024, tail: int = 64 * 1024) -> None:
        self.head_limit, self.tail_limit = head, tail
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def write(self, data: bytes) -> None:
        self.total += len(data)
        room = self.head_limit - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            if len(self.tail) > 2 * self.tail_limit:
                # Trim lazily so a stream of small writes stays linear.
                del self.tail[: len(self.tail) - self.tail_limit]

    @property
    def omitted(self) -> int:
        return max(0, self.total - len(self.head) - min(len(self.tail), self.tail_limit))

    def text(self) -> str:
        tail = bytes(self.tail[-self.tail_limit :]) if self.tail_limit else b""
        head = bytes(self.head).decode("utf-8", errors="replace")
        if self.omitted:
            return f"{head}\n[... {self.omitted} bytes omitted ...]\n{tail.decode('utf-8', errors='replace')}"
        return head + tail.decode("utf-8", errors="replace")


def cap_text(text: str, head: int, tail: int) -> str:
    """Cap a string to about head+tail characters, keeping both ends and marking the cut."""
    if len(text) <= head + tail:
        return text
    return f"{text[:head]}\n[... {len(text) - head - tail} characters omitted ...]\n{text[-tail:] if tail else ''}"


@dataclass
class ExecResult:
    exit_code: int | None
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool = False
    truncated: bool = False

    @property
    def output(self) -> str:
        """stdout then stderr, as an agent or a log reader wants them."""
        if self.stderr and self.stdout:
            return f"{self.stdout.rstrip()}\n{self.stderr}"
        return self.stdout or self.stderr

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


@dataclass(frozen=True)
class SandboxSpec:
    """Everything needed to start one container."""

    image: str
    memory_mb: int = 1024
    cpus: float = 1.0
    pids: int = 256
    workspace_mb: int = 256
    tmp_mb: int = 256
    labels: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    extra_tmpfs: dict[str, str] = field(default_factory=dict)  # mount point -> tmpfs options
    # host folder -> mount point, read-only: the model gateway's socket folder for installed agents
    binds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_limits(cls, image: str, limits: Any, labels: dict[str, str], **extra: Any) -> SandboxSpec:
        """A spec with a task's [limits] (memory, CPUs, pids, tmpfs sizes)."""
        return cls(
            image=image,
            memory_mb=limits.memory_mb,
            cpus=limits.cpus,
            pids=limits.pids,
            workspace_mb=limits.workspace_mb,
            tmp_mb=limits.tmp_mb,
            labels=labels,
            **extra,
        )


@runtime_checkable
class Sandbox(Protocol):
    """A started, isolated environment with /workspace; closing it destroys everything in it."""

    def exec(
        self,
        cmd: str | list[str],
        timeout: float,
        cwd: str = WORKSPACE,
        env: dict[str, str] | None = None,
        stdin: bytes | None = None,
    ) -> ExecResult: ...

    def read_file(self, path: str, max_bytes: int = 1 << 20) -> bytes: ...

    def write_file(self, path: str, data: bytes, mode: int | None = None) -> None: ...

    def copy_in(self, src: Path, dest: str) -> None: ...

    def copy_out(self, path: str, max_bytes: int) -> bytes: ...

    def close(self) -> None: ...

    def __enter__(self) -> Sandbox: ...

    def __exit__(self, *exc: object) -> None: ...
