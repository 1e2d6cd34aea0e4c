"""Containment of one DockerSandbox, against a real Docker engine: timeouts kill what a command
started, output and memory stay bounded, no network, no privileges, bounded pids/memory/disk, faithful
file transfer, and no container left behind."""

from __future__ import annotations

import hashlib
import io
import re
import tarfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.errors import SandboxError
from harness.sandbox.base import SandboxSpec
from harness.sandbox.docker import DockerSandbox, WorkspaceTooLarge

pytestmark = pytest.mark.docker

LABEL = "harness.run"
RUN = "containment-test"
# A second label keeps this session's containers apart from a concurrent run of the same tests.
SESSION = {"harness.test-session": uuid.uuid4().hex[:12]}


def _spec(images: Any, **kw: Any) -> SandboxSpec:
    base = dict(image=images["python"][0], memory_mb=256, pids=64, labels={LABEL: RUN})
    base.update(kw)
    base["labels"] = {**base["labels"], **SESSION}
    return SandboxSpec(**base)


@pytest.fixture(scope="module")
def sb(docker_client: Any, images: Any) -> Iterator[DockerSandbox]:
    """One sandbox shared by the tests that leave it in a usable state."""
    with DockerSandbox(docker_client, _spec(images)) as box:
        yield box


@pytest.fixture
def fresh(docker_client: Any, images: Any) -> Iterator[DockerSandbox]:
    """A sandbox of its own, for tests that try to break it."""
    with DockerSandbox(docker_client, _spec(images)) as box:
        yield box


def _processes(box: DockerSandbox) -> list[str]:
    """Command lines of every process in the container except the `ps` itself and its wrapper."""
    res = box.exec(["ps", "-eo", "args="], timeout=30)
    assert res.exit_code == 0, res.output
    lines = [ln.strip() for ln in res.stdout.splitlines() if ln.strip()]
    return [ln for ln in lines if not ln.startswith(("ps -eo", "timeout -k"))]


def _alive(box: DockerSandbox, *needles: str) -> list[str]:
    return [p for p in _processes(box) if any(n in p for n in needles)]


def _assert_usable(box: DockerSandbox) -> None:
    res = box.exec("echo ok", timeout=30)
    assert (res.exit_code, res.stdout) == (0, "ok\n"), res


# -- 1. timeouts ------------------------------------------------------------------------------------


def test_timeout_kills_command_and_its_children(sb: DockerSandbox) -> None:
    res = sb.exec("sleep 1001 & sleep 1002; echo not-reached", timeout=2)
    assert res.timed_out
    assert res.exit_code in (124, 137)
    assert "not-reached" not in res.output
    assert 2 <= res.duration_s < 10
    assert _alive(sb, "sleep 1001", "sleep 1002") == []
    # The container's own `sleep infinity` is still there: the listing itself is trustworthy.
    assert "sleep infinity" in _processes(sb)


def test_timeout_kills_setsid_children_and_double_fork_daemons(sb: DockerSandbox) -> None:
    daemon = (
        "python3 -c 'import os, time\n"
        "if os.fork(): os._exit(0)\n"
        "os.setsid()\n"
        "if os.fork(): os._exit(0)\n"
        "time.sleep(1013)' "
    )
    script = f"setsid sleep 1011 & (setsid bash -c 'sleep 1012 & ' &) ; {daemon}; sleep 1014"
    res = sb.exec(script, timeout=2)
    assert res.timed_out
    assert res.duration_s < 10
    assert _alive(sb, "sleep 1011", "sleep 1012", "time.sleep(1013)", "sleep 1014") == []


def test_timeout_kills_children_that_drop_their_environment(sb: DockerSandbox) -> None:
    res = sb.exec("setsid env -i sleep 1021 & sleep 1022", timeout=2)
    assert res.timed_out
    try:
        assert _alive(sb, "sleep 1021", "sleep 1022") == []
    finally:
        sb.exec("pkill -f 'sleep 102[12]'; true", timeout=10)  # keep the shared sandbox clean


# -- 2. output cap ----------------------------------------------------------------------------------


