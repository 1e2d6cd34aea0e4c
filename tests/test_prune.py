"""`harness sandbox prune` removes only what harness made: real Docker, real containers and images."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import uuid
from typing import Any

import docker.errors
import pytest

from harness.sandbox.base import SandboxSpec
from harness.sandbox.docker import CONTAINER_LABEL, OWNER_LABEL, DockerSandbox
from harness.sandbox.images import image_tag, prunable_containers, prunable_images


def _dead_owner() -> str:
    import socket

    proc = subprocess.Popen(["true"])
    proc.wait()
    return f"{socket.gethostname()}:{proc.pid}"  # a pid that just ended


def _gone(client: Any, cid: str) -> bool:
    try:
        client.containers.get(cid)
        return False
    except docker.errors.NotFound:
        return True


@pytest.mark.docker
def test_prune_spares_user_containers_and_child_images(images: Any, docker_client: Any) -> None:
    client = docker_client
    ours = image_tag("python")
    child_tag = f"h2-user-child:{uuid.uuid4().hex[:8]}"
    made: list[Any] = []
    try:
        # A user's container from a harness image: it inherits harness.managed from the image.
        user_c = client.containers.create(ours, ["true"], labels={"user": "1"})
        made.append(user_c)
        # A user's child image FROM a harness image (it inherits harness.managed and harness.image).
        dockerfile = f"FROM {ours}\nLABEL user.child=1\n".encode()
        client.images.build(fileobj=io.BytesIO(dockerfile), tag=child_tag, rm=True, pull=False)
        child = client.images.get(child_tag)
        child_c = client.containers.create(child_tag, ["true"])
        made.append(child_c)
        # A container harness made, whose harness process is gone (as after a SIGKILL).
        sb = DockerSandbox(client, SandboxSpec(image=ours, labels={"harness.run": "h2-prune"})).start()
        harness_c = client.containers.get(sb.id)
        assert harness_c.labels[CONTAINER_LABEL] == "1"
        # The same container is left alone while its owner (this test process) lives.
        assert harness_c.id not in [c.id for c in prunable_containers(client)]
        assert harness_c.id in [c.id for c in prunable_containers(client, everything=True)]
        dead = client.containers.create(
            ours,
            ["true"],
            labels={CONTAINER_LABEL: "1", OWNER_LABEL: _dead_owner(), "harness.run": "h2-prune"},
        )
        made.extend([harness_c, dead])

        proc = subprocess.run(
            [sys.executable, "-m", "harness.cli", "sandbox", "prune"],
            capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert _gone(client, dead.id)
        assert not _gone(client, user_c.id) and not _gone(client, child_c.id)
        assert not _gone(client, harness_c.id)  # its owner is alive

        # Image selection for `prune --images` (not run here: it would drop the shared sandbox images).
        picked = [img.id for img in prunable_images(client)]
        assert client.images.get(ours).id in picked
        assert child.id not in picked
        sb.close()
    finally:
        for c in made:
            try:
                c.remove(force=True)
            except docker.errors.NotFound:
                pass
        try:
            client.images.remove(child_tag, force=True)
        except docker.errors.ImageNotFound:
            pass
