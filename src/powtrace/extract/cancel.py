"""Triggers that tell no event: negated, hypothetical, feared, believed or hearsay, still to
come, what an uncounted group undergoes as a rule, part of a title; a charge against a state, a
return that only sets a time, an indirect question; a speaker at a swap; an official's interview.

Each check only says whether to drop a trigger, so they stand apart from the attaching and
proposing they gate."""

from __future__ import annotations

import re

from powtrace.extract.hits import Hit
from powtrace.extract.lexicon import EventLexicon
from powtrace.extract.namecase import parses
from powtrace.extract.refs import Ref
from powtrace.extract.text import REPORTING as _REPORTING
from powtrace.extract.text import WORD, clause_start

WINDOW_WORDS = 7  # how far back in its clause a negation or hypothesis cancels a trigger

# Types whose triggers say what is withheld ("never given a rifle", "не платят").
_NEGATIVE_TYPES = {
    "assigned_noncombat",
    "pay_suspended",
    "refused_repatriation",
    "missing",
}

# Verbs after which "to" is a preposition ("assigned to menial work") or opens a purpose that
# was carried out ("came to interrogate us", "was able to return"), not a hypothesis.
_PREPOSITIONAL = re.compile(
    r"\b(?:assigned|sent|moved|transferred|relegated|condemned|reduced|subjected|returned|taken|"
    r"brought|admitted|handed|put|added|listed|back|came|went|began|started|continued|able|"
    r"managed)\s+to\s*$",
    re.IGNORECASE,
)

# "не дожил до обмена", "did not live to see the swap": the negation is the event's own words.
_NOT_LIVED = re.compile(
    r"не\s+дожи|(?:did\s+not|didn['’]t|never)\s+(?:live|make|survive)", re.IGNORECASE
)

_GENERIC_RELATIVE = re.compile(r"которые|які", re.IGNORECASE)

# A past-tense verb: what a group did or underwent once is told of, not generic.
_PAST = re.compile(r"\w(?:л|ла|ли|лся|лась|лись|лися|лося)\b", re.IGNORECASE)

_NEXT_STEP = re.compile(
    r"(?<![\w-])(?:and\s+then|and\s+later|then|а\s+затем|и\s+затем|а\s+потом|и\s+потом|затем|"
    r"а\s+потім|і\s+потім|й\s+потім|потім)(?![\w-])",
    re.IGNORECASE,
)

# A negated past verb and a second verb joined to it: "вину не признал и обжаловал приговор",
# "не дочекався і сам написав": the negation is the first verb's. So is "without" and a short
# noun phrase before "and" ("left his post without orders and surrendered").
_NEGATED_THEN = re.compile(
    r"(?<![\w-])(?:не|ні)\s+[^\W\d]+(?:л|ла|ли|лся|лась|лись|лася|лися|в|вся)\s+(?:и|і|й|та)(?![\w-])"
    r"|(?<![\w-])without\s+(?:[^\W\d]+\s+){1,3}?and(?![\w-])",
    re.IGNORECASE,
)

# A subordinate clause opens after a negated main one: "he could not move when soldiers took
# him prisoner" (the capture is told, not denied).
_SUBORDINATE = re.compile(
    r"(?<![\w-])(?:when|after|before|until|while|once)(?![\w-])", re.IGNORECASE
)

# A verb of confirming or knowing, negated, right before the clause of a trigger.
_DENIED = re.compile(
    r"(?<![\w-])(?:not|never|nobody|no\s+one|не|ні|ніхто|никто)\s+(?:\w+\s+){0,2}?(?:confirm\w*|"
    r"know\w*|подтверд\w+|підтверд\w+|знал\w*|знает|знают|знаю|знав|знала|знали|известно|"
    r"відомо)\W+(?:что|що|that)\W+(?:[\w'’-]+\W+){0,4}$",
    re.IGNORECASE,
)

