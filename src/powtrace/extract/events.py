"""Events: trigger phrases per type, minus negated or hypothetical ones, attached to a referent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from powtrace.domain.vocab import event_type
from powtrace.extract.dates import DateMention
from powtrace.extract.details import agency, details_for
from powtrace.extract.lexicon import EventLexicon, event_lexicon
from powtrace.extract.literals import foldable
from powtrace.extract.model import EventProposal, Span
from powtrace.extract.ner import Candidate
from powtrace.extract.refs import Ref
from powtrace.extract.text import WORD, Sentence, clause_start

# Verbs of saying: a referent before one of them is the speaker, not who the event happened to.
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|recounted|added|stated|wrote|recalled|explained|claimed|noted|"
    r"сообщил\w*|рассказал\w*|заявил\w*|сказал\w*|отметил\w*|пояснил\w*|говорит|говорят|"
    r"повідомил\w*|повідомив|розповів\w*|розповіла|заявив|заявила|сказав|сказала|зазначив\w*|"
    r"каже|кажуть)\b",
    re.IGNORECASE,
)
# Verbs after which "to" is a preposition, not an infinitive marker ("assigned to menial work").
_PREPOSITIONAL = re.compile(
    r"\b(?:assigned|sent|moved|transferred|relegated|condemned|reduced|subjected|returned|taken|"
    r"brought|admitted|handed|put|added|listed|back)\s+to\s*$",
    re.IGNORECASE,
)
_WINDOW_WORDS = 7
# A return that says "home", reported next to an exchange, is its own event.
_HOME = re.compile(r"\bhome\b|\bsoil\b|домой|додому|на\s+родину|на\s+батьківщину", re.IGNORECASE)
# What joins coordinated persons: "Smith and Jones", "Смирнова и Кузнецова", "Мельника й Бондаря".
_COORDINATION = re.compile(
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|и|а\s+также|й|і|та|,)\s*", re.IGNORECASE
)
# Types whose triggers say what is withheld ("never given a rifle", "не платят").
_NEGATIVE_TYPES = {
    "assigned_noncombat",
    "pay_suspended",
    "refused_repatriation",
    "missing",
}  # how far back in its clause a negation or hypothesis cancels a trigger


@dataclass(frozen=True)
class Hit:
    """One trigger match: its vocabulary type and its span in the text."""

    type: str
    start: int
    end: int
    sentence: Sentence


def find_hits(lang: str, sentence: Sentence) -> list[Hit]:
    """Trigger matches in a sentence; of overlapping ones the longest wins."""
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
    return sorted(kept, key=lambda h: h.start)


def cancelled(text: str, hit: Hit, lex: EventLexicon, group: bool) -> bool:
    """True when the clause before a trigger negates it or makes it a hypothesis."""
    s = hit.sentence
    lead = text[clause_start(text, hit.start, s.start) : hit.start]
    # A parenthesis is an aside: "Oleg (not his real name) surrendered" is not negated.
    lead = lead[lead.rfind(")") + 1 :]
    words = WORD.findall(lead)
    window = " ".join(words[-_WINDOW_WORDS:])
    if lex.negators.search(window) or lex.irrealis.search(window):
        return True
    # "was not captured": a negation inside the trigger, unless the type is negative by nature.
    if hit.type not in _NEGATIVE_TYPES and lex.negators.search(text[hit.start : hit.end]):
        return True
    near = text[max(s.start, hit.start - 30) : hit.start]
    if lex.immediate is not None and lex.immediate.search(near) and not _PREPOSITIONAL.search(near):
        return True
    # A generic group in a temporal clause ("when soldiers are returned") is background.
    return group and bool(lex.subordinators.search(" ".join([*words[:3], "|", *words[-5:]])))


def attach(text: str, hit: Hit, refs: list[Ref], previous: list[Ref]) -> Ref | None:
    """The referent an event is about: the nearest one before the trigger that is not a speaker,
    else the first after it, else the last person of the previous sentence; None for nobody."""
    # A person inside the trigger or right after it is its object: "beat him", "questioned him".
    inner = [r for r in refs if hit.start <= r.start and r.start <= hit.end + 1 and not r.size]
    if inner and inner[0].entity:
        return inner[0]
    before = [r for r in refs if r.end <= hit.start]
    for r in reversed(before):
        if not _REPORTING.search(text[r.end : hit.start]):
            return r
    after = [r for r in refs if r.start >= hit.start]
    if after:
        return after[0]
    persons = [r for r in previous if r.entity]
    if persons:  # only a speaker before: the event is about whom the text spoke of last
        return persons[-1]
    return before[-1] if before else None


def coordinated(text: str, ref: Ref, refs: list[Ref]) -> list[Ref]:
    """Other persons joined to `ref` by "and" or a comma ("Смирнова и Кузнецова взяли в плен"):
    what is said of one of them is said of each."""
    people = sorted((r for r in refs if r.entity), key=lambda r: r.start)
    if ref not in people:
        return []
    i = people.index(ref)
    out: list[Ref] = []
    j = i
    while j > 0 and _COORDINATION.fullmatch(text[people[j - 1].end : people[j].start]):
        j -= 1
        out.append(people[j])
    j = i
    while j + 1 < len(people) and _COORDINATION.fullmatch(
        text[people[j].end : people[j + 1].start]
    ):
        j += 1
        out.append(people[j])
    return [r for r in out if r.entity != ref.entity]


def _date_for(hit: Hit, dates: list[DateMention]) -> DateMention | None:
    """The date expression in the trigger's clause, else one fronted at the sentence start."""
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
    if same:
        return min(same, key=lambda d: abs(d.start - hit.start))
    first = inside[0]
    return first if first.start - s.start <= 30 and first.start < hit.start else None


