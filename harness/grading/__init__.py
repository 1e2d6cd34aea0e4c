"""Grading: the workspace's way to a fresh container, the hidden tests, and the verdict."""

from harness.grading.report import parse_junit, verdict
from harness.grading.run import JUNIT_PATH, MAX_DIFF_CHARS, GradeOutcome, grade
from harness.grading.workspace import (
    DEFAULT_PROTECTED,
    MAX_WORKSPACE_FILES,
    SHADOWED,
    GitError,
    WorkspaceRejected,
    build_grading_tree,
    compute_diff,
    extract_workspace,
    is_protected,
    protected_patterns,
)

__all__ = [
    "DEFAULT_PROTECTED",
    "JUNIT_PATH",
    "MAX_DIFF_CHARS",
    "MAX_WORKSPACE_FILES",
    "SHADOWED",
    "GitError",
    "GradeOutcome",
    "WorkspaceRejected",
    "build_grading_tree",
    "compute_diff",
    "extract_workspace",
    "grade",
    "is_protected",
    "parse_junit",
    "protected_patterns",
    "verdict",
]
