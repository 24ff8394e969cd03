"""A folded Latin key per name form, so that a search typed in any script finds it.

Cyrillic is transliterated (iuliia's Wikipedia scheme for Russian letters; Ukrainian-only
letters first mapped to their Russian look-alikes), then case, diacritics and the spellings
that differ most between transliteration systems are folded. This is the store's coarse
index; ranking and the full set of renderings belong to ``powtrace.names`` and linkage.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import iuliia

_UK_TO_RU = str.maketrans(
    {"і": "и", "ї": "и", "є": "е", "ґ": "г", "І": "И", "Ї": "И", "Є": "Е", "Ґ": "Г"}
)
_FOLDS = (
    ("shch", "sh"),
    ("sch", "sh"),
    ("kh", "h"),
    ("zh", "j"),
    ("ts", "c"),
    ("tz", "c"),
    ("yu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ja", "a"),
    ("ye", "e"),
    ("je", "e"),
    ("yo", "e"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("g", "h"),
)
_NON_LETTERS = re.compile(r"[^a-z ]+")


@lru_cache(maxsize=65536)
def search_key(text: str) -> str:
    """Fold a name in any script to a lowercase Latin key with spelling variants merged."""
    latin = iuliia.WIKIPEDIA.translate(text.translate(_UK_TO_RU))
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    key = _NON_LETTERS.sub(" ", ascii_text.lower())
    for old, new in _FOLDS:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # doubled letters: Dolgopolow/Dolgopollov
    return " ".join(key.split())
