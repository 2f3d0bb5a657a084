"""The layers of docs and STYLE: domain → storage → analysis → render → actions → cli. A module
imports only from its own layer and the ones before it."""

from __future__ import annotations

import ast
from pathlib import Path

import moodlog

LAYERS = ("errors", "domain", "storage", "analysis", "render", "actions", "cli")


def layer_of(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else -1


def test_each_layer_imports_only_the_layers_before_it() -> None:
    root = Path(moodlog.__file__).parent
    wrong = []
    for path in root.rglob("*.py"):
        module = "moodlog." + ".".join(path.relative_to(root).with_suffix("").parts)
        own = layer_of(module)
        if own < 0:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("moodlog.") and layer_of(name) > own:
                    wrong.append(f"{module} imports {name}")
    assert wrong == []


SQL_CALLS = ("execute", "executemany", "executescript")


def test_only_storage_runs_sql() -> None:
    """SQL lives in moodlog/storage/: every other layer asks a named storage function."""
    root = Path(moodlog.__file__).parent
    wrong = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "storage":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in SQL_CALLS:
                wrong.append(f"{path.relative_to(root)}:{node.lineno} calls .{node.attr}(")
    assert wrong == []
