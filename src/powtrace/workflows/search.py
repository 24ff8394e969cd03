"""Finding persons by name in any script, spelling or grammatical case, with the reason.

The query is turned into the same match keys as every stored name form (``powtrace.names``:
surname, given name and patronymic keys, sound-alike skeletons, initials), looked up in the
``name_keys`` index, and the hits ranked by how many parts of the name agree. A query of one
word may be a surname or a given name, so it is looked up as either. When no key matches —
someone typing the start of a name — a substring search on the folded text is the fallback.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from powtrace.domain.errors import ValidationError
from powtrace.names import match_keys
from powtrace.store import fulltext
from powtrace.store.schema import name_forms, name_keys, persons
from powtrace.store.search import search_key

PART_NAMES = {
    "s": "surname",
    "g": "given name",
    "p": "patronymic",
    "gi": "initial",
    "pi": "patronymic initial",
}
PART_WEIGHTS = {"s": 4, "g": 3, "p": 2, "gi": 1, "pi": 1}
FULL_PARTS = ("s", "g", "p")


@dataclass(frozen=True)
class KeyHit:
    """A person whose name forms agree with the query on some parts."""

    person_id: str
    score: int
    position: int  # the name form that agreed best
    parts: tuple[str, ...]  # which parts agreed: s, g, p, gi, pi
    fuzzy: bool  # agreement only through a sound-alike key


def _split(key: str) -> tuple[str, str]:
    tag, _, value = key.partition(":")
    return tag, value


def query_keys(query: str) -> tuple[dict[str, set[str]], bool]:
    """The query's keys by part, and whether it is a single name word.

    A single word may be a surname or a given name, so its keys are tried as either.
    """
    by_part: dict[str, set[str]] = defaultdict(set)
    for key in match_keys(query):
        tag, value = _split(key)
        by_part[tag].add(value)
    # Initials count as no word, written apart or together ("А. Н.", "А.Н.").
    words = [w for w in re.split(r"[\s,.]+", query) if len(w) > 1]
    single = len(words) <= 1
    if single:
        values = by_part.get("s", set()) | by_part.get("g", set())
        by_part["s"] = set(values)
        by_part["g"] = set(values)
    return dict(by_part), single


# Below this many name forms holding the first part's keys, the holders are narrowed by index
# probes; above it, by intersecting the parts' sorted key runs (see _holders).
FEW_HOLDERS = 2000


def _keys_of(wanted: dict[str, set[str]], tag: str) -> list[str]:
    return [f"{tag}:{v}" for v in wanted[tag]]


def _holders(conn: sa.Connection, wanted: dict[str, set[str]], parts: list[str]) -> sa.Select:
    """(person, name form) pairs that have a key for every one of ``parts``.

    Both ways run in the database over the covering index on (key, person, position). When
    few forms hold the first part (the surname, when typed), it starts from them and keeps
    those whose form also holds a key of each other part, one index probe each: for
    "Кулагин Александр Сергеевич" a few hundred Kulagins, not every Aleksandr and Sergeevich.
    For a common surname ("Иванов Андрей Сергеевич") probing thousands of holders costs more
    than intersecting the parts' key runs, which are read in order. A bounded count decides.
    """
    first, *rest = parts
    q = _holding(wanted, first)
    if not rest:
        return q
    if _many(conn, q):
        return sa.intersect(q, *(_holding(wanted, tag) for tag in rest))
    return _with_parts(q, wanted, rest).distinct()


def _holding(wanted: dict[str, set[str]], tag: str) -> sa.Select:
    """(person, name form) rows holding a key of this part."""
    return sa.select(name_keys.c.person_id, name_keys.c.position).where(
        name_keys.c.key.in_(_keys_of(wanted, tag))
    )


def _many(conn: sa.Connection, q: sa.Select) -> bool:
    """Whether ``q`` has more than FEW_HOLDERS rows; counts no further than that."""
    sample = q.limit(FEW_HOLDERS + 1).subquery()
    return conn.execute(sa.select(sa.func.count()).select_from(sample)).scalar_one() > FEW_HOLDERS


def _with_parts(q: sa.Select, wanted: dict[str, set[str]], tags: list[str]) -> sa.Select:
    """``q``'s (person, name form) rows whose form also holds a key of each of ``tags``: one
    probe of the covering index per row and tag."""
    for tag in tags:
        other = name_keys.alias(f"nk_{tag}")
        q = q.where(
            sa.exists().where(
                other.c.person_id == name_keys.c.person_id,
                other.c.position == name_keys.c.position,
                other.c.key.in_(_keys_of(wanted, tag)),
            )
        )
    return q


def _agreement(wanted: dict[str, set[str]], tag: str) -> sa.ColumnElement[int]:
    """2 where a name form has an exact key of this part, 1 a sound-alike key only, else 0."""
    keys = [f"{tag}:{v}" for v in wanted[tag]]
    exact = [k for k in keys if not k.partition(":")[2].startswith("~")]
    fuzzy = [k for k in keys if k not in exact]
    whens = [(name_keys.c.key.in_(ks), n) for ks, n in ((exact, 2), (fuzzy, 1)) if ks]
    return sa.func.max(sa.case(*whens, else_=0))


def find_by_keys(conn: sa.Connection, query: str) -> list[KeyHit]:
    """Persons (not merged away) whose name keys agree with every full part of the query.

    The database groups the agreeing keys per name form and scores them, so a common name
    sends back one row per form rather than one per key; the best form of each person wins.
    """
    wanted, single = query_keys(query)
    tags = sorted(t for t, values in wanted.items() if values)
    lookup = [f"{tag}:{v}" for tag in tags for v in wanted[tag]]
    whole_parts = {"s", "g"} if single else set(FULL_PARTS)
    if not lookup or not whole_parts & set(tags):
        return []  # nothing to look up, or initials alone: no whole name part to agree on
    flags = [_agreement(wanted, tag).label(f"f_{tag}") for tag in tags]
    q = sa.select(name_keys.c.person_id, name_keys.c.position, *flags).where(
        name_keys.c.key.in_(lookup)
    )
    if single and set(tags) <= {"s", "g"}:
        # One name word alone: every row it looks up is a holder, so the rows are grouped as
        # they come off the covering index, with no second pass over each person's keys.
        q = (
            q.join(persons, persons.c.id == name_keys.c.person_id)
            .where(_live(conn))
            .group_by(name_keys.c.person_id, name_keys.c.position)
        )
        return _best_forms(conn.execute(q), tags)
    # Narrow first to the forms that have every typed part (one word: a surname or given name
    # key), and drop merged-away persons from those few, before the wider lookup is read: an
    # initial's key ("gi:A") is held by a good part of the registry.
    if single:
        whole = [f"{t}:{v}" for t in ("s", "g") for v in wanted.get(t, ())]
        held_q = sa.select(name_keys.c.person_id, name_keys.c.position).where(
            name_keys.c.key.in_(whole)
        )
        initials = [t for t in ("gi", "pi") if t in wanted]
        if initials and _many(conn, held_q):
            # "Смирнов Е. М." in a court record: of thousands of Smirnovs, the ones whose
            # initials agree. The rest would only fill the list below them in no useful order;
            # they are kept when none agree.
            narrowed = _with_parts(held_q, wanted, initials)
            if conn.execute(sa.select(sa.exists(narrowed))).scalar():
                held_q = narrowed
        held = held_q.distinct().subquery()
    else:
        held = _holders(conn, wanted, [t for t in FULL_PARTS if t in wanted]).subquery()
    live = (
        sa.select(held.c.person_id, held.c.position)
        .join(persons, persons.c.id == held.c.person_id)
        .where(persons.c.merged_into.is_(None))
        .subquery()
    )
    q = q.join(
        live,
        sa.and_(
            live.c.person_id == name_keys.c.person_id,
            live.c.position == name_keys.c.position,
        ),
    ).group_by(name_keys.c.person_id, name_keys.c.position)
    return _best_forms(conn.execute(q), tags)


def _live(conn: sa.Connection) -> sa.ColumnElement[bool]:
    """Not merged away. On SQLite the filter is kept off its index ("+"): every person has
    merged_into NULL, and starting from that index would probe every person's rows."""
    if conn.dialect.name == "sqlite":
        return sa.text("+persons.merged_into IS NULL")
    return persons.c.merged_into.is_(None)


