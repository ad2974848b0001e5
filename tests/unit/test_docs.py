"""Documentation cannot drift: the README's authoring guide is the generated one, every model
field is described, and CI runs exactly the README's test command."""

from __future__ import annotations

import re

import pytest

from helpers import REPO
from factsite.dev.guide import END, START, MODELS, authoring_guide


def test_readme_guide_is_generated_from_the_model():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    inside = readme.split(START)[1].split(END)[0].strip()
    assert inside == authoring_guide().strip(), "run: python build.py guide --write"


@pytest.mark.parametrize("cls", MODELS, ids=[c.__name__ for c in MODELS])
def test_every_field_is_documented(cls):
    missing = [name for name, info in cls.model_fields.items() if not info.description]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    assert len(commands) >= 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()
    assert commands[0] == "python -m pip install -e . && python build.py"
