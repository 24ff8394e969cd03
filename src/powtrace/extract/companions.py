"""Who else an event told of one person is about: persons coordinated with him ("Смирнова и
Кузнецова"), named after an elided verb ("Мельничуку — 15"), told together with the narrator
("нас с Лёхой"), the person a group is said to include ("X is one of the 200 POWs"), and the
counted crowd he went through it with ("along with 74 other soldiers").

The orchestrator proposes the event once more for each of them; `members.py` reads lists of
names with `coordinated` too."""

from __future__ import annotations

import re

from powtrace.extract.attach import ACCORDING
from powtrace.extract.hits import Hit
from powtrace.extract.refs import Ref
from powtrace.extract.text import Sentence

# What joins coordinated persons: "Smith and Jones", "Смирнова и Кузнецова", "Мельника й Бондаря".
_COORDINATION = re.compile(
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|и|а\s+также|й|і|та|,)\s*", re.IGNORECASE
)

# An age right after a name, before the next name of a list: ", 27," in "Belousov, 27, and …".
_AGE_APPOSITION = re.compile(
    r"^\s*,\s*\d{1,2}(?:\s*(?:years?\s+old|лет|года?|год|років|роки|рік))?\s*(?=,|\s)",
    re.IGNORECASE,
)

# A home town after a name, before the next name of a list: ", from Leeds," in "Hale, from
# Leeds, and …".
_FROM_APPOSITION = re.compile(
    r"^\s*,\s*(?:of|from)\s+(?-i:[A-Z])[\w'’-]+(?:[\s-](?-i:[A-Z])[\w'’-]+){0,2}\s*(?=,)",
    re.IGNORECASE,
)

# A nationality title before the second name: "Swedish citizen", "Croatian national", "Briton".
_NATIONALITY_TITLE = re.compile(
    r"(?:(?-i:[A-Z])[\w-]+\s+)?(?:citizen|national|resident|native|volunteer)\s*$"
    r"|(?:Briton|American|Australian|Canadian|Swede|Dane|Pole|Norwegian|Dutchman|Frenchman"
    r"|Irishman|Scot|Welshman|Finn|Czech|Georgian|Croatian|Israeli|German)\s*$",
    re.IGNORECASE,
)


def _joined(gap: str, titles: re.Pattern[str] | None) -> bool:
    """True when the text between two names joins them ("and", a comma), titles and ranks
    of the second aside ("Petrov and Private Sidorov", "Петров и сержант Сидоров"), and in
    English a home town or nationality between them ("Hale, from Leeds, and Swedish citizen
    Berg")."""
    gap = _AGE_APPOSITION.sub("", gap)  # "Belousov, 27, Corporal Shamsutdinov"
    gap = _FROM_APPOSITION.sub("", gap)  # "Hale, from Leeds, and Berg"
    gap = _NATIONALITY_TITLE.sub(" ", gap)  # "Hale, Swedish citizen Berg"
    if titles is not None:
        words = gap.split()
        while words and titles.fullmatch(words[-1]):
            words.pop()
        gap = " ".join(words) + " " if words else " "
    return _COORDINATION.fullmatch(gap) is not None


def coordinated(
    text: str, ref: Ref, refs: list[Ref], titles: re.Pattern[str] | None = None
) -> list[Ref]:
    """Other persons joined to `ref` by "and" or a comma ("Смирнова и Кузнецова взяли в плен"):
    what is said of one of them is said of each."""
    people = sorted((r for r in refs if r.entity), key=lambda r: r.start)
    if ref not in people:
        return []
    i = people.index(ref)
    out: list[Ref] = []
    j = i
    while j > 0 and _joined(text[people[j - 1].end : people[j].start], titles):
        if ACCORDING.search(text, max(0, people[j - 1].start - 40), people[j - 1].start):
            break  # "According to Demchuk, Bohdan had been beaten": the source, not a list
        j -= 1
        out.append(people[j])
    j = i
    while j + 1 < len(people) and _joined(text[people[j].end : people[j + 1].start], titles):
        j += 1
        out.append(people[j])
    return [r for r in out if r.entity != ref.entity]


# "нас с Лёхой", "мене з братом", "ми із Сашком": the narrator together with who is named.
_US_WITH = re.compile(r"(?<![\w-])(?:нас|меня|мы|мене|ми)\s+(?:с|со|з|із|зі)\s+$", re.IGNORECASE)


