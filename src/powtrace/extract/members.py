"""Group events handed on to the group's members: persons named "among" the returned or listed
after such a sentence (in prose or as list items), a counted group whose members the next
sentences or a list name, the persons a verdict's list gives terms, and persons named among
the freed with no release of their own.

Each rule reads the events already proposed for the whole text, so they run after the
sentence loop of the orchestrator."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from powtrace.extract import attributes as attr
from powtrace.extract.cancel import WINDOW_WORDS
from powtrace.extract.companions import coordinated
from powtrace.extract.dates import DateMention
from powtrace.extract.hits import Hit
from powtrace.extract.lexicon import EventLexicon, person_lexicon
from powtrace.extract.model import EventProposal, Span
from powtrace.extract.ner import Candidate
from powtrace.extract.persons import Entity
from powtrace.extract.proposal import propose
from powtrace.extract.refs import Ref
from powtrace.extract.text import WORD, Sentence, clause_start

# Group events a person named "among" the group shares.
GROUP_RETURN = ("exchanged", "handed_over", "released")

# "Among them", "среди них", "серед них": the group of the sentence before.
_AMONG_THEM = re.compile(r"among\s+them|среди\s+них|серед\s+них", re.IGNORECASE)


def among_returned(
    text: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    events: list[EventProposal],
    lex: EventLexicon,
    bystanders: frozenset[str] | set[str],
) -> list[EventProposal]:
    """A person named "among" the returned ("Среди них — Денис Латыпов", "Among the freed was
    Sergeant Koval") shares the return events of the last group the text reported returned."""
    out: list[EventProposal] = []
    for s in sentences:
        cue = lex.among.search(s.text) if lex.among else None
        if cue is None:
            continue
        lead = WORD.findall(s.text[clause_start(s.text, cue.start()) : cue.start()])
        window = " ".join(lead[-WINDOW_WORDS:])
        if lex.negators.search(window) or lex.irrealis.search(window):
            continue  # "she waited for her son among the freed": he was not there
        # "Nine border guards were captured … Among them were X and Y": whatever the group of
        # the sentence before underwent, its members named here underwent too.
        before = sentences[s.index - 1] if s.index else None
        group = [
            e
            for e in events
            if _AMONG_THEM.match(cue.group(0))
            and before is not None
            and e.person_id is None
            and e.evidence.start == before.start
        ]
        earlier = [
            e
            for e in events
            if e.person_id is None and e.type in GROUP_RETURN and e.evidence.start <= s.start
        ]
        if not group and not earlier:
            continue
        if not group:
            # The last exchange told with its day, else the last one: a day marks the swap the
            # story is about, not a tally ("6,300 freed since 2022"). A swap or release is
            # what the members went through; the group's crossing home after it is a step of
            # the group's own ("The freed crossed back into Ukraine on Friday").
            freed = [e for e in earlier if e.type != "handed_over"]
            earlier = freed or earlier
            dated = [e for e in earlier if e.date is not None and e.date.precision == "day"]
            last = (dated or earlier)[-1].evidence.start
            group = [e for e in earlier if e.evidence.start == last]
        trigger = Span(s.start + cue.start(), s.start + cue.end(), cue.group(0))
        listed = [
            r
            for r in refs.get(s.index, [])
            if r.entity and r.entity not in bystanders and r.start > trigger.start
        ]
        if not listed:  # "A, B and C were among the 215 released": the names before the cue
            listed = named_before_among(text, s, trigger, refs.get(s.index, []), bystanders)
        where = s
        if not listed:  # "Среди вернувшихся — пятеро земляков. … Это Зуев, Белкин и …"
            listed, where = _listed_after(sentences, s, refs, bystanders)
        pairs = [(r, where) for r in listed]
        if not listed:  # "Среди них — шестеро земляков! Поимённо: 🔹 Гуськов Андрей …"
            pairs = _bulleted_after(text, sentences, s, refs, bystanders)
        for r, line in pairs:
            out += [
                replace(
                    e,
                    person_id=r.entity,
                    group_size=None,
                    evidence=Span(line.start, line.end, line.text),
                    trigger=trigger,
                )
                for e in group
            ]
    return out


# What stands between the last name of a list and "among": "were", "was also", ", 24, was".
_BEFORE_AMONG = re.compile(
    r"(?:\s*,\s*\d{1,2}\s*,)?\s*(?:was|were|is|are)\s+(?:also\s+|both\s+|all\s+)?",
    re.IGNORECASE,
)


def named_before_among(
    text: str,
    s: Sentence,
    cue: Span,
    refs: list[Ref],
    bystanders: frozenset[str] | set[str],
) -> list[Ref]:
    """The persons named as the subject of "were among" ("Hrytsenko, Ostapchuk and Levchenko
    were among the 180 released"): the last name right before the copula and the names joined
    to it by commas and "and"."""
    people = [r for r in refs if r.entity and not r.pronoun and r.end <= cue.start]
    if not people:
        return []
    last = max(people, key=lambda r: r.end)
    if not _BEFORE_AMONG.fullmatch(text, last.end, cue.start):
        return []
    titles = person_lexicon("en").titles
    listed = [last, *coordinated(text, last, people, titles)]
    return [r for r in listed if r.entity not in bystanders]


# A sentence that lists the members of a group told just before: "Это …", "Це …", "They are …".
_LIST_OPENER = re.compile(
    r"(?<![\w-])(?:это|це|they\s+are|they\s+were|these\s+are|their\s+names\s+are)(?![\w-])",
    re.IGNORECASE,
)

_LISTED_REACH = 3  # sentences after the "among" sentence in which its members may be listed


def _listed_after(
    sentences: list[Sentence],
    s: Sentence,
    refs: dict[int, list[Ref]],
    bystanders: frozenset[str] | set[str],
) -> tuple[list[Ref], Sentence]:
    """The persons a sentence soon after lists as the members of a group ("Среди вернувшихся —
    пятеро земляков. … По его словам, это Никита Зуев, Сергей Белкин …"), and that sentence."""
    for nxt in sentences[s.index + 1 : s.index + 1 + _LISTED_REACH]:
        opener = _LIST_OPENER.search(nxt.text)
        at = nxt.start + opener.end() if opener else nxt.start
        if opener is None:
            # "… — шестеро земляков. «Зуев Никита, Белкин Сергей и …»": a sentence that opens
            # with a list of names, each after a comma or "и", lists them too
            first = _LIST_START.match(nxt.text)
            named = [r for r in refs.get(nxt.index, []) if r.entity and not r.pronoun]
            if first is None or not named or named[0].start != nxt.start + first.end():
                continue
            if any(not _LIST_JOIN.fullmatch(text_between) for text_between in _gaps(nxt, named)):
                continue
        people = [
            r
            for r in refs.get(nxt.index, [])
            if r.entity and r.entity not in bystanders and not r.pronoun and r.start >= at
        ]
        if len({r.entity for r in people}) >= 2:
            return people, nxt
    return [], s


_LIST_START = re.compile(r"[«\"„“]?")

_LIST_JOIN = re.compile(r"\s*(?:,\s*|\s(?:и|і|й|та|and)\s+)", re.IGNORECASE)

_LIST_NAMES = 3  # how many names in a row make a bare list


def _gaps(s: Sentence, named: list[Ref]) -> list[str]:
    """The text between the first `_LIST_NAMES` names of a sentence (each name once)."""
    firsts: list[Ref] = []
    for r in named:
        if r.entity not in {x.entity for x in firsts}:
            firsts.append(r)
    if len(firsts) < _LIST_NAMES:
        return ["-"]  # too few names in a row for a bare list
    lo = s.start
    return [s.text[a.end - lo : b.start - lo] for a, b in pairwise(firsts[:_LIST_NAMES])]


# A list item line: a bullet, dash or emoji marker, or a number ("🔹 рядовой Иванов Олег, Клинцы",
# "– Іван Мельник", "2) Petro Koval"), not a letter, digit run or quote that opens prose.
_BULLET = re.compile(r"\s*(?:[^\w\s«»\"„“”'’(\[]|\d{1,2}[.)])")

_BULLET_REACH = 16  # lines after the "among" sentence that a list of its members may run to

_ITEM_NAME_AT = 80  # characters into an item line within which its person is named


def _bulleted_after(
    text: str,
    sentences: list[Sentence],
    s: Sentence,
    refs: dict[int, list[Ref]],
    bystanders: frozenset[str] | set[str],
    prose: int = 0,
) -> list[tuple[Ref, Sentence]]:
    """The persons a list of items right after a group sentence names, one per item line, with
    that line ("Среди них — шестеро земляков! Поимённо: 🔹 рядовой Мартыненко Олег, Клинцы 🔹 …");
    a heading ending in ":" may stand before the items, and up to `prose` lines of other text
    too. Fewer than two named items: no list."""
    items: list[tuple[Ref, Sentence]] = []
    last = s.end
    for nxt in sentences[s.index + 1 : s.index + 1 + _BULLET_REACH]:
        if "\n" not in text[last : nxt.start]:
            last = nxt.end  # the same line goes on ("г. Новозыбков — в плену …")
            continue
        if _BULLET.match(nxt.text):
            people = [
                r
                for r in refs.get(nxt.index, [])
                if r.entity
                and r.entity not in bystanders
                and not r.pronoun
                and r.start < nxt.start + _ITEM_NAME_AT
            ]
            if people:
                items.append((people[0], nxt))
            last = nxt.end
            continue
        if not items and nxt.text.rstrip().endswith(":"):
            last = nxt.end  # "Поимённо (с согласия родных):", "Повернулися:"
            continue
        if not items and prose > 0:
            prose -= 1  # a paragraph about the welcome between the count and its list
            last = nxt.end
            continue
        break
    return items if len(items) >= 2 else []


_MEMBERS_REACH = 3  # sentences after a counted group in which its members may be named

_PROSE_BEFORE_LIST = 2  # lines of prose between a counted group and the list of its members


def _small_count(group: list[EventProposal]) -> int | None:
    """The one head count a sentence's group events give, when it is 2 to 10 (a count that
    the next lines can name one by one), else None."""
    sizes = {e.group_size for e in group if e.group_size}
    if len(sizes) != 1:
        return None
    (size,) = sizes
    return size if 2 <= size <= 10 else None


def counted_bulleted(
    text: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    events: list[EventProposal],
    bystanders: frozenset[str] | set[str],
) -> list[EventProposal]:
    """A counted group that came back ("Четверо наших краян повернулися додому:", "Трое
    земляков, которых обменяли …") followed by exactly that many list items, each naming one
    person ("🔸 Тарас Гуменюк, 31 рік"), is those persons: the group's return events become
    each member's (a paragraph or two may stand between the count and the list)."""
    out = list(events)
    for s in sentences:
        group = [
            e
            for e in out
            if e.person_id is None and e.evidence.start == s.start and e.type in GROUP_RETURN
        ]
        size = _small_count(group)
        if size is None:
            continue
        items = _bulleted_after(text, sentences, s, refs, bystanders, prose=_PROSE_BEFORE_LIST)
        members = list(dict.fromkeys(r.entity for r, _ in items))
        if len(members) != size:
            continue
        told = [e for e in out if e.person_id is None and e.evidence.start == s.start]
        out = [e for e in out if e not in told]
        out += [replace(e, person_id=m, group_size=None) for e in told for m in members]
    return sorted(out, key=lambda e: (e.evidence.start, e.trigger.start))


def counted_then_named(
    events: list[EventProposal], sentences: list[Sentence]
) -> list[EventProposal]:
    """A counted group ("приговорил троих военнослужащих", "sentenced three soldiers") whose
    members the next sentences name, each with an event of a type the group had ("Гордиенко
    получил 17 лет, Ткачуку — 16, Мельничуку — 15"), is those persons: each of the group's
    events there and in the sentences up to the names ("Суд признал их виновными") is theirs."""
    index = {s.start: s.index for s in sentences}
    out = list(events)
    for head in sentences:
        group = [e for e in out if e.person_id is None and e.evidence.start == head.start]
        size = _small_count(group)
        if size is None:
            continue
        types = {e.type for e in group}
        later = [
            e
            for e in out
            if e.person_id
            and e.type in types
            and 0 < index.get(e.evidence.start, -1) - head.index <= _MEMBERS_REACH
        ]
        members = list(dict.fromkeys(e.person_id for e in later))
        if len(members) != size:
            continue
        named_at = min(index[e.evidence.start] for e in later)
        told = [
            e
            for e in out
            if e.person_id is None
            and head.index <= index.get(e.evidence.start, -1) < named_at
            and e.group_size in (None, size)
        ]
        out = [e for e in out if e not in told]
        out += [replace(e, person_id=m, group_size=None) for e in told for m in members]
    return sorted(out, key=lambda e: (e.evidence.start, e.trigger.start))


# A list item of a verdict: "Дмитро Федченко – 15 років", "Andriy Shevchuk: 22 years",
# "Дмитра Федченка до 15 років колонії" (the verb in the line before).
_TERM_ITEM = re.compile(
    r"(?:\s[—–-]|:|(?<![\w-])до)\s*(?:\d{1,2})\s+(?:years?|лет|года?|год|років|роки|рік|року)"
    r"(?![\w-])(?!\s+old)",
    re.IGNORECASE,
)

_TERMS_REACH = 3  # sentences after a verdict (or its last list item) that may list its terms

_VERDICT_TYPES = {"sentenced", "convicted"}

# A verdict told with nobody attached ("Всього суд засудив:", "received the following terms:").
_VERDICT_WORDS = re.compile(
    r"засуди|осуди|приговор|вирок|sentenced|sentences|convicted|following\s+terms|"
    r"такие\s+сроки|такі\s+терміни",
    re.IGNORECASE,
)


def listed_terms(
    text: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    events: list[EventProposal],
    dates: list[DateMention],
    places: list[Candidate],
    bystanders: frozenset[str] | set[str],
) -> list[EventProposal]:
    """Sentences for the persons a list after a verdict names with their terms ("Суд призначив
    їм такі терміни: … Микола Чуприна, Тарас Радченко – 20 років"): each one was sentenced."""
    out: list[EventProposal] = []
    items = [m.start() for m in _TERM_ITEM.finditer(text)]
    if not items:
        return out  # no list of terms: most texts
    told = {e.evidence.start for e in events if e.type in _VERDICT_TYPES}
    told |= {m.start() for m in _VERDICT_WORDS.finditer(text)}
    reach = -1
    for s in sentences:
        if any(s.start <= t < s.end for t in told):
            reach = s.index + _TERMS_REACH
        if s.index > reach:
            continue
        first = next((t for t in items if s.start <= t < s.end), None)
        if first is None:
            continue
        at = first
        named = [
            r
            for r in refs.get(s.index, [])
            if r.entity and r.entity not in bystanders and not r.pronoun and r.end <= at
        ]
        if not named:
            continue
        reach = s.index + _TERMS_REACH  # the list goes on
        term = _TERM_ITEM.match(text, at)
        assert term is not None
        hit = Hit("sentenced", at, term.end(), s)
        out += [propose(text, hit, r, dates, places) for r in named]
    return out


_SET_FREE = ("released", "exchanged", "returned_home_country")
_SWAP_WORD = re.compile(r"(?<![\w-])(?:обмін\w*|обмен\w*|exchange\w*|swap\w*)", re.IGNORECASE)


def freed_listed_events(
    text: str,
    language: str,
    entities: list[Entity],
    sentence_of: dict[int, Sentence],
    spans: list[tuple[int, int, str]],
    skip: set[str],
    events: list[EventProposal],
) -> list[EventProposal]:
    """A release for each person named in a list of the freed ("Серед звільнених — і медики.
    Хірург Ігор …") or "among" them ("опинився серед звільнених") who has no release, exchange
    or return of his own: the such event told last before him, a group's or a companion's ("Разом
    із Миколою на волю вийшов Степан"; its type and date), else an undated release (an exchange
    when his sentence speaks of one)."""
    out: list[EventProposal] = []
    for e in entities:
        if e.unnamed or e.id in skip:
            continue
        if any(ev.person_id == e.id and ev.corpus_type in _SET_FREE for ev in events):
            continue
        others = [(a, b) for a, b, i in spans if i != e.id]
        found = attr.freed_listed(text, language, e, sentence_of, others)
        s = sentence_of.get(found[0]) if found else None
        if s is None:
            continue
        group = [ev for ev in events if ev.corpus_type in _SET_FREE and ev.trigger.start < s.end]
        evidence = Span(s.start, s.end, s.text)
        trigger = Span(found[0], found[1], text[found[0] : found[1]])
        if group:
            out.append(
                replace(
                    group[-1], person_id=e.id, evidence=evidence, trigger=trigger, group_size=None
                )
            )
        else:  # "опинився серед звільнених" in a sentence about a swap: freed in it
            kind = "exchanged" if _SWAP_WORD.search(s.text) else "released"
            out.append(EventProposal(kind, kind, e.id, evidence, trigger))
    return out
