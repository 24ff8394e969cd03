"""Persons named as members of a group whose relative clause tells an event.

"Gunners Lysenko and Dudka were among the Ukrainian troops who surrendered near Avdiivka":
the surrender is told of the group (the relative clause's subject), yet the persons listed
before "were among" went through it too. Each group event whose trigger lies in the "who /
that" clause is copied to each of those persons (the group event stays).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from powtrace.extract.model import EventProposal, Span
from powtrace.extract.refs import Ref
from powtrace.extract.text import Sentence

# "among the (Ukrainian) soldiers who", "among some 200 defenders that": a plural person noun
# (up to four words before it) and a relative pronoun.
_AMONG_WHO = re.compile(
    r"\bamong\s+(?:the\s+|those\s+)?(?:[\w'’-]+\s+){0,4}?(?:soldiers|troops|servicemen|"
    r"servicewomen|defenders|fighters|marines|paratroopers|guardsmen|volunteers|prisoners|"
    r"captives|POWs|men|women|Ukrainians|Russians)\s+(?:who|that)\b",
    re.IGNORECASE,
)
# Where the relative clause ends: a semicolon, a dash or the sentence's end.
_CLAUSE_END = re.compile(r"[;—–]")

NamedBefore = Callable[[str, Sentence, Span, list[Ref], "frozenset[str] | set[str]"], list[Ref]]


def among_who(
    text: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    events: list[EventProposal],
    bystanders: frozenset[str] | set[str],
    named_before: NamedBefore,
) -> list[EventProposal]:
    """The group events of "X and Y were among the soldiers who …" given to X and Y too.
    `named_before` lists the persons right before the copula ahead of the cue."""
    out: list[EventProposal] = []
    for s in sentences:
        for m in _AMONG_WHO.finditer(s.text):
            end = _CLAUSE_END.search(s.text, m.end())
            lo, hi = s.start + m.end(), s.start + (end.start() if end else len(s.text))
            group = [
                e
                for e in events
                if e.person_id is None
                and e.evidence.start == s.start
                and lo <= e.trigger.start < hi
            ]
            if not group:
                continue
            cue = Span(s.start + m.start(), s.start + m.end(), m.group(0))
            listed = named_before(text, s, cue, refs.get(s.index, []), bystanders)
            for r in listed:
                out += [replace(e, person_id=r.entity, group_size=None) for e in group]
    return out
