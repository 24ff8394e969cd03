"""Cyrillic person names brought to the nominative, with pymorphy3.

TODO(names): powtrace.names has no public API yet (its __init__ exports nothing); switch to its
nominative normalisation when it does, so that extraction and linkage agree on name forms.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import pymorphy3

_ANALYZERS: dict[str, pymorphy3.MorphAnalyzer] = {}
_LOCK = threading.Lock()
_NAME_TAGS = ("Name", "Surn", "Patr")
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|інічна|ич|іч)(?:а|у|ем|ом|і|е|ы|и|ой|ою|ої|ей|ю|ій)?$")


def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """The process-wide pymorphy3 analyzer for 'ru' or 'uk', loaded once."""
    found = _ANALYZERS.get(lang)
    if found is None:
        with _LOCK:  # a dictionary takes ~0.1 s to load; load it once even under threads
            found = _ANALYZERS.get(lang) or pymorphy3.MorphAnalyzer(lang=lang)
            _ANALYZERS[lang] = found
    return found


@lru_cache(maxsize=65536)
def parses(word: str, lang: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's parses of a lower-case word, most probable first.

    Cached: one word is looked up several times per text (as a name, a surname, a place) and
    names recur across texts, while a lookup walks the dictionary in pure Python.
    """
    return tuple(analyzer(lang).parse(word))


@lru_cache(maxsize=65536)
def is_known(word: str, lang: str) -> bool:
    """True when the dictionary holds the lower-case word (cached like `parses`)."""
    return analyzer(lang).word_is_known(word)


@dataclass(frozen=True)
class Reading:
    """One reading of a name word: kind (Name, Surn, Patr), gender, case, nominative, score."""

    kind: str
    gender: str | None
    case: str | None
    nominative: str
    score: float


def _capital(word: str) -> str:
    """Capitalise each hyphen-separated part."""
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))


# Surname endings for words the dictionaries do not know: (ending, nominative ending, gender, case)
_ENDINGS = (
    ("ова", "ов", "m", "gent"),
    ("ева", "ев", "m", "gent"),
    ("ина", "ин", "m", "gent"),
    ("ову", "ов", "m", "datv"),
    ("еву", "ев", "m", "datv"),
    ("ину", "ин", "m", "datv"),
    ("овым", "ов", "m", "ablt"),
    ("евым", "ев", "m", "ablt"),
    ("иным", "ин", "m", "ablt"),
    ("овой", "ова", "f", "gent"),
    ("евой", "ева", "f", "gent"),
    ("иной", "ина", "f", "gent"),
    ("ського", "ський", "m", "gent"),
    ("ского", "ский", "m", "gent"),
    ("цького", "цький", "m", "gent"),
    ("цкого", "цкий", "m", "gent"),
    ("енка", "енко", "m", "gent"),
    ("енку", "енко", "m", "datv"),
    # A fleeting vowel: Лубинец → Лубинца, Лубинцом; Таранець → Таранця, Таранцем.
    ("ца", "ец", "m", "gent"),
    ("цу", "ец", "m", "datv"),
    ("цом", "ец", "m", "ablt"),
    ("ця", "ець", "m", "gent"),
    ("цю", "ець", "m", "datv"),
    ("цеві", "ець", "m", "datv"),
    ("цем", "ець", "m", "ablt"),
)
# Endings of surnames declined like "мама" (Тычина, Чуприна, Гайоха): (ending, nominative
# ending, case).
_A_DECLENSION = {
    "ru": (
        ("а", "а", "nomn"),
        ("ы", "а", "gent"),
        ("и", "а", "gent"),
        ("е", "а", "datv"),
        ("у", "а", "accs"),
        ("ой", "а", "ablt"),
        ("ою", "а", "ablt"),
    ),
    "uk": (
        ("а", "а", "nomn"),
        ("и", "а", "gent"),
        ("і", "а", "datv"),
        ("у", "а", "accs"),
        ("ою", "а", "ablt"),
    ),
}
# Any other surname on a consonant, in an oblique case (Шолік → Шоліка, Шоліку, Шоліком):
# a weak reading that lets an unknown surname agree with the given name's case.
_CONSONANT_ENDINGS = (
    ("а", "gent"),
    ("а", "accs"),
    ("у", "datv"),
    ("ові", "datv"),
    ("ом", "ablt"),
)
_CONSONANT = re.compile(r"[бвгґджзклмнпрстфхцчшщ]$")
_APOSTROPHES = str.maketrans("’ʼ", "''")
# Endings of a feminine instrumental: a guessed nominative given name in them is unlikely.
_OBLIQUE_LOOK = re.compile(r"(?:ой|ою|ею)$")


