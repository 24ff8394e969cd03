"""Events of a text: trigger matches attached to whom they are about, minus those that tell no
event, then handed on to group members and merged.

This module is the orchestrator. Its rules live beside it: `hits` (trigger matches), `attach`
(whom), `cancel` (no event told), `retype` (which type), `companions` (who else), `itinerary`
(journeys without triggers), `proposal` (date, place, details), `members` (group to members)
and `merge` (told once)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from powtrace.extract.among_who import among_who
from powtrace.extract.attach import (
    RELATIVE,
    attach,
    beyond_when,
    head_clause,
    inverted_subject,
    kin_to_soldier,
)
from powtrace.extract.cancel import bystander_speaks, cancelled, not_told, speaker_at_swap
from powtrace.extract.companions import coordinated, crowd, gapped, one_of, with_us
from powtrace.extract.dates import DateMention
from powtrace.extract.hits import HOME, PASSIVE, find_hits
from powtrace.extract.itinerary import co_prisoners, place_run, town_leg
from powtrace.extract.lexicon import event_lexicon, person_lexicon
from powtrace.extract.members import (
    GROUP_RETURN,
    among_returned,
    counted_bulleted,
    counted_then_named,
    listed_terms,
    named_before_among,
)
from powtrace.extract.merge import (
    dates_told_before,
    dedupe,
    drop_retold_swaps,
    group_told_again,
    home_with_exchange,
    surrender_not_capture,
)
from powtrace.extract.model import EventProposal
from powtrace.extract.ner import Candidate
from powtrace.extract.proposal import propose
from powtrace.extract.refs import Ref
from powtrace.extract.retype import combat_injury, retyped
from powtrace.extract.text import Sentence

# A comma, semicolon, bracket or dash right before a trigger: "Moroz, captured in March".
_PARTICIPLE_OPENS = re.compile(r"[,;(—–]\s*$")

# A singular past verb (Russian, Ukrainian): a sentence without a subject is about one person.
_SINGULAR_PAST = re.compile(
    r"[^\W\d_]{2,}(?:вся|лся|лась|лася|ла|ів|ув|ив)(?![\w-])", re.IGNORECASE
)

# A word of a swap anywhere in a text ("#обмен", "в результате переговорного процесса", the
# Russian MoD's formula for one).
_SWAP_WORD = re.compile(r"обмен|обмін|переговорн\w+\s+процесс|exchange|swap", re.IGNORECASE)

# An exchange told as taking place: its subject is the exchange, not a person named before.
_SWAP_HELD = re.compile(
    r"відбу|пройш|провели|провів|провела|провед|провёл|провел|произв|состоял|прош[её]л|прошли|"
    r"произош|заверши|took\s+place|was\s+held|"
    r"happened|occurred|begun|began|started|under\s*way|completed|carried\s+out",
    re.IGNORECASE,
)

# A trigger that tells a swap happened, not just names one ("після цього питання обміну").
_SWAP_TOLD = re.compile(
    _SWAP_HELD.pattern
    + r"|обменя|обміня|swapped|exchanged|there\s|формул|формат|in\s+return|взам|натомість|"
    r"\d\s*(?:на|-?for-?)\s*\d",
    re.IGNORECASE,
)

# "There had been another prisoner swap", "был обмен": an exchange that is nobody's own.
_THERE_WAS = re.compile(r"there\s|был\s+обмен|був\s+обмін", re.IGNORECASE)

# A swap's formula: "200 на 200", "1,000-for-1,000"; its number is the head count on each side.
_FORMULA = re.compile(r"(?<![\w,])(\d[\d,]{0,5})\s*(?:на|for|-for-)\s*(\d[\d,]{0,5})(?![\w,])")


def _formula_size(sentence: str) -> int | None:
    """The head count of a swap told by its formula ("по формуле «200 на 200»")."""
    m = _FORMULA.search(sentence)
    if m is None or m.group(1) != m.group(2):
        return None
    return int(m.group(1).replace(",", ""))


# Sentences after a first-person one in which an impersonal event is still the narrator's.
_IMPERSONAL_REACH = 3

# In a question-and-answer interview an answer line ("— Дали отпуск на 30 суток.") is the
# interviewee's however long the answers run without an "I".
_ANSWER_REACH = 12
_ANSWER_LINE = re.compile(r"[ \t]*[—–-][ \t]")

# A sentence that ends in a question mark (an interviewer's question) reports nothing.
_QUESTION = re.compile(r"\?[\s\"'”’»)]*$")


def extract_events(
    text: str,
    lang: str,
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    dates: list[DateMention],
    places: list[Candidate],
    bystanders: frozenset[str] | set[str] = frozenset(),
    kin: frozenset[str] | set[str] = frozenset(),
) -> list[EventProposal]:
    """All events of a text, in text order. Persons in `bystanders` (officials, lawyers,
    journalists) are never what an event happened to; what is told of a relative (`kin`)
    happened to the soldier the text spoke of last."""
    lex = event_lexicon(lang)
    titles = person_lexicon(lang).titles
    inverted = inverted_subject(lang)
    possessed = None if lang == "en" else partial(head_clause, lang=lang)
    # Where relatives stand, before they are read as the soldier: an interview a wife gives is
    # hers ("Його дружина Оксана розповіла нашому виданню"), not her husband's.
    kin_at = {r.start for rs in refs.values() for r in rs if r.entity in kin}
    refs = kin_to_soldier(sentences, refs, kin, bystanders)
    out: list[EventProposal] = []
    told: tuple[int, Ref] | None = None  # the last first-person reference and its sentence
    bare: set[int] = set()  # triggers of exchanges told with nobody in them
    runs: set[int] = set()  # triggers that are places of a verbless run ("— Оленівка, Таганрог")
    swap_told = _SWAP_WORD.search(text) is not None
    for s in sentences:
        mine = [r for r in refs.get(s.index, []) if r.entity not in bystanders and not r.possessor]
        # In a testimony an impersonal sentence ("Потом привезли в лагерь.") is the narrator's.
        line = text.rfind("\n", 0, s.start) + 1
        reach = _ANSWER_REACH if _ANSWER_LINE.match(text, line) else _IMPERSONAL_REACH
        narrator = told[1] if told and s.index - told[0] <= reach else None
        firsts = [r for r in mine if r.first]
        if firsts:  # an interviewer's "вам" in a question names who answers next
            told = (s.index, firsts[-1])
        if _QUESTION.search(s.text):
            continue  # "Were you registered by the Red Cross?" asks; it does not report
        leg = town_leg(lex, s, narrator, mine, out)
        if leg is not None and narrator is not None:
            out.append(propose(text, leg, narrator, dates, places))
            continue
        previous = [r for r in refs.get(s.index - 1, []) if r.entity not in bystanders]
        out += [
            propose(text, h, r, dates, places)
            for h, r in co_prisoners(lex, s, mine)
            if not cancelled(text, h, lex, group=False, counted=False, lang=lang)
        ]
        run = place_run(lex, s)
        runs.update(h.start for h in run)
        for hit in sorted(find_hits(lang, s) + run, key=lambda h: h.start):
            agentive = bool(
                lex.agentive
                and lex.agentive.search(text, hit.start, hit.end)
                and not PASSIVE.match(text, hit.start)  # "was captured": no agent named after
                # "Moroz, captured in March; Lytvyn, …": a participle after a comma is passive
                and not (
                    lang == "en"
                    and _PARTICIPLE_OPENS.search(text, max(0, hit.start - 4), hit.start)
                )
            )
            # a tally of residents is a group only for a return ("повернути 47 жителів")
            cands = mine if hit.type in GROUP_RETURN else [r for r in mine if not r.residents]
            ref = attach(text, hit, cands, previous, agentive, inverted, possessed)
            if ref is not None and beyond_when(text, hit, ref):
                ref = None  # "Коли солдати виходять в рамках обміну, Марія …": not Maria's swap
            if hit.type == "exchanged" and _THERE_WAS.match(text, hit.start):
                ref = Ref(hit.start, hit.end, None)  # "there had been another swap": nobody's own
                bare.add(hit.start)
            elif (
                hit.type == "exchanged" and not mine and _SWAP_HELD.search(text, hit.start, hit.end)
            ):
                # "Минулого тижня відбувся черговий обмін": the exchange itself, nobody's own
                ref = Ref(hit.start, hit.end, None)
                bare.add(hit.start)
            if (
                ref is None
                and not mine
                and narrator is not None
                and not RELATIVE.search(text, s.start, hit.start)
            ):
                ref = narrator  # "Потом привезли в лагерь." in a testimony: the narrator
            if (
                ref is None
                and not mine
                and lang != "en"
                and _SINGULAR_PAST.search(hit.trigger_text(text))
            ):
                # "В Україну повернувся під час обміну": no subject; the man told of just before
                back = [r for i in (2, 3) for r in refs.get(s.index - i, []) if r.entity]
                back = [r for r in back if r.entity not in bystanders and not r.possessor]
                ref = back[-1] if back and s.index >= 2 and not refs.get(s.index - 1) else None
            if ref is None and hit.start in runs and not mine:
                # "Майже два роки неволі — Оленівка, Таганрог.": the man told of just before
                back = [r for i in (1, 2, 3) for r in refs.get(s.index - i, [])[::-1]]
                back = [r for r in back if r.entity and r.entity not in bystanders]
                ref = next((r for r in back if not r.possessor), None)
            if (
                ref is None
                and hit.type == "exchanged"
                and _SWAP_TOLD.search(hit.trigger_text(text))
            ):
                # "Россия и Украина провели первый этап обмена": a swap is a group event even
                # when the sentence names nobody who went through it
                ref = Ref(hit.start, hit.end, None)
                bare.add(hit.start)
            if hit.type == "exchanged" and ref and not (ref.entity or ref.members or ref.size):
                ref = replace(ref, size=_formula_size(s.text))  # "по формуле «200 на 200»"
            if ref is None:
                continue  # nobody it happened to: a generic statement ("torture was systematic")
            if hit.type == "interviewed_by_press" and (
                ref.start in kin_at
                or not (ref.entity or ref.members or ref.size)
                or bystander_speaks(refs.get(s.index, []), hit, bystanders)
            ):
                # the relative spoke to the press, not the soldier; and an interview is given by
                # someone: "trial observers told the outlet" is no prisoners' interview
                continue
            if not_told(text, hit):
                continue  # "Russia accused of …", "по возвращении на родину": no event of theirs
            if speaker_at_swap(text, hit, ref):
                continue  # "сказала Пильник під час обміну": she spoke there; nobody swapped her
            group = ref.entity is None and not ref.members
            if cancelled(text, hit, lex, group=group, counted=bool(ref.size), lang=lang):
                continue
            hit = retyped(text, hit, ref, swap_told)
            if hit.type == "tortured" and combat_injury(text, hit):
                continue  # "a leg broken by shrapnel", "йому зламало ногу": a wound, no torture
            together = with_us(text, s, ref, mine, narrator, titles) if ref.entity else ()
            if together:  # "нас с Лёхой и Женей поменяли": the narrator and each one named
                ref = replace(ref, members=together)
            if ref.members:  # "they" standing for named persons: the event is each one's
                for member in ref.members:
                    out.append(propose(text, hit, replace(ref, entity=member), dates, places))
                continue
            out.append(propose(text, hit, ref, dates, places))
            # "В Україну повернувся під час обміну": the return home is told in the same words
            said = HOME.search(text, max(s.start, hit.start - 16), hit.end)
            # (English tells it apart: "returned home in an exchange"; "who came home in an
            # exchange" is background, which the English return triggers leave out.)
            home = hit.type == "exchanged" and said is not None and lang != "en"
            home_hit = replace(
                hit, type="handed_over", start=min(hit.start, said.start()) if said else hit.start
            )
            if home:
                out.append(propose(text, home_hit, ref, dates, places))
            if not ref.entity:
                # "Hryhoriev is one of more than 200 POWs who have died": his event too
                out += [propose(text, hit, r, dates, places) for r in one_of(text, ref, mine)]
            others_with = crowd(s.text, hit) if ref.entity else None
            if others_with:
                # "обміняли разом із ще 74 захисниками": the others went through it too
                size = int(others_with.group(1))
                at = s.start + others_with.start()
                shared = Ref(at, s.start + others_with.end(), None, size=size)
                out.append(propose(text, hit, shared, dates, places))
            if ref.entity:
                others = coordinated(text, ref, mine, titles) + gapped(text, hit, ref, mine)
                for other in others:
                    out.append(propose(text, hit, other, dates, places))
                    if home:
                        out.append(propose(text, home_hit, other, dates, places))
    # a place of a verbless run ("— Оленівка, Таганрог") is the trigger itself
    out = [replace(e, place=e.trigger.text) if e.trigger.start in runs else e for e in out]
    out = drop_retold_swaps(out, bare)
    if lex.among is not None:
        out += among_returned(text, sentences, refs, out, lex, bystanders)
    if lang == "en":
        out += among_who(text, sentences, refs, out, bystanders, named_before_among)
    out += listed_terms(text, sentences, refs, out, dates, places, bystanders)
    out = counted_then_named(out, sentences)
    out = counted_bulleted(text, sentences, refs, out, bystanders)
    out = group_told_again(out, sentences)
    out = surrender_not_capture(out, lex)
    return dedupe(dates_told_before(home_with_exchange(text, out), sentences, dates))