def _omitted(text: str) -> int:
    m = re.search(r"\[\.\.\. (\d+) bytes omitted \.\.\.\]", text)
    assert m, "no omission marker in the output"
    return int(m.group(1))


def test_output_is_capped_for_a_finite_flood(sb: DockerSandbox) -> None:
    res = sb.exec("yes | head -c 50000000", timeout=60)
    assert res.exit_code == 0 and not res.timed_out
    assert res.truncated
    assert len(res.stdout) < 200_000
    # head + tail + marker account for every byte that was produced.
    kept = len(res.stdout.encode()) - len(f"\n[... {_omitted(res.stdout)} bytes omitted ...]\n")
    assert _omitted(res.stdout) + kept == 50_000_000
    assert res.stdout.startswith("y\ny\n") and res.stdout.endswith("y\n")


def test_output_and_memory_are_bounded_for_an_endless_flood(sb: DockerSandbox) -> None:
    tracemalloc.start()
    try:
        res = sb.exec("yes", timeout=5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert res.timed_out
    assert res.duration_s < 20
    assert res.truncated
    assert len(res.stdout) < 200_000
    omitted = _omitted(res.stdout)
    assert omitted > 30_000_000, f"only {omitted} bytes flowed: the memory check would prove little"
    # An unbounded buffer would hold every byte that flowed; a capped one holds ~256 KiB plus a chunk.
    assert peak < min(omitted // 4, 16 << 20), f"peak {peak} bytes allocated while {omitted} bytes flowed"
    _assert_usable(sb)


# -- 3. network -------------------------------------------------------------------------------------


def test_no_network(sb: DockerSandbox) -> None:
    res = sb.exec(
        "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 53), timeout=3); print('connected')\"",
        timeout=30,
    )
    assert res.exit_code != 0
    assert "connected" not in res.stdout
    assert "unreachable" in res.output.lower()
    dev = sb.exec("cat /proc/net/dev", timeout=30)
    assert dev.exit_code == 0
    interfaces = sorted(ln.split(":")[0].strip() for ln in dev.stdout.splitlines()[2:] if ":" in ln)
    assert interfaces == ["lo"]


# -- 4. privileges ----------------------------------------------------------------------------------


def test_unprivileged_user_and_read_only_root(sb: DockerSandbox) -> None:
    res = sb.exec("id -u; id -g", timeout=30)
    assert res.stdout.split() == ["1000", "1000"]
    status = sb.exec("grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs):' /proc/self/status", 30)
    fields = dict(ln.split(":\t") for ln in status.stdout.strip().splitlines())
    for cap in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert fields[cap] == "0000000000000000", (cap, fields)
    assert fields["NoNewPrivs"] == "1"
    ro = sb.exec(
        'for p in /x /usr/x /usr/bin/x /etc/x; do touch "$p" 2>&1 && echo "WROTE $p"; done; '
        "echo hi >> /etc/passwd && echo 'WROTE /etc/passwd'; true",
        timeout=30,
    )
    assert "WROTE" not in ro.output
    assert ro.output.count("Read-only file system") == 4, ro.output
    assert "/etc/passwd: Permission denied" in ro.output or "/etc/passwd: Read-only" in ro.output
    rw = sb.exec("for p in /workspace/w.txt /tmp/t.txt; do echo hi > $p && cat $p && rm $p; done", 30)
    assert (rw.exit_code, rw.stdout) == (0, "hi\nhi\n")
    # sudo/su do not exist or cannot raise privileges (no-new-privileges, no capabilities).
    res = sb.exec("su -c id root </dev/null; sudo -n id", timeout=30)
    assert "uid=0" not in res.output


# -- 5. pids ----------------------------------------------------------------------------------------


def test_fork_bomb_is_contained(docker_client: Any, images: Any) -> None:
    run = f"{RUN}-{uuid.uuid4().hex[:8]}"
    with DockerSandbox(docker_client, _spec(images, labels={LABEL: run})) as box:
        # The bomb runs in the command's process group while the command runs (the `sleep` keeps it there).
        res = box.exec("bomb(){ bomb | bomb & }; bomb; sleep 60", timeout=5)
        assert res.timed_out
        assert res.duration_s < 30
        assert docker_client.ping()
        # Usable again, at once or once stragglers of the bomb have given up forking.
        deadline = time.monotonic() + 45
        while (ok := box.exec("echo ok", timeout=10)).stdout != "ok\n" and time.monotonic() < deadline:
            time.sleep(1)
        assert (ok.exit_code, ok.stdout) == (0, "ok\n"), ok
    assert _containers(docker_client, run) == []


def test_background_fork_bomb_cannot_outlive_the_sandbox(docker_client: Any, images: Any) -> None:
    """`:(){ :|:& };:` returns at once (exit 0) and leaves the bomb running in the background; the
    harness must not hang on it, the engine stays responsive, and closing the sandbox ends it."""
    run = f"{RUN}-{uuid.uuid4().hex[:8]}"
    with DockerSandbox(docker_client, _spec(images, labels={LABEL: run})) as box:
        res = box.exec(":(){ :|:& };:", timeout=5)
        assert res.duration_s < 30
        assert docker_client.ping()
    assert _containers(docker_client, run) == []


def test_pids_limit_applies(fresh: DockerSandbox) -> None:
    res = fresh.exec(
        'python3 -c "\nimport os, time\nn = 0\nwhile n < 500:\n    try:\n        pid = os.fork()\n'
        "    except OSError:\n        break\n    if pid == 0:\n        time.sleep(30); os._exit(0)\n"
        "    n += 1\nprint('forked', n)\nos.killpg(0, 9)\"",
        timeout=20,
    )
    m = re.search(r"forked (\d+)", res.stdout)
    assert m, res.output
    assert int(m.group(1)) < 64  # pids=64 covers every process and thread in the container
    _assert_usable(fresh)


# -- 6. memory --------------------------------------------------------------------------------------


def test_memory_limit_kills_the_hog(sb: DockerSandbox) -> None:
    res = sb.exec("python3 -c \"x = b'x' * (1 << 30); print('allocated', len(x))\"", timeout=60)
    assert res.exit_code != 0
    assert not res.timed_out
    assert "allocated" not in res.stdout
    _assert_usable(sb)
    limit = sb.exec(
        "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes", 30
    )
    assert limit.stdout.strip() == str(256 << 20)


# -- 7. disk ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["/workspace", "/tmp"])
def test_disk_is_bounded(docker_client: Any, images: Any, where: str) -> None:
    # The tmpfs pages count against the memory limit, so keep them well below it.
    spec = _spec(images, workspace_mb=32, tmp_mb=24)
    size_mb = 32 if where == "/workspace" else 24
    with DockerSandbox(docker_client, spec) as box:
        res = box.exec(f"dd if=/dev/zero of={where}/big bs=1M count=2000", timeout=60)
        assert res.exit_code != 0
        assert not res.timed_out
        assert "No space left on device" in res.output
        size = box.exec(f"stat -c %s {where}/big", timeout=30)
        assert 0 < int(size.stdout) <= size_mb << 20
        _assert_usable(box)


# -- 8. files ---------------------------------------------------------------------------------------

ODD_NAME = "dir with space/ünïcødé файл 名前.txt"


def _host_tree(root: Path) -> dict[str, bytes]:
    files = {
        "bin.dat": bytes(range(256)) * 300 + b"\x00\r\n\xff",
        "run.sh": b"#!/bin/sh\necho run-ok\n",
        ODD_NAME: "héllo wörld\n".encode(),
        "empty": b"",
    }
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / "run.sh").chmod(0o755)
    (root / "link").symlink_to("run.sh")
    return files


def test_file_round_trip(sb: DockerSandbox, tmp_path: Path) -> None:
    files = _host_tree(tmp_path)
    sb.copy_in(tmp_path, "/workspace/rt")

    # In the container: contents, exec bit, link, owner.
    assert sb.exec("./run.sh", timeout=30, cwd="/workspace/rt").stdout == "run-ok\n"
    assert sb.exec("./link", timeout=30, cwd="/workspace/rt").stdout == "run-ok\n"
    stat = sb.exec("stat -c '%a %u %n' run.sh bin.dat", timeout=30, cwd="/workspace/rt").stdout.split("\n")
    assert stat[0] == "755 1000 run.sh" and stat[1] == "644 1000 bin.dat"
    digest = sb.exec("sha256sum bin.dat", timeout=30, cwd="/workspace/rt").stdout.split()[0]
    assert digest == hashlib.sha256(files["bin.dat"]).hexdigest()
    for rel, data in files.items():
        assert sb.read_file(f"/workspace/rt/{rel}") == data, rel

    # Out again, as a tar.
    tar = sb.copy_out("/workspace/rt", max_bytes=10 << 20)
    with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
        members = {m.name.removeprefix("./"): m for m in tf.getmembers()}
        for rel, data in files.items():
            f = tf.extractfile(members[rel])
            assert f is not None and f.read() == data, rel
        assert members["run.sh"].mode & 0o111
        assert not members["bin.dat"].mode & 0o111
        assert members["link"].issym() and members["link"].linkname == "run.sh"

    # write_file: binary bytes, a mode, a new folder with an odd name.
    blob = bytes(range(255, -1, -1)) * 10
    sb.write_file("/workspace/new dir/Ω blob.bin", blob, mode=0o755)
    assert sb.read_file("/workspace/new dir/Ω blob.bin") == blob
    assert sb.exec(["stat", "-c", "%a", "/workspace/new dir/Ω blob.bin"], timeout=30).stdout == "755\n"
    assert sb.read_file("/workspace/new dir/Ω blob.bin", max_bytes=10) == blob[:10]


def test_read_file_missing_raises(sb: DockerSandbox) -> None:
    with pytest.raises(FileNotFoundError):
        sb.read_file("/workspace/does/not/exist")
    with pytest.raises(FileNotFoundError):
        sb.read_file("/workspace")  # a folder is not a file


def test_copy_out_refuses_more_than_max_bytes(sb: DockerSandbox) -> None:
    sb.exec("mkdir -p /workspace/big && head -c 3000000 /dev/urandom > /workspace/big/r", timeout=30)
    with pytest.raises(WorkspaceTooLarge):
        sb.copy_out("/workspace/big", max_bytes=1 << 20)
    assert len(sb.copy_out("/workspace/big", max_bytes=8 << 20)) > 3_000_000
    sb.exec("rm -rf /workspace/big", timeout=30)


# -- 9. cleanup -------------------------------------------------------------------------------------


def _containers(client: Any, run: str) -> list[Any]:
    labels = [f"{LABEL}={run}", *(f"{k}={v}" for k, v in SESSION.items())]
    return client.containers.list(all=True, filters={"label": labels})


def test_container_removed_after_with_block(docker_client: Any, images: Any) -> None:
    run = f"{RUN}-{uuid.uuid4().hex[:8]}"
    with DockerSandbox(docker_client, _spec(images, labels={LABEL: run})) as box:
        assert [c.id for c in _containers(docker_client, run)] == [box.id]
        box.exec("sleep 1000 &", timeout=10)  # a live child does not keep it alive
    assert _containers(docker_client, run) == []
    with pytest.raises(SandboxError):
        box.exec("true", timeout=10)


def test_container_removed_when_the_block_raises(docker_client: Any, images: Any) -> None:
    run = f"{RUN}-{uuid.uuid4().hex[:8]}"
    with (
        pytest.raises(RuntimeError, match="boom"),
        DockerSandbox(docker_client, _spec(images, labels={LABEL: run})) as box,
    ):
        assert box.id is not None
        raise RuntimeError("boom")
    assert _containers(docker_client, run) == []


def test_no_container_of_this_module_left(docker_client: Any, sb: DockerSandbox) -> None:
    """Only the shared sandbox carries the module's label while the module runs."""
    assert [c.id for c in _containers(docker_client, RUN)] == [sb.id]
