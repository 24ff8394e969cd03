"""Who each sentence talks about: person mentions, pronouns resolved to them, and groups."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from powtrace.extract.lexicon import person_lexicon
from powtrace.extract.persons import Entity
from powtrace.extract.text import WORD, Sentence

_NUMBER_GROUP = re.compile(r"\b(\d{1,4})\s+(?:[\w-]+\s+){0,2}?([\w-]+)", re.UNICODE)
# How far back (in sentences) a pronoun may find its antecedent.
_PRONOUN_REACH = 4
# How far back a first-person pronoun may find the person testifying (a testimony runs long).
_TESTIMONY_REACH = 10


@dataclass(frozen=True)
class Ref:
    """Something a sentence refers to: a person (entity id) or a group (entity None)."""

    start: int
    end: int
    entity: str | None
    size: int | None = None  # the number of people in a group, when the text gives it
    pronoun: bool = False


def _gender_ok(entity: Entity, gender: str) -> bool:
    """A pronoun's gender fits an entity of that gender or of unknown gender."""
    return entity.gender in (None, gender)


def sentence_refs(
    text: str,
    lang: str,
    sentences: list[Sentence],
    entities: list[Entity],
    witnesses: frozenset[str] | set[str] = frozenset(),
) -> dict[int, list[Ref]]:
    """The referents of every sentence, in text order, with pronouns resolved.

    A first-person pronoun ("they hit me", "нас перевели") is the testimony of the person the
    text last spoke of, skipping `witnesses` (officials, lawyers, journalists and relatives, who
    speak about what happened to someone else)."""
    lex = person_lexicon(lang)
    by_id = {e.id: e for e in entities}
    mentions = sorted((a, b, e.id) for e in entities for a, b in e.mentions)
    mention_starts = [a for a, _, _ in mentions]
    pronoun_gender = {w.lower(): g for g in ("m", "f") for w in lex.pronouns.get(g, ())}
    plural = {w.lower() for w in lex.pronouns.get("plural", ())}
    first = {w.lower() for w in lex.pronouns.get("first", ())}
    history: list[tuple[int, str]] = []  # (sentence index, entity id), most recent last
    out: dict[int, list[Ref]] = {}
    for s in sentences:
        refs: list[Ref] = []
        lo, hi = bisect_left(mention_starts, s.start), bisect_left(mention_starts, s.end)
        names = [(a, b) for a, b, _ in mentions[lo:hi]]
        items: list[tuple[int, int, str | None, str]] = [
            (a, b, eid, "name") for a, b, eid in mentions[lo:hi]
        ]
        for w in WORD.finditer(s.text):
            low = w.group(0).lower()
            if low in pronoun_gender:
                kind = pronoun_gender[low]
            elif low in plural or low in lex.group_words:
                kind = "group"
            elif low in first and (low != "i" or w.group(0) == "I"):
                kind = "first"
            else:
                continue
            a, b = s.start + w.start(), s.start + w.end()
            # A word inside a name is part of it (words never overlap one another).
            if not any(x <= a < y for x, y in names):
                items.append((a, b, None, kind))
        for m in _NUMBER_GROUP.finditer(s.text):
            noun = m.group(2).lower()
            if (
                noun in lex.group_words
                or noun in lex.counted_group_words
                or lex.person_heads.fullmatch(m.group(2))
            ):
                a = s.start + m.start()
                items.append((a, s.start + m.end(), None, f"size:{m.group(1)}"))
        for a, b, eid, kind in sorted(items):
            if kind == "name" and eid is not None:
                refs.append(Ref(a, b, eid))
                history.append((s.index, eid))
            elif kind in ("m", "f"):
                target = next(
                    (
                        h
                        for i, h in reversed(history)
                        if s.index - i <= _PRONOUN_REACH and _gender_ok(by_id[h], kind)
                    ),
                    None,
                )
                if target is not None:
                    refs.append(Ref(a, b, target, pronoun=True))
                    history.append((s.index, target))
            elif kind == "first":
                speaker = next(
                    (
                        h
                        for i, h in reversed(history)
                        if s.index - i <= _TESTIMONY_REACH and h not in witnesses
                    ),
                    None,
                )
                if speaker is not None:
                    refs.append(Ref(a, b, speaker, pronoun=True))
            elif kind.startswith("size:"):
                refs.append(Ref(a, b, None, size=int(kind[5:])))
            else:
                refs.append(Ref(a, b, None, pronoun=kind == "group"))
        out[s.index] = refs
    return out


def pronoun_genders(refs: dict[int, list[Ref]], text: str, lang: str) -> dict[str, list[str]]:
    """The genders of the pronouns resolved to each entity (to tell an unnamed soldier's)."""
    lex = person_lexicon(lang)
    gender_of = {w.lower(): g for g in ("m", "f") for w in lex.pronouns.get(g, ())}
    out: dict[str, list[str]] = {}
    for items in refs.values():
        for r in items:
            if r.pronoun and r.entity:
                g = gender_of.get(text[r.start : r.end].lower())
                if g:
                    out.setdefault(r.entity, []).append(g)
    return out
