"""mini-SWE-agent (the SWE-agent team's), headless: `mini` in yolo mode, exiting when the model submits,
with its text-based configuration (one bash code block per reply, the task ended by the command
`echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT`), speaking OpenAI Chat Completions to the gateway through
litellm. Its own cost limit is off (the gateway meters and limits); no setup wizard, no cost-map fetch."""

from __future__ import annotations

import re

from harness.agents.installed import PIP_STAGE, InstalledAgent, Product, base_url

VERSION = "2.4.6"
CONFIG_DIR = "/tmp/mini-swe-agent"
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")


class MiniProduct(Product):
    """litellm routes `openai/<id>` to the OpenAI-compatible endpoint at `api_base` (the gateway), so
    the agent is told the run's model id under that prefix, whatever the run's provider: the gateway
    puts the run's own model in the request either way."""

    def model_args(self, model_name: str) -> str:
        provider, _, model_id = model_name.partition("/")
        if provider == "fake" or not SAFE_ID.fullmatch(model_id):
            model_id = self.default_model or "gpt-4o-mini"
        return f"{self.model_flag} openai/{model_id}"


MINI_CONFIG = " ".join(
    f"-c {spec}"
    for spec in (
        "mini_textbased.yaml",
        "model.model_class=litellm_textbased",
        f"model.model_kwargs.api_base={base_url('openai-chat')}",
        "model.model_kwargs.api_key=harness-gateway",
        "model.cost_tracking=ignore_errors",
        "environment.cwd=/workspace",
        # mini's default is 30 s a command; a build or a test suite takes longer on a sandbox's CPU.
        "environment.timeout=600",
    )
)
MINI_SWE_AGENT = MiniProduct(
    name="mini-swe-agent",
    version=VERSION,
    protocol="openai-chat",
    install=PIP_STAGE.format(package=f"mini-swe-agent=={VERSION}"),
    command=(
        f"mkdir -p {CONFIG_DIR} && mini --yolo --exit-immediately --cost-limit 0 {MINI_CONFIG} "
        f'$HARNESS_AGENT_MODEL --output {CONFIG_DIR}/trajectory.json --task "$(cat "$HARNESS_PROMPT_FILE")"'
    ),
    model_flag="--model",
    default_model="gpt-4o-mini",
    env={
        "MSWEA_CONFIGURED": "1",  # no first-run setup prompt
        "MSWEA_GLOBAL_CONFIG_DIR": CONFIG_DIR,
        "MSWEA_COST_TRACKING": "ignore_errors",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",  # litellm's bundled price map, not a download
        "LITELLM_TELEMETRY": "False",
        "OPENAI_API_KEY": "harness-gateway",
        # One attempt a call: the gateway already retries the provider, and answers a limit with an
        # error that mini's own retries (10, backing off up to a minute) would only wait out.
        "MSWEA_MODEL_RETRY_STOP_AFTER_ATTEMPT": "1",
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "COLUMNS": "200",  # its console log, not wrapped at 80
    },
    entrypoints=("mini",),
    check="MSWEA_SILENT_STARTUP=1 MSWEA_GLOBAL_CONFIG_DIR=/tmp/mini-check mini --help >/dev/null",
)


class Agent(InstalledAgent):
    product = MINI_SWE_AGENT
