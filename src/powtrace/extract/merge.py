"""Proposed events merged into what the text tells once: a bare swap next to another report of
it, a capture that retells a surrender, an uncounted group's event next to a counted one, a
release on an exchange's day, a group's return home in a clause about persons' exchange; an
undated event takes the date told just before; then one event per person and type.

Every rule compares events across sentences, so they run once all events are proposed."""

from __future__ import annotations

import re
from dataclasses import replace

from powtrace.domain.vocab import event_type
from powtrace.extract.dates import DateMention
from powtrace.extract.hits import HOME, PASSIVE
from powtrace.extract.lexicon import EventLexicon
from powtrace.extract.model import EventProposal
from powtrace.extract.text import Sentence


def drop_retold_swaps(events: list[EventProposal], bare: set[int]) -> list[EventProposal]:
    """A bare exchange (its trigger in `bare`: "an exchange took place") next to another report
    of an exchange (a headline over its lead) is that exchange told again. One told with its
    own day or head count ("happened on January 31", "обмен «200 на 200»") is another; of two
    bare ones, the one with less said (no day, no head count) is the other told again."""
    swaps = [e for e in events if e.type == "exchanged"]
    return [
        e
        for e in events
        if e.trigger.start not in bare
        or not any(
            x is not e
            and abs(x.evidence.start - e.evidence.start) < 600
            and not _another_swap(e, x)
            and not _more_told(e, x)
            and (x.trigger.start not in bare or _more_told(x, e))
            for x in swaps
        )
    ]


def _another_swap(bare: EventProposal, told: EventProposal) -> bool:
    """True when a bare exchange differs from a told one by its day or its head count."""
    day = bare.date is not None and bare.date.precision == "day"
    if day and bare.date != told.date:
        return True
    return bool(bare.group_size and told.group_size and bare.group_size != told.group_size)


def _more_told(x: EventProposal, e: EventProposal) -> bool:
    """True when x gives a day or a head count that e lacks."""
    return bool((x.date and not e.date) or (x.group_size and not e.group_size))


def surrender_not_capture(events: list[EventProposal], lex: EventLexicon) -> list[EventProposal]:
    """A person who surrendered was not captured: "taken prisoner after surrendering" (the same
    sentence) or an undated "the month I was captured" of a man who gave himself up tell that
    surrender again. A capture with its agent ("Зарубін взяв у полон Дороша") is kept; for
    groups, only the surrender's own sentence counts."""
    gave_up = {(e.person_id, e.evidence.start) for e in events if e.type == "surrendered"}
    persons = {p for p, _ in gave_up if p}
    out = []
    for e in events:
        told = (e.person_id, e.evidence.start) in gave_up
        again = e.person_id in persons and e.date is None
        if e.type == "captured" and (told or again):
            agent = lex.agentive is not None and lex.agentive.search(e.trigger.text)
            if not agent or PASSIVE.match(e.trigger.text):
                continue
        out.append(e)
    return out


# A sentence that breaks down a count just given: "В частности, удалось репатриировать тела 221
# защитника, 25 …", "Зокрема …", "In particular …": its group events are that one again.
_BREAKDOWN = re.compile(
    r"\W*(?:в\s+частности|в\s+том\s+числе|зокрема|у\s+тому\s+числі|в\s+тому\s+числі|"
    r"in\s+particular|of\s+these|of\s+them)(?![\w-])",
    re.IGNORECASE,
)

_GROUP_REACH = 2  # sentences around a counted group in which an uncounted one is it again

# Events whose uncounted retelling near a counted report is the same event: one swap is told
# over and over in a report. Captures, disappearances and the like are told of several groups
# ("Most of the men were taken prisoner … A group of nine … was captured") and are kept.
_RETOLD_TYPES = frozenset({"exchanged", "released", "handed_over"})


