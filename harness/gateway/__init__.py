"""The model gateway: the one thing an installed agent's container can reach.

One gateway per trial listens on a unix socket in a host folder that is bind-mounted into the agent's
container (which has no network at all); a relay inside the container (socat) turns 127.0.0.1:PORT
into that socket. The gateway speaks the wire protocols agent products use (Anthropic Messages,
OpenAI Chat Completions and OpenAI Responses, streaming included), sends every request to the run's
`--model` through the provider layer, meters each call's usage and cost exactly as the harness's own
agents do, enforces the trial's limits, and records every exchange in the trial's transcript.
"""
