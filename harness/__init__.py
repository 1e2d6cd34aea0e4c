"""harness: run coding agents on tasks in Docker sandboxes and grade them with hidden tests."""

__version__ = "0.1.0"