def group_told_again(events: list[EventProposal], sentences: list[Sentence]) -> list[EventProposal]:
    """An uncounted group's event next to a counted group's event of the same type is that
    event told again (a headline over its lead, "Вдалося повернути 200 військових. … Також в
    Україну змогли повернути військовослужбовців Нацгвардії"), unless its day differs."""
    index = {s.start: s.index for s in sentences}
    counted = [e for e in events if e.person_id is None and e.group_size]
    out = []
    for e in events:
        here = index.get(e.evidence.start, -99)
        if (
            e.person_id is None
            and _BREAKDOWN.match(e.evidence.text)
            and any(
                x.type == e.type
                and x.person_id is None
                and 0 < here - index.get(x.evidence.start, 99) <= _GROUP_REACH
                for x in events
            )
        ):
            continue  # "Зокрема вдалося репатріювати тіла 221 …": the count just given, in parts
        # A headline's counted group ("Пятеро земляков вернулись из плена", a title line with no
        # full stop) over a lead that tells its event is that event (a part of its count).
        title = not e.evidence.text.rstrip().endswith((".", "!", "?", "…"))
        if (
            e.person_id is None
            and (title or not e.group_size)
            and here == 0
            and e.date is None
            and any(
                x.type == e.type
                and x.person_id is None
                and 0 < index.get(x.evidence.start, -1) <= 3
                for x in events
            )
        ):
            continue  # a headline over the lead that tells the same group's event
        if (
            e.person_id is None
            and not e.group_size
            and e.type in _RETOLD_TYPES
            and any(
                x.type == e.type
                and abs(index.get(x.evidence.start, -999) - here) <= _GROUP_REACH
                and not (e.date is not None and e.date.precision == "day" and e.date != x.date)
                for x in counted
            )
        ):
            continue
        out.append(e)
    return out


_DATE_REACH = 3  # sentences back to an event of the same type whose date is meant again


def dates_told_before(
    events: list[EventProposal], sentences: list[Sentence], dates: list[DateMention]
) -> list[EventProposal]:
    """A person's event in a sentence without any date takes the date of an event of the same
    type told just before, of the group or of that person ("The court sentenced three men on
    Tuesday. Petrov got 17 years …")."""
    index = {s.start: s.index for s in sentences}
    dated = {index[s.start] for s in sentences for d in dates if s.start <= d.start < s.end}
    out = []
    for e in events:
        here = index.get(e.evidence.start, -1)
        if e.date is None and e.person_id and here not in dated:
            earlier = [
                x
                for x in out
                if _same_kind(x.type, e.type)
                and x.person_id in (None, e.person_id)
                and x.date is not None
                and 0 <= here - index.get(x.evidence.start, -99) <= _DATE_REACH
            ]
            if earlier:
                x = earlier[-1]
                e = replace(e, date=x.date, date_text=x.date_text, date_note=x.date_note)
        out.append(e)
    return out


# A verdict is one event told twice: found guilty and sentenced on the same day.
_VERDICT = {"convicted", "sentenced"}


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in _VERDICT and b in _VERDICT)


def _released_in_exchange(events: list[EventProposal]) -> list[EventProposal]:
    """A person freed on the day of an exchange the text reports ("Also freed on Thursday was
    Lieutenant Koval") was freed in it: the release is that exchange."""
    days = {
        e.date
        for e in events
        if e.type == "exchanged" and e.date is not None and e.date.precision == "day"
    }
    out = []
    for e in events:
        if e.type == "released" and e.person_id and e.date in days:
            e = replace(e, type="exchanged", corpus_type=event_type("exchanged").corpus)
        elif e.type == "released" and e.person_id is None and _THAT_DAY.search(e.evidence.text):
            # "Загалом того дня з полону звільнили 230 українців": freed in that day's exchange
            swaps = [
                x for x in events if x.type == "exchanged" and x.evidence.start < e.evidence.start
            ]
            if swaps:
                day = swaps[-1]
                e = replace(
                    e,
                    type="exchanged",
                    corpus_type=event_type("exchanged").corpus,
                    date=e.date or day.date,
                    date_text=e.date_text if e.date else day.date_text,
                    date_note=e.date_note if e.date else day.date_note,
                )
        out.append(e)
    return out


# "That day" pointing back to a day the text told: "того дня", "в тот же день", "the same day".
_THAT_DAY = re.compile(
    r"(?<![\w-])(?:того\s+(?:ж\s+|же\s+)?дня|в\s+тот\s+(?:же\s+)?день|в\s+этот\s+(?:же\s+)?день|"
    r"цього\s+(?:ж\s+)?дня|that\s+(?:same\s+)?day|the\s+same\s+day)(?![\w-])",
    re.IGNORECASE,
)

