"""OpenCode (sst's terminal agent), headless: `opencode run --format json` with its permissions
auto-approved (the container is the sandbox), external plugins off, speaking Anthropic Messages to the
gateway through its built-in `anthropic` provider with the base URL pointed at the relay.

The npm package's binary is a self-contained executable (no node at run time); the install keeps only
it, and Debian's ripgrep beside it, since OpenCode's grep and glob tools would download one otherwise."""

from __future__ import annotations

import json
import re

from harness.agents.installed import NPM_STAGE, InstalledAgent, Product, base_url

VERSION = "1.18.33"
MODEL_SLOT = "HARNESS_MODEL_ID"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
CONFIG = {
    "$schema": "https://opencode.ai/config.json",
    "autoupdate": False,
    "share": "disabled",
    "snapshot": False,
    "provider": {
        "anthropic": {
            "options": {"baseURL": f"{base_url('anthropic')}/v1", "apiKey": "harness-gateway"},
            # The run's model, declared (the command puts its id here): OpenCode refuses a model its
            # bundled list lacks, and a declared one it knows keeps what the list says of it.
            "models": {MODEL_SLOT: {}},
        }
    },
}


class OpenCodeProduct(Product):
    """OpenCode names a model `provider/model`; the run's Anthropic model under its own id, else
    `default_model` (OpenCode picks its prompts by model family; the gateway sends the run's model)."""

    def model_args(self, model_name: str) -> str:
        provider, _, model_id = model_name.partition("/")
        if provider not in self.own_providers or not SAFE_ID.fullmatch(model_id):
            model_id = self.default_model or ""
        return f"{self.model_flag} anthropic/{model_id}"


OPENCODE = OpenCodeProduct(
    name="opencode",
    version=VERSION,
    protocol="anthropic",
    install=(
        NPM_STAGE.format(package=f"opencode-ai@{VERSION}")
        + "RUN apt-get update \\\n"
        + " && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ripgrep \\\n"
        + " && native=$(readlink -f /opt/agent/bin/opencode) && rm /opt/agent/bin/opencode \\\n"
        + ' && cp "$native" /opt/agent/bin/opencode && cp /usr/bin/rg /opt/agent/bin/rg \\\n'
        + " && rm -rf /opt/agent/lib/node_modules\n"
    ),
    # A title given: no extra model call to write one.
    command=(
        f'export OPENCODE_CONFIG_CONTENT="${{OPENCODE_CONFIG_CONTENT/{MODEL_SLOT}/${{HARNESS_AGENT_MODEL##*/}}}}" '
        "&& opencode run --format json --auto --pure --title harness-trial $HARNESS_AGENT_MODEL "
        '"$(cat "$HARNESS_PROMPT_FILE")"'
    ),
    model_flag="-m",
    own_providers=("anthropic",),
    default_model="claude-sonnet-4-5",
    env={
        "OPENCODE_CONFIG_CONTENT": json.dumps(CONFIG, separators=(",", ":")),
        "ANTHROPIC_API_KEY": "harness-gateway",
        "OPENCODE_DISABLE_AUTOUPDATE": "1",
        "OPENCODE_DISABLE_MODELS_FETCH": "1",  # its bundled model list, not a download
        "OPENCODE_DISABLE_LSP_DOWNLOAD": "1",
        "OPENCODE_DISABLE_SHARE": "1",
        "OPENCODE_DISABLE_DEFAULT_PLUGINS": "1",
        "OPENCODE_DISABLE_CLAUDE_CODE": "1",  # no ~/.claude prompts or skills
        "OPENCODE_DISABLE_EXTERNAL_SKILLS": "1",
        "OPENCODE_DISABLE_TERMINAL_TITLE": "1",
        "NO_COLOR": "1",
    },
    check="opencode --version && rg --version",
)


class Agent(InstalledAgent):
    product = OPENCODE
