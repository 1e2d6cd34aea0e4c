"""Aider (PyPI aider-chat), headless: one `--message-file` turn with every confirmation answered yes,
its git commits, update checks and analytics off, speaking OpenAI Chat Completions (through litellm)
to the gateway."""

from __future__ import annotations

from harness.agents.installed import PIP_STAGE, InstalledAgent, Product, base_url

VERSION = "0.86.2"
AIDER = Product(
    name="aider",
    version=VERSION,
    protocol="openai-chat",
    install=PIP_STAGE.format(package=f"aider-chat=={VERSION}"),
    command=(
        'aider --model "openai/${HARNESS_AGENT_MODEL#--model }" --message-file "$HARNESS_PROMPT_FILE" '
        "--edit-format diff --yes-always --no-auto-commits --no-dirty-commits --no-gitignore "
        "--no-check-update --no-analytics --no-show-release-notes --no-show-model-warnings "
        "--no-pretty --no-fancy-input --no-detect-urls --max-chat-history-tokens 8192 "
        "--chat-history-file /tmp/aider/chat.md --input-history-file /tmp/aider/input.txt "
        # As in Aider's own benchmark: the visible tests run after its edits, failures go back to it.
        '${HARNESS_TEST_COMMAND:+--test-cmd "$HARNESS_TEST_COMMAND" --auto-test}; '
        # Its repo map's tag cache lives in the repository root: not part of the agent's change.
        "rc=$?; rm -rf .aider.tags.cache.v*; exit $rc"
    ),
    own_providers=("openai", "anthropic"),
    default_model="gpt-4o-mini",
    env={
        "OPENAI_API_BASE": base_url("openai-chat"),
        "OPENAI_API_KEY": "harness-gateway",
    },
    entrypoints=("aider",),
    check="aider --version",
)


class Agent(InstalledAgent):
    product = AIDER
