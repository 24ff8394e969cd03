"""Latin renderings of a Cyrillic name in every romanisation system in real use."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import iuliia
import translitua

from powtrace.names.script import Language, detect_language, is_cyrillic

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


def _recase(source: str, latin: str) -> str:
    """Give a Latin word the letter case of its Cyrillic source (iuliia mangles ЁЛКИН)."""
    if len(source) > 1 and source.isupper():
        return latin.upper()
    if source[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def _iuliia(schema: iuliia.Schema) -> Callable[[str], str]:
    """Wrap an iuliia schema so it works on lower-case words and restores their case."""

    def run(text: str) -> str:
        out = _WORD.sub(lambda m: _recase(m[0], schema.translate(m[0].lower())), text)
        # Several iuliia schemas emit the Cyrillic ё where their standard has the Latin ë.
        return out.replace("ё", "ë").replace("Ё", "Ë")

    return run


def _translitua(table: type) -> Callable[[str], str]:
    """Wrap a translitua table (it handles case itself)."""
    return lambda text: translitua.translit(text, table)


# German press convention for Russian names (Duden): w for в, sch for ж/ш, tsch, z for ц.
# iuliia has no German schema, so this one is ours.
_DE = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja",
}  # fmt: skip
_DE_VOWELS = frozenset("аеёиоуыэюяьъ")


def _german_word(word: str) -> str:
    """Romanise one lower-case Russian word by the German press convention."""
    word = re.sub(r"ий$", "и", word)  # Dmitri, Juri, Wassili
    word = re.sub(r"ый$", "ы", word)  # Nawalny
    out: list[str] = []
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch == "е" and (not prev or prev in _DE_VOWELS):
            out.append("je")  # Jewgeni, Sergejewitsch
        elif ch == "ё" and prev in ("ж", "ч", "ш", "щ"):
            out.append("o")  # Gorbatschow
        elif ch == "с" and prev in _DE_VOWELS and nxt in _DE_VOWELS:
            out.append("ss")  # Wassili: a single s between vowels would be read as з
        elif ch == "ь":
            # Iljitsch, Piljow; before е ё ю я the vowel itself starts with j (Jurjewitsch, Ilja)
            out.append("j" if nxt in ("и", "о") else "")
        elif ch == "к" and nxt == "с":
            out.append("x")  # Alexander, Alexej
        elif ch == "с" and prev == "к":
            continue
        else:
            out.append(_DE.get(ch, ch))
    return "".join(out)


def _german(text: str) -> str:
    """Romanise Russian text by the German press convention."""
    return _WORD.sub(lambda m: _recase(m[0], _german_word(m[0].lower())), text)


RUSSIAN_SYSTEMS: dict[str, Callable[[str], str]] = {
    "icao_doc_9303": _iuliia(iuliia.ICAO_DOC_9303),  # Russian passports since 2013
    "mvd_782": _iuliia(iuliia.MVD_782),  # passports 2010-2013
    "mvd_310": _iuliia(iuliia.MVD_310),  # passports 1997-2010
    "mvd_310_fr": _iuliia(iuliia.MVD_310_FR),  # Soviet-era, French-based passport spelling
    "bgn_pcgn": _iuliia(iuliia.BGN_PCGN),
    "scholarly": _iuliia(iuliia.SCIENTIFIC),
    "iso_9": _iuliia(iuliia.GOST_779),
    "ala_lc": _iuliia(iuliia.ALA_LC),
    "en_press": _iuliia(iuliia.WIKIPEDIA),  # what English-language newsrooms use
    "de_press": _german,
    "fr_press": _iuliia(iuliia.MVD_310_FR),  # Iouri, Sergueï-style French spelling
}

UKRAINIAN_SYSTEMS: dict[str, Callable[[str], str]] = {
    "kmu_2010": _translitua(translitua.UkrainianKMU),  # national; passports, BGN/PCGN 2019
    "passport_2007": _translitua(translitua.UkrainianPassport2007),
    "passport_2004": _translitua(translitua.UkrainianPassport2004Alt),
    "national_1996": _translitua(translitua.UkrainianNational1996),
    "bgn_pcgn_1965": _translitua(translitua.UkrainianBGN),
    "scholarly": _translitua(translitua.UkrainianWWS),
    "iso_9": _translitua(translitua.UkrainianISO9),
    "ala_lc": _translitua(translitua.UkrainianALALC),
    "en_press": _translitua(translitua.UkrainianKMU),  # English-language press follows KMU
    "de_press": _translitua(translitua.UkrainianGerman),
    "fr_press": _translitua(translitua.UkrainianFrench),
}


@lru_cache(maxsize=16384)
def _cached(text: str) -> tuple[tuple[str, str], ...]:
    """Compute the transliterations of one text (cached, as a hashable tuple)."""
    if not any(is_cyrillic(ch) for ch in text):
        return ()
    language = detect_language(text)
    out: list[tuple[str, str]] = []
    # Russian tables pass Ukrainian letters through untouched, so they only run on text that
    # may be Russian; the Ukrainian tables likewise only run on text that may be Ukrainian.
    if language in (None, "ru"):
        out += [(f"ru:{name}", fn(text)) for name, fn in RUSSIAN_SYSTEMS.items()]
    if language in (None, "uk"):
        out += [(f"uk:{name}", fn(text)) for name, fn in UKRAINIAN_SYSTEMS.items()]
    return tuple(out)


def transliterations(text: str) -> dict[str, str]:
    """Map 'lang:system' to the Latin form of Cyrillic `text`; {} for text with no Cyrillic."""
    return dict(_cached(text))


def transliterate_as(text: str, language: Language) -> dict[str, str]:
    """Map system name to the Latin form of `text`, read as `language` whatever its letters."""
    systems = RUSSIAN_SYSTEMS if language == "ru" else UKRAINIAN_SYSTEMS
    return {name: fn(text) for name, fn in systems.items()}
