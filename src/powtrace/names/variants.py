"""Every spelling of a given name: Russian and Ukrainian forms, diminutives, romanisations."""

from __future__ import annotations

from functools import lru_cache

from powtrace.names import lexicon as lx
from powtrace.names import morph
from powtrace.names.script import is_cyrillic
from powtrace.names.translit import transliterate_as


def given_name_concepts(given: str) -> frozenset[str]:
    """Concepts a given name in any script, case or diminutive form stands for."""
    found = lx.given_concepts(given)
    if not found and any(is_cyrillic(ch) for ch in given):
        for form in morph.given_forms(given):
            found |= lx.given_concepts(form.text)
    return found


@lru_cache(maxsize=4096)
def _concept_variants(concept: str) -> frozenset[str]:
    """All spellings of one concept: Cyrillic forms, diminutives and their romanisations."""
    name = lx.lexicon().names[concept]
    out = set(name.ru + name.uk + name.latin) | {form for form, _ in name.diminutives}
    for form in name.ru:
        out.update(transliterate_as(form, "ru").values())
    for form in name.uk:
        out.update(transliterate_as(form, "uk").values())
    for dim, language in name.diminutives:
        # Diminutives reach the press in the English spelling (Sasha, Lyosha, Zhenya, Sashko).
        out.add(transliterate_as(dim, "uk" if language == "uk" else "ru")["en_press"])
    return frozenset(out)


def given_name_variants(given: str) -> set[str]:
    """The name itself plus every Russian, Ukrainian, diminutive and Latin spelling of it."""
    out = {given}
    for concept in given_name_concepts(given):
        out |= _concept_variants(concept)
    return out
