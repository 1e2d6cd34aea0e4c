"""Sandbox images: built from sandboxes/<name>/Dockerfile, tagged by a hash of the build context.

Where a Dockerfile's Debian base image cannot be pulled (no registry reachable), it is made locally
with debootstrap and `docker import`, under the very name the Dockerfile asks for, so no Dockerfile
is edited.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docker
import docker.errors
import requests

from harness.errors import HarnessError
from harness.paths import sandboxes_dir
from harness.sandbox.docker import CONTAINER_LABEL, MANAGED_LABEL, OWNER_LABEL, owner_alive

IMAGE_PREFIX = "harness-"
# Set on every image harness makes to the image's own name (its tag): a child image built FROM it inherits
# the label but not the tag, so prune tells the two apart.
IMAGE_LABEL = "harness.image"
DEBIAN_MIRROR = os.environ.get("HARNESS_DEBIAN_MIRROR", "http://deb.debian.org/debian")
Log = Callable[[str], None]


def available_images() -> list[str]:
    root = sandboxes_dir()
    return sorted(d.name for d in root.iterdir() if (d / "Dockerfile").is_file()) if root.is_dir() else []


def context_dir(name: str) -> Path:
    d = sandboxes_dir() / name
    if not (d / "Dockerfile").is_file():
        known = ", ".join(available_images()) or "none"
        raise HarnessError(f"unknown sandbox image '{name}': no {d}/Dockerfile (images: {known})")
    return d


def context_hash(name: str) -> str:
    d = context_dir(name)
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(d).as_posix().encode() + b"\0")
            h.update(b"X" if os.access(p, os.X_OK) else b"F")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def image_tag(name: str) -> str:
    return f"{IMAGE_PREFIX}{name}:{context_hash(name)}"


def base_images(dockerfile: Path) -> list[str]:
    """The external images named by FROM lines (stage names and build args excluded)."""
    stages: set[str] = set()
    bases: list[str] = []
    for line in dockerfile.read_text().splitlines():
        m = re.match(r"\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if not m:
            continue
        ref = m.group(1)
        if ref.lower() not in stages and "$" not in ref and ref != "scratch" and ref not in bases:
            bases.append(ref)
        if m.group(2):
            stages.add(m.group(2).lower())
    return bases


def _exists(client: docker.DockerClient, ref: str) -> bool:
    try:
        client.images.get(ref)
        return True
    except docker.errors.ImageNotFound:
        return False


def ensure_base(client: docker.DockerClient, ref: str, log: Log) -> None:
    """Make sure ref is present: already there, pulled, or (for Debian) bootstrapped offline."""
    if _exists(client, ref):
        return
    repo, _, tag = ref.partition(":")
    try:
        log(f"pulling {ref}")
        client.images.pull(repo, tag=tag or "latest")
        return
    except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
        reason = str(e).splitlines()[0][:120]
    if repo.split("/")[-1] != "debian":
        raise HarnessError(f"base image {ref} is not present and cannot be pulled ({reason})")
    log(f"cannot pull {ref} ({reason}); making it locally with debootstrap")
    bootstrap_debian(client, ref, log)


def _stream(cmd: list[str], on_line: Log) -> tuple[int, list[str]]:
    """Run cmd, passing each output line to on_line as it comes; return (exit code, last lines)."""
    tail: list[str] = []
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            line = line.rstrip()
            if line:
                tail = [*tail[-19:], line]
                on_line(line)
    return proc.returncode, tail


def bootstrap_debian(client: docker.DockerClient, ref: str, log: Log, on_line: Log | None = None) -> None:
    """Build a Debian base image with debootstrap (minbase) and import it as ref. debootstrap's output
    goes to on_line as it comes (default: its "I: Retrieving/Extracting/Installing ..." phases to log)."""
    suite = ref.partition(":")[2].removesuffix("-slim") or "bookworm"
    if not re.fullmatch(r"[a-z]+", suite):
        raise HarnessError(f"cannot bootstrap {ref}: tag must name a Debian suite, e.g. debian:bookworm-slim")
    if shutil.which("debootstrap") is None:
        raise HarnessError(
            f"base image {ref} is missing and cannot be pulled; install debootstrap "
            "(apt-get install -y debootstrap) so harness can make it locally"
        )
    if os.geteuid() != 0:
        raise HarnessError(f"base image {ref} must be bootstrapped, which needs root: run as root once")
    with tempfile.TemporaryDirectory(prefix="harness-rootfs-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        cmd = ["debootstrap", "--variant=minbase", suite, str(rootfs), DEBIAN_MIRROR]
        log(f"debootstrap {suite} from {DEBIAN_MIRROR} (a few minutes)")
        code, tail = _stream(cmd, on_line or log_phases(log))
        if code != 0:
            raise HarnessError(f"debootstrap {suite} failed: {(tail or [''])[-1]}")
        for junk in ("var/cache/apt/archives", "var/lib/apt/lists"):
            for p in (rootfs / junk).glob("*"):
                if p.is_file():
                    p.unlink()
        log(f"importing {ref}")
        tar = subprocess.run(["tar", "-C", str(rootfs), "-c", "."], capture_output=True, check=True).stdout
        repo, _, tag = ref.partition(":")
        client.api.import_image_from_data(
            tar,
            repository=repo,
            tag=tag or "latest",
            changes=[f"LABEL {MANAGED_LABEL}=1", f"LABEL {IMAGE_LABEL}={ref}", 'CMD ["bash"]'],
        )


def log_phases(log: Log) -> Log:
    """An on_line that logs only phase changes: debootstrap's "I: Retrieving packages" kind of lines
    once per phase, and a Dockerfile's "Step N/M" lines."""
    seen: set[str] = set()

    def on_line(line: str) -> None:
        if line.startswith("Step "):
            log(line[:160])
        elif line.startswith(("I: ", "W: ", "E: ")):
            phase = " ".join(line.split()[:2])
            if phase not in seen:
                seen.add(phase)
                log(line[:160])

    return on_line