def _best_forms(rows: Iterable[sa.Row[Any]], tags: list[str]) -> list[KeyHit]:
    """Each person's best-scoring name form from (person, position, flag per tag) rows."""
    best: dict[str, KeyHit] = {}
    for row in rows:
        agreed = {tag: n for tag, n in zip(tags, row[2:], strict=True) if n}
        score = sum(PART_WEIGHTS[t] * n for t, n in agreed.items())
        known = best.get(row.person_id)
        # The best-scoring form; the first of equals, so the answer does not depend on row order.
        if known is None or (score, -row.position) > (known.score, -known.position):
            parts = tuple(sorted(agreed))
            fuzzy = any(n == 1 for n in agreed.values())
            best[row.person_id] = KeyHit(row.person_id, score, row.position, parts, fuzzy)
    return sorted(best.values(), key=lambda h: -h.score)


def find_by_substring(conn: sa.Connection, query: str) -> list[KeyHit]:
    """Fallback for partial words: every folded query word inside one folded name form."""
    words = search_key(query).split()
    if not words:
        raise ValidationError(f"search for '{query}': type at least one letter of a name")
    q = (
        sa.select(name_forms.c.person_id, name_forms.c.position)
        .join(persons, persons.c.id == name_forms.c.person_id)
        .where(_live(conn), fulltext.name_forms_containing(conn, words))
    )
    hits: dict[str, KeyHit] = {}
    for person_id, position in conn.execute(
        q.order_by(name_forms.c.person_id, name_forms.c.position)
    ):
        hits.setdefault(person_id, KeyHit(person_id, 0, position, (), True))
    return list(hits.values())


def reason(hit: KeyHit, form_text: str) -> str:
    """Why a person was found, in words a reviewer reads."""
    if not hit.parts:
        return f"the start of a word matches the name form '{form_text}'"
    parts = ", ".join(PART_NAMES[p] for p in hit.parts)
    how = "sounds like" if hit.fuzzy else "matches"
    return f"{parts} {how} the name form '{form_text}'"
