"""Trigger matches: where a sentence names an event of the vocabulary, before anyone is attached;
and two readings of a trigger's words that several rules share (a return that says "home", a
passive auxiliary).

Every other events module reads hits, and some make their own (places of an itinerary, a
verdict's list of terms), so they live below the orchestrator."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from powtrace.extract.lexicon import event_lexicon
from powtrace.extract.literals import foldable
from powtrace.extract.text import Sentence


@dataclass(frozen=True)
class Hit:
    """One trigger match: its vocabulary type and its span in the text."""

    type: str
    start: int
    end: int
    sentence: Sentence
    undated: bool = (
        False  # a state ("is in captivity"), not the event: its sentence's date is not the event's
    )

    def trigger_text(self, text: str) -> str:
        return text[self.start : self.end]


def find_hits(lang: str, sentence: Sentence) -> list[Hit]:
    """Trigger matches in a sentence; of overlapping ones the longest wins."""
    return list(_hits(lang, sentence))


# The pipeline reads a text's events up to three times (after finding relatives and held
# bystanders); a sentence's hits depend on nothing else, so they are read once.
@functools.lru_cache(maxsize=4096)
def _hits(lang: str, sentence: Sentence) -> tuple[Hit, ...]:
    lex = event_lexicon(lang)
    text = sentence.text
    lowered = text.lower() if foldable(text) else None
    raw: list[Hit] = []
    for type_id, pattern, heads in lex.scan:
        # may_match(), inlined: this runs for every pattern of every sentence.
        if lowered is not None and heads is not None and not any(map(lowered.__contains__, heads)):
            continue  # none of the words the pattern needs is here
        for m in pattern.finditer(text):
            a, b = sentence.start + m.start(), sentence.start + m.end()
            raw.append(Hit(type_id, a, b, sentence))
    raw.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[Hit] = []
    for hit in raw:
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return tuple(sorted(kept, key=lambda h: h.start))


# A return that says "home", reported next to an exchange, is its own event.
# Back to one's country counts as home too ("handed back to Russia", "повернувся в Україну");
# "sent back" / "returned to Russia" mostly restate the exchange itself.
HOME = re.compile(
    r"\bhome\b|\bsoil\b|\b(?:handed|came|went|got)\s+back\s+to\s+(?:Russia|Ukraine)\b|домой|додому|на\s+родину|на\s+батьківщину|"
    r"(?:в|на)\s+(?:Россию|Украину)\b|(?:в|у)\s+(?:Україну|Росію)\b|до\s+(?:України|Росії)\b",
    re.IGNORECASE,
)

# A passive auxiliary opening a trigger: "was captured" names no agent after it.
PASSIVE = re.compile(r"(?:was|were|been|being|got|get|gets|is|are)\s", re.IGNORECASE)
