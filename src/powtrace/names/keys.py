"""Match keys: script-independent, spelling-tolerant keys per name part, for linkage."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from powtrace.names import lexicon as lx
from powtrace.names import morph
from powtrace.names.parse import patronymic_gender, roles
from powtrace.names.script import is_cyrillic
from powtrace.names.skeleton import initial_classes, patronymic_stem, skeletons, surname_stem

PREFIXES = {
    "surname": "s:",
    "given": "g:",
    "patronymic": "p:",
    "given_initial": "gi:",
    "patronymic_initial": "pi:",
}


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Keys for each part of one name; two names share a part when its key sets intersect.

    given and patronymic hold concept keys ('aleksei', shared by Алексей, Олексій, Oleksii,
    Lyosha) and raw skeletons prefixed with '~' for names outside the tables.
    """

    surname: frozenset[str]
    given: frozenset[str]
    patronymic: frozenset[str]
    given_initial: frozenset[str]
    patronymic_initial: frozenset[str]
    gender: str | None
    # The Cyrillic letters the given name (patronymic) can start with, in Russian and Ukrainian
    # (Алексей: а, о for Олексій); empty when only a Latin spelling is known. Two Cyrillic
    # initials compare letter by letter, where the classes above serve Latin (Е. is not И.).
    # Not match keys: as_set() leaves them out, and equality ignores them.
    given_letters: frozenset[str] = field(default=frozenset(), compare=False)
    patronymic_letters: frozenset[str] = field(default=frozenset(), compare=False)

    def as_set(self) -> set[str]:
        """All keys, each prefixed with its part (s:, g:, p:, gi:, pi:)."""
        out: set[str] = set()
        for part, prefix in PREFIXES.items():
            out.update(prefix + key for key in getattr(self, part))
        return out


def _cyr(word: str) -> bool:
    """True when the word is written in Cyrillic."""
    return any(is_cyrillic(ch) for ch in word)


@lru_cache(maxsize=262144)
def surname_keys(word: str, lang: str | None = None) -> frozenset[str]:
    """Keys of one surname word: skeletons of every nominative, feminine folded onto masculine."""
    nominatives = [f.text for f in morph.surname_forms(word, lang)] if _cyr(word) else [word]
    out: set[str] = set()
    for nominative in nominatives:
        for part in nominative.split("-"):
            out.update(surname_stem(s) for s in skeletons(part))
        if "-" in nominative:
            out.update(surname_stem(s) for s in skeletons(nominative.replace("-", "")))
    return frozenset(out)


# Letters Russian and Ukrainian spellings of one name may start with (Игорь/Ігор, Евгений/Євген).
_LETTER_KIN = {"и": "иі", "і": "иі", "ї": "иії", "е": "еєэ", "є": "еє", "э": "эе", "ё": "ёе"}


@lru_cache(maxsize=4096)
def cyrillic_letters(word: str) -> frozenset[str]:
    """The Cyrillic first letter of a word or initial, with its Russian/Ukrainian kin; empty
    for a word in Latin letters."""
    for ch in word.casefold():
        if is_cyrillic(ch):
            return frozenset(_LETTER_KIN.get(ch, ch))
        if ch.isalpha():
            return frozenset()
    return frozenset()


PartKeys = tuple[frozenset[str], frozenset[str], frozenset[str]]


def _part_keys(
    word: str,
    lang: str | None,
    concepts: Callable[[str], Iterable[str]],
    forms: Callable[[str, str | None], Iterable[Any]],
    stem: Callable[[str], str],
    strip_case: bool = False,
) -> PartKeys:
    """Concept and '~' skeleton keys of a given name or patronymic, its initial classes and its
    Cyrillic first letters.

    A declined Cyrillic form is first brought back to its nominatives. Both the Russian and the
    Ukrainian forms of a concept give initials: a court record may abbreviate Олексій as О.
    and Алексей as А., Николаевич as Н. and Миколайович as М.
    """
    nominatives = [word]
    if _cyr(word) and not concepts(word):
        nominatives += [f.text for f in forms(word, lang)]
    keys: set[str] = set()
    letters: set[str] = set(initial_classes(word))
    cyrillic: set[str] = set(cyrillic_letters(word))
    names = lx.lexicon().names
    for nominative in nominatives:
        for concept in concepts(nominative):
            keys.add(concept)
            for form in names[concept].ru[:1] + names[concept].uk[:1]:
                letters |= initial_classes(form)
                cyrillic |= cyrillic_letters(form)
        keys.update("~" + stem(s) for s in skeletons(nominative))
    if strip_case and _cyr(word) and not keys - {"~" + stem(s) for s in skeletons(word)}:
        # No table and no dictionary reading: perhaps a declined name with a typo (Олжегом,
        # Констамтина). Its stem without the case ending keeps it one letter from the name.
        bare = _CASE_ENDING.sub("", word.lower())
        if bare != word.lower() and len(bare) >= 3:
            keys.update("~" + stem(s) for s in skeletons(bare))
    return frozenset(keys), frozenset(letters), frozenset(cyrillic)