def with_us(
    text: str,
    s: Sentence,
    ref: Ref,
    refs: list[Ref],
    narrator: Ref | None,
    titles: re.Pattern[str] | None,
) -> tuple[str, ...]:
    """The narrator and the persons a first-person pronoun is told together with ("Первые сутки
    нас с Лёхой держали в подвале", "нас із Сашком обміняли"), when the event is about one of
    them: each of them underwent it. Empty when the sentence has no such pronoun."""
    for r in refs:
        if not r.entity or r.first:
            continue
        us = _US_WITH.search(text, max(s.start, r.start - 12), r.start)
        if us is None:
            continue
        named = [r, *coordinated(text, r, refs, titles)]
        # who says "нас": the first-person pronoun's referent, else the testimony's narrator
        speaker = next(
            (x.entity for x in refs if x.first and x.start == us.start() and x.entity), None
        )
        if speaker is None and narrator is not None:
            speaker = narrator.entity
        group = [x.entity for x in named if x.entity]
        if ref.entity not in group and ref.entity != speaker:
            continue  # the event is someone else's
        members = ([speaker] if speaker else []) + group
        return tuple(dict.fromkeys(m for m in members if m))
    return ()


# A name the verb of the clause before it is left out for: ", Виталию Мельничуку — 15 лет".
_GAP_BEFORE = re.compile(r"[,;]\s*(?:(?:а|и|і|й|та|and)\s+)?$", re.IGNORECASE)

_GAP_AFTER = re.compile(r"\s*[—–]\s")


def gapped(text: str, hit: Hit, ref: Ref, refs: list[Ref]) -> list[Ref]:
    """Persons after a trigger's clause whose verb is elided ("Ткачуку суд назначил 16 лет,
    Мельничуку — 15"): the event is theirs as well."""
    out = []
    for r in refs:
        if r.entity and r.entity != ref.entity and r.start > hit.end:
            lead = text[hit.sentence.start : r.start]
            if _GAP_BEFORE.search(lead) and _GAP_AFTER.match(text, r.end):
                out.append(r)
    return out


# "X is one of the N …", "X стал одним из …", "X — один з …": X belongs to the group after.
_ONE_OF = re.compile(
    r"(?<![\w-])(?:(?:is|was|became)\s+(?:also\s+)?one\s+of|стал\w*\s+одн\w+\s+из|"
    r"один\s+из|одна\s+из|став\s+одним\s+з|стала\s+однією\s+з|один\s+з|одна\s+з)"
    r"(?![\w-])[^,;:.]*$",
    re.IGNORECASE,
)

# A person joined to a group: "Bondar and many of the other soldiers", "Петренко и другие бойцы".
_AND_GROUP = re.compile(
    r"\s*(?:and|и|і|та|й)\s+(?:(?:many|most|some|several|all|of|the|other|his|her|their|fellow|"
    r"about|around|nearly|almost|approximately|roughly|some|over|more\s+than|около|примерно|почти|"
    r"более|близько|приблизно|майже|понад|"
    r"други\w*|інш\w+|остальн\w+|решта|ещё|еще|ще|многие|багато)\s+){0,4}",
    re.IGNORECASE,
)


def one_of(text: str, group: Ref, refs: list[Ref]) -> list[Ref]:
    """The named person a sentence makes one of a group ("Hryhoriev is one of 200 POWs who …",
    "Bondar and many of the other soldiers had been captured")."""
    for r in refs:
        if not r.entity or r.end > group.start:
            continue
        between = text[r.end : group.start]
        if _ONE_OF.search(text, r.end, group.start) or _AND_GROUP.fullmatch(between):
            return [r]
    return []


_GROUP_TYPES = {"exchanged", "released", "handed_over", "captured"}

# A person's event shared with a counted crowd: "along with 74 other soldiers", "вместе с ещё
# 30 военнопленными", "разом з іншими 30 військовополоненими".
_WITH_OTHERS = re.compile(
    r"(?<![\w-])(?:along\s+with|together\s+with|with|вместе\s+с|вместе\s+со|разом\s+(?:з|із|зі))"
    r"\s+(?:(?:ещё|еще|ще|другими|іншими|another|other)\s+)?(\d{1,4})\s+(?:other\s+)?[^\W\d]",
    re.IGNORECASE,
)

# The head count of the exchange a person was part of: "freed in the exchange of 8 February,
# when 100 servicemen were returned", "обміняли 31 травня, коли додому повернулися 75 бійців".
_EXCHANGE_COUNT = re.compile(
    r"(?<![\w-])(?:when|in\s+which|during\s+which|когда|в\s+ходе\s+которого|в\s+рамках\s+которого|"
    r"коли|під\s+час\s+якого|в\s+рамках\s+якого|у\s+межах\s+якого)\s+(?:[^\W\d]+\s+){0,3}?"
    r"(\d{1,4})\s+[^\W\d]",
    re.IGNORECASE,
)


def crowd(sentence: str, hit: Hit) -> re.Match[str] | None:
    """The counted crowd a person's event is shared with, told after its trigger."""
    if hit.type not in _GROUP_TYPES:
        return None
    rest = hit.end - hit.sentence.start
    found = _WITH_OTHERS.search(sentence, rest)
    if found is None and hit.type == "exchanged":
        found = _EXCHANGE_COUNT.search(sentence, rest)
    return found
