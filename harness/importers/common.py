"""Writing imported task folders: the same layout and task.toml as hand-written tasks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from harness.errors import HarnessError


def toml_value(value: Any) -> str:
    """A TOML literal for the simple values task.toml holds (JSON strings are valid TOML strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def render_toml(top: dict[str, Any], tables: dict[str, dict[str, Any]]) -> str:
    lines = [f"{k} = {toml_value(v)}" for k, v in top.items() if v is not None]
    for name, table in tables.items():
        lines += ["", f"[{name}]"] + [f"{k} = {toml_value(v)}" for k, v in table.items() if v is not None]
    return "\n".join(lines) + "\n"


def prepare_out(out: Path, force: bool) -> None:
    """The destination folder, refusing to mix an import into a folder of something else."""
    if out.exists() and any(out.iterdir()) and not force:
        raise HarnessError(f"{out} is not empty: pass --force to overwrite the tasks in it")
    out.mkdir(parents=True, exist_ok=True)


def write_task(
    dest: Path,
    toml: str,
    instruction: str,
    workspace: dict[str, str | Path],
    tests: dict[str, str | Path],
    solution: dict[str, str | Path],
) -> None:
    """One task folder; each mapping is relative path -> text, or -> a file to copy (keeps its mode)."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "workspace").mkdir(parents=True)
    (dest / "task.toml").write_text(toml)
    (dest / "instruction.md").write_text(instruction)
    for sub, files in (("workspace", workspace), ("tests", tests), ("solution", solution)):
        for rel, content in files.items():
            target = dest / sub / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copy2(content, target)
            else:
                target.write_text(content)