# A verb of fearing or hoping right before the clause of a trigger: "Родственники боятся, что
# он погиб", "fear that he was killed" tell a fear, not the event.
_FEARED = re.compile(
    r"(?<![\w-])(?:fear\w*|afraid|hop(?:e|es|ed|ing)|бо(?:ятся|ится|юсь|ялись|ялся|ялась)|"
    r"опаса\w+|надеж?\w*ся|надеял\w*|бо(?:яться|їться|юся|ялися|явся|ялася)|побою\w+|"
    r"сподіва\w+)\W+(?:что|що|that)\W+(?:[\w'’-]+\W+){0,4}$",
    re.IGNORECASE,
)

# A belief before the clause of a trigger, "родина вважала, що захисник загинув", "думали, що
# повертаються додому", "believed that he had died": what someone thought, not what happened;
# and a hearsay word right before it, "захисник буцімто загинув", "якобы погиб".
_BELIEVED = re.compile(
    r"(?<![\w-])(?:думал\w*|думав|вважал\w*|вважав|считал\w*|полагал\w*|believed|thought)"
    r"\W+(?:что|що|that)\W+(?:[\w'’-]+\W+){0,4}$",
    re.IGNORECASE,
)

_HEARSAY = re.compile(
    r"(?<![\w-])(?:нібито|буцімто|начебто|якобы|будто\s+бы)\W+(?:[\w'’-]+\W+)?$", re.IGNORECASE
)

# Words of frequency: "пленных регулярно избивают", "prisoners are often tortured" tell what
# happens as a rule, not an event.
_HABITUAL = re.compile(
    r"(?<![\w-])(?:often|regularly|routinely|repeatedly|frequently|usually|typically|constantly|"
    r"systematically|commonly|as\s+a\s+rule|регулярно|часто|постоянно|систематически|обычно|"
    r"как\s+правило|нередко|зачастую|постійно|систематично|зазвичай|як\s+правило|нерідко)(?![\w-])",
    re.IGNORECASE,
)

# A simple past verb in English (for a subordinate clause told as fact).
_EN_SIMPLE_PAST = re.compile(r"(?<![\w-])(?:was|were|took|\w+ed)(?![\w-])", re.IGNORECASE)
# Past-tense markers of English: a group "was regularly beaten" is told of, not generic.
_EN_PAST = re.compile(r"(?<![\w-])(?:was|were|had|did|used\s+to)(?![\w-])", re.IGNORECASE)

# A present passive or state of a group in English: "are repeatedly beaten", "who are missing".
_EN_PRESENT = re.compile(
    r"(?<![\w-])(?:are|is|am|get|gets|have\s+been|has\s+been|remain|remains)(?![\w-])",
    re.IGNORECASE,
)

