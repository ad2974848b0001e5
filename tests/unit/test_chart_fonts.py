"""Charts are drawn with the renderer's own font subset, whatever this process rendered before:
vl-convert's font registry is process-wide and append-only, so a second subset of the same
family registered in one process (a preview after an edit adds a character, two editions in
one test run) would draw with the first one. Regression: the robustness suite found a PNG
download that differed between a warm and a fresh cache."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from helpers import MINI, edition_fonts

SPEC = {"data": {"values": [{"a": "东区", "b": 3}, {"a": "河城", "b": 5}, {"a": "西区", "b": 2}]},
        "mark": "bar", "config": {"font": "Noto Sans SC"},
        "encoding": {"x": {"field": "a", "type": "nominal"},
                     "y": {"field": "b", "type": "quantitative"}}}


def _draw(fonts) -> tuple[str, str]:
    """(SVG, sha256 of the PNG) of SPEC with `fonts`, on an empty cache."""
    from factsite.core.cache import Cache
    from factsite.render.charts.svg import SvgRenderer

    with SvgRenderer(Cache(Path(tempfile.mkdtemp())), fonts) as renderer:
        return renderer.render(SPEC), hashlib.sha256(renderer.png(SPEC)).hexdigest()


def test_a_second_subset_in_one_process_draws_as_in_a_fresh_one():
    mini, real = edition_fonts(MINI / "content"), edition_fonts()
    assert mini.folder != real.folder
    alone = subprocess.run(  # the mini edition's subset in a process of its own
        [sys.executable, "-c", "import json, sys; sys.path.insert(0, sys.argv[1]); "
         "from test_chart_fonts import _draw, edition_fonts, MINI; "
         "print(json.dumps(_draw(edition_fonts(MINI / 'content'))))", str(Path(__file__).parent)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    _draw(real)  # another subset of the same family first, in this process
    assert list(_draw(mini)) == json.loads(alone.stdout.splitlines()[-1])
