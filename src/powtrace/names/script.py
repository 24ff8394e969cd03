"""Script and language detection for person names, and homoglyph repair."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["Cyrl", "Latn", "Mixed", "Zyyy"]
Language = Literal["ru", "uk"]

UK_LETTERS = frozenset("іїєґІЇЄҐ")
RU_LETTERS = frozenset("ыэъёЫЭЪЁ")

# Latin and Cyrillic letters that look alike. Lists typed on mixed keyboards put a Latin "o" or "i"
# inside a Cyrillic surname; without repair, such a word would not even detect as Cyrillic.
_PAIRS = dict(zip("aceopxyibhkmt", "асеорхуівнкмт", strict=True))
# Closed under case, so a word repairs the same whether it is written in capitals or not.
_LAT_TO_CYR = _PAIRS | {k.upper(): v.upper() for k, v in _PAIRS.items()}
_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}


def is_cyrillic(ch: str) -> bool:
    """True for a letter of the Cyrillic blocks."""
    return "\u0400" <= ch <= "\u052f" or "\u1c80" <= ch <= "\u1c8f"


def is_latin(ch: str) -> bool:
    """True for a Latin letter, with or without diacritics."""
    if ch.isascii():
        return ch.isalpha()
    return ch.isalpha() and "LATIN" in unicodedata.name(ch, "")


def detect_script(text: str) -> Script:
    """Return the ISO 15924 code of the letters in `text`: Cyrl, Latn, Mixed or Zyyy (none)."""
    cyr = lat = 0
    for ch in text:
        if is_cyrillic(ch):
            cyr += 1
        elif is_latin(ch):
            lat += 1
    if cyr and lat:
        return "Mixed"
    if cyr:
        return "Cyrl"
    if lat:
        return "Latn"
    return "Zyyy"


def detect_language(text: str) -> Language | None:
    """Guess ru or uk from letters only one of them has; None when the letters do not tell."""
    uk = sum(ch in UK_LETTERS for ch in text)
    ru = sum(ch in RU_LETTERS for ch in text)
    # The Ukrainian apostrophe between letters (В'ячеслав, Мар'ян) marks Ukrainian as well.
    uk += sum(
        1
        for i in range(1, len(text) - 1)
        if text[i] in "'’ʼ" and is_cyrillic(text[i - 1]) and is_cyrillic(text[i + 1])
    )
    if uk == ru:
        # Weak hints: Ukrainian has no word-initial и (Іван, Ігор), Russian has no ьо (Ковальов).
        lowered = text.lower()
        ru += sum(1 for w in lowered.split() if w.startswith("и"))
        uk += lowered.count("ьо")
    if uk > ru:
        return "uk"
    if ru > uk:
        return "ru"
    return None


@lru_cache(maxsize=65536)
def repair_homoglyphs(word: str) -> str:
    """Rewrite look-alike letters of the minority script in a word into the majority script."""
    cyr = sum(is_cyrillic(ch) for ch in word)
    lat = sum(is_latin(ch) for ch in word)
    if not cyr or not lat:
        return word
    table = _LAT_TO_CYR if cyr >= lat else _CYR_TO_LAT
    return "".join(table.get(ch, ch) for ch in word)
