"""Who each sentence talks about: person mentions, pronouns resolved to them, and groups."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

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
    # Named persons a plural pronoun stands for ("Smith and Jones … they were sentenced").
    members: tuple[str, ...] = ()


def _gender_ok(entity: Entity, gender: str) -> bool:
    """A pronoun's gender fits an entity of that gender or of unknown gender."""
    return entity.gender in (None, gender)


# An exchange noun right before a group word: the group names the exchange, not a referent.
_EXCHANGE_OF = re.compile(
    r"(?<![\w-])(?:обмін(?:у|ом|і|ів)?|обмен(?:а|ом|е|у|ов)?|(?:exchange|swap)s?\s+of)\s+$",
    re.IGNORECASE,
)
# A preposition before a description ("learned from a fellow prisoner"): a passing mention
# that later pronouns do not refer back to.
_PREPOSITION = re.compile(
    r"(?<![\w-])(?:from|by|with|to|of|for|от|с|со|к|у|для|від|з|із|зі|до|для)\s+$", re.IGNORECASE
)
# What may open a sentence before a plural noun that refers back to persons just named.
_OPENING = re.compile(r"(?:(?:the|these|those|both|all)\s+)?", re.IGNORECASE)
# How far back (in sentences) a plural pronoun may find the named persons it stands for.
_PLURAL_REACH = 1


class _Plurals:
    """The named persons a plural pronoun or "both" / "все трое" may stand for: those named
    in the current or previous sentence since the last group noun ("95 soldiers", "пленные"),
    which would be the likelier antecedent."""

    def __init__(self, witnesses: frozenset[str] | set[str]) -> None:
        self.witnesses = witnesses
        self.seen: list[tuple[int, str]] = []  # (sentence index, entity id), in text order

    def named(self, sentence: int, entity: str) -> None:
        if entity not in self.witnesses:
            self.seen.append((sentence, entity))

    def group(self) -> None:
        self.seen.clear()

    def resolve(self, sentence: int, count: int | None) -> tuple[str, ...]:
        """The persons meant (most recent `count` of them), or () when it is not two or more."""
        recent = [e for i, e in self.seen if sentence - i <= _PLURAL_REACH]
        members = list(dict.fromkeys(reversed(recent)))[: count or None]
        if len(members) < 2 or (count is not None and len(members) != count):
            return ()
        for e in members:  # what they stand for can be "they" again in the next sentence
            self.seen.append((sentence, e))
        return tuple(reversed(members))


@cache
def _word_kinds(lang: str) -> dict[str, str]:
    """Lower-case word -> m, f, plural:, group or first (a gendered pronoun wins)."""
    lex = person_lexicon(lang)
    out = {w.lower(): "first" for w in lex.pronouns.get("first", ())}
    out.update({w.lower(): "group" for w in lex.group_words})
    out.update({w.lower(): "plural:" for w in lex.pronouns.get("plural", ())})
    out.update({w.lower(): g for g in ("m", "f") for w in lex.pronouns.get(g, ())})
    return out


def _items(
    s: Sentence, lang: str, names: list[tuple[int, int]]
) -> list[tuple[int, int, str | None, str]]:
    """Pronouns, group words, collectives ("both") and counted groups of a sentence, by kind."""
    lex = person_lexicon(lang)
    kinds = _word_kinds(lang)
    items: list[tuple[int, int, str | None, str]] = []
    taken: list[tuple[int, int]] = list(names)
    if lex.any_collective is not None and lex.any_collective.search(s.text):
        for pattern, count in lex.collectives:
            for m in pattern.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if not any(x < b and a < y for x, y in taken):
                    items.append((a, b, None, f"plural:{count}"))
                    taken.append((a, b))
    for w in WORD.finditer(s.text):
        counted = lex.people_counts.get(w.group(0).lower())
        if counted:  # a collective numeral counts people whatever the noun ("трое жителей")
            items.append((s.start + w.start(), s.start + w.end(), None, f"size:{counted}"))
            continue
        kind = kinds.get(w.group(0).lower())
        if kind is None or (kind == "first" and w.group(0) == "i"):
            continue
        if kind == "group" and _EXCHANGE_OF.search(s.text, 0, w.start()):
            continue  # "обмін полоненими", "exchange of prisoners": the exchange, not who
        if kind == "group" and _OPENING.fullmatch(s.text[: w.start()]):
            kind = "noun:"  # "Полонених розстріляли", "The prisoners were …": those just named
        a, b = s.start + w.start(), s.start + w.end()
        # A word inside a name or a collective is part of it (words never overlap one another).
        if not any(x <= a < y for x, y in taken):
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
    return items


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
    speak about what happened to someone else). A plural pronoun right after two or more named
    persons stands for them (see `_Plurals`)."""
    by_id = {e.id: e for e in entities}
    mentions = sorted((a, b, e.id) for e in entities for a, b in e.mentions)
    mention_starts = [a for a, _, _ in mentions]
    history: list[tuple[int, str]] = []  # (sentence index, entity id), most recent last
    plurals = _Plurals(witnesses)
    out: dict[int, list[Ref]] = {}
    for s in sentences:
        refs: list[Ref] = []
        lo, hi = bisect_left(mention_starts, s.start), bisect_left(mention_starts, s.end)
        names = [(a, b) for a, b, _ in mentions[lo:hi]]
        items = [(a, b, eid, "name") for a, b, eid in mentions[lo:hi]]
        for a, b, eid, kind in sorted(items + _items(s, lang, names)):
            if kind == "name" and eid is not None:
                refs.append(Ref(a, b, eid))
                if not (by_id[eid].unnamed and _PREPOSITION.search(text, max(0, a - 12), a)):
                    history.append((s.index, eid))
                plurals.named(s.index, eid)
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
            elif kind.startswith(("plural:", "noun:")):
                number = kind.partition(":")[2]  # "plural:3" for "all three"
                count = int(number) if number else None
                members = plurals.resolve(s.index, count)
                refs.append(Ref(a, b, None, pronoun=True, members=members))
                if kind == "noun:" and not members:
                    plurals.group()  # a group of its own
            elif kind.startswith("size:"):
                refs.append(Ref(a, b, None, size=int(kind[5:])))
                plurals.group()
            else:
                refs.append(Ref(a, b, None, pronoun=True))
                plurals.group()
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
