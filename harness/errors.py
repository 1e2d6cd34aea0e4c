"""User-facing errors: each carries one line saying what is wrong and how to fix it."""


class HarnessError(Exception):
    """A problem the user can fix (bad input, missing engine, unknown name). Exit code 2."""

    exit_code = 2


class TaskError(HarnessError):
    """A task folder is malformed; the message names the file and the field."""


class SandboxError(Exception):
    """The sandbox infrastructure failed (Docker error, harness-side timeout): an `error`, not a `fail`."""


class DockerUnavailable(HarnessError):
    """No Docker engine answers."""
