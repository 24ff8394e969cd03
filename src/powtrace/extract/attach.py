"""Whom an event is about: the referent a trigger attaches to, and what shapes that choice
(relatives read as the soldier they speak of, a subject after the verb in Russian and
Ukrainian, a relative clause that belongs to the noun before a genitive name, a temporal
clause whose subject is not the main clause's).

The rules weigh one trigger against the referents around it; what becomes of the event
afterwards is the orchestrator's."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from powtrace.extract.hits import Hit
from powtrace.extract.lexicon import person_lexicon
from powtrace.extract.namecase import parses
from powtrace.extract.refs import Ref
from powtrace.extract.text import REPORTING as _REPORTING
from powtrace.extract.text import Sentence

# Finds the subject noun right after a trigger: (text, the trigger's end) to its match or None.
SubjectAfter = Callable[[str, int], "re.Match[str] | None"]

# A relative clause opened before a referent and still open at it.
RELATIVE = re.compile(
    r",\s*(?:котор\w+|як(?:ий|а|е|і|ого|ої|ому|им|их|ій)|who|whom|which|whose)\b[^,;:()—–]*$",
    re.IGNORECASE,
)

# A plural relative clause still open at the trigger ("…, которые уже погибли", "…, які
# загинули"): the event is its plural noun's, never a singular speaker's from before.
_PLURAL_RELATIVE = re.compile(r",\s*(?:которые|которых|які|яких)\b[^,;:()—–]*$", re.IGNORECASE)

# An interview told by the verb of saying itself ("рассказала «…» сестра Инна").
_SAYING_TRIGGER = re.compile(r"(?:рассказ|розпові)\w*", re.IGNORECASE)

_CLAUSE_STOP = re.compile(r"[,;:()—–]")


def attach(
    text: str,
    hit: Hit,
    refs: list[Ref],
    previous: list[Ref],
    agentive: bool = False,
    subject_after: SubjectAfter | None = None,
    possessed: Callable[[str, Ref | None, Hit], bool] | None = None,
) -> Ref | None:
    """The referent an event is about: the nearest one before the trigger that is not a speaker,
    else the first after it, else the last person of the previous sentence; None for nobody.
    For an `agentive` trigger ("X взяв у полон Y") a person after it comes first. A singular
    person noun right after the trigger (`subject_after`, Russian and Ukrainian word order:
    "после того, как погиб командир") is its subject: the event is the person named right
    after that noun, or nobody the text names. A relative clause after a name in the genitive
    (`possessed`: "побратим Богдана, який повернувся") is about the noun the name depends on."""
    # A person inside the trigger or right after it is its object: "beat him", "questioned him".
    inner = [r for r in refs if hit.start <= r.start and r.start <= hit.end + 1 and not r.size]
    if inner and (inner[0].entity or inner[0].members):
        return inner[0]
    if _MANAGED.match(text, hit.start):
        # "нам вдалося повернути 200 героїв": who managed it is not who came back
        objects = [
            r for r in refs if r.start >= hit.end and not _REPORTING.search(text, hit.end, r.start)
        ]
        if objects:
            return objects[0]
    if agentive:
        objects = [r for r in refs if r.start >= hit.end and (r.entity or r.members)]
        if objects:
            return objects[0]
        if hit.type == "killed":  # "він розстріляв двох бійців": the dead, never the killer
            objects = [r for r in refs if r.start >= hit.end]
            return objects[0] if objects else None
    named_after = _dash_named(text, hit, refs)
    if named_after is not None:
        return named_after
    if hit.type == "interviewed_by_press" and _SAYING_TRIGGER.match(text, hit.start):
        # "«…», рассказала «Вечерним вестям» его сестра Инна": the speaker after the verb
        # gave the interview, not the man quoted before it.
        stop = _CLAUSE_STOP.search(text, hit.end, hit.sentence.end)
        end = stop.start() if stop else hit.sentence.end
        speakers = [r for r in refs if r.entity and hit.end <= r.start < end and not r.pronoun]
        if speakers:
            return speakers[0]
    if subject_after is not None:
        noun = subject_after(text, hit.end)
        if noun is not None:  # "…, как погиб командир группы": the subject follows the verb
            named = [r for r in refs if r.entity and 0 <= r.start - noun.end() <= 2]
            return named[0] if named else None
    before = [r for r in refs if r.end <= hit.start]
    owners = {r.entity for r in before if r.entity and _KIN_OWNER.match(text, r.end)}
    owned = False  # "members of her battalion were killed": the subject is what she owns
    managed = _MANAGED.match(text, hit.start) is not None
    for r in reversed(before):
        if _owns_subject(text, r, hit) or (managed and r.first):
            owned = True  # "нам вдалося повернути": we are who managed, not who came back
            continue
        if ACCORDING.search(text, max(hit.sentence.start, r.start - 40), r.start):
            continue  # "Бойко, за словами його брата Петра, перебував у полоні": the source
        if possessed is not None and possessed(text, r, hit):
            return None  # "побратим Богдана, який повернувся з полону": the comrade returned
        if r.entity in owners:
            continue  # "declared Kravets's son missing": the son, not his mother
        if any(x.entity and _KIN_APPOSED.fullmatch(text, x.end, r.start) for x in before):
            continue  # "Магомед, муж Зарины из Махачкалы, провёл в плену": he, not his wife
        if r is not before[0] and _COMPANION.search(text, max(0, r.start - 25), r.start):
            continue  # "X … was tried alongside Mr Hewitt and was sentenced": X was sentenced
        if not _REPORTING.search(text[r.end : hit.start]) and not _in_relative_clause(text, r, hit):
            return r
    # After the trigger, a name behind a verb of saying is the speaker ("«…», — каже Іван").
    after = [
        r
        for r in refs
        if r.start >= hit.start
        and not _REPORTING.search(text, hit.end, r.start)
        and (r.entity is None or r.entity not in owners)
    ]
    if after:
        return after[0]
    if owners or owned:
        return None  # "declared Lavruk's son missing": the son, whom the sentence does not name
    if not before and RELATIVE.search(text, hit.sentence.start, hit.start):
        return None  # "…повернувся командир тральщика, який зник…": the clause's noun, unnamed
    if _PLURAL_RELATIVE.search(text, hit.sentence.start, hit.start):
        return None  # "Он рассказал, что … военных, которые уже погибли": theirs, not his
    if possessed is not None and possessed(text, None, hit):
        return None  # "Надію дав побратим Богдана, який повернувся": the comrade, unnamed
    persons = [r for r in previous if r.entity]
    if persons:  # only a speaker before: the event is about whom the text spoke of last
        return persons[-1]
    return before[-1] if before else None


# Between a name and the name of whose kin he is: "Магомед, муж Зарины", "Олегу, сыну
# Марины", "Тарас, чоловік Ганни" (the second name is a possessor, not who the event is about).
_KIN_APPOSED = re.compile(
    r"\s*,\s+(?:муж|жена|сын|дочь|дочер|брат|сестр|отец|отц|мать|матер|мам|жених|невест|"
    r"чолові|дружин|син|донь|дочк|батьк|мати|наречен|племянни|племінни|внук|онук)\w*\s+",
    re.IGNORECASE,
)

# A companion named after "alongside" / "along with": the sentence is about whoever came before.
_COMPANION = re.compile(
    r"(?<![\w-])(?:alongside|along\s+with|together\s+with)\s+(?:(?:Mr|Mrs|Ms)\.?\s+)?$",
    re.IGNORECASE,
)

# An English possessive determiner and what follows it up to the trigger: "her battalion were
# killed", "her daughter … was missing" (not "her release in a swap", "his ribs were broken").
_POSSESSIVE = re.compile(r"(?:his|her|their|its|my|our)$", re.IGNORECASE)

_OWNED_EVENT = re.compile(
    r"^\s*(?:own\s+)?(?:release|capture|exchange|swap|return|arrest|trial|death|conviction|sentence|"
    r"torture|interrogation|transfer|disappearance|detention|captivity|surrender|homecoming|"
    r"first|last|recent|later|earlier|\w+[’']s)\b",
    re.IGNORECASE,
)

# "her" as an object ("beat her and", "captured her near"), not a determiner.
_HER_OBJECT = re.compile(
    r"^\s*(?:and|or|but|in|at|on|to|for|with|from|near|by|into|as|after|before|during|while|when|"
    r"again|too|up|down|off|out|back|home|there|that|[,.;:!?—–-])",
    re.IGNORECASE,
)

# "нам вдалося повернути …", "удалось вернуть": the one who managed is not the one returned.
_MANAGED = re.compile(
    r"(?:вдалося|вдалось|удалось|удалося|змогли|смогли|сумели|зуміли|managed\s+to)\s",
    re.IGNORECASE,
)

# A relative clause after a lowercase noun, running to the trigger ("хлопець, якого обміняли"),
# and the clause's end at a comma and a dash before a name ("…, — Олег із Житомира").
_RELATIVE_BEFORE = re.compile(
    r"(?<![\w-])[а-яёіїєґ'’ʼ-]+\s*,\s*(?:як(?:ий|ого|ому|им|а|у|ій)|котор(?:ый|ого|ому|ым|ая|ую|ой))"
    r"(?![\w-])[^,;:()—–.!?]*$"
)

_DASH_AFTER = re.compile(r"[^;:()—–.!?]*?,\s*[—–]\s*$")


def _dash_named(text: str, hit: Hit, refs: list[Ref]) -> Ref | None:
    """The person named after a dash that closes the relative clause holding the trigger:
    "подзвонив хлопець, якого обміняли в травні, — Олег із Житомира" is Олег's exchange."""
    if not _RELATIVE_BEFORE.search(text, max(hit.sentence.start, hit.start - 120), hit.start):
        return None
    for r in refs:
        if r.entity and not r.pronoun and r.start >= hit.end and r.start - hit.end <= 80:
            if _DASH_AFTER.fullmatch(text, hit.end, r.start):
                return r
            return None
    return None