# Case endings of Russian and Ukrainian given names (instrumental, dative, genitive …).
_CASE_ENDING = re.compile(r"(ом|ем|ём|ой|ей|ёй|ою|ею|ові|еві|а|я|у|ю|е|ы|і)$")


@lru_cache(maxsize=131072)
def _given_keys(word: str, lang: str | None) -> PartKeys:
    """Concept and skeleton keys of a given name, and the initial classes of its equivalents."""
    return _part_keys(word, lang, lx.given_concepts, morph.given_forms, lambda s: s, True)


@lru_cache(maxsize=131072)
def _patronymic_keys(word: str, lang: str | None) -> PartKeys:
    """Father's-name concept keys and '~' stems of a patronymic, and its initial classes."""
    return _part_keys(word, lang, lx.patronymic_concepts, morph.patronymic_forms, patronymic_stem)


def given_part(word: str, lang: str | None = None) -> PartKeys:
    """Keys, initial classes and Cyrillic first letters of a word read as a given name."""
    return _given_keys(word, lang)


def _nominative_gender(word: str, lang: str | None) -> str | None:
    """The gender a surname's ending shows, when the word can be a nominative at all."""
    if _cyr(word):
        low = word.lower().replace("ё", "е")
        forms = morph.surname_forms(word, lang)
        if not any(f.case == "nomn" and f.text.replace("ё", "е") == low for f in forms):
            return None  # Виноградовой, Петрову: only oblique cases, of either gender
    return morph.surname_gender(word)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> NameKeys:
    """Compute the per-part keys of a free-text name (any script, order or case)."""
    r = roles(name)
    surname: set[str] = set()
    for word in r.surname:
        surname |= surname_keys(word, r.language)
    given: frozenset[str] = frozenset()
    given_initial: frozenset[str] = frozenset()
    given_letters: frozenset[str] = frozenset()
    if r.given:
        given, given_initial, given_letters = _given_keys(r.given, r.language)
    elif r.given_initial:
        given_initial = initial_classes(r.given_initial)
        given_letters = cyrillic_letters(r.given_initial)
    patronymic: frozenset[str] = frozenset()
    patronymic_initial: frozenset[str] = frozenset()
    patronymic_letters: frozenset[str] = frozenset()
    if r.patronymic:
        patronymic, patronymic_initial, patronymic_letters = _patronymic_keys(
            r.patronymic, r.language
        )
    elif r.patronymic_initial:
        patronymic_initial = initial_classes(r.patronymic_initial)
        patronymic_letters = cyrillic_letters(r.patronymic_initial)
    # A patronymic's ending is the surest sign (-вич/-вна): a given name with a typo can land on
    # a name of the other gender (Євгенаій read as Євгенія).
    gender = patronymic_gender(r.patronymic) if r.patronymic else None
    if gender is None:
        gender = lx.concept_gender(k for k in given if not k.startswith("~"))
    if gender is None and r.surname:
        # A woman's nominative surname (Иванова) tells the gender; in prose it could be a man's
        # genitive, but then a declined given name would already have told us. A form that can
        # only be oblique (Виноградовой) tells nothing.
        gender = _nominative_gender(r.surname[0], r.language)
    return NameKeys(
        surname=frozenset(surname),
        given=given,
        patronymic=patronymic,
        given_initial=given_initial,
        patronymic_initial=patronymic_initial,
        gender=gender,
        given_letters=given_letters,
        patronymic_letters=patronymic_letters,
    )


def match_keys(name: str) -> set[str]:
    """All part-prefixed keys of a name; records of one person share at least one per part."""
    return name_keys(name).as_set()
