"""The locale layer: UI catalogues come from the package, a project's catalogue overrides them
key by key, every language must have every string, and a new language is a catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factsite.content.diagnostics import ContentError
from factsite.render.locale import load_locales
from factsite.render.templates import BUILT_IN, TemplateDirs


def project_catalogue(tmp_path: Path, lang: str, data: dict) -> TemplateDirs:
    folder = tmp_path / "templates" / "i18n"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lang}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                         encoding="utf-8")
    return TemplateDirs.for_project(tmp_path / "templates")


def test_project_catalogue_overrides_key_by_key(tmp_path: Path):
    dirs = project_catalogue(tmp_path, "en", {"home": "Start", "kinds": {"district": {
        "one": "Area", "many": "Areas"}}})
    locales = load_locales(dirs, ("zh", "en"))
    assert locales["en"]["home"] == "Start"
    assert locales["en"]["kinds"]["district"]["many"] == "Areas"
    assert locales["en"]["kinds"]["cluster"]["one"] == "Cluster"  # the rest is built in
    assert locales["zh"]["home"] == "首页"


def test_a_string_missing_in_one_language_is_an_error(tmp_path: Path):
    built_in = yaml.safe_load((BUILT_IN / "i18n" / "en.yaml").read_text(encoding="utf-8"))
    built_in["extra_string"] = "only in English"
    dirs = project_catalogue(tmp_path, "en", built_in)
    with pytest.raises(ContentError) as caught:
        load_locales(dirs, ("zh", "en"))
    assert "templates/i18n/zh.yaml:1:1: error S202 extra_string: UI string missing in zh" in \
        caught.value.report()


def test_a_language_without_catalogue_is_an_error(tmp_path: Path):
    with pytest.raises(ContentError) as caught:
        load_locales(TemplateDirs.for_project(None), ("zh", "en", "fr"))
    assert "no UI catalogue for language 'fr'" in caught.value.report()


def test_a_new_language_is_a_catalogue(tmp_path: Path):
    """French, from a copy of the English catalogue with a French locale: numbers and periods
    come out French without any code."""
    data = yaml.safe_load((BUILT_IN / "i18n" / "en.yaml").read_text(encoding="utf-8"))
    data["language"] = {"name": "Français", "tag": "fr", "locale": "fr_FR",
                        "og_locale": "fr_FR"}
    data["number"] = {"pattern": "#,##0.######", "compact": "long", "compact_from": 1000000}
    data["units"]["enterprises"]["format"] = {"one": "{n} entreprise", "other": "{n} entreprises"}
    fr = load_locales(project_catalogue(tmp_path, "fr", data), ("en", "fr"))["fr"]
    assert fr.tag == "fr"
    assert fr.number(20361, "enterprises") == "20\u202f361 entreprises"
    assert fr.number(5076, "cny_100m") == "CNY 507,6 milliards"
    assert fr.period("2024-01..05") == "janv.–mai 2024"  # CLDR French
