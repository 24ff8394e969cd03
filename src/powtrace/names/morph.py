"""Declined Russian and Ukrainian name words brought back to the nominative with pymorphy3."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import pymorphy3

from powtrace.names.script import is_cyrillic

_ANALYZERS: dict[str, pymorphy3.MorphAnalyzer] = {}
_LOCK = threading.Lock()
_GENDERS = {"masc": "m", "femn": "f"}
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The process-wide pymorphy3 analyzer for 'ru' or 'uk', loaded on first use."""
    found = _ANALYZERS.get(lang)
    if found is None:
        with _LOCK:  # loading a dictionary takes ~100 ms; do it once even under threads
            found = _ANALYZERS.get(lang) or pymorphy3.MorphAnalyzer(lang=lang)
            _ANALYZERS[lang] = found
    return found


@dataclass(frozen=True, slots=True)
class Form:
    """One reading of a name word: its nominative, the gender and the case it was read in."""

    text: str
    gender: str | None
    case: str | None


def _langs(lang: str | None) -> tuple[str, ...]:
    """Analyzers to consult: the one for a known language, else both."""
    return (lang,) if lang in ("ru", "uk") else ("ru", "uk")


@dataclass(frozen=True, slots=True)
class _Parse:
    kind: str  # Name, Surn, Patr or NOUN
    form: Form
    known: bool = True  # False for a guess from the word's ending (not in the dictionary)


@lru_cache(maxsize=262144)
def _analyse(word: str, code: str) -> tuple[_Parse, ...]:
    """The singular name-like and noun parses of a lower-case word (one analyzer call per word)."""
    if not word or not all(is_cyrillic(ch) or ch in "-'’ʼ" for ch in word):
        return ()  # pymorphy3 raises on letters without a Unicode name; only Cyrillic goes in
    out: dict[_Parse, None] = {}
    for parse in analyzer(code).parse(word):
        grammemes = parse.tag.grammemes
        kind = next((k for k in ("Name", "Surn", "Patr") if k in grammemes), None)
        if "plur" in grammemes and "Fixd" not in grammemes:
            continue
        gender = next((_GENDERS[g] for g in _GENDERS if g in grammemes), None)
        case = next((c for c in _CASES if c in grammemes), None)
        if kind is None:
            if "NOUN" in grammemes:
                out[_Parse("NOUN", Form(parse.normal_form, "m", case), parse.is_known)] = None
            continue
        nominative = parse.inflect({"nomn", "sing"}) if "Fixd" not in grammemes else None
        # pymorphy3-ru lemmatises Петровой to петров; inflecting keeps the feminine Петрова.
        text = nominative.word if nominative is not None else parse.normal_form
        out[_Parse(kind, Form(text, gender, case), parse.is_known)] = None
    return tuple(out)


def _readings(word: str, lang: str | None, kind: str, known_only: bool = False) -> tuple[Form, ...]:
    """Readings of `kind` (Name, Surn, Patr or NOUN) from the analyzers for `lang`; with
    `known_only`, only those of words the dictionaries hold (not guesses from the ending)."""
    found = (
        p.form
        for code in _langs(lang)
        for p in _analyse(word, code)
        if p.kind == kind and (p.known or not known_only)
    )
    return tuple(dict.fromkeys(found))


def _with_yo(low: str, lang: str | None) -> list[Form]:
    """The ё spelling of a nominative surname written with е, when the dictionary knows it.

    Official lists write Киселев for Киселёв, but a Ukrainian respelling keeps the sound
    (Кисельов, Kyselov), so both spellings need keys. Only dictionary words are looked up: the
    check is one DAWG look-up, a guessed parse would cost far more and know nothing of ё.
    """
    if "е" not in low or lang == "uk" or not analyzer("ru").word_is_known(low):
        return []
    return [
        f
        for f in _readings(low, "ru", "Surn", known_only=True)
        if f.case == "nomn" and "ё" in f.text and f.text.replace("ё", "е") == low
    ]


@lru_cache(maxsize=131072)
def given_forms(word: str, lang: str | None = None) -> tuple[Form, ...]:
    """Nominative readings of a Cyrillic given name (Игоря → игорь, m, gent)."""
    return _readings(word.lower(), lang, "Name")


@lru_cache(maxsize=131072)
def patronymic_forms(word: str, lang: str | None = None) -> tuple[Form, ...]:
    """Nominative readings of a Cyrillic patronymic (Сергеевны → сергеевна, f, gent)."""
    return _readings(word.lower(), lang, "Patr")


