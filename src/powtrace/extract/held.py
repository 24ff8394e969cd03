"""Bystanders who were held themselves: a journalist, official, lawyer or volunteer whose own
clause tells of his capture, captivity, release or exchange ("журналист Андрей Белов,
освобожденный из плена", "the reporter, who spent a year in captivity, was released",
"волонтер Ігор Сидоренко, якого звільнили з полону") undergoes those events like any captive;
one who only speaks of, negotiates or covers an exchange stays a bystander."""

from __future__ import annotations

import re
from collections.abc import Iterable

from powtrace.extract.model import EventProposal
from powtrace.extract.persons import Entity
from powtrace.extract.text import SAYING_VERBS, Sentence

# Words of captivity and its end: only a clause holding one is checked against the events.
_CAPTIVITY_WORD = re.compile(
    r"плен|полон|невол|captiv|captor|hostage|заложни|заручни|обмен|обмін|exchang|swap|freed|"
    r"releas|освобо|звільн|вызвол|визвол|detain|задерж|затрим|held|удержива|утриму|сизо|сізо|"
    r"колони|колоні|prison|тюрьм|в'язниц|вʼязниц",
    re.IGNORECASE,
)
# Where the person's own clause ends: a verb of saying or a "that" clause (what follows is
# what he tells, not what happened to him).
_CLAUSE_END = re.compile(
    rf"(?<![\w-])(?:{SAYING_VERBS}|explained|recalled|wrote|writes|reported|describ\w*|"
    r"рассказ\w*|расскаж\w*|повідом\w*|розкаж\w*|вспомина\w*|згаду\w*|"
    r"что|чтобы|що|щоб|that|якобы|нібито)(?![\w-])"
    r"|[:«“\"]",
    re.IGNORECASE,
)
# Verbs of those who act on an exchange or a captive rather than undergo it: between the name
# and the event's trigger they make the event someone else's ("X, who negotiated the swap").
_AGENT = re.compile(
    r"negotiat|mediat|organi[sz]|arrang|secur|help|assist|represent|defend|covered|covering|"
    r"documented|documenting|filmed|filming|photographed|photographing|attend|witness|welcom|greet|\bmet\b|meet|visit|oversee|oversaw|involv|"
    r"responsib|charge\s+of|"
    r"coordinat|переговор|посредни|организ|договори|добил|добива|помог|помога|содейств|"
    r"защищ|представля|освещ|документир|снима|снял|присутств|встреча|встрети|координир|"
    r"курир|посещ|навещ|посередни|організ|домови|домог|допомог|"
    r"допомаг|сприя|захища|представля|висвітл|документу|зніма|знял|присутн|зустрі|"
    r"координу|відвід",
    re.IGNORECASE,
)
# A preposition of topic or time just before the trigger: the event is what the clause is
# about or when it happens ("об обмене", "about captivity", "після обміну"), not his own.
_TOPIC_BEFORE = re.compile(
    r"(?<![\w-])(?:о|об|обо|про|about|on|of|over|regarding|при|на|at|за|щодо|относительно|"
    r"после|після|after|before|перед|для|for)"
    r"(?:\s+[\w'’ʼ-]+)?\s+$",
    re.IGNORECASE,
)
# "During" a swap: his own after his name ("X, освобожденный в ходе обмена", where the release
# became the exchange), a time before it ("В ходе обмена журналист X встретил …").
_DURING_BEFORE = re.compile(r"(?<![\w-])(?:ходе|час|during|time\s+of)\s+$", re.IGNORECASE)
# A noun after the trigger that makes it a modifier of work on exchanges ("prisoner exchange
# negotiations", "переговоры об обмене" is caught by the preposition): not an event of his own.
_TOPIC_AFTER = re.compile(
    r"\s*(?:negotiat\w*|talks|process\w*|efforts?|deals?|mechanism\w*|lists?|commission\w*|"
    r"процесс\w*|процес\w*|механизм\w*|механізм\w*|списк\w*|спис\w*|комисси\w*|комісі\w*)"
    r"(?![\w-])",
    re.IGNORECASE,
)
_SAME_PHRASE = re.compile(r"[^,;:.!?()«»\"“”—–\n]*")  # no punctuation between trigger and name
# What happens to the person himself: caught, held, set free or swapped.
OWN_TYPES = frozenset({"captured", "interned", "released", "exchanged", "handed_over"})


