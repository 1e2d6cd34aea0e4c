"""Installed agents: agent products (Claude Code, Codex CLI, ...) run headless in the sandbox, talking
to the model only through the trial's gateway (harness/gateway).

Each product is installed in a cached image layered over the task's image, built with ordinary
Dockerfile steps from the package registries at a pinned version. Its container has no network: the
gateway's unix socket is bind-mounted at GATEWAY_MOUNT and socat relays 127.0.0.1:RELAY_PORT to it.
"""

from __future__ import annotations

import hashlib
import io
import ssl
import tarfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.errors import HarnessError, SandboxError
from harness.gateway.server import Gateway, conversation
from harness.sandbox.base import SandboxSpec, cap_text
from harness.sandbox.docker import DockerSandbox
from harness.sandbox.images import IMAGE_PREFIX, Log, build_context
from harness.task import Task

GATEWAY_MOUNT = "/run/harness-gateway"
RELAY_PORT = 8787
PROMPT_PATH = "/tmp/harness-prompt.md"
# The agent's own log (Claude Code's stream-json, say) is kept whole up to this size.
AGENT_LOG_BYTES = 4 << 20
INSTALL_BASE = "debian:bookworm-slim"
NPM_STAGE = f"""FROM {INSTALL_BASE} AS install
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm ca-certificates \\
 && rm -rf /var/lib/apt/lists/*
# The host's CA bundle, for the install stage only: a registry behind a TLS-inspecting proxy works.
COPY host-ca.crt /tmp/host-ca.crt
RUN npm config set cafile /tmp/host-ca.crt \\
 && npm install -g --prefix /opt/agent --no-audit --no-fund {{package}}
"""
# Python agents: a virtual environment under /opt/agent made with Debian's python3, which every
# sandbox image has at the same path (agentd needs it), so it runs there as built.
PIP_STAGE = f"""FROM {INSTALL_BASE} AS install
RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \\
 && rm -rf /var/lib/apt/lists/*
COPY host-ca.crt /tmp/host-ca.crt
RUN python3 -m venv /opt/agent \\
 && /opt/agent/bin/pip install --no-cache-dir --cert /tmp/host-ca.crt {{package}}
"""


@dataclass(frozen=True)
class Product:
    """One agent product: how to install it and how to run it headless against the gateway."""

    name: str
    version: str
    protocol: str  # the wire protocol it speaks: anthropic | openai-chat | openai-responses
    install: str  # Dockerfile text of a stage named `install` that puts the agent under /opt/agent
    # bash; $HARNESS_PROMPT_FILE holds the instruction, $HARNESS_TEST_COMMAND the task's visible
    # tests' command (empty when it has none), $HARNESS_AGENT_MODEL the model flag (see below)
    command: str
    # The commands of /opt/agent/bin the agent runs, put on PATH after the image's own (empty: all of
    # them, right for npm installs; a Python venv must name its own, or its python would be found).
    entrypoints: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    check: str = ""  # a command the image build runs to prove the install works
    # The agent is told the run's model id when the run's provider is its own (its prompts and tools
    # depend on the model family); else `default_model`, or nothing (its own default). $HARNESS_AGENT_MODEL
    # in `command` is the flag and the name, or empty.
    model_flag: str = "--model"
    own_providers: tuple[str, ...] = ()
    default_model: str | None = None

    def model_args(self, model_name: str) -> str:
        provider, _, model_id = model_name.partition("/")
        name = model_id if provider in self.own_providers and model_id else self.default_model
        return f"{self.model_flag} {name}" if name else ""

    def dockerfile(self, base: str) -> str:
        return (
            f"{self.install}\n"
            f"FROM {base}\n"
            "USER root\n"
            "RUN apt-get update \\\n"
            " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends socat \\\n"
            " && rm -rf /var/lib/apt/lists/*\n"
            "COPY --from=install /opt/agent /opt/agent\n"
            # Only the agent's own commands, after the task's: a Python agent's venv must not shadow
            # the task's python (or pytest, or anything else the task's tests need).
            f"RUN mkdir /opt/agent-bin && for e in {' '.join(self.entrypoints) or '$(ls /opt/agent/bin)'}; do "
            "ln -s /opt/agent/bin/$e /opt/agent-bin/$e; done\n"
            "ENV PATH=$PATH:/opt/agent-bin\n" + (f"RUN {self.check}\n" if self.check else "")
        )


def base_url(protocol: str) -> str:
    root = f"http://127.0.0.1:{RELAY_PORT}"
    return root if protocol == "anthropic" else f"{root}/v1"


def host_ca_bundle() -> bytes:
    """The host's CA bundle (what its own package managers trust), or nothing when there is none."""
    for path in (ssl.get_default_verify_paths().cafile, "/etc/ssl/certs/ca-certificates.crt"):
        if path and Path(path).is_file():
            return Path(path).read_bytes()
    return b""


def layer_tag(product: Product, base_id: str) -> str:
    digest = hashlib.sha256(f"{product.dockerfile('BASE')}\0{base_id}".encode()).hexdigest()[:12]
    return f"{IMAGE_PREFIX}agent-{product.name}:{digest}"


