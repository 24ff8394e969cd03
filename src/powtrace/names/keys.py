"""Match keys: script-independent, spelling-tolerant keys per name part, for linkage."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from powtrace.names import lexicon as lx
from powtrace.names import morph
from powtrace.names.parse import roles
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


def _part_keys(
    word: str,
    lang: str | None,
    concepts: Callable[[str], Iterable[str]],
    forms: Callable[[str, str | None], Iterable[Any]],
    stem: Callable[[str], str],
) -> tuple[frozenset[str], frozenset[str]]:
    """Concept and '~' skeleton keys of a given name or patronymic, and its initial classes.

    A declined Cyrillic form is first brought back to its nominatives. Both the Russian and the
    Ukrainian forms of a concept give initials: a court record may abbreviate Олексій as О.
    and Алексей as А., Николаевич as Н. and Миколайович as М.
    """
    nominatives = [word]
    if _cyr(word) and not concepts(word):
        nominatives += [f.text for f in forms(word, lang)]
    keys: set[str] = set()
    letters: set[str] = set(initial_classes(word))
    names = lx.lexicon().names
    for nominative in nominatives:
        for concept in concepts(nominative):
            keys.add(concept)
            for form in names[concept].ru[:1] + names[concept].uk[:1]:
                letters |= initial_classes(form)
        keys.update("~" + stem(s) for s in skeletons(nominative))
    return frozenset(keys), frozenset(letters)


@lru_cache(maxsize=131072)
def _given_keys(word: str, lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Concept and skeleton keys of a given name, and the initial classes of its equivalents."""
    return _part_keys(word, lang, lx.given_concepts, morph.given_forms, lambda s: s)


@lru_cache(maxsize=131072)
def _patronymic_keys(word: str, lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """Father's-name concept keys and '~' stems of a patronymic, and its initial classes."""
    return _part_keys(word, lang, lx.patronymic_concepts, morph.patronymic_forms, patronymic_stem)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> NameKeys:
    """Compute the per-part keys of a free-text name (any script, order or case)."""
    r = roles(name)
    surname: set[str] = set()
    for word in r.surname:
        surname |= surname_keys(word, r.language)
    given: frozenset[str] = frozenset()
    given_initial: set[str] = set()
    if r.given:
        given, letters = _given_keys(r.given, r.language)
        given_initial |= letters
    elif r.given_initial:
        given_initial |= initial_classes(r.given_initial)
    patronymic: frozenset[str] = frozenset()
    patronymic_initial: set[str] = set()
    if r.patronymic:
        patronymic, letters = _patronymic_keys(r.patronymic, r.language)
        patronymic_initial |= letters
    elif r.patronymic_initial:
        patronymic_initial |= initial_classes(r.patronymic_initial)
    gender = lx.concept_gender(k for k in given if not k.startswith("~"))
    if gender is None and r.surname:
        # A woman's nominative surname (Иванова) tells the gender; in prose it could be a man's
        # genitive, but then a declined given name would already have told us.
        gender = morph.surname_gender(r.surname[0])
    return NameKeys(
        surname=frozenset(surname),
        given=given,
        patronymic=patronymic,
        given_initial=frozenset(given_initial),
        patronymic_initial=frozenset(patronymic_initial),
        gender=gender,
    )


def match_keys(name: str) -> set[str]:
    """All part-prefixed keys of a name; records of one person share at least one per part."""
    return name_keys(name).as_set()