# The usual surname endings, for surnames the dictionaries do not know. Each rule maps an ending
# to (replacement, gender, case) readings; "=" keeps the word as it is.
_STEM = r"(ов|ев|ёв|єв|ин|ын|ін)"
_Rule = tuple[re.Pattern[str], tuple[tuple[str, str | None, str], ...]]
_ENDING_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(pattern), readings)
    for pattern, readings in (
        (_STEM + r"а$", ((r"\1", "m", "gent"), ("=", "f", "nomn"))),
        (_STEM + r"у$", ((r"\1", "m", "datv"), (r"\1а", "f", "accs"))),
        (_STEM + r"(ым|им)$", ((r"\1", "m", "ablt"),)),
        (_STEM + r"(ой|ої|ій)$", ((r"\1а", "f", "gent"),)),
        (_STEM + r"ою$", ((r"\1а", "f", "ablt"),)),
        (_STEM + r"(ові|еві)$", ((r"\1", "m", "datv"),)),
        (_STEM + r"е$", ((r"\1", "m", "loct"),)),
        (r"(ск|цк)(ого|ому|им|ом)$", ((r"\1ий", "m", "gent"),)),
        (r"(ськ|цьк)(ого|ому|им|ім)$", ((r"\1ий", "m", "gent"),)),
        (r"(ск|цк)(ой|ую)$", ((r"\1ая", "f", "gent"), ("=", "m", "nomn"))),
        (r"(ськ|цьк)(ої|ій|у|ою)$", ((r"\1а", "f", "gent"),)),
        (r"енк(а|у|ові|ом|і)$", (("енко", None, "gent"),)),
        (r"([бвгджзклмнпрстфхцчшщ])(а|у|ом|ові|е)$", ((r"\1", "m", "gent"),)),
        (r"([лнр])(я|ю|ем|еві|ем)$", ((r"\1ь", "m", "gent"), (r"\1", "m", "gent"))),
    )
)


def _by_endings(word: str) -> list[Form]:
    """Readings of an out-of-dictionary surname from its ending alone."""
    out: list[Form] = []
    for pattern, readings in _ENDING_RULES:
        if pattern.search(word):
            for repl, gender, case in readings:
                text = word if repl == "=" else pattern.sub(repl, word)
                out.append(Form(text, gender, case))
            break
    return out


# A surname ending in a consonant (but not the -м of the instrumental or the -х of the plural),
# in ь, in -ко or in -ский/-ський is a nominative whatever the dictionary says (Долгополов,
# Ковальчук, Шевченко). Answering those without the analyzer makes keys several times faster.
_NOMINATIVE_ONLY = re.compile(r"([бвгджзклнпрстфцчшщь]|ко|[сцз]ь?к(ий|ый))$")


@lru_cache(maxsize=262144)
def surname_forms(word: str, lang: str | None = None) -> tuple[Form, ...]:
    """Nominative readings of a Cyrillic surname, both genders (Долгополова → -ова f, -ов m)."""
    low = word.lower()
    if _NOMINATIVE_ONLY.search(low):
        return (Form(low, surname_gender(low), "nomn"), *_with_yo(low, lang))
    found = list(_readings(low, lang, "Surn"))
    if not _readings(low, lang, "Surn", known_only=True):
        # A surname that is also a common noun (Мороз, Мельник) parses only as the noun.
        if not found:
            found = list(_readings(low, lang, "NOUN"))
        # Unknown to the dictionary (at most guessed from its ending, which takes Соцонака for
        # a nominative): the usual endings, and the word itself as a nominative.
        found += _by_endings(low)
        found.append(Form(low, surname_gender(low), "nomn"))
    return tuple(dict.fromkeys(found))


_LATIN_FEMININE = re.compile(r"(ova|eva|yova|ina|yna|ska|cka|skaya|skaja|ckaya|zka)$")
_CYR_FEMININE = re.compile(r"(ова|ева|ёва|єва|ина|ына|іна|ская|цкая|ська|цька)$")


def surname_gender(word: str) -> str | None:
    """'f' or 'm' from a nominative surname's ending, None when it does not tell (Шевченко)."""
    low = word.lower()
    if _CYR_FEMININE.search(low) or _LATIN_FEMININE.search(low):
        return "f"
    if re.search(r"(ов|ев|ёв|ин|ын|ій|ий|ый|ой|ov|ev|in|yn|iy|yi|ii|ij|yj|sky|ski|ow|ew)$", low):
        return "m"
    return None