def _context(dockerfile: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in (("Dockerfile", dockerfile.encode()), ("host-ca.crt", host_ca_bundle())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class InstalledAgent:
    """Runs `product` in the trial's sandbox; the gateway meters and limits every model call."""

    needs_model = True
    product: Product

    def __init__(self) -> None:
        self.name = self.product.name
        self._layers: dict[str, str] = {}  # task image tag -> agent image tag
        self._lock = threading.Lock()

    # -- images --------------------------------------------------------------------------------------

    def ensure_images(self, client: Any, images: dict[str, tuple[str, str]], log: Log) -> None:
        """Build (once, then cached by content) the agent's layer over each task image of the run."""
        import docker

        for base_tag, base_id in images.values():
            tag = layer_tag(self.product, base_id)
            try:
                client.images.get(tag)
            except docker.errors.ImageNotFound:
                p = self.product
                log(f"installing {p.name} {p.version} over {base_tag} as {tag}")
                try:
                    build_context(client, _context(p.dockerfile(base_tag)), tag, p.name, log)
                except HarnessError as e:
                    # The build log's tail went to `log` as it came; the error itself is one line.
                    detail = str(e).splitlines()[0].removeprefix(f"building image '{p.name}' failed: ")
                    raise HarnessError(
                        f"cannot install {p.name} {p.version} over {base_tag}: {detail} (it is built "
                        "from the npm or PyPI registry, which docker build must reach)"
                    ) from None
            with self._lock:
                self._layers[base_tag] = tag

    def sandbox_spec(self, spec: SandboxSpec, folder: Path) -> SandboxSpec:
        """The agent's container: the task image with the agent installed, the gateway folder mounted."""
        with self._lock:
            image = self._layers.get(spec.image)
        if image is None:
            raise HarnessError(f"{self.name}: no agent image for {spec.image} (ensure_images was not called)")
        return replace(spec, image=image, binds={**spec.binds, str(folder): GATEWAY_MOUNT})

    # -- one trial -----------------------------------------------------------------------------------

    def run(self, task: Task, sandbox: Any, model: Any, limits: AgentLimits) -> AgentOutcome:
        if not isinstance(sandbox, DockerSandbox):
            raise SandboxError(f"{self.name} runs only in a Docker sandbox")
        folder = next((Path(h) for h, inside in sandbox.spec.binds.items() if inside == GATEWAY_MOUNT), None)
        if folder is None:
            raise SandboxError(f"{self.name}: the sandbox has no gateway mount")
        p = self.product
        with Gateway(model, limits, folder) as gw:
            start_relay(sandbox, gw)
            sandbox.write_file(PROMPT_PATH, task.instruction.encode())
            env = {**p.env, "HARNESS_PROMPT_FILE": PROMPT_PATH}
            env["HARNESS_AGENT_MODEL"] = p.model_args(str(getattr(model, "name", "")))
            # The task's visible tests, for agents that take a test command (Aider's --test-cmd).
            env["HARNESS_TEST_COMMAND"] = task.spec.agent.test_command or ""
            res = sandbox.exec(
                p.command,
                timeout=max(1.0, gw.meter.remaining_s()),
                env=env,
                head_bytes=AGENT_LOG_BYTES // 2,
                tail_bytes=AGENT_LOG_BYTES // 2,
            )
        if gw.stop_reason is not None:
            stop = gw.stop_reason
        elif res.timed_out:
            stop = "timeout"
        else:
            stop = "done" if res.exit_code == 0 else f"agent_exit_{res.exit_code}"
        transcript = {
            "agent": p.name,
            "agent_version": p.version,
            "protocol": p.protocol,
            "command": p.command,
            "exit_code": res.exit_code,
            "messages": conversation(gw.exchanges),
            "exchanges": gw.exchanges,
            "agent_stdout": res.stdout,
            "agent_stderr": cap_text(res.stderr, 20_000, 20_000),
        }
        fault = gw.fault
        return gw.meter.outcome(
            stop,
            log=f"$ {p.command}\n(exit {res.exit_code})\n{cap_text(res.output, 4_000, 8_000)}",
            transcript=transcript,
            agent_version=f"{p.name} {p.version}",
            error=str(fault) if fault is not None else None,
            error_kind=fault.error_kind if fault is not None else None,
        )


def start_relay(sandbox: DockerSandbox, gw: Gateway) -> None:
    """socat in the sandbox, 127.0.0.1:RELAY_PORT to the gateway's socket; back once it accepts."""
    sandbox.start_background(
        [
            "socat",
            f"TCP-LISTEN:{RELAY_PORT},bind=127.0.0.1,fork,reuseaddr",
            f"UNIX-CONNECT:{GATEWAY_MOUNT}/{gw.socket_path.name}",
        ]
    )
    up = sandbox.exec(
        f"for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/{RELAY_PORT}) 2>/dev/null && exit 0; "
        "sleep 0.05; done; exit 1",
        timeout=30,
    )
    if not up.ok:
        raise SandboxError("the gateway relay did not start in the sandbox")
