"""How much a command costs in a sandbox: one `docker exec` per command (the baseline) against the
persistent shell session the tools agent uses. Prints both figures and their ratio, measured in the
same run on the same container.

    python benchmarks/shell_vs_exec.py [N]
"""

from __future__ import annotations

import statistics
import sys
import time

from harness.sandbox.base import SandboxSpec
from harness.sandbox.docker import DockerSandbox, docker_client
from harness.sandbox.images import build_image
from harness.sandbox.shell import ShellSession


def timed(fn, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    client = docker_client()
    tag = build_image(client, "python", print)
    with DockerSandbox(client, SandboxSpec(image=tag, labels={"harness.run": "benchmark"})) as sb:
        shell = ShellSession(sb).start()
        shell.run("true", 10)  # warm up both paths
        sb.exec("true", 10)
        exec_t = timed(lambda: sb.exec("echo hi", 10), n)
        shell_t = timed(lambda: shell.run("echo hi", 10), n)
        shell.close()
    for name, ts in (("docker exec per command (baseline)", exec_t), ("persistent shell session", shell_t)):
        print(
            f"{name:38} median {1000 * statistics.median(ts):7.2f} ms   p90 {1000 * sorted(ts)[int(0.9 * n)]:7.2f} ms"
        )
    print(
        f"speed-up (median): {statistics.median(exec_t) / statistics.median(shell_t):.1f}x over {n} commands"
    )


if __name__ == "__main__":
    main()
