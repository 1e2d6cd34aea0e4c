"""Claude Code (Anthropic's CLI), headless: `claude -p` with stream-json output, permissions skipped
(the container is the sandbox), speaking Anthropic Messages to the gateway."""

from __future__ import annotations

from harness.agents.installed import NPM_STAGE, InstalledAgent, Product, base_url

CLAUDE_CODE = Product(
    name="claude-code",
    version="2.1.328",
    protocol="anthropic",
    install=NPM_STAGE.format(package="@anthropic-ai/claude-code@2.1.328"),
    command=(
        'claude -p "$(cat "$HARNESS_PROMPT_FILE")" --output-format stream-json --verbose '
        "--dangerously-skip-permissions $HARNESS_AGENT_MODEL"
    ),
    own_providers=("anthropic",),
    env={
        "ANTHROPIC_BASE_URL": base_url("anthropic"),
        "ANTHROPIC_API_KEY": "harness-gateway",
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_ERROR_REPORTING": "1",
    },
    entrypoints=("claude",),
    check="claude --version",
)


class Agent(InstalledAgent):
    product = CLAUDE_CODE