def _owns_subject(text: str, ref: Ref, hit: Hit) -> bool:
    """True when an English possessive determiner before the trigger owns the noun the event is
    about ("Almost all the other members of her battalion were killed"), not the trigger itself
    ("his ribs were broken", "after her release in a swap")."""
    word = text[ref.start : ref.end]
    if not ref.pronoun or not _POSSESSIVE.fullmatch(word):
        return False
    gap = text[ref.end : hit.start]
    if not gap.strip() or _OWNED_EVENT.match(gap) or not _VERBAL.match(text, hit.start):
        return False  # "his days are filled with menial tasks": the noun is the event
    return not (word.lower() == "her" and _HER_OBJECT.match(gap))


# A trigger that opens with its verb, its subject before it: "were killed", "went missing".
_VERBAL = re.compile(
    r"(?:was|were|been|being|is|are|had|has|have|got|went|gone|remains?|remained|died|"
    r"disappeared|surrendered)\s|\w+ed\b",
    re.IGNORECASE,
)

# "Kravets's son", "the Hlushkos' nephew": the name owns the kin the event is about.
_KIN_OWNER = re.compile(
    r"(?:['’]s|['’])\s+(?:[\w-]+\s+)?(?:sons?|brothers?|husband|father|nephew|grandson|"
    r"son-in-law|fianc[ée]|partner|boyfriend)\b",
    re.IGNORECASE,
)

