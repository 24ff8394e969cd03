"""A prisoner's journey told without the usual triggers: a fellow prisoner named after "в одній
камері з" (held there too), a verbless run of places after a dash ("— Оленівка, Таганрог":
held in the first, moved to each later one), a testimony's sentence that is only a leg to a town
("Потом — Таганрог.").

Each rule makes hits of its own, which the orchestrator attaches and proposes like any other."""

from __future__ import annotations

import re

from powtrace.extract.hits import Hit
from powtrace.extract.lexicon import EventLexicon
from powtrace.extract.model import EventProposal
from powtrace.extract.refs import Ref
from powtrace.extract.text import Sentence

# Between the co-prisoner words and the name: up to two lowercase words ("з побратимом").
_CO_GAP = re.compile(r"[ \t]*(?:[a-zа-яёіїєґ'’ʼ-]+[ \t]+){0,2}")


def co_prisoners(lex: EventLexicon, s: Sentence, mine: list[Ref]) -> list[tuple[Hit, Ref]]:
    """A fellow prisoner named right after "в одній камері з", "сидів разом із", "У камері зі
    мною був", "сосед по Брянску —": he was held there too (`interned`)."""
    if lex.co_prisoner is None:
        return []
    out: list[tuple[Hit, Ref]] = []
    for m in lex.co_prisoner.finditer(s.text):
        at = s.start + m.end()
        named = next((r for r in mine if r.entity and not r.pronoun and r.start >= at), None)
        if named is not None and _CO_GAP.fullmatch(s.text, m.end(), named.start - s.start):
            out.append((Hit("interned", s.start + m.start(), at, s), named))
    return out


_RUN_SPLIT = re.compile(r"\s*,\s*|\s+(?:і|й|та|и|and)\s+")

_RUN_PLACE = re.compile(r"(?-i:[A-ZА-ЯЁІЇЄҐ])[\w'’ʼ-]*(?:[ \t](?-i:[A-ZА-ЯЁІЇЄҐ])[\w'’ʼ-]*)?")

_RUN_END = re.compile(r"[.;!…]+[\s\"'”’»)]*$")


def place_run(lex: EventLexicon, s: Sentence) -> list[Hit]:
    """A verbless list of places after a captivity noun and a dash ("За два роки неволі —
    Оленівка, Таганрог, Камишин.", "За два года плена — …"), to the sentence's end: held in the
    first place (`interned`), then moved to each later one (`transferred`). Each place is its
    trigger; two places at least, each one or two capitalised words."""
    if lex.place_run is None:
        return []
    m = lex.place_run.search(s.text)
    if m is None:
        return []
    tail = s.text[m.end() :]
    end = _RUN_END.search(tail)
    body = tail[: end.start()] if end else tail.rstrip()
    hits: list[Hit] = []
    at = m.end()
    for part in _RUN_SPLIT.split(body):
        if not _RUN_PLACE.fullmatch(part):
            return []
        at = s.text.index(part, at)
        kind = "transferred" if hits else "interned"
        hits.append(Hit(kind, s.start + at, s.start + at + len(part), s))
        at += len(part)
    return hits if len(hits) >= 2 else []


# Events that put the narrator in captivity, and those that end it: which came last tells
# whether he is held at a point of his testimony.
_HOLDING = frozenset(
    {
        "captured",
        "surrendered",
        "interned",
        "transferred",
        "isolated_interrogated",
        "tortured",
        "registered_icrc",
        "detained_pretrial",
    }
)

_ENDING = frozenset({"exchanged", "released", "handed_over", "returned_to_unit", "killed"})


def town_leg(
    lex: EventLexicon, s: Sentence, narrator: Ref | None, mine: list[Ref], out: list[EventProposal]
) -> Hit | None:
    """A sentence that is only a leg to a town ("Потом — Таганрог.", "Потім — Кизел.") in a
    testimony is a transfer of the narrator when he is already held there: his last event of
    captivity so far is a capture or detention, not a return. Before his capture ("Служил в
    Белгороде. Потом — Донбасс.") it is a posting, no event."""
    if lex.town_leg is None or narrator is None or not narrator.entity or mine:
        return None
    m = lex.town_leg.match(s.text)
    if m is None:
        return None
    last = next(
        (
            e.type
            for e in reversed(out)
            if e.person_id == narrator.entity and e.type in _HOLDING | _ENDING
        ),
        None,
    )
    if last not in _HOLDING:
        return None
    body = s.text[m.start() : m.end()].strip()
    at = s.start + s.text.index(body)
    return Hit("transferred", at, at + len(body.rstrip(".;!…")), s)
