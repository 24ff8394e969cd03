"""Events: trigger phrases per type, minus negated or hypothetical ones, attached to a referent."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import pairwise

from powtrace.domain.vocab import event_type
from powtrace.extract.among_who import among_who
from powtrace.extract.dates import DateMention
from powtrace.extract.details import agency, details_for
from powtrace.extract.lexicon import EventLexicon, event_lexicon, person_lexicon
from powtrace.extract.literals import foldable
from powtrace.extract.model import EventProposal, Span
from powtrace.extract.namecase import parses
from powtrace.extract.ner import Candidate
from powtrace.extract.refs import Ref
from powtrace.extract.text import REPORTING as _REPORTING
from powtrace.extract.text import WORD, Sentence, clause_start

# Verbs after which "to" is a preposition ("assigned to menial work") or opens a purpose that
# was carried out ("came to interrogate us", "was able to return"), not a hypothesis.
_PREPOSITIONAL = re.compile(
    r"\b(?:assigned|sent|moved|transferred|relegated|condemned|reduced|subjected|returned|taken|"
    r"brought|admitted|handed|put|added|listed|back|came|went|began|started|continued|able|"
    r"managed)\s+to\s*$",
    re.IGNORECASE,
)
# A relative clause opened before a referent and still open at it.
_RELATIVE = re.compile(
    r",\s*(?:котор\w+|як(?:ий|а|е|і|ого|ої|ому|им|их|ій)|who|whom|which|whose)\b[^,;:()—–]*$",
    re.IGNORECASE,
)
# A plural relative clause still open at the trigger ("…, которые уже погибли", "…, які
# загинули"): the event is its plural noun's, never a singular speaker's from before.
_PLURAL_RELATIVE = re.compile(r",\s*(?:которые|которых|які|яких)\b[^,;:()—–]*$", re.IGNORECASE)
# An interview told by the verb of saying itself ("рассказала «…» сестра Инна").
_SAYING_TRIGGER = re.compile(r"(?:рассказ|розпові)\w*", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[,;:()—–]")
_WINDOW_WORDS = 7
# A return that says "home", reported next to an exchange, is its own event.
# Back to one's country counts as home too ("handed back to Russia", "повернувся в Україну");
# "sent back" / "returned to Russia" mostly restate the exchange itself.
_HOME = re.compile(
    r"\bhome\b|\bsoil\b|\b(?:handed|came|went|got)\s+back\s+to\s+(?:Russia|Ukraine)\b|домой|додому|на\s+родину|на\s+батьківщину|"
    r"(?:в|на)\s+(?:Россию|Украину)\b|(?:в|у)\s+(?:Україну|Росію)\b|до\s+(?:України|Росії)\b",
    re.IGNORECASE,
)
# What joins coordinated persons: "Smith and Jones", "Смирнова и Кузнецова", "Мельника й Бондаря".
_COORDINATION = re.compile(
    r"\s*(?:,\s*)?(?:and|as\s+well\s+as|и|а\s+также|й|і|та|,)\s*", re.IGNORECASE
)
# Types whose triggers say what is withheld ("never given a rifle", "не платят").
# Types a person undergoes again and again, each time a new event: legs of a journey.
_ITINERARY = {"transferred"}
# Captivity told as a state ("находится в плену", "досі перебуває в полоні"): a capture, but
# the sentence's date is when the state held, not when the capture was.
_STILL_HELD = re.compile(
    r"наход|оста[ёеюв]|перебува|перебув|залиша|вже\b|уже\b|в\s+плену\s|(?:у|в)\s+полоні\s|"
    r"(?:він|вона|вони|он|она|они)\s|(?:(?:was|were|been|being|is|are)\s+(?:\w+\s+)?)?(?:held|kept)\s",
    re.IGNORECASE,
)


# A spell told by its length: "провёл в плену", "пробув у полоні", "spent two years in".
_SPELL = re.compile(
    r"провёл|провел|пробыл|проведя|провів|провела|провели|пробув|провівши|spent|пережи(?:в|ла|ли)\s"
    r"|(?:у|в)\s+(?:[\w'’-]+\s+)?(?:полоні|неволі)\s+(?:[\w'’-]+\s+)?(?:провів|провела|провели|пробу)",
    re.IGNORECASE,
)
# A length of time after a state: "находился в плену два года", "перебував у полоні 7 місяців".
_LENGTH = re.compile(
    r"(?<![\w-])(?:\d+|[^\W\d]+)\s+(?:лет|года?|месяц\w*|недел\w+|дн(?:я|ей)|сут\w*|років|роки|рік|"
    r"місяц\w*|тижн\w+|тиждень|днів|дні|діб|years?|months?|weeks?|days?)(?![\w-])",
    re.IGNORECASE,
)
# A past verb of a state ("находился", "перебувала", "was held"), not "находится", "is held".
_PAST_STATE = re.compile(
    r"\w+(?:лся|лась|лись|лось|вся|лася|лися|ла|ли|в)(?![\w-])|(?:was|were|had\s+been)\s",
    re.IGNORECASE,
)
# A passive auxiliary opening a trigger: "was captured" names no agent after it.
_PASSIVE = re.compile(r"(?:was|were|been|being|got|get|gets|is|are)\s", re.IGNORECASE)
# A comma, semicolon, bracket or dash right before a trigger: "Moroz, captured in March".
_PARTICIPLE_OPENS = re.compile(r"[,;(—–]\s*$")


# The prosecution's account ("по версии следствия", "за версією обвинувачення"): what it says
# the accused did is alleged, not told as fact.
_ALLEGED = re.compile(
    r"(?<![\w-])(?:по\s+версии|за\s+версією)\s+(?:следствия|обвинения|прокуратуры|"
    r"слідства|обвинувачення|прокуратури)(?![\w-])",
    re.IGNORECASE,
)


def _held_for(text: str, hit: Hit) -> bool:
    """True when captivity told as a past state comes with its length ("находился в плену два
    года", "was held captive for two years"): a spell that is over."""
    if not _PAST_STATE.match(hit.trigger_text(text)):
        return False
    end = hit.sentence.end
    for ch in ",;:—–(.":
        at = text.find(ch, hit.end, hit.sentence.end)
        if at != -1:
            end = min(end, at)
    return _LENGTH.search(text, hit.end, end) is not None


# A place of detention named with a killing: the dead were held there.
_HELD_AT = re.compile(
    r"detention\s+(?:cent(?:er|re)|facility)|penal\s+colony|prison\s+camp|POW\s+camp|"
    r"prisoner[- ]of[- ]war\s+camp|where\s+they\s+were\s+(?:being\s+)?held|СИЗО|СІЗО|"
    r"исправительн\w+\s+колони|виправн\w+\s+колоні|лагер\w*\s+для\s+военнопленн|"
    r"табор\w*\s+для\s+(?:військово)?полонених",
    re.IGNORECASE,
)
# The dead named as captives next to a verb of dying ("де загинули десятки полонених",
# "погибли военнопленные"; not "колишніх полонених", who died later): a death in captivity.
_CAPTIVE_DEAD = re.compile(
    r"(?<![\w-])(?<!колишніх\s)(?<!бывших\s)(?<!former\s)"
    r"(?:(?:військово)?полонен(?:і|их|ого|ий|ому|им)|(?:военно)?пленн(?:ые|ых|ого|ый|ому)|"
    r"prisoners?\s+of\s+war|POWs?)(?![\w-])",
    re.IGNORECASE,
)
_CAPTIVE_DEAD_REACH = 60  # characters between such a noun and the verb of death
# An execution ("стратили", "розстріляли", "казнили", "executed"): a death in captivity only
# at a place of detention told in the sentence or just before (a barrack, a colony, a camp);
# captives shot where they surrendered were killed (the held-out annotators' convention).
_EXECUTED = re.compile(
    r"(?<![\w-])(?:стра(?:т|ч)\w*|розстріл\w*|казн(?:ил|ен|ят|ь)\w*|расстрел\w*|executed)(?![\w-])",
    re.IGNORECASE,
)
_DETENTION_SITE = re.compile(
    r"(?<![\w-])(?:барак\w*|колоні\w*|колони\w*|СІЗО|СИЗО|табор\w*|табір|лагер\w*|"
    r"barracks?|colony|camp|prison)(?![\w-])",
    re.IGNORECASE,
)
_SITE_BACK = 300  # characters before an execution's sentence that may name the place

# A wound of battle: what breaks bones there is a shell, a mine or a blast, not a guard.
_WOUND = re.compile(
    r"shrapnel|shell|mine\b|blast|explosion|wounded|injured|in\s+(?:battle|combat)|осколк|"
    r"снаряд|мин[аыойу]\b|взрыв|ранен|контуз|в\s+бою|уламк|вибух|поранен|мін[аиоуі]\b|у\s+бою",
    re.IGNORECASE,
)
# Bones and teeth broken: torture by a guard, or a wound.
_BROKEN = re.compile(
    r"brok|сломал|переломал|выбил|отбил|зламал|поламал|вибил|відбил", re.IGNORECASE
)
# An impersonal neuter verb ("сломало", "зламало ногу", "выбило"): a force, not a person.
_IMPERSONAL = re.compile(r"\w+ло(?![\w-])", re.IGNORECASE)


# A death the narrator saw ("помер у мене на руках", "died next to me"), told right after its
# trigger; in a testimony set in captivity it is a death there.
_WITNESSED = re.compile(
    r"\s+(?:прямо\s+|right\s+)?(?:у\s+меня\s+на\s+руках|рядом\s+со\s+мной|у\s+мене\s+на\s+руках|"
    r"(?:поруч|поряд)\s+(?:зі|із|з)\s+мною|in\s+my\s+arms|next\s+to\s+me|beside\s+me)",
    re.IGNORECASE,
)
# Captivity or a place of detention: what sets a testimony there.
_CAPTIVITY_CUE = re.compile(
    r"плен|полон|неволе|неволі|колони|СИЗО|СІЗО|камер|лагер|табор|captiv|\bcell|\bcamp|colony|"
    r"prison|detention",
    re.IGNORECASE,
)
_CAPTIVITY_REACH = 600  # characters before a witnessed death that may set it in captivity
# "не дожил до обмена", "did not live to see the swap": the negation is the event's own words.
_NOT_LIVED = re.compile(
    r"не\s+дожи|(?:did\s+not|didn['’]t|never)\s+(?:live|make|survive)", re.IGNORECASE
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


def _not_told(text: str, hit: Hit) -> bool:
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


def _died_held(text: str, hit: Hit) -> bool:
    """True when a death the narrator saw ("помер у мене на руках") is told in a testimony of
    captivity: the sentence or the ones just before speak of captivity or a place of detention."""
    if hit.type != "killed" or not _WITNESSED.match(text, hit.end):
        return False
    lo = max(0, hit.sentence.start - _CAPTIVITY_REACH)
    return _CAPTIVITY_CUE.search(text, lo, hit.sentence.end) is not None


def _captive_dead(text: str, hit: Hit) -> bool:
    """True when the dead are named as captives next to a verb of dying ("де загинули десятки
    полонених"), or an execution is told at a place of detention named in the sentence or just
    before ("підірвала барак, де перебували полонені. … росіяни його стратили")."""
    lo = max(hit.sentence.start, hit.start - _CAPTIVE_DEAD_REACH)
    hi = min(hit.sentence.end, hit.end + _CAPTIVE_DEAD_REACH)
    if _EXECUTED.search(text, lo, hi):  # "страт військовополонених, у яких загинули …"
        back = max(0, hit.sentence.start - _SITE_BACK)
        return _DETENTION_SITE.search(text, back, hit.sentence.end) is not None
    return _CAPTIVE_DEAD.search(text, lo, hi) is not None


def _combat_injury(text: str, hit: Hit) -> bool:
    """True when bones broken are told as a wound: the sentence speaks of battle, a shell or a
    blast, or the verb is impersonal ("йому зламало ногу уламком")."""
    trigger = hit.trigger_text(text)
    if not _BROKEN.search(trigger):
        return False
    return bool(_IMPERSONAL.match(trigger) or _WOUND.search(hit.sentence.text))


# An exchange told as the time or place of something else: "під час обміну", "during the swap".
_SETTING = re.compile(
    r"(?:в\s+ходе|в\s+рамках|во\s+время|после|при|під\s+час|після|в\s+межах|у\s+межах|"
    r"during|after|following|at)\s",
    re.IGNORECASE,
)


def _speaker_at_swap(text: str, hit: Hit, ref: Ref) -> bool:
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


def _beyond_when(text: str, hit: Hit, ref: Ref) -> bool:
    """True when the trigger stands in a clause opened by "when" / "коли" and the referent comes
    after that clause has closed: the main clause's subject is not the temporal clause's."""
    if ref.start < hit.end or "," not in text[hit.end : ref.start]:
        return False
    return _WHEN_OPENS.match(text, hit.sentence.start, hit.start) is not None


# A temporal clause opening a sentence ("When soldiers step off the buses …", "Коли …"); not
# "After a week in hospital, they …", a phrase and no clause.
_WHEN_OPENS = re.compile(r"\W*(?:when|whenever|while|коли|поки|когда|пока)(?![\w-])", re.IGNORECASE)


def _still_held(trigger: str) -> bool:
    """True for captivity told as a state, not "held since May" (which dates the capture)."""
    return bool(_STILL_HELD.match(trigger)) and not _SINCE.search(trigger)


_SINCE = re.compile(r"(?:\s(?:с|з|від)|since)\s*$", re.IGNORECASE)
# A person's event shared with a counted crowd: "along with 74 other soldiers", "вместе с ещё
# 30 военнопленными", "разом з іншими 30 військовополоненими".
_WITH_OTHERS = re.compile(
    r"(?<![\w-])(?:along\s+with|together\s+with|with|вместе\s+с|вместе\s+со|разом\s+(?:з|із|зі))"
    r"\s+(?:(?:ещё|еще|ще|другими|іншими|another|other)\s+)?(\d{1,4})\s+(?:other\s+)?[^\W\d]",
    re.IGNORECASE,
)
# An exchange told as taking place: its subject is the exchange, not a person named before.
_SWAP_HELD = re.compile(
    r"відбу|пройш|провели|провів|провела|провед|провёл|провел|произв|состоял|прош[её]л|прошли|"
    r"произош|заверши|took\s+place|was\s+held|"
    r"happened|occurred|begun|began|started|under\s*way|completed|carried\s+out",
    re.IGNORECASE,
)
# A return ("вернулись", "возвращены", "повернулися") among the release triggers.
_RETURN_WORD = re.compile(r"вернул|возвращ|поверн", re.IGNORECASE)
# A word of a swap anywhere in a text ("#обмен", "в результате переговорного процесса", the
# Russian MoD's formula for one).
_SWAP_WORD = re.compile(r"обмен|обмін|переговорн\w+\s+процесс|exchange|swap", re.IGNORECASE)
_GROUP_TYPES = {"exchanged", "released", "handed_over", "captured"}
# The head count of the exchange a person was part of: "freed in the exchange of 8 February,
# when 100 servicemen were returned", "обміняли 31 травня, коли додому повернулися 75 бійців".
_EXCHANGE_COUNT = re.compile(
    r"(?<![\w-])(?:when|in\s+which|during\s+which|когда|в\s+ходе\s+которого|в\s+рамках\s+которого|"
    r"коли|під\s+час\s+якого|в\s+рамках\s+якого|у\s+межах\s+якого)\s+(?:[^\W\d]+\s+){0,3}?"
    r"(\d{1,4})\s+[^\W\d]",
    re.IGNORECASE,
)


# A singular past verb (Russian, Ukrainian): a sentence without a subject is about one person.
_SINGULAR_PAST = re.compile(
    r"[^\W\d_]{2,}(?:вся|лся|лась|лася|ла|ів|ув|ив)(?![\w-])", re.IGNORECASE
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


def _another_swap(bare: EventProposal, told: EventProposal) -> bool:
    """True when a bare exchange differs from a told one by its day or its head count."""
    day = bare.date is not None and bare.date.precision == "day"
    if day and bare.date != told.date:
        return True
    return bool(bare.group_size and told.group_size and bare.group_size != told.group_size)


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


def _one_of(text: str, group: Ref, refs: list[Ref]) -> list[Ref]:
    """The named person a sentence makes one of a group ("Hryhoriev is one of 200 POWs who …",
    "Bondar and many of the other soldiers had been captured")."""
    for r in refs:
        if not r.entity or r.end > group.start:
            continue
        between = text[r.end : group.start]
        if _ONE_OF.search(text, r.end, group.start) or _AND_GROUP.fullmatch(between):
            return [r]
    return []


def _more_told(x: EventProposal, e: EventProposal) -> bool:
    """True when x gives a day or a head count that e lacks."""
    return bool((x.date and not e.date) or (x.group_size and not e.group_size))


def _crowd(sentence: str, hit: Hit) -> re.Match[str] | None:
    """The counted crowd a person's event is shared with, told after its trigger."""
    if hit.type not in _GROUP_TYPES:
        return None
    rest = hit.end - hit.sentence.start
    found = _WITH_OTHERS.search(sentence, rest)
    if found is None and hit.type == "exchanged":
        found = _EXCHANGE_COUNT.search(sentence, rest)
    return found


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
    undated: bool = (
        False  # a state ("is in captivity"), not the event: its sentence's date is not the event's
    )

    def trigger_text(self, text: str) -> str:
        return text[self.start : self.end]


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
# Past-tense markers of English: a group "was regularly beaten" is told of, not generic.
# A simple past verb in English (for a subordinate clause told as fact).
_EN_SIMPLE_PAST = re.compile(r"(?<![\w-])(?:was|were|took|\w+ed)(?![\w-])", re.IGNORECASE)
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
    window = " ".join(words[-_WINDOW_WORDS:])
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
    if lex.negators.search(" ".join(negated[-_WINDOW_WORDS:])):
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
        if _ACCORDING.search(text, max(hit.sentence.start, r.start - 40), r.start):
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
    if not before and _RELATIVE.search(text, hit.sentence.start, hit.start):
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
_ACCORDING = re.compile(
    r"(?:according\s+to|за\s+словами|по\s+словам|со\s+слов|як\s+розповів\w*|как\s+рассказал\w*)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _in_relative_clause(text: str, ref: Ref, hit: Hit) -> bool:
    """True when a referent stands in a relative clause that closes before the trigger ("Мартинюк,
    який служив з ними, вважається зниклим"): the clause's persons are not the subject."""
    lead = text[hit.sentence.start : ref.start]
    return "," in text[ref.end : hit.start] and _RELATIVE.search(lead) is not None


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
        if _ACCORDING.search(text, max(0, people[j - 1].start - 40), people[j - 1].start):
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


def _with_us(
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


_DATE_REACH = 3  # sentences back to an event of the same type whose date is meant again


def _dates_told_before(
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


def _home_with_exchange(text: str, events: list[EventProposal]) -> list[EventProposal]:
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
            and _HOME.search(e.trigger.text)
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
            and not _HOME.search(e.trigger.text)
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


# A sentence that lists the members of a group told just before: "Это …", "Це …", "They are …".
_LIST_OPENER = re.compile(
    r"(?<![\w-])(?:это|це|they\s+are|they\s+were|these\s+are|their\s+names\s+are)(?![\w-])",
    re.IGNORECASE,
)
_LIST_REACH = 2  # sentences after the "among" sentence in which its members may be listed


def _listed_after(
    sentences: list[Sentence],
    s: Sentence,
    refs: dict[int, list[Ref]],
    bystanders: frozenset[str] | set[str],
) -> tuple[list[Ref], Sentence]:
    """The persons a sentence soon after lists as the members of a group ("Среди вернувшихся —
    пятеро земляков. … По его словам, это Никита Зуев, Сергей Белкин …"), and that sentence."""
    for nxt in sentences[s.index + 1 : s.index + 1 + _LIST_REACH]:
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


# What stands between the last name of a list and "among": "were", "was also", ", 24, was".
_BEFORE_AMONG = re.compile(
    r"(?:\s*,\s*\d{1,2}\s*,)?\s*(?:was|were|is|are)\s+(?:also\s+|both\s+|all\s+)?",
    re.IGNORECASE,
)


def _named_before_among(
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


# "Among them", "среди них", "серед них": the group of the sentence before.
_AMONG_THEM = re.compile(r"among\s+them|среди\s+них|серед\s+них", re.IGNORECASE)
# Group events a person named "among" the group shares.
_GROUP_RETURN = ("exchanged", "handed_over", "released")


def _among_returned(
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
        window = " ".join(lead[-_WINDOW_WORDS:])
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
            if e.person_id is None and e.type in _GROUP_RETURN and e.evidence.start <= s.start
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
            listed = _named_before_among(text, s, trigger, refs.get(s.index, []), bystanders)
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


_MEMBERS_REACH = 3  # sentences after a counted group in which its members may be named
_PROSE_BEFORE_LIST = 2  # lines of prose between a counted group and the list of its members


def _counted_bulleted(
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
            if e.person_id is None and e.evidence.start == s.start and e.type in _GROUP_RETURN
        ]
        sizes = {e.group_size for e in group if e.group_size}
        if len(sizes) != 1:
            continue
        (size,) = sizes
        if not 2 <= size <= 10:
            continue
        items = _bulleted_after(text, sentences, s, refs, bystanders, prose=_PROSE_BEFORE_LIST)
        members = list(dict.fromkeys(r.entity for r, _ in items))
        if len(members) != size:
            continue
        told = [e for e in out if e.person_id is None and e.evidence.start == s.start]
        out = [e for e in out if e not in told]
        out += [replace(e, person_id=m, group_size=None) for e in told for m in members]
    return sorted(out, key=lambda e: (e.evidence.start, e.trigger.start))


def _counted_then_named(
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
        sizes = {e.group_size for e in group if e.group_size}
        if len(sizes) != 1:
            continue
        (size,) = sizes
        if not 2 <= size <= 10:
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


# Sentences after a first-person one in which an impersonal event is still the narrator's.
_IMPERSONAL_REACH = 3
# In a question-and-answer interview an answer line ("— Дали отпуск на 30 суток.") is the
# interviewee's however long the answers run without an "I".
_ANSWER_REACH = 12
_ANSWER_LINE = re.compile(r"[ \t]*[—–-][ \t]")
# A sentence that ends in a question mark (an interviewer's question) reports nothing.
_QUESTION = re.compile(r"\?[\s\"'”’»)]*$")

_KIN_REACH = 4  # sentences back to the person a relative's words are about


def _kin_to_soldier(
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


SubjectAfter = Callable[[str, int], "re.Match[str] | None"]


@cache
def _inverted_subject(lang: str) -> SubjectAfter | None:
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


def _head_clause(text: str, ref: Ref | None, hit: Hit, lang: str) -> bool:
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


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


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
    inverted = _inverted_subject(lang)
    possessed = None if lang == "en" else partial(_head_clause, lang=lang)
    # Where relatives stand, before they are read as the soldier: an interview a wife gives is
    # hers ("Його дружина Оксана розповіла нашому виданню"), not her husband's.
    kin_at = {r.start for rs in refs.values() for r in rs if r.entity in kin}
    refs = _kin_to_soldier(sentences, refs, kin, bystanders)
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
        leg = _town_leg(lex, s, narrator, mine, out)
        if leg is not None and narrator is not None:
            out.append(propose(text, leg, narrator, dates, places))
            continue
        previous = [r for r in refs.get(s.index - 1, []) if r.entity not in bystanders]
        out += [
            propose(text, h, r, dates, places)
            for h, r in _co_prisoners(lex, s, mine)
            if not cancelled(text, h, lex, group=False, counted=False, lang=lang)
        ]
        run = _place_run(lex, s)
        runs.update(h.start for h in run)
        for hit in sorted(find_hits(lang, s) + run, key=lambda h: h.start):
            agentive = bool(
                lex.agentive
                and lex.agentive.search(text, hit.start, hit.end)
                and not _PASSIVE.match(text, hit.start)  # "was captured": no agent named after
                # "Moroz, captured in March; Lytvyn, …": a participle after a comma is passive
                and not (
                    lang == "en"
                    and _PARTICIPLE_OPENS.search(text, max(0, hit.start - 4), hit.start)
                )
            )
            # a tally of residents is a group only for a return ("повернути 47 жителів")
            cands = mine if hit.type in _GROUP_RETURN else [r for r in mine if not r.residents]
            ref = attach(text, hit, cands, previous, agentive, inverted, possessed)
            if ref is not None and _beyond_when(text, hit, ref):
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
                and not _RELATIVE.search(text, s.start, hit.start)
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
                or _bystander_speaks(refs.get(s.index, []), hit, bystanders)
            ):
                # the relative spoke to the press, not the soldier; and an interview is given by
                # someone: "trial observers told the outlet" is no prisoners' interview
                continue
            if _not_told(text, hit):
                continue  # "Russia accused of …", "по возвращении на родину": no event of theirs
            if _speaker_at_swap(text, hit, ref):
                continue  # "сказала Пильник під час обміну": she spoke there; nobody swapped her
            group = ref.entity is None and not ref.members
            if cancelled(text, hit, lex, group=group, counted=bool(ref.size), lang=lang):
                continue
            if (
                hit.type == "released"
                and ref.size
                and swap_told
                and _RETURN_WORD.search(hit.trigger_text(text))
            ):
                # "Вчера из плена вернулись 185 военнослужащих" in a text that speaks of a swap:
                # a counted group comes back in it; one man's return stays a release, and so
                # does a group's with no word of a swap (the fresh set's convention)
                hit = replace(hit, type="exchanged")
            if hit.type == "surrendered" and _ALLEGED.search(text, hit.sentence.start, hit.start):
                # "По версии следствия, … вышел с поднятыми руками": the captivity is asserted,
                # its willingness only alleged (the convention of the fresh and dev4 sets)
                hit = replace(hit, type="captured")
            if hit.type == "captured" and _still_held(hit.trigger_text(text)):
                hit = replace(hit, undated=True)  # "находится в плену": when, it does not say
                if _held_for(text, hit):
                    # "находился в плену два года": a finished spell, not a fresh capture
                    hit = replace(hit, type="interned")
            if hit.type == "interned" and _SPELL.match(hit.trigger_text(text)):
                hit = replace(hit, undated=True)  # "провёл в плену 7 месяцев": how long, not when
            if hit.type == "killed" and (
                _HELD_AT.search(hit.sentence.text)
                or _died_held(text, hit)
                or _captive_dead(text, hit)
            ):
                # "prisoners … were killed after the detention center where they were held came
                # under attack": a death in captivity
                hit = replace(hit, type="died_in_captivity")
            if hit.type == "tortured" and _combat_injury(text, hit):
                continue  # "a leg broken by shrapnel", "йому зламало ногу": a wound, no torture
            together = _with_us(text, s, ref, mine, narrator, titles) if ref.entity else ()
            if together:  # "нас с Лёхой и Женей поменяли": the narrator and each one named
                ref = replace(ref, members=together)
            if ref.members:  # "they" standing for named persons: the event is each one's
                for member in ref.members:
                    out.append(propose(text, hit, replace(ref, entity=member), dates, places))
                continue
            out.append(propose(text, hit, ref, dates, places))
            # "В Україну повернувся під час обміну": the return home is told in the same words
            said = _HOME.search(text, max(s.start, hit.start - 16), hit.end)
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
                out += [propose(text, hit, r, dates, places) for r in _one_of(text, ref, mine)]
            others_with = _crowd(s.text, hit) if ref.entity else None
            if others_with:
                # "обміняли разом із ще 74 захисниками": the others went through it too
                size = int(others_with.group(1))
                at = s.start + others_with.start()
                crowd = Ref(at, s.start + others_with.end(), None, size=size)
                out.append(propose(text, hit, crowd, dates, places))
            if ref.entity:
                others = coordinated(text, ref, mine, titles) + gapped(text, hit, ref, mine)
                for other in others:
                    out.append(propose(text, hit, other, dates, places))
                    if home:
                        out.append(propose(text, home_hit, other, dates, places))
    # A bare "an exchange took place" next to another report of a group exchange (a headline
    # over its lead) is that exchange told again.
    # One told with its own day or head count ("The last exchange happened on January 31",
    # "обмен «200 на 200»") is another exchange.
    # Of two bare ones, the one with less said (no day, no head count) is the other told again.
    # a place of a verbless run ("— Оленівка, Таганрог") is the trigger itself
    out = [replace(e, place=e.trigger.text) if e.trigger.start in runs else e for e in out]
    swaps = [e for e in out if e.type == "exchanged"]
    out = [
        e
        for e in out
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
    if lex.among is not None:
        out += _among_returned(text, sentences, refs, out, lex, bystanders)
    if lang == "en":
        out += among_who(text, sentences, refs, out, bystanders, _named_before_among)
    out += _listed_terms(text, sentences, refs, out, dates, places, bystanders)
    out = _counted_then_named(out, sentences)
    out = _counted_bulleted(text, sentences, refs, out, bystanders)
    out = _group_told_again(out, sentences)
    out = _surrender_not_capture(out, lex)
    return dedupe(_dates_told_before(_home_with_exchange(text, out), sentences, dates))


# Between the co-prisoner words and the name: up to two lowercase words ("з побратимом").
_CO_GAP = re.compile(r"[ \t]*(?:[a-zа-яёіїєґ'’ʼ-]+[ \t]+){0,2}")


def _co_prisoners(lex: EventLexicon, s: Sentence, mine: list[Ref]) -> list[tuple[Hit, Ref]]:
    """A fellow prisoner named right after "в одній камері з", "сидів разом із", "У камері зі
    мною був", "сосед по Брянску —": he was held there too (`interned`)."""
    if lex.co_prisoner is None:
        return []
    out: list[tuple[Hit, Ref]] = []
    for m in lex.co_prisoner.finditer(s.text):
        at = s.start + m.end()
        named = next((r for r in mine if r.entity and not r.pronoun and r.start >= at), None)
        if named is not None and _CO_GAP.fullmatch(s.text, m.end(), named.start - s.start):
            out.append((Hit("interned", s.start + m.start(), at, s), named))
    return out


_RUN_SPLIT = re.compile(r"\s*,\s*|\s+(?:і|й|та|и|and)\s+")
_RUN_PLACE = re.compile(r"(?-i:[A-ZА-ЯЁІЇЄҐ])[\w'’ʼ-]*(?:[ \t](?-i:[A-ZА-ЯЁІЇЄҐ])[\w'’ʼ-]*)?")
_RUN_END = re.compile(r"[.;!…]+[\s\"'”’»)]*$")


def _place_run(lex: EventLexicon, s: Sentence) -> list[Hit]:
    """A verbless list of places after a captivity noun and a dash ("За два роки неволі —
    Оленівка, Таганрог, Камишин.", "За два года плена — …"), to the sentence's end: held in the
    first place (`interned`), then moved to each later one (`transferred`). Each place is its
    trigger; two places at least, each one or two capitalised words."""
    if lex.place_run is None:
        return []
    m = lex.place_run.search(s.text)
    if m is None:
        return []
    tail = s.text[m.end() :]
    end = _RUN_END.search(tail)
    body = tail[: end.start()] if end else tail.rstrip()
    hits: list[Hit] = []
    at = m.end()
    for part in _RUN_SPLIT.split(body):
        if not _RUN_PLACE.fullmatch(part):
            return []
        at = s.text.index(part, at)
        kind = "transferred" if hits else "interned"
        hits.append(Hit(kind, s.start + at, s.start + at + len(part), s))
        at += len(part)
    return hits if len(hits) >= 2 else []


# Events that put the narrator in captivity, and those that end it: which came last tells
# whether he is held at a point of his testimony.
_HOLDING = frozenset(
    {
        "captured",
        "surrendered",
        "interned",
        "transferred",
        "isolated_interrogated",
        "tortured",
        "registered_icrc",
        "detained_pretrial",
    }
)
_ENDING = frozenset({"exchanged", "released", "handed_over", "returned_to_unit", "killed"})


def _town_leg(
    lex: EventLexicon, s: Sentence, narrator: Ref | None, mine: list[Ref], out: list[EventProposal]
) -> Hit | None:
    """A sentence that is only a leg to a town ("Потом — Таганрог.", "Потім — Кизел.") in a
    testimony is a transfer of the narrator when he is already held there: his last event of
    captivity so far is a capture or detention, not a return. Before his capture ("Служил в
    Белгороде. Потом — Донбасс.") it is a posting, no event."""
    if lex.town_leg is None or narrator is None or not narrator.entity or mine:
        return None
    m = lex.town_leg.match(s.text)
    if m is None:
        return None
    last = next(
        (
            e.type
            for e in reversed(out)
            if e.person_id == narrator.entity and e.type in _HOLDING | _ENDING
        ),
        None,
    )
    if last not in _HOLDING:
        return None
    body = s.text[m.start() : m.end()].strip()
    at = s.start + s.text.index(body)
    return Hit("transferred", at, at + len(body.rstrip(".;!…")), s)


def _bystander_speaks(refs: list[Ref], hit: Hit, bystanders: frozenset[str] | set[str]) -> bool:
    """True when the person named last before an interview trigger is an official, lawyer or
    journalist: "Адвокат Гурьева Елена Шубина рассказала «Курьеру»" is the lawyer's interview."""
    before = [r for r in refs if r.end <= hit.start and r.entity]
    return bool(before) and before[-1].entity in bystanders


def _surrender_not_capture(events: list[EventProposal], lex: EventLexicon) -> list[EventProposal]:
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
            if not agent or _PASSIVE.match(e.trigger.text):
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


def _group_told_again(
    events: list[EventProposal], sentences: list[Sentence]
) -> list[EventProposal]:
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


# A list item of a verdict: "Дмитро Федченко – 15 років", "Andriy Shevchuk: 22 years",
# "Дмитра Федченка до 15 років колонії" (the verb in the line before).
_TERM_ITEM = re.compile(
    r"(?:\s[—–-]|:|(?<![\w-])до)\s*(?:\d{1,2})\s+(?:years?|лет|года?|год|років|роки|рік|року)"
    r"(?![\w-])(?!\s+old)",
    re.IGNORECASE,
)
_LIST_REACH = 3  # sentences after a verdict (or its last list item) that may list its terms
_VERDICT_TYPES = {"sentenced", "convicted"}
# A verdict told with nobody attached ("Всього суд засудив:", "received the following terms:").
_VERDICT_WORDS = re.compile(
    r"засуди|осуди|приговор|вирок|sentenced|sentences|convicted|following\s+terms|"
    r"такие\s+сроки|такі\s+терміни",
    re.IGNORECASE,
)


def _listed_terms(
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
            reach = s.index + _LIST_REACH
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
        reach = s.index + _LIST_REACH  # the list goes on
        term = _TERM_ITEM.match(text, at)
        assert term is not None
        hit = Hit("sentenced", at, term.end(), s)
        out += [propose(text, hit, r, dates, places) for r in named]
    return out