# A clause that describes an exchange just named: "an exchange in which 230 Ukrainians came
# home", "обмін, під час якого додому повернулися 75 захисників".
_EXCHANGE_CLAUSE = re.compile(
    r"\b(?:in\s+which|during\s+which|through\s+which|when|в\s+ходе\s+которого|в\s+рамках\s+"
    r"которого|в\s+котором|когда|під\s+час\s+якого|в\s+рамках\s+якого|у\s+якому|в\s+якому|коли)\b",
    re.IGNORECASE,
)


def home_with_exchange(text: str, events: list[EventProposal]) -> list[EventProposal]:
    """A group's return home told in a clause about the exchange that persons of the sentence
    were part of ("X and Y were returned as part of an exchange in which 230 Ukrainians came
    home") is theirs: each of them came home."""
    out: list[EventProposal] = []
    for e in events:
        swaps = [
            x
            for x in events
            if x.type == "exchanged"
            and x.person_id
            and x.evidence.start == e.evidence.start
            and x.trigger.end <= e.trigger.start
        ]
        if (
            e.type == "handed_over"
            and e.person_id is None
            and swaps
            and HOME.search(e.trigger.text)
            and _EXCHANGE_CLAUSE.search(text, swaps[0].trigger.start, e.trigger.start)
        ):
            people = dict.fromkeys(x.person_id for x in swaps)
            if e.date is None:  # the exchange's day is the day they came home
                day = swaps[-1]
                e = replace(e, date=day.date, date_text=day.date_text, date_note=day.date_note)
            out += [replace(e, person_id=p, group_size=None) for p in people]
            continue
        out.append(e)
    return out


def _finer(e: EventProposal, x: EventProposal) -> bool:
    """True when e's date narrows x's (2022-05-18 within 2022-05)."""
    if e.date is None or x.date is None:
        return False
    a, b = str(e.date), str(x.date)
    return len(a) > len(b) and a.startswith(b)


# Types a person undergoes again and again, each time a new event: legs of a journey.
_ITINERARY = {"transferred"}


def dedupe(events: list[EventProposal]) -> list[EventProposal]:
    """One event per person and type (per evidence sentence for groups); an exchange covers the
    handing-over and the release of that person the same sentence reports."""
    events = _released_in_exchange(events)
    exchanged = {(e.person_id, e.evidence.start) for e in events if e.type == "exchanged"}
    # A person's release, told apart from the exchange the text reports for him, is that
    # exchange told again ("Мене обміняли … Уже після звільнення я дізнався …").
    swapped = {p for p, _ in exchanged if p}
    events = [e for e in events if not (e.type == "released" and e.person_id in swapped)]
    # "в результате обмена из плена вернулись 115 военных": the group's release is the exchange
    swapped_groups = {s for p, s in exchanged if p is None}
    events = [
        e
        for e in events
        if not (e.type == "released" and e.person_id is None and e.evidence.start in swapped_groups)
    ]
    # "freed in the exchange of 31 May": the exchange is the release
    events = [
        e
        for e in events
        if not (
            e.type == "released" and e.person_id and (e.person_id, e.evidence.start) in exchanged
        )
    ]
    seen: dict[tuple[str | None, str, str], int] = {}
    out: list[EventProposal] = []
    for e in events:
        if (
            e.type == "handed_over"
            and (e.person_id, e.evidence.start) in exchanged
            and not HOME.search(e.trigger.text)
        ):
            continue  # "returned from captivity in an exchange": the exchange says it all
        # A group is one group per sentence, or per head count: the headline's "95 soldiers
        # returned" and the body's are one event.
        group = f"size:{e.group_size}" if e.group_size else e.evidence.text
        key = (e.person_id, e.type, "" if e.person_id else group)
        if e.type in _ITINERARY and e.person_id:
            # Each leg of a journey is a transfer of its own ("First to a filtration point,
            # then by truck to Crimea … Later to a colony"): one per trigger.
            key = (e.person_id, e.type, str(e.trigger.start))
        if key in seen:
            i = seen[key]
            if out[i].date is None and e.date is not None:
                out[i] = e  # the same event, told again with its date
            elif _finer(e, out[i]):
                # "taken captive in May 2022 … He was taken captive on May 18": the day
                out[i] = replace(out[i], date=e.date, date_text=e.date_text, date_note=e.date_note)
            continue
        seen[key] = len(out)
        out.append(e)
    return out
