"""Descriptions of a person already named, merged into that person: an aged description opening
a sentence right after one naming someone ("41-летний контрактник попал в плен …"), one that
opens a story before the name is given ("A 24-year-old marine was sentenced … Serhiy
Bondarenko, 24, …"), one that repeats a named person's age.

Runs last of the person rules, since it merges unnamed entities into named ones."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from powtrace.extract.lexicon import person_lexicon
from powtrace.extract.persons import Entity
from powtrace.extract.text import WORD

_AGED = re.compile(r"(\d{1,2})-(?:year-old|летн|річн)", re.IGNORECASE)

_HEAD_REACH = 20  # how far into its sentence a re-description may start

# Words that introduce someone new ("a 52-year-old soldier", "ещё одному пленному").
_NEW_PERSON = re.compile(
    r"(?<![\w-])(?:a|an|one|another|other|один|одна|одного|одному|ещё|еще|другой|другому|"
    r"інший|іншому|ще|одного|одному)(?![\w-])",
    re.IGNORECASE,
)

# Words that mark a description as someone other than a person named nearby ("another
# soldier", "ещё один пленный", "інший полонений").
_OTHER_PERSON = re.compile(
    r"(?<![\w-])(?:another|other|ещё|еще|другой|другого|другому|інший|іншого|іншому|ще)(?![\w-])",
    re.IGNORECASE,
)

_SINGULAR_PRONOUNS = frozenset(
    {"він", "його", "йому", "ним", "ньому", "вона", "її", "їй", "нею", "ній"}
    | {"он", "его", "ему", "им", "нём", "она", "ей", "ею", "ней"}
)

_FORWARD_REACH = 2  # sentences between a description and the name that follows it

_BARE_FORWARD_REACH = 5  # the same for a description without a determiner


@dataclass
class _Described:
    """A one-mention description and where it stands."""

    entity: Entity
    start: int
    end: int
    sentence: int  # index into the sentence starts
    age: int | None


def _backward_owner(
    text: str, d: _Described, pool: list[Entity], starts: list[int], all_: list[Entity]
) -> Entity | None:
    """The person an aged description opening a sentence describes again: the one named last
    in the previous sentence (or the one before, when the previous names nobody in `pool`)."""
    lo = starts[d.sentence] if d.sentence >= 0 else 0
    lead = text[lo : d.start]
    # "Його обміняли в лютому, і зараз 36-річний сержант …": a pronoun for the person named
    # before carries the sentence up to the description.
    pronoun = any(w.lower() in _SINGULAR_PRONOUNS for w in WORD.findall(lead))
    if (
        d.age is None
        or (len(lead) > _HEAD_REACH and not pronoun)
        or _NEW_PERSON.search(lead + " " + text[d.start : d.end])
        or any(lo <= x < d.start for e in all_ for x, _ in e.mentions)
    ):
        return None
    for back in (1, 2):
        first = starts[d.sentence - back] if d.sentence >= back else lo
        named = [(x, e) for e in pool for x, _ in e.mentions if first <= x < lo]
        if named:
            return max(named, key=lambda p: p[0])[1]
    return None


def _forward_owner(
    d: _Described,
    eligible: list[Entity],
    described: list[_Described],
    starts: list[int],
    text: str = "",
) -> Entity | None:
    """A description that opens the story ("A 24-year-old marine was sentenced …") stands for
    the first person named after it, when nobody is named before it, the name follows within
    two sentences and no other description comes between. A question between them (an
    explainer's subheading, "Who is he?") does not count as a sentence."""
    if any(x < d.start for e in eligible for x, _ in e.mentions):
        return None
    later = [(min(x for x, _ in e.mentions), e) for e in eligible]
    if not later:
        return None
    first, owner = min(later, key=lambda p: p[0])
    # A lead without a determiner ("суд ухвалив вирок російському військовому, який …") is
    # mostly the defendant or returnee the story names a paragraph later.
    reach = _BARE_FORWARD_REACH if d.entity.bare else _FORWARD_REACH
    at = bisect_right(starts, first) - 1
    questions = sum(
        1
        for i in range(d.sentence + 1, at)
        if text[starts[i] : starts[i + 1]].rstrip().endswith("?")
    )
    if at - d.sentence - questions > reach:
        return None
    if any(o is not d and d.start < o.start < first for o in described):
        return None
    return owner


def _same_age_owner(
    d: _Described, eligible: list[Entity], described: list[_Described], ages: dict[str, int | None]
) -> Entity | None:
    """A description with an age stands for the one named person of that age, when no other
    description gives it."""
    if d.age is None or any(o is not d and o.age == d.age for o in described):
        return None
    same = [e for e in eligible if ages.get(e.id) == d.age]
    return same[0] if len(same) == 1 else None


def _fits(d: _Described, e: Entity, ages: dict[str, int | None]) -> bool:
    """Neither the age nor the gender of a description contradicts a named person's."""
    age_ok = d.age is None or ages.get(e.id) in (None, d.age)
    return age_ok and (d.entity.gender is None or e.gender in (None, d.entity.gender))


def redescriptions(
    text: str,
    lang: str,
    entities: list[Entity],
    sentence_starts: list[int],
    skip: set[str],
    ages: dict[str, int | None],
    kin: set[str] | None = None,
) -> list[Entity]:
    """Merge descriptions of a named person into that person; return the entities left.

    A description may describe a person named just before it ("41-летний контрактник попал
    в плен …", "За його словами, 30-річний солдат …"), name the subject of a story before the
    name is given ("A 24-year-old marine was sentenced … Serhiy Bondarenko, 24, …"), or repeat
    a named person's age. No merge when the ages or genders differ or a word marks another
    person. `skip` holds persons who are not described so (officials, lawyers, journalists);
    relatives (`kin`) are described so only by a kinship noun, and only relatives are.
    """
    kin = kin or set()
    relative = person_lexicon(lang).roles["relative"]
    described = []
    for u in entities:
        if u.unnamed and len(u.mentions) == 1:
            a, b = u.mentions[0]
            m = _AGED.search(u.name)
            age = int(m.group(1)) if m else None
            described.append(_Described(u, a, b, bisect_right(sentence_starts, a) - 1, age))
    singles = {d.entity.id for d in described}
    out = [e for e in entities if e.id not in singles]
    for d in described:
        u = d.entity
        kinship = relative.search(u.name) is not None
        pool = [e for e in out if not e.unnamed and e.id not in skip and (e.id in kin) == kinship]
        owner = _backward_owner(text, d, pool, sentence_starts, entities)
        if owner is not None and not _fits(d, owner, ages):
            owner = None
        lead = text[max(0, d.start - 12) : d.start]
        if owner is None and not _OTHER_PERSON.search(lead + " " + u.name):
            eligible = [e for e in pool if _fits(d, e, ages)]
            owner = _forward_owner(
                d, eligible, described, sentence_starts, text
            ) or _same_age_owner(d, eligible, described, ages)
        if owner is None:
            out.append(u)
            continue
        owner.mentions = sorted([*owner.mentions, u.mentions[0]])
        owner.descriptions.append(u.mentions[0])
    order = {e.id: i for i, e in enumerate(entities)}
    return sorted(out, key=lambda e: order[e.id])