def _guessed(parse: pymorphy3.analyzer.Parse) -> bool:
    """True when pymorphy3 guessed a parse for an unknown word rather than found it."""
    return any(type(m[0]).__name__ != "DictionaryAnalyzer" for m in parse.methods_stack)


# Common given names the Ukrainian dictionary knows only as common nouns (богдан) or not at all,
# with the endings of their cases.
_MISSING_NAMES = {"uk": {"богдан": "m", "володимир": "m"}}
_MASC_ENDINGS = (("", "nomn"), ("а", "gent"), ("у", "datv"), ("ові", "datv"), ("ом", "ablt"))


def _missing_name(low: str, lang: str) -> Reading | None:
    """A given-name reading the dictionary lacks (see `_MISSING_NAMES`), if any."""
    names = _MISSING_NAMES.get(lang, {})
    for ending, case in _MASC_ENDINGS:
        base = low[: len(low) - len(ending)] if ending else low
        if low.endswith(ending) and base in names:
            return Reading("Name", names[base], case, _capital(base), 0.5)
    return None


@lru_cache(maxsize=65536)
def readings(word: str, lang: str) -> tuple[Reading, ...]:
    """Name-like readings of a capitalised word, most probable first."""
    low = word.lower()
    out: list[Reading] = []
    # The dictionaries spell the Ukrainian apostrophe ' (П'ятигорець); texts often use ’ or ʼ.
    mark = next((c for c in "’ʼ" if c in word), None)
    if mark is not None:
        return tuple(
            Reading(r.kind, r.gender, r.case, r.nominative.replace("'", mark), r.score)
            for r in readings(word.translate(_APOSTROPHES), lang)
        )
    found = parses(low, lang)
    # "Анне" is the dative of Анна far more often than the indeclinable French name: when a
    # word declines as a name, its indeclinable readings count for little.
    # (Only a given name's: a foreign woman's surname on a consonant, "Сполярич", is
    # indeclinable and stands in every case.)
    declines = any("Fixd" not in p.tag and "Name" in p.tag for p in found)
    for parse in found:
        tags = parse.tag.grammemes
        kind = next((k for k in _NAME_TAGS if k in tags), None)
        if kind is None or ("plur" in tags and "Fixd" not in tags):
            continue
        score = parse.score * (0.1 if declines and "Fixd" in tags and kind == "Name" else 1.0)
        if kind == "Name" and "nomn" in tags and _OBLIQUE_LOOK.search(low) and _guessed(parse):
            score *= 0.01  # "Мирьяной": the guesser's masculine nominative of an instrumental
        gender = "m" if "masc" in tags else "f" if "femn" in tags else None
        case = next(
            (c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct") if c in tags), None
        )
        nominative = parse.normal_form
        if "Fixd" not in tags:
            inflected = parse.inflect({"nomn", "sing"})
            # pymorphy3 lemmatises a feminine surname to the masculine; inflecting keeps it.
            nominative = inflected.word if inflected is not None else parse.normal_form
        out.append(Reading(kind, gender, case, _capital(nominative), score))
    extra = _missing_name(low, lang)
    if extra is not None:
        out.append(extra)
    if not any(r.kind == "Surn" for r in out):
        for ending, nom, gender, case in _ENDINGS:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                out.append(Reading("Surn", gender, case, _capital(low[: -len(ending)] + nom), 0.2))
        # "Татьяна" is rarely a Татьян's genitive, but a surname may be a given name's form
        # ("лейтенанта Евгения Гоча": Гоч), so such a reading stays, weak.
        given = any(r.kind == "Name" and r.score >= 0.6 for r in out)
        for ending, case in _CONSONANT_ENDINGS:
            stem = low[: -len(ending)]
            if low.endswith(ending) and len(stem) > 2 and _CONSONANT.search(stem):
                out.append(Reading("Surn", "m", case, _capital(stem), 0.02 if given else 0.1))
        out.append(Reading("Surn", None, "nomn", _capital(low), 0.15))
        # A surname declined like an adjective, in an oblique case ("Семена Забайрачного":
        # Забайрачний), when the dictionary only guesses the word.
        for parse in found[:4]:
            tags = parse.tag.grammemes
            if (
                "ADJF" in tags
                and _guessed(parse)
                and tags & {"masc", "femn"}
                and "nomn" not in tags
            ):
                nom = parse.inflect({"nomn"})
                case = next(
                    (c for c in ("gent", "datv", "accs", "ablt", "loct") if c in tags), None
                )
                if nom is not None and case is not None:
                    sex = "m" if "masc" in tags else "f"
                    out.append(Reading("Surn", sex, case, _capital(nom.word), 0.1))
    if not any(r.kind == "Name" and r.score >= 0.6 for r in out):
        # A surname declined like "мама", of either gender ("Павла Тычины": Тычина,
        # "Николай Чуприна"): weak readings that let it agree with the given name.
        for ending, nom, case in _A_DECLENSION.get(lang, ()):
            stem = low[: len(low) - len(ending)]
            if low.endswith(ending) and len(stem) > 2 and _CONSONANT.search(stem):
                out.append(Reading("Surn", None, case, _capital(stem + nom), 0.05))
    if _CONSONANT.search(low) and not any(r.kind == "Surn" and r.gender == "f" for r in out):
        # A woman's surname on a consonant does not decline ("с Драганой Милькович"): it
        # agrees with her given name in any case.
        out.append(Reading("Surn", "f", None, _capital(low), 0.03))
    if _PATRONYMIC.search(low) and not any(r.kind == "Patr" for r in out):
        # A nominative in -ич is a man's patronymic: "Мирьяна Сполярич" is no patronymic.
        male = re.search(r"[иі]ч$", low) is not None
        out.append(Reading("Patr", "m" if male else None, "nomn", _capital(low), 0.1))
    return tuple(sorted(out, key=lambda r: -r.score))


def is_given_name(word: str, lang: str) -> bool:
    """True when the dictionary knows the word as a given name."""
    return any(r.kind == "Name" for r in readings(word, lang) if r.score >= 0.02)


@dataclass(frozen=True)
class NominativeName:
    """A Cyrillic name in the nominative, with its parts and the gender it shows."""

    text: str
    given: str | None
    surname: str | None
    patronymic: str | None
    gender: str | None
    case: str | None  # the case the name was written in (gent for "Ивана Петрова")


def nominative(
    words: tuple[str, ...],
    lang: str,
    hint_gender: str | None = None,
    hint_case: str | None = None,
    agree: frozenset[str] = frozenset(),
) -> NominativeName:
    """Bring a name of one to three words to the nominative, all words in one case and gender.

    Each word gets a reading as given name, patronymic or surname; the combination whose cases
    and genders agree and whose readings are likeliest wins. `hint_gender` comes from the
    sentence (a verb in -ла after the name) and breaks ties such as Валерия (f, nom) / (m, gen);
    `hint_case` (a noun before the name makes it a genitive possessor) outweighs the usual
    preference for the nominative. `agree` is the case of a title the name stands in
    apposition to ("младшего лейтенанта ВСУ Евгения Гоча": gent, accs), which it shares.
    """
    options = [
        readings(w, lang) or (Reading("Surn", None, "nomn", _capital(w.lower()), 0.1),)
        for w in words
    ]
    best: tuple[float, tuple[Reading, ...]] | None = None
    for combo in product(*options):
        kinds = [r.kind for r in combo]
        repeats = len(kinds) - len(set(kinds))
        genders = {r.gender for r in combo if r.gender}
        cases = {r.case for r in combo if r.case}
        score = 0.001**repeats  # two given names in one name: possible, but a last resort
        for r in combo:
            score *= max(r.score, 0.01)
        if len(genders) > 1:
            score *= 0.01
        if len(cases) > 1:
            score *= 0.05
        if "nomn" in cases:
            score *= 1.5  # names in apposition and as subjects are the commonest
        if hint_gender and genders and hint_gender not in genders:
            score *= 0.2
        if hint_case and hint_case in cases:
            score *= 3
        if agree:
            score *= 3 if cases and cases <= agree else 0.1
        if "Name" in kinds:
            score *= 2
        elif "Patr" in kinds:
            score *= 0.1  # a patronymic follows a given name: "Драганой Милькович" has one
        if kinds[0] == "Name":
            score *= 1.5  # "Андрій Шолік" is the usual order, "Шолік Андрій" the rarer one
        if best is None or score > best[0]:
            best = (score, combo)
    assert best is not None  # product() of non-empty options always yields a combination
    combo = best[1]
    parts = {r.kind: r.nominative for r in combo}
    genders = [r.gender for r in combo if r.gender]
    cases = [r.case for r in combo if r.case]
    return NominativeName(
        text=" ".join(r.nominative for r in combo),
        given=parts.get("Name"),
        surname=parts.get("Surn"),
        patronymic=parts.get("Patr"),
        gender=genders[0] if genders else hint_gender,
        case=cases[0] if cases else None,
    )
