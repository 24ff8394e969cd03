"""Which type a trigger's event is when its sentence says more than the trigger: a counted return
in a text about a swap is an exchange, an alleged surrender a capture, captivity told as a state
is undated (a finished spell with its length an internment), a death at a place of detention or
among captives a death in captivity; bones broken in battle are a wound, no torture.

Apart from attachment and cancellation: these rules change what happened, not to whom or
whether."""

from __future__ import annotations

import re
from dataclasses import replace

from powtrace.extract.hits import Hit
from powtrace.extract.refs import Ref

# A return ("вернулись", "возвращены", "повернулися") among the release triggers.
_RETURN_WORD = re.compile(r"вернул|возвращ|поверн", re.IGNORECASE)

# The prosecution's account ("по версии следствия", "за версією обвинувачення"): what it says
# the accused did is alleged, not told as fact.
_ALLEGED = re.compile(
    r"(?<![\w-])(?:по\s+версии|за\s+версією)\s+(?:следствия|обвинения|прокуратуры|"
    r"слідства|обвинувачення|прокуратури)(?![\w-])",
    re.IGNORECASE,
)

# Captivity told as a state ("находится в плену", "досі перебуває в полоні"): a capture, but
# the sentence's date is when the state held, not when the capture was.
_STILL_HELD = re.compile(
    r"наход|оста[ёеюв]|перебува|перебув|залиша|вже\b|уже\b|в\s+плену\s|(?:у|в)\s+полоні\s|"
    r"(?:він|вона|вони|он|она|они)\s|(?:(?:was|were|been|being|is|are)\s+(?:\w+\s+)?)?(?:held|kept)\s",
    re.IGNORECASE,
)

_SINCE = re.compile(r"(?:\s(?:с|з|від)|since)\s*$", re.IGNORECASE)


def _still_held(trigger: str) -> bool:
    """True for captivity told as a state, not "held since May" (which dates the capture)."""
    return bool(_STILL_HELD.match(trigger)) and not _SINCE.search(trigger)


# A past verb of a state ("находился", "перебувала", "was held"), not "находится", "is held".
_PAST_STATE = re.compile(
    r"\w+(?:лся|лась|лись|лось|вся|лася|лися|ла|ли|в)(?![\w-])|(?:was|were|had\s+been)\s",
    re.IGNORECASE,
)

# A length of time after a state: "находился в плену два года", "перебував у полоні 7 місяців".
_LENGTH = re.compile(
    r"(?<![\w-])(?:\d+|[^\W\d]+)\s+(?:лет|года?|месяц\w*|недел\w+|дн(?:я|ей)|сут\w*|років|роки|рік|"
    r"місяц\w*|тижн\w+|тиждень|днів|дні|діб|years?|months?|weeks?|days?)(?![\w-])",
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


# A spell told by its length: "провёл в плену", "пробув у полоні", "spent two years in".
_SPELL = re.compile(
    r"провёл|провел|пробыл|проведя|провів|провела|провели|пробув|провівши|spent|пережи(?:в|ла|ли)\s"
    r"|(?:у|в)\s+(?:[\w'’-]+\s+)?(?:полоні|неволі)\s+(?:[\w'’-]+\s+)?(?:провів|провела|провели|пробу)",
    re.IGNORECASE,
)

# A place of detention named with a killing: the dead were held there.
_HELD_AT = re.compile(
    r"detention\s+(?:cent(?:er|re)|facility)|penal\s+colony|prison\s+camp|POW\s+camp|"
    r"prisoner[- ]of[- ]war\s+camp|where\s+they\s+were\s+(?:being\s+)?held|СИЗО|СІЗО|"
    r"исправительн\w+\s+колони|виправн\w+\s+колоні|лагер\w*\s+для\s+военнопленн|"
    r"табор\w*\s+для\s+(?:військово)?полонених",
    re.IGNORECASE,
)

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


def _died_held(text: str, hit: Hit) -> bool:
    """True when a death the narrator saw ("помер у мене на руках") is told in a testimony of
    captivity: the sentence or the ones just before speak of captivity or a place of detention."""
    if hit.type != "killed" or not _WITNESSED.match(text, hit.end):
        return False
    lo = max(0, hit.sentence.start - _CAPTIVITY_REACH)
    return _CAPTIVITY_CUE.search(text, lo, hit.sentence.end) is not None


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


def combat_injury(text: str, hit: Hit) -> bool:
    """True when bones broken are told as a wound: the sentence speaks of battle, a shell or a
    blast, or the verb is impersonal ("йому зламало ногу уламком")."""
    trigger = hit.trigger_text(text)
    if not _BROKEN.search(trigger):
        return False
    return bool(_IMPERSONAL.match(trigger) or _WOUND.search(hit.sentence.text))


def retyped(text: str, hit: Hit, ref: Ref, swap_told: bool) -> Hit:
    """The hit with the type (and datedness) its sentence gives it; `swap_told` when the text
    speaks of a swap anywhere."""
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
        _HELD_AT.search(hit.sentence.text) or _died_held(text, hit) or _captive_dead(text, hit)
    ):
        # "prisoners … were killed after the detention center where they were held came
        # under attack": a death in captivity
        hit = replace(hit, type="died_in_captivity")
    return hit
