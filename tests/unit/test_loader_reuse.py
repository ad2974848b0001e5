"""A Loader kept between loads (the preview server's) re-parses and rechecks only what
changed, yet reports exactly what a fresh load reports: an edited sheet's bad quote, and
a quote of an unchanged sheet that an edited source no longer contains."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factsite.content.diagnostics import ContentError
from factsite.content.loader import Loader

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini" / "content"
QUOTE = "东区集聚专精特新企业45家"


def _codes(loader: Loader) -> list[str]:
    with pytest.raises(ContentError) as error:
        loader.load()
    return sorted(f"{d.file.split('/')[-1]}:{d.code}" for d in error.value.diagnostics)


def test_a_kept_loader_rechecks_what_changed(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    loader = Loader(content)
    first = loader.load()
    sheet = content / "districts" / "east-district.yaml"
    text = sheet.read_text(encoding="utf-8")

    sheet.write_text(text.replace(QUOTE, "东区集聚专精特新企业46家"), encoding="utf-8")
    assert _codes(loader) == ["east-district.yaml:P400", "east-district.yaml:P401"]

    sheet.write_text(text, encoding="utf-8")
    again = loader.load()
    assert again.entities["east-district"] == first.entities["east-district"]

    # the sheet is unchanged (its check was kept), the source no longer holds its quote
    article = content / "sources" / "article.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(QUOTE, "东区集聚企业"),
                       encoding="utf-8")
    assert _codes(loader) == ["east-district.yaml:P400"]
    assert _codes(Loader(content)) == ["east-district.yaml:P400"]  # as a fresh load says
