"""Language of a source's text: English, Russian or Ukrainian, or None when it is neither.

Three languages with distinct scripts and letters need no model: the share of Cyrillic letters
separates English from the other two, and letters and function words only one of Russian and
Ukrainian has separate those. Text in any other language is refused by the caller.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_EN = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "was",
        "on",
        "with",
        "as",
        "by",
        "he",
        "it",
        "at",
        "from",
        "his",
        "are",
        "were",
        "be",
        "has",
        "have",
        "had",
        "not",
        "but",
        "they",
        "this",
        "which",
        "their",
        "an",
        "or",
        "who",
        "been",
        "said",
        "after",
        "she",
        "her",
        "its",
        "would",
        "will",
    ]
)
# Function words that one of the two languages has and the other lacks (or rarely uses).
_RU = frozenset(
    [
        "и",
        "что",
        "это",
        "от",
        "был",
        "была",
        "были",
        "который",
        "которые",
        "также",
        "после",
        "его",
        "если",
        "когда",
        "как",
        "только",
        "уже",
        "он",
        "она",
        "они",
        "их",
        "ещё",
        "еще",
        "чтобы",
        "было",
        "сказал",
        "года",
        "лет",
        "где",
        "при",
    ]
)
_UK = frozenset(
    [
        "і",
        "й",
        "та",
        "що",
        "це",
        "від",
        "був",
        "була",
        "були",
        "який",
        "які",
        "також",
        "після",
        "якщо",
        "коли",
        "як",
        "тільки",
        "вже",
        "він",
        "вона",
        "вони",
        "їх",
        "ще",
        "щоб",
        "було",
        "сказав",
        "року",
        "років",
        "де",
        "при",
        "між",
        "із",
        "зі",
    ]
)
# Function words of other Latin-script languages, so that French or German is not taken for English.
_OTHER_LATIN = (
    frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "zu",
            "den",
            "von",
            "mit",
            "sich",
            "des",
            "auf",
            "für",
            "im",
            "dem",
            "wurde",
        ]
    ),
    frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "des",
            "est",
            "un",
            "une",
            "du",
            "que",
            "qui",
            "dans",
            "pour",
            "pas",
            "sur",
            "au",
            "il",
            "elle",
            "été",
        ]
    ),
    frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "que",
            "en",
            "un",
            "una",
            "es",
            "por",
            "con",
            "para",
            "del",
            "se",
            "no",
            "fue",
            "su",
        ]
    ),
    frozenset(
        ["i", "w", "z", "na", "się", "nie", "że", "do", "jest", "to", "od", "po", "jak", "ale"]
    ),
)
_UK_LETTERS = frozenset("іїєґ")
_RU_LETTERS = frozenset("ыэъё")
_OTHER_CYRILLIC = frozenset("ўђјљњћџѓќѕ")  # Belarusian, Serbian, Macedonian letters


def detect_language(text: str) -> str | None:
    """Return 'en', 'ru' or 'uk' for text written in one of them, else None."""
    lowered = text.lower()
    cyr = sum(1 for ch in lowered if "а" <= ch <= "я" or ch in "ёіїєґўђјљњћџѓќѕ")
    lat = sum(1 for ch in lowered if "a" <= ch <= "z")
    if cyr + lat < 20:
        return None  # too little text to tell
    words = _WORD.findall(lowered)
    if cyr > 0.6 * (cyr + lat):
        if sum(ch in _OTHER_CYRILLIC for ch in lowered) > 0.002 * cyr:
            return None
        uk = sum(ch in _UK_LETTERS for ch in lowered) + 3 * sum(w in _UK for w in words)
        ru = sum(ch in _RU_LETTERS for ch in lowered) + 3 * sum(w in _RU for w in words)
        if max(uk, ru) < 3:
            return None
        return "uk" if uk > ru else "ru"
    if lat > 0.6 * (cyr + lat):
        english = sum(w in _EN for w in words)
        # Running English prose has about a third function words; other Latin-script languages
        # share few of these (a, in, on) and stay well under a tenth.
        rival = max(sum(w in other for w in words) for other in _OTHER_LATIN)
        return "en" if english > rival and english / len(words) >= 0.12 else None
    return None