def build_image(
    client: docker.DockerClient,
    name: str,
    log: Log,
    force: bool = False,
    on_line: Log | None = None,
) -> str:
    """Build sandboxes/<name> unless an image for its current context already exists; return the tag.
    Each line of the build log goes to on_line as it comes (default: the "Step N/M" lines to log)."""
    tag = image_tag(name)
    if not force and _exists(client, tag):
        return tag
    ctx = context_dir(name)
    for base in base_images(ctx / "Dockerfile"):
        ensure_base(client, base, log)
    log(f"building {tag}")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        tf.add(str(ctx), arcname=".")
    build_context(client, buf.getvalue(), tag, name, log, on_line)
    return tag


def build_context(
    client: docker.DockerClient, context: bytes, tag: str, name: str, log: Log, on_line: Log | None = None
) -> None:
    """Build a tar build context (with its Dockerfile) as `tag`, labelled as the harness's own image."""
    lines: list[str] = []
    show = on_line or log_phases(log)
    try:
        for chunk in client.api.build(
            fileobj=io.BytesIO(context),
            custom_context=True,
            tag=tag,
            labels={MANAGED_LABEL: "1", IMAGE_LABEL: tag},
            rm=True,
            forcerm=True,
            pull=False,
            decode=True,
        ):
            if "stream" in chunk:
                for line in chunk["stream"].splitlines():
                    if line.strip():
                        lines = [*lines[-39:], line]
                        show(line)
            if "error" in chunk:
                tail = "\n".join(lines[-15:])
                raise HarnessError(f"building image '{name}' failed: {chunk['error'].strip()}\n{tail}")
    except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
        raise HarnessError(f"building image '{name}' failed: {e}") from None


def ensure_images(
    client: docker.DockerClient, names: set[str], log: Log, on_line: Log | None = None
) -> dict[str, tuple[str, str]]:
    """Build whatever is missing; return name -> (tag, image id)."""
    out: dict[str, tuple[str, str]] = {}
    for name in sorted(names):
        tag = build_image(client, name, log, on_line=on_line)
        out[name] = (tag, client.images.get(tag).id)
    return out


def _made_here(img: Any) -> bool:
    """Whether harness built (or imported) this very image, not a child image layered on one of its."""
    value = img.labels.get(IMAGE_LABEL, "")
    if value in img.tags:
        return True
    # Images built before the label named the tag: the label is the sandbox name, the tag harness-<name>:.
    return bool(value) and ":" not in value and any(t.startswith(f"{IMAGE_PREFIX}{value}:") for t in img.tags)


def prunable_containers(client: docker.DockerClient, everything: bool = False) -> list[Any]:
    """Containers harness created (CONTAINER_LABEL, which images never carry) whose owning harness
    process is gone; with `everything`, those of live runs too."""
    found = client.containers.list(all=True, filters={"label": f"{CONTAINER_LABEL}=1"})
    return [c for c in found if everything or not owner_alive(c.labels.get(OWNER_LABEL))]


def prunable_images(client: docker.DockerClient) -> list[Any]:
    """Images harness made itself, sandbox images before the base images they are layered on."""
    found = [img for img in client.images.list(filters={"label": MANAGED_LABEL}) if _made_here(img)]
    found.sort(key=lambda img: not any(t.startswith(IMAGE_PREFIX) for t in img.tags))
    return found


def prune(client: docker.DockerClient, images: bool = False, everything: bool = False) -> tuple[int, int]:
    """Remove the containers (and, if asked, the images) the harness made, found by their own labels.
    Containers of a harness process still running on this host are left alone unless `everything` is
    set; a user's containers and images made from a harness image are never touched."""
    n_containers = n_images = 0
    for c in prunable_containers(client, everything):
        try:
            c.remove(force=True, v=True)
            n_containers += 1
        except docker.errors.NotFound:
            pass
    if images:
        # Docker will not drop a base image before the sandbox images on it, hence the order.
        for img in prunable_images(client):
            try:
                client.images.remove(img.id, force=True)
                n_images += 1
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError as e:
                raise HarnessError(f"could not remove image {img.tags or img.id}: {e.explanation}") from None
    return n_containers, n_images
