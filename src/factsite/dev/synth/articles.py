"""The source articles of a synthetic edition: Chinese news text that states every quote."""

from __future__ import annotations

import random

from factsite.dev.synth.region import Node, Place
from factsite.dev.synth.tables import FILLER, GIVEN, PUB_YEAR, SURNAMES, T


def write_article(doc_id: str, k: int, items: list[Node], city: Place, rng: random.Random,
             date: str) -> tuple[str, dict]:
    """A Chinese news article stating every quote of `items`, and its sources.yaml entry."""
    first = items[0].place  # the article is datelined from the place of its first story
    title_zh = f"{first.zh}等地加快推进新型工业化调查（之{k}）"
    title_en = f"How {first.en} and its neighbours push new industrialisation (part {k})"
    reporters = ["".join(rng.sample(SURNAMES, 1) + rng.sample(GIVEN, 2)) for _ in range(2)]
    byline = f"记者 {reporters[0]} 通讯员 {reporters[1]}"
    month, day = int(date[5:7]), int(date[8:10])
    lines = [title_zh, "", f"{city.zh}日报 {byline}", "",
             f"本报讯 {PUB_YEAR}年{month}月{day}日，记者从{city.zh}经济和信息化局获悉，"
             f"全市坚持把制造业作为立市之本，以新质生产力为引领，持续推进新型工业化。"
             f"记者近日深入{first.zh}等地采访，看到的是一幅产业提质升级的生动图景。", ""]
    for node in items:
        sentences = list(node.sentences)
        fill = [s.format(name=node.place.zh) for s in rng.sample(FILLER, 3)]
        body = [fill[0]] + sentences[: len(sentences) // 2] + [fill[1]] + \
            sentences[len(sentences) // 2:] + [fill[2]]
        lines += ["".join(body), ""]
    lines += [f"{city.zh}经济和信息化局有关负责人表示，下一步将以更大力度推进产业基础高级化和"
              f"产业链现代化，推动制造业高质量发展再上新台阶。", ""]
    entry = {
        "id": doc_id,
        "file": f"{doc_id}.txt",
        "title": T(title_zh, title_en),
        "publisher": T(f"{city.zh}日报", f"{city.en} Daily"),
        "byline": byline,
        "date": date,
        "date_note": T("文首电头注明日期。", "The dateline gives the date."),
    }
    return "\n".join(lines), entry
