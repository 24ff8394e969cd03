"""The extractor never fails on text shaped oddly: all in lower or upper case, without
punctuation, on one line, or cut off mid-sentence (invented paragraphs). Real pages arrive like
this (captions in capitals, chat exports without punctuation), and one failing rule must not cost
the whole text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from powtrace.extract.pipeline import extract

TEXTS = {
    "en": (
        "Sgt. Oleh Marchenko, 29, was captured near Vuhledar in May. His wife, Iryna, said he "
        "was freed in a 95-for-95 exchange last week. “They beat us every day,” he told "
        "reporters. The ombudsman, Petro Sydorenko, said 12 more men were still held."
    ),
    "ru": (
        "Рядового Илью Котова взяли в плен под Работино. Его мать Галина рассказала, что в "
        "июле его обменяли. Его звуть Илья, позывной «Сокол». Суд приговорил Сергея Белова к "
        "13 годам. Один из военнослужащих, вернувшихся из плена, пропал без вести."
    ),
    "uk": (
        "Його звуть Остап, йому 31 рік. Остапа взяли в полон у 2022 році, потім — Оленівка, "
        "Таганрог, Камишин. — Нас били щодня, — розповіла Ганна. Серед звільнених — Тарас "
        "Гуменюк і Лев Дячук. Уповноважений Дмитро Коваленко заявив, що обмін відбувся."
    ),
}
SHAPES: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "swapped": str.swapcase,
    "no punctuation": lambda t: re.sub(r"[.,;:!?«»“”—–-]", " ", t),
    "one word per line": lambda t: t.replace(" ", "\n"),
    "cut": lambda t: t[: len(t) // 2],
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_oddly_shaped_text_is_read_without_failing(lang: str, shape: str) -> None:
    text = SHAPES[shape](TEXTS[lang])
    result = extract(text, None, lang)
    for event in result.events:  # every proposal still points into the text it came from
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