def _windows(
    text: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    others: list[tuple[int, int]],
) -> Iterable[tuple[int, int, int, int]]:
    """Each mention's own clause: (left, mention start, mention end, right). The left part runs
    back to the sentence start or the previous other person; the right part forward to a verb
    of saying, a "that" clause or the next other person."""
    for a, b in entity.mentions:
        s = sentence_of.get(a)
        if s is None:
            continue
        left = max([s.start, *(y for x, y in others if s.start <= y <= a)])
        right = min([s.end, *(x for x, y in others if b <= x < s.end)])
        stop = _CLAUSE_END.search(text, b, right)
        if stop is not None:
            right = stop.start()
        yield left, a, b, right


def candidates(
    text: str,
    entities: list[Entity],
    sentence_of: dict[int, Sentence],
    bystanders: set[str],
    others: list[tuple[int, int, str]],
) -> set[str]:
    """Bystanders with a word of captivity in a mention's own clause that is not a topic or
    their work (to be checked against the events once they are read as possible captives: each
    candidate costs the text a second reading of its events)."""
    out = set()
    for e in entities:
        if e.id not in bystanders:
            continue
        theirs = [(x, y) for x, y, i in others if i != e.id]
        for left, a, b, right in _windows(text, e, sentence_of, theirs):
            words = _CAPTIVITY_WORD.finditer(text, left, right)
            if any(_may_be_own(text, m, a, b) for m in words):
                out.add(e.id)
                break
    return out


_WORD_REST = re.compile(r"[\w'’ʼ-]*")


def _may_be_own(text: str, word: re.Match[str], name_start: int, name_end: int) -> bool:
    """A captivity word that `confirmed` could still read as the person's own: no preposition
    of topic or time before it, no noun of work on exchanges after it; after the name no verb
    of acting on it between, before the name no punctuation between."""
    x = word.start()
    if _TOPIC_BEFORE.search(text, max(0, x - 40), x):
        return False
    end = _WORD_REST.match(text, word.end()).end()
    if _TOPIC_AFTER.match(text, end):
        return False
    if x < name_start:
        return end <= name_start and _SAME_PHRASE.fullmatch(text, end, name_start) is not None
    return not _AGENT.search(text, name_end, x)


def confirmed(
    text: str,
    entities: list[Entity],
    sentence_of: dict[int, Sentence],
    held: set[str],
    others: list[tuple[int, int, str]],
    events: list[EventProposal],
) -> set[str]:
    """The candidates who have an event of their own captivity triggered inside their own
    clause: after the name with no verb of acting on it between ("X, who negotiated the swap")
    and no preposition of topic or time before it ("об обмене", "after the exchange"), or
    before the name in the same phrase ("Освобожденный из плена журналист X")."""
    out = set()
    by_id = {e.id: e for e in entities}
    for ev in events:
        pid = ev.person_id
        if pid not in held or pid in out or ev.type not in OWN_TYPES:
            continue
        t0, t1 = ev.trigger.start, ev.trigger.end
        word = _CAPTIVITY_WORD.search(text, t0, t1)
        marks = (t0, word.start()) if word is not None else (t0,)
        if any(_TOPIC_BEFORE.search(text, max(0, x - 40), x) for x in marks):
            continue  # "об обмене", "После обмена", "переговори про обмін"
        during = any(_DURING_BEFORE.search(text, max(0, x - 20), x) for x in marks)
        if _AGENT.search(text, t0, t1) or _TOPIC_AFTER.match(text, t1):
            continue  # "провів переговори про обмін": the trigger itself tells of acting on it
        theirs = [(x, y) for x, y, i in others if i != pid]
        for left, a, b, right in _windows(text, by_id[pid], sentence_of, theirs):
            after = b <= t0 < right and not _AGENT.search(text, b, t0)
            before = (
                not during
                and left <= t0
                and t1 <= a
                and _SAME_PHRASE.fullmatch(text, t1, a) is not None
            )
            if after or before:
                out.add(pid)
                break
    return out
