"""Codex CLI (OpenAI's), headless: `codex exec --json` with approvals and its own sandbox off (the
container is the sandbox), speaking OpenAI Responses to the gateway as a custom model provider."""

from __future__ import annotations

from harness.agents.installed import NPM_STAGE, InstalledAgent, Product, base_url

CODEX_PROVIDER = (
    "-c model_provider=harness -c model_providers.harness.name=harness "
    f"-c model_providers.harness.base_url={base_url('openai-responses')} "
    "-c model_providers.harness.env_key=HARNESS_GATEWAY_KEY -c model_providers.harness.wire_api=responses "
    "-c model_providers.harness.request_max_retries=0 -c model_providers.harness.stream_max_retries=0"
)
CODEX = Product(
    name="codex",
    version="0.169.0",
    protocol="openai-responses",
    # The npm package's launcher is a node script; the native binary (and its ripgrep) need no node.
    install=NPM_STAGE.format(package="@openai/codex@0.169.0")
    + "RUN native=$(dirname $(find /opt/agent -path '*/vendor/*/bin/codex' -type f | head -n 1))/.. \\\n"
    + " && ln -sf $native/bin/codex /opt/agent/bin/codex && ln -sf $native/codex-path/rg /opt/agent/bin/rg\n",
    command=(
        f'mkdir -p "$CODEX_HOME" && codex exec {CODEX_PROVIDER} $HARNESS_AGENT_MODEL --skip-git-repo-check '
        '--dangerously-bypass-approvals-and-sandbox --json "$(cat "$HARNESS_PROMPT_FILE")"'
    ),
    model_flag="-m",
    own_providers=("openai",),
    # Codex picks prompts and tools by model family; gpt-5-codex's are its shell-and-files set.
    default_model="gpt-5-codex",
    env={"HARNESS_GATEWAY_KEY": "harness-gateway", "CODEX_HOME": "/tmp/codex-home", "RUST_LOG": "error"},
    entrypoints=("codex", "rg"),
    check="codex --version",
)


class Agent(InstalledAgent):
    product = CODEX
