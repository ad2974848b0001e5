"""The architecture stays as DESIGN.md draws it: the import contract of pyproject.toml holds
(lint-imports), only the site engine imports MkDocs, no module is over 400 lines, and there
is no module-level mutable state or environment write in library code."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import metadata
from pathlib import Path

import pytest

from helpers import REPO

SRC = REPO / "src" / "factsite"
MODULES = sorted(SRC.rglob("*.py"))


def test_import_contract_is_kept():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    # this checkout's code, not whichever copy of factsite is installed in the environment
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    result = subprocess.run([lint, "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_only_the_engine_imports_mkdocs():
    importers = {str(p.relative_to(SRC)) for p in MODULES
                 if re.search(r"^\s*(from|import) (mkdocs|material)\b", p.read_text("utf-8"),
                              re.M)}
    assert importers == {"site/engine.py"}


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_modules_are_small_and_stateless(module: Path):
    text = module.read_text(encoding="utf-8")
    assert text.count("\n") <= 400, "split this module"
    tree = ast.parse(text)
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], "a global statement"
    for node in ast.walk(tree):  # library code reads the environment, never writes it
        written = isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del))
        called = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr in ("setdefault", "update", "pop", "putenv", "unsetenv")
        target = node.value if written else node.func.value if called else None
        assert target is None or ast.unparse(target) not in ("os.environ", "os"), \
            f"line {node.lineno}: writes the environment"
    for node in tree.body:  # module-level functions are not memoised
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for dec in node.decorator_list:
                name = ast.unparse(dec)
                assert "lru_cache" not in name and name != "cache", \
                    f"{node.name}: memoised at module level; keep caches in objects"


def test_no_module_level_store_is_written():
    """A dict or list created at module level and filled later is process-global state."""
    for module in MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        top = {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
               for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
               if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for inner in ast.walk(node):
                    target = None
                    if isinstance(inner, ast.Subscript) and isinstance(inner.ctx, ast.Store):
                        target = inner.value
                    elif isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) \
                            and inner.func.attr in ("append", "update", "setdefault", "add",
                                                    "clear", "pop"):
                        target = inner.func.value
                    if isinstance(target, ast.Name) and target.id in top and \
                            target.id not in {a.arg for a in node.args.args} and \
                            not any(isinstance(s, ast.Assign) and any(
                                isinstance(t, ast.Name) and t.id == target.id
                                for t in s.targets) for s in ast.walk(node)):
                        pytest.fail(f"{module.relative_to(SRC)}: {node.name} writes the "
                                    f"module-level {target.id}")


def test_requires_python_covers_the_dependencies():
    ours = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    floor = tuple(int(x) for x in ours["requires-python"].removeprefix(">=").split("."))
    for dist in ("altair", "mkdocs", "pydantic", "weasyprint", "babel", "opencc"):
        needed = metadata(dist).get("Requires-Python") or ""
        found = re.search(r">=\s*(\d+)\.(\d+)", needed)
        if found:
            assert floor >= (int(found.group(1)), int(found.group(2))), (dist, needed)


def test_docstrings_name_the_real_commands():
    from factsite.cli import COMMANDS, parser, plugged_commands

    names = set(COMMANDS) | set(plugged_commands())
    assert names == set(parser()._subparsers._group_actions[0].choices)
    for path in (REPO / "build.py", SRC / "cli.py"):
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        mentioned = set(re.findall(r"\b([a-z]+)\b", doc)) & (names | {"pdf"})
        assert mentioned == names, (path.name, sorted(names - mentioned),
                                    sorted(mentioned - names))