# "According to his brother Petro": who is named there is a source, not the subject.
ACCORDING = re.compile(
    r"(?:according\s+to|за\s+словами|по\s+словам|со\s+слов|як\s+розповів\w*|как\s+рассказал\w*)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _in_relative_clause(text: str, ref: Ref, hit: Hit) -> bool:
    """True when a referent stands in a relative clause that closes before the trigger ("Мартинюк,
    який служив з ними, вважається зниклим"): the clause's persons are not the subject."""
    lead = text[hit.sentence.start : ref.start]
    return "," in text[ref.end : hit.start] and RELATIVE.search(lead) is not None


def beyond_when(text: str, hit: Hit, ref: Ref) -> bool:
    """True when the trigger stands in a clause opened by "when" / "коли" and the referent comes
    after that clause has closed: the main clause's subject is not the temporal clause's."""
    if ref.start < hit.end or "," not in text[hit.end : ref.start]:
        return False
    return _WHEN_OPENS.match(text, hit.sentence.start, hit.start) is not None


# A temporal clause opening a sentence ("When soldiers step off the buses …", "Коли …"); not
# "After a week in hospital, they …", a phrase and no clause.
_WHEN_OPENS = re.compile(r"\W*(?:when|whenever|while|коли|поки|когда|пока)(?![\w-])", re.IGNORECASE)

_KIN_REACH = 4  # sentences back to the person a relative's words are about


def kin_to_soldier(
    sentences: list[Sentence],
    refs: dict[int, list[Ref]],
    kin: frozenset[str] | set[str],
    bystanders: frozenset[str] | set[str],
) -> dict[int, list[Ref]]:
    """Refs with every relative replaced by the person named or meant last before it ("Мать
    Ивана рассказала, что ей …", "He said his son's pay was stopped"): families speak of the
    soldier. A relative with nobody before is dropped."""
    if not kin:
        return refs
    out: dict[int, list[Ref]] = {}
    last: tuple[int, str] | None = None
    for s in sentences:
        mine = []
        for r in refs.get(s.index, []):
            if r.entity in kin:
                if last is not None and s.index - last[0] <= _KIN_REACH:
                    mine.append(replace(r, entity=last[1]))
            else:
                mine.append(r)
                if r.entity and r.entity not in bystanders:
                    last = (s.index, r.entity)
        out[s.index] = mine
    return out


@cache
def inverted_subject(lang: str) -> SubjectAfter | None:
    """A singular person noun (a rank, kinship or office) right after a trigger, in the languages
    whose word order puts a subject after its verb; plural nouns and group words are left out
    ("вернули домой бойцов" names the returned)."""
    if lang == "en":
        return None
    lex = person_lexicon(lang)
    plural = lex.group_words | lex.referring_nouns | lex.counted_group_words

    def title(text: str, pos: int) -> re.Match[str] | None:
        m = _NEXT_WORD.match(text, pos)
        if m is None or m.group(1).lower() in plural or not lex.titles.fullmatch(m.group(1)):
            return None
        return m

    def noun(text: str, pos: int) -> re.Match[str] | None:
        m = title(text, pos)
        # a rank of two words ("повертається старший солдат Богдан"): the name follows the last
        more = title(text, m.end()) if m is not None else None
        return more or m

    return noun


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")

# A noun, a name after it and a relative clause that holds the trigger: "побратим Богдана, який
# повернувся з полону", "мать Ивана, которая …".
_HEAD_BEFORE = re.compile(r"(?<![\w-])(\w+)\s+$")

_CLAUSE_AFTER = re.compile(r"\s*,\s*(котор(?:ый|ая|ые)|як(?:ий|а|і))\b[^,;:()—–]*$", re.IGNORECASE)

# A capitalised word (a name) right before a relative clause that runs to the trigger.
_NAME_CLAUSE = re.compile(
    r"(?<![\w-])((?-i:[А-ЯЁІЇЄҐ])[\w'’-]+)\s*,\s*(?:котор(?:ый|ая|ые)|як(?:ий|а|і))\b"
    r"[^,;:()—–]*$",
    re.IGNORECASE,
)

_PRONOUN_GENDER = {"который": "masc", "которая": "femn", "який": "masc", "яка": "femn"}


def head_clause(text: str, ref: Ref | None, hit: Hit, lang: str) -> bool:
    """True when the trigger is in a relative clause after a noun of the gender the relative
    pronoun shows, with a name in the genitive (`ref`, or any capitalised word) between them:
    the clause is the noun's ("побратим Богдана, який повернувся")."""
    if ref is None:
        lead = _NAME_CLAUSE.search(text, hit.sentence.start, hit.start)
        if lead is None:
            return False
        start, end = lead.span(1)
    elif not ref.entity or ref.pronoun:
        return False
    else:
        start, end = ref.start, ref.end
    clause = _CLAUSE_AFTER.match(text[end : hit.start])
    head = _HEAD_BEFORE.search(text, hit.sentence.start, start)
    if clause is None or head is None or not head.group(1).islower():
        return False
    want = _PRONOUN_GENDER.get(clause.group(1).lower())
    found = parses(head.group(1), lang)
    return bool(
        want
        and found
        and "NOUN" in found[0].tag
        and found[0].tag.gender == want
        and found[0].tag.case == "nomn"
    )