# An English relative clause running up to the trigger: "servicemen who are missing".
_EN_WHO = re.compile(r"(?<![\w-])(?:who|that)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)

# Several exchanges: "released in prisoner exchanges", "через обміни" sum up, they are no one
# swap of their own.
_SWAPS = re.compile(
    r"(?<![\w-])(?:exchanges|swaps|обменов|обменах|обменами|обмены|обмінів|обмінах|обмінами|"
    r"обміни)(?![\w-])",
    re.IGNORECASE,
)

# An office named after whom it serves: "Уполномоченного по пропавшим без вести",
# "Commissioner for missing persons"; the trigger is part of a title.
_OFFICE = re.compile(
    r"(?:уполномоченн|уповноважен|commissioner|ombuds)\w*\s+(?:по|з|із|у|в|for|on)\s+"
    r"(?:[\w'’-]+,?\s+){0,2}$",
    re.IGNORECASE,
)


def _future(text: str, hit: Hit, lang: str) -> bool:
    """True when the trigger's verb is a perfective non-past ("обменяют", "обміняють"): in
    Russian and Ukrainian that form tells what will happen."""
    if lang == "en":
        return False
    # The clause's verb may stand before a nominal trigger: "5 марта проведут обмен по формуле
    # 300 на 300", "наступного тижня відбудеться обмін".
    lead = WORD.findall(text[clause_start(text, hit.start, hit.sentence.start) : hit.start])
    for word in [*lead[-5:], *WORD.findall(text[hit.start : hit.end])]:
        found = parses(word.lower(), lang)
        # Ukrainian dictionaries rank an infinitive reading first ("повернуть") and give some
        # present forms a future reading too ("перебувають"): a future with no present reading.
        readings = found[:1] if lang == "ru" else found
        tenses = {p.tag.tense for p in readings if p.tag.POS == "VERB"}
        if "futr" in tenses and "pres" not in tenses:
            return True
    return False


# Returnees, whose screening by their own side is a policy the reports describe.
_RETURNEES = re.compile(
    r"(?<![\w-])(?:returning|returned|returnees?|вернувш\w+|возвращ[её]нн\w+|повернут\w+|"
    r"повернувш\w+)(?![\w-])",
    re.IGNORECASE,
)

# What a law or a rule says of anyone: "За законом, звільнений із полону військовий має право
# на …", "кожен, хто повернувся з полону", "everyone who returns from captivity".
_RULE = re.compile(
    r"(?<![\w-])(?:за\s+законом|згідно\s+(?:із|з)\s+законом|по\s+закону|согласно\s+закону|"
    r"by\s+law|under\s+(?:the\s+)?law|ма(?:є|ють)\s+право|име(?:ет|ют)\s+право|"
    r"(?:is|are)\s+entitled|(?:has|have)\s+the\s+right|кожен,?\s+хто|кожного,?\s+хто|"
    r"кожн\w+,?\s+хто|всі,?\s+хто|каждый,?\s+кто|все,?\s+кто|(?:anyone|everyone|all\s+those)\s+who)"
    r"(?![\w-])",
    re.IGNORECASE,
)

# A modal after a group's trigger in its clause: "родини зниклих безвісти можуть звернутися".
_MODAL = re.compile(
    r"(?<![\w-])(?:може|можуть|может|могут|можно|можна|(?-i:can|may))(?![\w-])", re.IGNORECASE
)

# "Missing" as a participle or adjective ("родственники пропавших без вести", "родини зниклих
# безвісти"): of an uncounted group it names a class of people, not a disappearance.
_MISSING_CLASS = re.compile(
    r"(?:без\s+вести\s+)?пропавш\w+|(?:безвісти\s+)?зникл(?:их|им|ими|і|ого|ому|ому)(?![\w-])",
    re.IGNORECASE,
)

# What is done to returnees as a policy ("returned prisoners are often assigned to menial
# work", "returning soldiers are sent back to their units"): the statement is the datum.
_POLICY_TYPES = frozenset(
    {"assigned_noncombat", "redeployed_combat", "returned_to_unit", "pay_suspended"}
)


def _generic_group(text: str, hit: Hit, lead: str, lang: str) -> bool:
    """True for what an uncounted group undergoes as a rule ("пленных регулярно избивают",
    "prisoners are often tortured", "servicemen who are missing") or over several swaps ("released
    in prisoner exchanges"): a general statement, not an event."""
    s = hit.sentence
    end = s.end
    for ch in ",;:—–(":
        at = text.find(ch, hit.end, s.end)
        if at != -1:
            end = min(end, at)
    clause = lead + text[hit.start : end]
    trigger = text[hit.start : hit.end]
    if hit.type == "exchanged" and _SWAPS.search(trigger):
        return True
    if hit.type in _POLICY_TYPES or (
        hit.type == "isolated_interrogated" and _RETURNEES.search(s.text)
    ):
        return False  # how returnees are dealt with: "returning soldiers are usually questioned"
    if _RULE.search(s.text) or _MODAL.search(text, hit.end, end):
        return True  # "кожен, хто повернувся з полону, може отримати …", "за законом …"
    # The adverb may stand in a clause before ("регулярно приговаривают …, обвиняя их в …").
    habitual = _HABITUAL.search(text, s.start, end) is not None
    if lang == "en":
        if _EN_PAST.search(clause):
            return False
        who = _EN_WHO.search(lead)
        if who and _EN_PRESENT.search(who.group(0) + trigger):
            return True  # "daughters of servicemen who are missing"
        # "are repeatedly beaten …, and given electric shocks": the auxiliary serves both
        told = text[s.start : end]
        return habitual and not _EN_PAST.search(told) and _EN_PRESENT.search(told) is not None
    return habitual and not _PAST.search(clause)


def cancelled(
    text: str, hit: Hit, lex: EventLexicon, group: bool, counted: bool = False, lang: str = "en"
) -> bool:
    """True when the clause before a trigger negates it or makes it a hypothesis."""
    s = hit.sentence
    cut = clause_start(text, hit.start, s.start)
    # "did not confirm that he is held", "не подтвердила, что он находится в плену": the clause
    # is what someone denied or does not know.
    if _DENIED.search(text, max(s.start, cut - 60), hit.start):
        return True
    if _FEARED.search(text, max(s.start, cut - 40), hit.start):
        return True
    if _BELIEVED.search(text, max(s.start, cut - 40), hit.start):
        return True
    if _HEARSAY.search(text, max(s.start, hit.start - 30), hit.start):
        return True
    lead = text[cut : hit.start]
    # A parenthesis is an aside: "Oleg (not his real name) surrendered" is not negated.
    lead = lead[lead.rfind(")") + 1 :]
    words = WORD.findall(lead)
    window = " ".join(words[-WINDOW_WORDS:])
    if lex.irrealis.search(window):
        # "could not move when soldiers took him prisoner": a past subordinate clause after
        # the modal one is told as fact.
        sub = list(_SUBORDINATE.finditer(lead))
        told = text[hit.start - len(lead) + sub[-1].end() : hit.end] if sub else ""
        if (
            not told
            or lex.irrealis.search(told)
            or not _EN_SIMPLE_PAST.search(told)
            or _EN_PRESENT.search(told)
        ):
            return True
    if _future(text, hit, lang):
        return True  # "Ивана обменяют на следующей неделе": not yet
    if _OFFICE.search(text, max(s.start, hit.start - 60), hit.start):
        return True  # "Уполномоченного по пропавшим без вести": a title
    if group and not counted and _generic_group(text, hit, lead, lang):
        return True
    if group and not counted and hit.type == "missing" and _MISSING_CLASS.match(text, hit.start):
        return True  # "семьям военнослужащих, пропавших без вести": who, not what happened
    # "held in a garage without water and then driven to the colony": a new step of a sequence
    # is out of the reach of what negated the one before (not of a hypothesis: "fear he might
    # be swapped and then sent to the front").
    steps = [
        *_NEXT_STEP.finditer(lead),
        *_NEGATED_THEN.finditer(lead),
        *_SUBORDINATE.finditer(lead),
    ]
    steps.sort(key=lambda m: m.end())
    negated = WORD.findall(lead[steps[-1].end() :]) if steps else words
    if lex.negators.search(" ".join(negated[-WINDOW_WORDS:])):
        return True
    # "was not captured": a negation inside the trigger, unless the type is negative by nature.
    trigger = text[hit.start : hit.end]
    if (
        hit.type not in _NEGATIVE_TYPES
        and lex.negators.search(trigger)
        and not _NOT_LIVED.match(trigger)
    ):
        return True
    near = text[max(s.start, hit.start - 30) : hit.start]
    if lex.immediate is not None and lex.immediate.search(near) and not _PREPOSITIONAL.search(near):
        return True
    # A generic group in a temporal clause ("when soldiers are returned") is background.
    if group and lex.subordinators.search(" ".join([*words[:3], "|", *words[-5:]])):
        return True
    # So is an uncounted one in a relative clause ("родственники военнослужащих, которые
    # находятся в плену"); "сорок пленных, которые погибли" are counted, and told of.
    return (
        group
        and not counted
        and bool(words)
        and _GENERIC_RELATIVE.fullmatch(words[0]) is not None
        and not _PAST.search(text, hit.start, hit.end)
    )


# A state accused ("Russia accused of torturing …", "Россию обвиняют в …"): a political charge,
# no criminal one against a person (not the genitive: "гражданина Украины обвинили").
_STATE_ACCUSED = re.compile(
    r"(?<![\w-])(?:Russia|Ukraine|Moscow|Kyiv|Kiev|(?:the\s+)?Kremlin|Росси[яю]|Украин[ау]|"
    r"Москв[ау]|Киев|Кремль|Росі[яю]|Україн[ау]|Київ)(?![\w-])",
    re.IGNORECASE,
)

_STATE_BEFORE = re.compile(_STATE_ACCUSED.pattern + r"\s+(?:(?:is|was|has\s+been|stands)\s+)?$")

# "по возвращении на родину", "після повернення додому", "upon his return home": a return that
# sets the time of something else (often still to come), not a return told.
_UPON_RETURN = re.compile(
    r"(?<![\w-])(?:по|после|після|upon|on)\s+(?:(?:his|her|their)\s+)?$", re.IGNORECASE
)

# A verb of asking and a question word after it: an indirect question, no event told. The
# question word must come within a few words of the verb or after a colon or comma.
_ASKED = re.compile(
    r"(?<![\w-])(?:спрашива\w*|спросил\w*|расспрашива\w*|допытыва\w*|пита(?:в|ла|ли|є|ють)|"
    r"запиту\w*|розпитува\w*|asked|asks|asking|ask)(?![\w-])"
    r"(?:\s+[\w-]+){0,6}?\s*[:,]?\s+(?:как|почему|зачем|кто|о\s+ч[её]м|где|когда|ли|як|чому|"
    r"навіщо|хто|про\s+що|де|коли|чи|how|why|who|whether|where|when)(?![\w-])[^.!?]*$",
    re.IGNORECASE,
)

# A document about a capture: "приказа о пленении", "довідки про полон".
_PAPER_OF = re.compile(
    r"(?<![\w-])(?:приказ|справк|документ|наказ|довідк|рапорт)\w*\s+(?:о|об|про)\s+$",
    re.IGNORECASE,
)


def not_told(text: str, hit: Hit) -> bool:
    """True for a charge against a state, for a return that only sets a time and for what an
    asker wants to know ("спрашивал, как попал в плен", "asked how he was captured")."""
    lo = max(hit.sentence.start, hit.start - 30)
    if _ASKED.search(text, max(hit.sentence.start, hit.start - 160), hit.start):
        return True
    if hit.type == "charged":
        trigger = hit.trigger_text(text)
        return bool(_STATE_BEFORE.search(text, lo, hit.start) or _STATE_ACCUSED.search(trigger))
    if hit.type == "captured" and _PAPER_OF.search(text, lo, hit.start):
        return True  # "пока нет приказа о пленении": a paper about a capture, not one told
    if hit.type == "handed_over":
        noun = re.match(r"(?:возвращени|поверненн|return\b)", hit.trigger_text(text), re.IGNORECASE)
        return noun is not None and _UPON_RETURN.search(text, lo, hit.start) is not None
    return False


# An exchange told as the time or place of something else: "під час обміну", "during the swap".
_SETTING = re.compile(
    r"(?:в\s+ходе|в\s+рамках|во\s+время|после|при|під\s+час|після|в\s+межах|у\s+межах|"
    r"during|after|following|at)\s",
    re.IGNORECASE,
)


def speaker_at_swap(text: str, hit: Hit, ref: Ref) -> bool:
    """True when the person an exchange would go to is the speaker named right after a verb of
    saying and the exchange only sets the scene ("— сказала 29-річна Пильник агентству під час
    обміну"): what she said was said there."""
    if hit.type != "exchanged" or not ref.entity or ref.end > hit.start:
        return False
    if not _SETTING.match(text, hit.start):
        return False
    return _SAID_BEFORE.search(text, max(hit.sentence.start, ref.start - 40), ref.start) is not None


# A verb of saying right before a name, an age or title between: "сказала 29-річна Пильник".
_SAID_BEFORE = re.compile(r"(?:" + _REPORTING.pattern + r")\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)


def bystander_speaks(refs: list[Ref], hit: Hit, bystanders: frozenset[str] | set[str]) -> bool:
    """True when the person named last before an interview trigger is an official, lawyer or
    journalist: "Адвокат Гурьева Елена Шубина рассказала «Курьеру»" is the lawyer's interview."""
    before = [r for r in refs if r.end <= hit.start and r.entity]
    return bool(before) and before[-1].entity in bystanders
