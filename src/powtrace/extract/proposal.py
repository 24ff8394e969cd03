"""One event proposal from a trigger and its referent: its type (a return in a coffin is the
body's), the date and place its sentence gives it, and its details.

Apart from the orchestrator because the list rules of `members.py` propose events too."""

from __future__ import annotations

import re
from dataclasses import replace

from powtrace.domain.vocab import event_type
from powtrace.extract.dates import DateMention
from powtrace.extract.details import agency, details_for
from powtrace.extract.hits import Hit
from powtrace.extract.model import EventProposal, Span
from powtrace.extract.ner import Candidate
from powtrace.extract.refs import Ref
from powtrace.extract.text import Sentence, clause_start

# A return in a coffin is the body's: "came home, though, it was in a body bag"; so is one
# of "his body" or of remains ("his body was among remains repatriated in May"): no living
# person came home.
_BODY = re.compile(
    r"body\s+bag|coffin|\bгроб\w*|\bтрун\w+|\bцинк\w*|\b(?:his|her|their)\s+bod(?:y|ies)\b|"
    r"\bbod(?:y|ies)\s+(?:was|were|had\s+been|has\s+been)\b|"
    r"\b(?:the|human|mortal|among)\s+remains\b|\bremains\s+(?:of|were|was)\b",
    re.IGNORECASE,
)


def propose(
    text: str, hit: Hit, ref: Ref | None, dates: list[DateMention], places: list[Candidate]
) -> EventProposal:
    """Build the proposal for one trigger attached to a referent."""
    if hit.type == "handed_over" and _BODY.search(hit.sentence.text):
        hit = replace(hit, type="body_repatriated")
    kind = event_type(hit.type)
    s = hit.sentence
    date = None if hit.undated else _date_for(hit, dates)
    # The term told after the trigger is its own ("у віці 17 років … засудили на 10 років").
    allowed = set(kind.details)
    details = details_for(hit.type, s.text, allowed)
    if "term_months" in allowed:
        details |= details_for(hit.type, text[hit.start : s.end], allowed)
    return EventProposal(
        type=hit.type,
        corpus_type=kind.corpus,
        person_id=ref.entity if ref else None,
        evidence=Span(s.start, s.end, s.text),
        trigger=Span(hit.start, hit.end, text[hit.start : hit.end]),
        group_size=ref.size if ref and not ref.entity else None,
        date=date.date if date else None,
        date_text=date.text if date and date.relative else None,
        date_note=date.note if date else None,
        place=_place_for(hit, places),
        agency=agency(s.text),
        details=details,
    )


def _date_for(hit: Hit, dates: list[DateMention]) -> DateMention | None:
    """The date expression in the trigger's clause, else the one that a "when" clause holding
    the trigger follows ("in October, when a channel posted an interview"), else one fronted
    at the sentence start."""
    s = hit.sentence
    inside = [d for d in dates if s.start <= d.start < s.end]
    if not inside:
        return None
    lo = clause_start(s.text, hit.start - s.start) + s.start
    same = [
        d
        for d in inside
        if lo <= d.start and d.end <= hit.end + 60 and not _comma_between(s, d, hit)
    ]
    # "was detained in June and convicted … in March 2023": the date before belongs to the
    # predicate before "and"; the trigger's own date follows it.
    later = [
        d for d in inside if hit.end <= d.start <= hit.end + 100 and not _comma_between(s, d, hit)
    ]
    if later:
        same = [
            d
            for d in same
            if d.start >= hit.end or not _AND.search(s.text, d.end - s.start, hit.start - s.start)
        ] or later[:1]
    if same:
        return min(same, key=lambda d: abs(d.start - hit.start))
    if _WHEN.match(s.text, lo - s.start):
        comma = lo - 1 - s.start  # the clause boundary before the "when"
        before = [d for d in inside if d.end <= lo and not s.text[d.end - s.start : comma].strip()]
        if before:
            return before[-1]
    first = inside[0]
    if first.start - s.start <= 30 and first.start < hit.start:
        return first
    # A date set apart at the end of the sentence: "… one letter, through the Red Cross, — last
    # August", "…, теж через Червоний Хрест, — торік у серпні".
    dash = max(s.text.rfind("—"), s.text.rfind("–"))
    tail = [d for d in inside if dash >= 0 and d.start - s.start > dash and d.start > hit.end]
    if tail and len(tail) == len([d for d in inside if d.start > hit.end]):
        rest = s.text[dash + 1 :]
        for d in tail:
            rest = rest.replace(d.text, "")
        if not rest.strip(" .!»”\"')"):
            return tail[-1]
    # The one date of a sentence that reports one event ("возвращены 205 …, сообщило в
    # понедельник Минобороны"): a report's day stands for the event's.
    return first if len(inside) == 1 and _REPORTED.search(s.text) else None


_AND = re.compile(r"(?<![\w-])(?:and|и|і|й|та)(?![\w-])", re.IGNORECASE)

# A verb of reporting that a date in another clause of the sentence may belong to.
_REPORTED = re.compile(
    r"\b(?:announced|reported|said|confirmed|сообщил\w*|заявил\w*|объявил\w*|подтвердил\w*|"
    r"повідомил\w*|повідомив|заявив|оголосил\w*|підтвердил\w*)\b",
    re.IGNORECASE,
)

# A clause that a date right before it sets the time of.
_WHEN = re.compile(r"\s*(?:when|когда|коли)\b", re.IGNORECASE)

# A relative pronoun opens a clause of its own: "on Wednesday sentenced a soldier who had come
# home in an exchange" does not date the exchange.
_RELATIVE_WORD = re.compile(
    r"\b(?:who|which|котор\w+|як(?:ий|а|е|і|ого|ої|ому|им|их|ій))\b", re.IGNORECASE
)

# A relative clause closed between a trigger and a date after it: "convicted Ruban, who was
# captured in 2024, on Tuesday" dates the conviction by "on Tuesday"; the clause's own date is
# its own verb's.
_CLOSED_RELATIVE = re.compile(
    r",\s*(?:who|whom|which)\b[^,;:()—–]*,",
    re.IGNORECASE,
)


def _comma_between(s: Sentence, d: DateMention, hit: Hit) -> bool:
    """True when a clause boundary separates a date from a trigger."""
    a, b = sorted((d.end, hit.start)) if d.end <= hit.start else sorted((hit.end, d.start))
    between = s.text[a - s.start : b - s.start]
    if d.start >= hit.end:
        between = _CLOSED_RELATIVE.sub(" ", between)
    return any(ch in between for ch in ",;—") or (
        d.end <= hit.start and _RELATIVE_WORD.search(between) is not None
    )


def _place_for(hit: Hit, places: list[Candidate]) -> str | None:
    """The nearest place named after the trigger in its sentence, else before it."""
    s = hit.sentence
    inside = [p for p in places if s.start <= p.start < s.end]
    after = [p for p in inside if p.start >= hit.start]
    if after:
        return after[0].text
    return inside[-1].text if inside else None