def _comma_between(s: Sentence, d: DateMention, hit: Hit) -> bool:
    """True when a clause boundary separates a date from a trigger."""
    a, b = sorted((d.end, hit.start)) if d.end <= hit.start else sorted((hit.end, d.start))
    return any(ch in s.text[a - s.start : b - s.start] for ch in ",;—")


def _place_for(hit: Hit, places: list[Candidate]) -> str | None:
    """The nearest place named after the trigger in its sentence, else before it."""
    s = hit.sentence
    inside = [p for p in places if s.start <= p.start < s.end]
    after = [p for p in inside if p.start >= hit.start]
    if after:
        return after[0].text
    return inside[-1].text if inside else None


def propose(
    text: str, hit: Hit, ref: Ref | None, dates: list[DateMention], places: list[Candidate]
) -> EventProposal:
    """Build the proposal for one trigger attached to a referent."""
    kind = event_type(hit.type)
    s = hit.sentence
    date = _date_for(hit, dates)
    details = details_for(hit.type, s.text, set(kind.details))
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


def dedupe(events: list[EventProposal]) -> list[EventProposal]:
    """One event per person and type (per evidence sentence for groups); an exchange covers the
    handing-over the same sentence reports."""
    exchanged = {(e.person_id, e.evidence.start) for e in events if e.type == "exchanged"}
    seen: dict[tuple[str | None, str, str], int] = {}
    out: list[EventProposal] = []
    for e in events:
        if (
            e.type == "handed_over"
            and (e.person_id, e.evidence.start) in exchanged
            and not _HOME.search(e.trigger.text)
        ):
            continue  # "returned from captivity in an exchange": the exchange says it all
        # A group is one group per sentence, or per head count: the headline's "95 soldiers
        # returned" and the body's are one event.
        group = f"size:{e.group_size}" if e.group_size else e.evidence.text
        key = (e.person_id, e.type, "" if e.person_id else group)
        if key in seen:
            i = seen[key]
            if e.group_size and out[i].date is None and e.date is not None:
                out[i] = e  # the same group event, told again with its date
            continue
        seen[key] = len(out)
        out.append(e)
    return out


def extract_events(
    text: str,
    lang: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    dates: list[DateMention],
    places: list[Candidate],
    bystanders: frozenset[str] | set[str] = frozenset(),
) -> list[EventProposal]:
    """All events of a text, in text order. Persons in `bystanders` (officials, lawyers,
    journalists) are never what an event happened to."""
    lex = event_lexicon(lang)
    out: list[EventProposal] = []
    for s in sentences:
        mine = [r for r in refs.get(s.index, []) if r.entity not in bystanders]
        previous = [r for r in refs.get(s.index - 1, []) if r.entity not in bystanders]
        for hit in find_hits(lang, s):
            ref = attach(text, hit, mine, previous)
            if ref is None:
                continue  # nobody it happened to: a generic statement ("torture was systematic")
            if cancelled(text, hit, lex, group=ref.entity is None):
                continue
            out.append(propose(text, hit, ref, dates, places))
            if ref.entity:
                for other in coordinated(text, ref, mine):
                    out.append(propose(text, hit, other, dates, places))
    return dedupe(out)
