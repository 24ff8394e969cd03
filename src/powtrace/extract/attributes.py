"""A person's age, gender, side and role, from the words around their mentions and their events."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from powtrace.extract.lexicon import latin_given_names, person_lexicon
from powtrace.extract.namecase import is_given_name, parses
from powtrace.extract.persons import Entity
from powtrace.extract.text import SAYING_VERBS, Sentence, cyrillic_lookalikes

# Roles a cue next to a name can give, most specific first (ties go to the earlier one).
_CUE_ORDER = (
    "relative",
    "lawyer",
    "journalist",
    "official",
    "activist",
    "civilian",
    "commander",
    "former_pow",
    "missing_soldier",
    "pow",
    "soldier",
)
_FEMALE_NOUNS = re.compile(
    r"\b(?:mother|wife|sister|daughter|aunt|grandmother|widow|woman|fianc[ée]e|girlfriend|mrs|ms|"
    r"мать|матери|мама|жена|сестра|дочь|тётя|тетя|бабушка|вдова|женщина|мати|матір|дружина|"
    r"донька|тітка|бабуся|жінка)\b",
    re.IGNORECASE,
)
_MALE_NOUNS = re.compile(
    r"\b(?:father|husband|brother|son|uncle|grandfather|man|mr|отец|муж|брат|сын|дядя|дедушка|"
    r"мужчина|батько|чоловік|син|дядько|дідусь)\b",
    re.IGNORECASE,
)
_LATIN_F = re.compile(r"(?:ova|eva|yova|ina|yna|skaya|ska|tska|cka)$", re.IGNORECASE)
_LATIN_M = re.compile(r"(?:ov|ev|yov|in|yn|sky|skiy|skyi|skii)$", re.IGNORECASE)
# Events that put a person in captivity, or show they came back from it.
_CAPTIVE = {
    "captured",
    "surrendered",
    "interned",
    "transferred",
    "tortured",
    "registered_icrc",
    "icrc_visit",
    "died_in_captivity",
    "refused_repatriation",
    "interviewed_in_captivity",
}
# Events that leave a soldier reported missing still missing: a report of his capture does
# not yet show he is held (a trial, an interrogation or a camp would).
_STILL_MISSING = {"missing", "captured", "surrendered", "killed", "pay_suspended", "declared_awol"}
# Events that show a return from captivity.
_RETURNED = {
    "exchanged",
    "released",
    "handed_over",
    "returned_to_unit",
    "assigned_noncombat",
    "redeployed_combat",
    "hospitalised_after_return",
}
# Events that show a man named by kinship ("her son Ivan") is the soldier, not a speaker.
_SOLDIER_EVENTS = (
    _CAPTIVE | _RETURNED | {"missing", "killed", "declared_awol", "isolated_interrogated"}
)


_BEFORE = 110  # how far before a mention a role noun may stand
_AGE_IN = re.compile(r"(\d{1,2})-(?:year-old|летн|річн)", re.IGNORECASE)
# Roles a cue in the possessor's own case gives ("бывшего пленного Ивана", "полоненого Івана").
_CAPTIVE_ROLES = {"pow", "former_pow", "missing_soldier", "soldier"}
# Plural oblique endings of a Cyrillic cue noun: "захисників", "военнопленных", "полоненими".
_PLURAL_OBLIQUE = re.compile(r"(?:ими|ами|ями|ів|их|ых|ам|ям|ах|ях)$", re.IGNORECASE)
# "Среди вернувшихся", "серед звільнених": a plural cue that still picks out one person.
_AMONG = re.compile(r"(?:среди|серед|among)\s", re.IGNORECASE)
_GENITIVE = re.compile(r"[оеі]го$", re.IGNORECASE)


def _plural_oblique(cue: str) -> bool:
    """True for a cue about a group: a plural oblique word anywhere in it ("зниклих безвісти",
    "військовополоненими"), unless it picks one out ("Среди вернувшихся")."""
    return not _AMONG.match(cue) and any(_PLURAL_OBLIQUE.search(w) for w in cue.split())


# What may stand between a far title and its name: words of one noun phrase, no clause break;
# one comma may open a participle in the genitive plural that qualifies a noun of the title
# ("уповноважений з питань осіб, зниклих безвісти за особливих обставин, Х").
_TITLE_GAP = re.compile(
    r"[^,;:.!?()«»\"“”—–\n]*(?:,[ \t]+[а-яёіїєґ'’-]+(?:их|ых)[ \t][^,;:.!?()«»\"“”—–\n]*)?"
)


# One or two lowercase words right before a name: that name's title ("журналистка Мария").
_TITLE_OF_NEXT = re.compile(r"[a-zа-яёіїєґ'’-]+(?:\s+[a-zа-яёіїєґ'’-]+)?\s+")


# A quoted name of an organisation or outlet inside a title: a few words, no clause break.
_SHORT_QUOTE = re.compile(r"[«“][^«»“”\"\n.!?:;]{1,40}[»”]")


def _long_title(role: str, gap: str) -> bool:
    """True when a non-kinship role noun heads a long title that ends at the name ("представник
    Координаційного штабу з питань … військовополоненими Олег Мельник", "secretary of the …
    Board Anna Volkova")."""
    return role != "relative" and _TITLE_GAP.fullmatch(gap) is not None


def _windows(
    text: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    others: list[tuple[int, int]] | None = None,
) -> list[tuple[str, int, str]]:
    """Texts next to each mention that may describe it, with their kind and the mention. A window
    before a mention ends at another person's name (`others`): "Prosecutor Anna Volkova said
    Oleg Smirnov …" gives the prosecutor's title to her only."""
    out: list[tuple[str, int, str]] = []
    # A description is the person's own words for them: "a fellow prisoner" is a prisoner.
    for a, b in entity.descriptions + (entity.mentions[:1] if entity.unnamed else []):
        out.append((text[a:b], 0, text[a:b]))
    for a, b in entity.mentions:
        s = sentence_of.get(a)
        lo, hi = (s.start, s.end) if s else (0, len(text))
        # (a possessor right before the name does not end it: "жены Олега Смирнова Марины")
        ends = [y for _, y in others or () if y <= a and text[y:a].strip(" ,")]
        lo = max([lo, a - _BEFORE, *ends])
        # A short quoted name is part of a title ("Юрист «Голосів неволі» Андрій …"); a longer
        # quotation is someone else's words, and the window starts after it.
        masked = _SHORT_QUOTE.sub(lambda q: "x" * len(q.group(0)), text[lo:a])
        cut = max(masked.rfind(ch) for ch in '”"»:;')
        # A role word inside the quoted name is the organisation's, not the person's: "юрист
        # фонда «Защитники Отечества» Марина …" is a lawyer, not a soldier.
        before = masked
        # "мать Ивана": a noun before a possessor is someone else's; only a cue in the same
        # case ("бывшего пленного Ивана") still describes him.
        kind = 4 if a in entity.genitive else 5 if text[a:b] == entity.name else 1
        out.append((before[cut + 1 :], kind, text[a:b]))
        # "адвокаты Артур Мельников и Ксения Ростова": a plural title over coordinated names is
        # each one's; the window before the first name of the list is this one's too (kind 6).
        x = a
        while True:
            prev = [(u, v) for u, v in others or () if v <= x and _AND_GAP.fullmatch(text, v, x)]
            if not prev:
                break
            x = prev[0][0]
        if x != a:
            start = max([s.start if s else 0, x - _BEFORE, *(v for _, v in others or () if v <= x)])
            head = _SHORT_QUOTE.sub(lambda q: "x" * len(q.group(0)), text[start:x])
            out.append((head[max(head.rfind(ch) for ch in '”"»:;') + 1 :], 6, text[a:b]))
        after = text[b:hi]
        if re.match(r"['’]s?\b", after):
            continue  # "Dolgopolov's relatives": the cue after a possessive is someone else's
        m = re.match(r"\s*(?:,|\(|—|–)\s*([^,;()—–.]{0,70})", after)
        # An apposition that runs into another person's name is that one's title: "…, луганский
        # партизан Владимир Жемчугов, журналистка Мария Варфоломеева" (a possessor's does not).
        if m and not any(
            b + m.start(1) <= x < b + m.end(1) and _TITLE_OF_NEXT.fullmatch(text, b + m.start(1), x)
            for x, _ in others or ()
        ):
            # (kind 8: after a name in the possessor's case, "По словам матери Ярослава, сын …")
            out.append((m.group(1), 8 if a in entity.genitive else 2, text[a:b]))
        said = _PREDICATE_AFTER.match(after)
        if said:  # "Ольга Турчина, як з'ясувалося, була захисницею за призначенням": her role
            out.append((said.group(1), 2, text[a:b]))
        office = _FROM_OFFICE.match(after)
        if office:  # "Сергій Кравець із Національного інформаційного бюро": his office
            out.append((office.group(1), 7, text[a:b]))
        if a not in entity.genitive:  # "мать Ивана сказала, что сын …": the son is Ivan
            out.append((after[:80], 3, text[a:b]))  # "… is looking for her son": a weak kinship cue
        title = _LINE_TITLE.match(text, b)
        if title and not text[text.rfind("\n", 0, a) + 1 : a].strip():
            out.append(
                (title.group(1), 2, text[a:b])
            )  # a name alone on its line, its title on the next
    return out


# After a name, an optional aside between commas and a copula: the predicate is the person's
# role ("Ольга Турчина, як з'ясувала редакція, була захисницею за призначенням").
_PREDICATE_AFTER = re.compile(
    r"(?:\s*,[^,;.()—–\n]{1,40},)?\s+(?:був|була|є|был|была|являлся|являлась|является)\s+"
    r"([^,;.()—–\n]{1,60})",
    re.IGNORECASE,
)
# Roles a predicate noun before a copula and the name gives ("Її захисницею за призначенням
# була Ольга Турчина", "Защитником по назначению был Олег Турчин").
_PREDICATE_ROLES = ("lawyer", "official", "journalist")

# After a name, "from" and an organisation: "Сергій Кравець із Національного інформаційного
# бюро" (an official when a state office noun, `office` in persons_*.yaml, follows within two
# words).
_FROM_OFFICE = re.compile(r"\s+(?:з|із|зі|из|от|from)\s+([^,;.()—–\n]{1,60})", re.IGNORECASE)

# Between two coordinated names: "и", "і", "й", "та", "and" or a comma.
_AND_GAP = re.compile(r"\s*(?:,|,?\s+(?:и|і|й|та|and))\s*")

# After a name that is its line's only text, the start of the next line: a signature's title
# ("Олег Смирнов\nадвокат, партнёр …").
_LINE_TITLE = re.compile(r"[ \t,]*\n[ \t]*([^\n,;.]{1,60})")


def cue(
    text: str,
    lang: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    others: list[tuple[int, int]] | None = None,
) -> tuple[str, str] | None:
    """The role the nearest role noun next to a mention gives, and that noun. A plain soldier
    noun ("сержант") gives way to a captivity cue in the same windows ("Среди вернувшихся —
    сержант Олег Никитин")."""
    lex = person_lexicon(lang)
    best: tuple[int, int, str, str] | None = None
    captive: tuple[int, int, str, str] | None = None
    headed: tuple[int, int, str, str] | None = None
    commands: tuple[int, int, str, str] | None = None
    for window, window_kind, mention in _windows(text, entity, sentence_of, others):
        if window_kind == 7:  # a state office the person is from is an official's
            office = lex.roles.get("office")
            m = office.search(window) if office else None
            if m is not None and len(window[: m.start()].split()) <= 2:
                key = (m.start(), _CUE_ORDER.index("official"), "official", m.group(0))
                if best is None or key < best:
                    best = key
            continue
        found: list[tuple[tuple[int, int, str, str], re.Match[str]]] = []
        for role in _CUE_ORDER:
            if role == "civilian" and (role not in lex.roles or entity.surname):
                continue  # a resident or victim named by given name only (full names: kin …)
            for m in lex.roles[role].finditer(window):
                key = _cue_key(window, window_kind, role, m, lang, entity.gender, mention)
                if key is None:
                    continue
                key = (*key, m.group(0))
                found.append((key, m))
                if best is None or key < best:
                    best = key
                if role in _CAPTIVE_ROLES - {"soldier"} and (captive is None or key < captive):
                    captive = key
                if role == "commander" and (commands is None or key < commands):
                    commands = key
        head = _head_of_soldier_word(found, window)
        if head is not None and (headed is None or head < headed):
            headed = head
        if window_kind in (1, 5):
            held = _office_predicate(found, window, lex.roles.get("official"))
            if held is not None and (headed is None or held < headed):
                headed = held
            for role in _PREDICATE_ROLES:
                for m in lex.roles[role].finditer(window):
                    # "Захисницею за призначенням була …": the copula keeps it out of the cues
                    if _COPULA_GAP.fullmatch(window, m.end()):
                        key = (len(window) - m.end(), _CUE_ORDER.index(role), role, m.group(0))
                        if best is None or key < best:
                            best = key
    if best is not None and best[2] in ("soldier", "commander") and captive is not None:
        best = captive
    elif best is not None and best[2] == "soldier" and headed is not None:
        best = headed
    elif best is not None and best[2] == "soldier" and commands is not None:
        best = commands  # "Командир полка, подполковник Гаврилов": the rank is the commander's
    if best is None and _known_official(text, lang, entity):
        return ("official", "")
    if best is None and entity.given and not entity.surname:
        # "Нашему Матвею девять лет": a given name after "our" / "my" is the narrator's kin.
        near = (_MY_BEFORE.search(text, max(0, a - 10), a) for a, _ in entity.mentions)
        mine = next((m for m in near if m is not None), None)
        if mine is not None:
            kin = "kin_of" if entity.gender == "m" else "relative"
            best = (0, _CUE_ORDER.index("relative"), kin, mine.group(0))
    if (
        best is not None
        and best[2] == "official"
        and lang == "en"
        and any(_NGO_STAFF.match(text, b) for _, b in entity.mentions)
    ):
        # "Ksenia Orlova, a coordinator at Dom Nadezhdy, a volunteer group …": NGO staff
        best = (best[0], best[1], "activist", best[3])
    found_role = best[2] if best else None
    if found_role in (None, "soldier", "commander", "kin_of", "pow", "missing_soldier"):
        ctx = _context(text, lang, entity, sentence_of, others or [], found_role is None)
        if found_role == "commander" and ctx == "captive" and _speaks(text, entity, sentence_of):
            ctx = ""  # "командир бригады заявил, что трое бойцов в плену": he speaks of them
        if ctx:  # kept apart from the cue itself: role() weighs it against the events
            return (f"{found_role or ''}|{ctx}", best[3] if best else "")
    return (best[2], best[3]) if best else None


# Verbs of saying: a commander whose sentence speaks of captivity through them is reporting it.
_SAYING = re.compile(rf"(?<![\w-])(?:{SAYING_VERBS})(?![\w-])", re.IGNORECASE)


def _speaks(text: str, entity: Entity, sentence_of: dict[int, Sentence]) -> bool:
    """True when a sentence naming the person holds a verb of saying."""
    for a, _ in entity.mentions:
        s = sentence_of.get(a)
        if s is not None and _SAYING.search(text, s.start, s.end):
            return True
    return False


def _known_official(text: str, lang: str, entity: Entity) -> bool:
    """True for an office holder named often in this reporting (ombudsmen, heads of the
    exchange bodies, presidents and ministers) whose title the text gives far from the name."""
    pattern = person_lexicon(lang).roles.get("known_official")
    full = f"{entity.given} {entity.surname}"
    return bool(pattern and entity.given and entity.surname and pattern.fullmatch(full))


# Past-tense spells in captivity: who "spent two years in captivity" is out of it.
_OVER = {
    "ru": r"(?:пробыл\w*|провел\w*|провёл\w*|находил\w*)\s+(?:[\w-]+\s+){0,4}?в\s+плену",
    "uk": r"(?:пробу\w+|провів|провела|перебува\w+)\s+(?:[\w'’-]+\s+){0,4}?у\s+полоні"
    r"|(?:провів|провела|пробув\w*)\s+(?:[\w'’-]+\s+){0,4}?(?:у|в)\s+(?:[\w'’-]+\s+)?(?:полоні|неволі)"
    r"|(?:у|в)\s+(?:[\w'’-]+\s+)?(?:полоні|неволі)\s+(?:[\w'’-]+\s+)?(?:провів|провела|пробу\w+)"
    r"|пережи(?:в|ла|ли)\s+(?:[\w'’-]+\s+){0,3}?(?:полону|неволі)",
    "en": r"(?:spent|was\s+held\s+for)\s+(?:[\w-]+\s+){0,4}?in\s+"
    r"(?:Russian\s+|Ukrainian\s+)?captivity",
}
# Words that keep a person in captivity while others are freed ("his son is still held").
_HELD_WORDS = (
    r"досі|до\s+сих\s+пор|still|находится|перебуває|остается|залишається|remains?|"
    r"has\s+been\s+held|is\s+held"
)
_STILL = re.compile(rf"(?<![\w-])(?:{_HELD_WORDS})(?![\w-])", re.IGNORECASE)
# Those, and words that make a spell go on ("уже три года находится"): the spell is not over.
_ONGOING = re.compile(rf"(?<![\w-])(?:уже|вже|ще|already|{_HELD_WORDS})(?![\w-])", re.IGNORECASE)
# "Серед звільнених — …", "Среди вернувшихся …", "Among those freed …": a list of the freed.
_FREED = {
    "ru": r"(?:среди|в\s+числе)\s+(?:тех,?\s+кого\s+)?(?:\d+\s+)?"
    r"(?:освобожд|вернувш|обменянн|возвращ|вернул|удалось\s+вернуть)\w*"
    r"|(?:на\s+свободе|вернулись\s+домой|на\s+свободу\s+вы(?:шел|шла|шли))",
    "uk": r"(?:серед|у\s+числі)\s+(?:тих,?\s+кого\s+)?(?:\d+\s+)?"
    r"(?:звільнен|повернут|повернувш|обмінян|визволен|вдал[ао]ся\s+повернути)\w*"
    r"|(?:на\s+волі|повернулися\s+додому|додому\s+(?:повернулися|повертаються|їде|їдуть))"
    r"|на\s+волю\s+вий(?:шов|шла|шли)",
    "en": r"among\s+(?:the|those)\s+(?:\w+\s+){0,2}?"
    r"(?:freed|released|returned|exchanged|swapped|who\s+came\s+home)"
    r"|(?:are|were)\s+(?:now\s+)?(?:home|free)\b",
}
_NOT = re.compile(r"(?<![\w-])(?:не|ні|not|no|нет|немає)(?![\w-])", re.IGNORECASE)
_CAPTIVITY = re.compile(
    r"(?:плен|полон|неволі|captiv|prisoners?\s+of\s+war|POWs?\b|военнопленн|військовополонен)",
    re.IGNORECASE,
)
_MISSING_WORDS = re.compile(r"(?:без\s+вести|безвісти|missing)", re.IGNORECASE)
_ABSENTIA = re.compile(r"(?:заочно|in\s+absentia)", re.IGNORECASE)
_PARAGRAPH_BACK = 300  # how far before a mention a list heading of the freed may stand


def _heads_list(text: str, head: re.Match[str], lo: int, others: list[tuple[int, int]]) -> bool:
    """True when a phrase for the freed heads a list the mention belongs to: not negated
    ("серед звільнених його не виявилося"), and, in an earlier sentence, one that names nobody
    ("Серед звільнених — і медики. Хірург Ігор …"; "… that Vovk was among those returned.
    It did not comment on Danyliuk" is about Vovk)."""
    end = text.find(".", head.end())
    end = len(text) if end < 0 else end
    start = max(text.rfind(".", 0, head.start()), text.rfind("\n", 0, head.start())) + 1
    if _NOT.search(text, start, end):
        return False
    if head.start() >= lo:
        return True
    return not any(start <= a < end for a, _ in others)


# After a name in its own sentence: "Бойчук опинився серед звільнених", "Зуев оказался среди
# вернувшихся", "Vovk was among those freed" (the heading after the name, not before it).
_FREED_AFTER = {
    "ru": r"\s+(?:[\w-]+\s+){0,2}?(?:оказал\w*|был[аи]?|стал[аи]?)\s+(?:в\s+числе|среди)\s+"
    r"(?:\d+\s+)?(?:освобожд|вернувш|обменянн)\w*",
    "uk": r"\s+(?:[\w'’ʼ-]+\s+){0,2}?(?:опини\w*|був|була|були|виявив\w*)\s+"
    r"(?:серед|у\s+числі)\s+(?:\d+\s+)?(?:звільнен|повернут|обмінян|визволен)\w*",
    "en": r"\s+(?:was|were)\s+among\s+(?:the|those)\s+(?:\w+\s+){0,2}?"
    r"(?:freed|released|returned|exchanged|swapped)",
}


def freed_listed(
    text: str,
    lang: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    others: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """The first mention of a person named in a list of the freed ("Серед звільнених — і медики.
    Хірург Ігор …", "Нарешті на волі двоє журналістів: … та Марк Каліуш") or told to be among
    them ("Бойчук опинився серед звільнених"), or None: such a person was released even when no
    verb of his own says so."""
    freed = re.compile(_FREED[lang], re.IGNORECASE)
    after = re.compile(_FREED_AFTER[lang], re.IGNORECASE)
    for a, b in entity.mentions:
        s = sentence_of.get(a)
        lo, hi = (s.start, s.end) if s else (max(0, a - 200), min(len(text), b + 200))
        if _STILL.search(text, lo, hi) or _NOT.search(text, lo, hi):
            continue
        if after.match(text, b):
            return a, b
        para = text.rfind("\n", max(0, a - _PARAGRAPH_BACK), a) + 1 or max(0, a - _PARAGRAPH_BACK)
        heads = list(freed.finditer(text, min(para, lo), a))
        if heads and _heads_list(text, heads[-1], lo, others):
            return a, b
    return None


def _context(
    text: str,
    lang: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    others: list[tuple[int, int]],
    bare: bool = False,
) -> str:
    """What the sentences around a person's mentions say of him when no role noun does:
    "freed" (named in a list of the freed, or "spent two years in captivity"), "absentia"
    (tried in absentia: not held), "kin" (a `bare` name, with no role noun at all, followed by
    "Её муж …"), "owner" / "owner_missing" (a `bare` name whose mother, father or wife is
    spoken of, "Мать Вити мне звонит"; missing when the family searches for him), "captive" or
    "missing" (his sentence speaks of captivity or of the missing), or ""."""
    freed = re.compile(_FREED[lang], re.IGNORECASE)
    over = re.compile(_OVER[lang], re.IGNORECASE)
    found = ""
    for a, b in entity.mentions:
        s = sentence_of.get(a)
        lo, hi = (s.start, s.end) if s else (max(0, a - 200), min(len(text), b + 200))
        sentence = text[lo:hi]
        if _ABSENTIA.search(text, lo, min(len(text), hi + 150)):  # "… Його засуджено заочно"
            return "absentia"
        para = text.rfind("\n", max(0, a - _PARAGRAPH_BACK), a) + 1 or max(0, a - _PARAGRAPH_BACK)
        heads = [m for m in freed.finditer(text, min(para, lo), a)]
        if heads and not _STILL.search(sentence) and _heads_list(text, heads[-1], lo, others):
            return "freed"
        if re.match(_FREED_AFTER[lang], text[b:hi], re.IGNORECASE) and not _NOT.search(sentence):
            return "freed"  # "Бойчук опинився серед звільнених"
        m = over.search(text, b, hi)
        if m and m.start() - b < 120 and not _ONGOING.search(text[b : m.end()]):
            return "freed"
        if _freed_group(text, lang, a, lo) or _spell_over(text, lang, lo, hi, a, b):
            return "freed"
        if _HELD_AFTER.match(text, b) and not _NOT.search(text, b, min(hi, b + 60)):
            return "held"  # "Кирилл до сих пор там, в плену", "Юрій досі в полоні"
        if _HELD_THERE.match(text, b) and _DETENTION_TALK.search(
            text, max(0, a - _THERE_BACK), min(len(text), b + _THERE_AHEAD)
        ):
            return "held"  # "Ещё один, Витя …, до сих пор там. Его не берут на обмен"
        if _captive_list(text, a):
            return "held"
        if not found and _CAPTIVITY.search(sentence):
            found = "captive"
        elif not found and _MISSING_WORDS.search(sentence):
            found = "missing"
    if bare and any(
        _kin_follows(text, entity, sentence_of.get(a), b, others) or _KIN_OWNED.match(text, b)
        for a, b in entity.mentions
    ):
        return "kin"
    if bare:
        owned = [(a, b) for a, b in entity.mentions if _owns_kin(text, entity, a, b)]
        if owned:
            searched = found == "missing" or any(
                _SEARCHED.search(text, b, sentence_of[a].end if a in sentence_of else b + 150)
                for a, b in owned
            )
            return "owner_missing" if searched else "owner"
    return found


# Right after a name, a staff noun at a body the text calls an NGO, by its name or an
# apposition: ", a coordinator at Dom Nadezhdy, a volunteer group", ", the director of the
# Hope Foundation". Such staff are "other", not officials.
_NGO_STAFF = re.compile(
    r"\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}?(?:coordinator|secretary|director|head|founder|"
    r"co-founder|manager|spokes(?:man|woman|person)|chair(?:man|woman|person)?)\s+(?:at|of|with|for)\s+"
    r"(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]*\s+){0,4}?(?:(?-i:[A-Z])[\w'’-]*,?\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?)?(?:group|charity|foundation|fund|NGO|non-?profit|initiative|movement|"
    r"network|project|organi[sz]ation|association)(?![\w-])",
    re.IGNORECASE,
)


# Right after a name, a son, husband or brother of the person's own ("Marina Frolova, whose
# husband, Alexei Frolov, …", "Olha Bondar’s son Ivan"): the family's soldier; she speaks of him.
_KIN_OWNED = re.compile(
    r"(?:\s*,\s*whose|['’]s?)\s+(?:[\w'’-]+\s+)?(?:husband|son|brother|boyfriend|"
    r"fianc[ée]|partner)(?![\w-])",
    re.IGNORECASE,
)


# A next sentence that opens with a possessive and a kinship noun: "Её муж, Андрей …, попал в
# плен", "Його син Олег зник безвісти", "Her son Ivan …" (one word may stand between: "власний").
_KIN_OPENS = re.compile(
    r"\s*(?P<pron>её|ее|его|її|його|her|his)\s+(?:[\w'’-]+\s+)?(?:муж|сын|брат|жена|дочь|"
    r"отец|мать|чоловік|син|брат|дружина|донька|батько|мати|husband|son|brother|wife|"
    r"daughter|father|mother)(?![\w-])",
    re.IGNORECASE,
)


def _kin_follows(
    text: str, entity: Entity, s: Sentence | None, b: int, others: list[tuple[int, int]]
) -> bool:
    """True when the person is the last one named in a sentence and the next one opens with her
    or his kin ("… координатор движения Юлия Сорокина. Её муж, Андрей Сорокин, попал в плен"):
    the person is that soldier's relative."""
    if s is None or any(b <= x < s.end for x, _ in others):
        return False
    m = _KIN_OPENS.match(text, s.end)
    if m is None:
        return False
    female = m.group("pron").lower() in ("её", "ее", "її", "her")
    return entity.gender is None or entity.gender == ("f" if female else "m")


# Right after a name, a word that the state goes on and captivity: "Кирилл до сих пор там, в
# плену", "Олег досі в полоні", "Ivan is still in captivity".
_HELD_AFTER = re.compile(
    r"\s+(?:(?:is|was|remains|остается|остаётся|залишається)\s+)?(?:до\s+сих\s+пор|вс[её]\s+ещ[её]|"
    r"досі|все\s+ще|still)\s+(?:[\w'’-]+,?\s+){0,2}(?:в|у|in)\s+(?:плену|полоні|неволі|captivity)",
    re.IGNORECASE,
)
# Right after a name, that he is "still there" with no place named ("Юрій досі там.", "Витя
# Колесников, до сих пор там", "Oleksii is still there, and …"; not "досі там, на передовій"):
# held, when captivity, an exchange or a camp is spoken of around it (`_DETENTION_TALK`, 600
# characters before, 300 after).
_HELD_THERE = re.compile(
    r"\s*,?\s+(?:(?:is|was|remains|остается|остаётся|залишається)\s+)?(?:до\s+сих\s+пор|"
    r"вс[её]\s+ещ[её]|досі|все\s+ще|still)\s+(?:там|there)(?=\s*(?:[.!;\n]|$|,(?!\s*(?:на|в|во|у|"
    r"під|под|біля|возле|at|in|on|near|with|с|з|із)(?![\w-]))))",
    re.IGNORECASE,
)
_DETENTION_TALK = re.compile(
    r"(?:плен|полон|неволі|captiv|prisoners?\s+of\s+war|POWs?\b|военнопленн|військовополонен|"
    r"обмен|обмін|exchange|swap|лагер|колони|camp|барак|barrack)",
    re.IGNORECASE,
)
_THERE_BACK, _THERE_AHEAD = 600, 300


# Right before a name in the genitive, a parent or wife noun whose owner he is ("Мать Вити мне
# звонит", "Мама Михайла, Валентина Іванівна, шукає"); right after an English name, "'s mother",
# "'s wife". The family speaks of him: he is its soldier. (A husband, son or sibling noun points
# either way and is left out: "муж Анны" is Anna's husband, she his relative.)
_OWNER_KIN_BEFORE = re.compile(
    r"(?<![\w-])(?:мать|матери|мама|мамы|маме|отец|отца|родител\w*|жена|жены|жене|мати|"
    r"матір|матері|мамі|батько|батька|батьки|батьків|дружина|дружини|дружині)\s+$",
    re.IGNORECASE,
)
_OWNER_KIN_AFTER = re.compile(r"['’]s\s+(?:mother|father|parents|wife|mum|mom|dad)\b", re.I)
# After such a mention, in its sentence: the family searches for him, or he is missing.
_SEARCHED = re.compile(
    r"(?<![\w-])(?:ищет|ищут|разыскива\w+|шукає|шукають|розшукує|розшукують|пропал\w*|"
    r"зник\w*|без\s+вести|безвісти|searching|looking\s+for|searches|missing)(?![\w-])",
    re.IGNORECASE,
)


def _owns_kin(text: str, entity: Entity, a: int, b: int) -> bool:
    """True when the mention is the owner of a parent or wife noun ("мать Вити", "Ivan's
    mother"): a genitive right after the noun, or an English possessive before it."""
    if _OWNER_KIN_AFTER.match(text, b):
        return True
    return a in entity.genitive and _OWNER_KIN_BEFORE.search(text, max(0, a - 12), a) is not None


_COLON_EOL = re.compile(r":[ \t]*\n")


def _last_heading(text: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """The last line in text[lo:hi] that ends in a colon, as (start, colon, end past its line
    break); the start is clipped to `lo`. Found from the colon back: a pattern that scans each
    line from every position is quadratic in the line's length, and this runs per mention."""
    last = None
    for m in _COLON_EOL.finditer(text, lo, hi):
        last = m
    if last is None:
        return None
    return max(lo, text.rfind("\n", 0, last.start()) + 1), last.start(), last.end()


_LIST_BACK = 800  # how far before a mention the heading of its list may stand

# A group's return from captivity told in a sentence: a verb of return and a word of captivity,
# home or exchange ("Вчера из украинского плена вернулись 185 военнослужащих", "Повернулися:").
_RETURN_VERB = {
    "ru": r"(?:вернул|возвращ|освобожд|освободил|обменял|обменян)\w*",
    "uk": r"(?:повернул|повернут|повернен|звільнен|звільнил|обміняли|обмінян|визволен)\w*",
    "en": r"(?:returned|freed|released|exchanged|swapped|came\s+home|brought\s+home)",
}
_RETURN_WHERE = re.compile(r"(?:плен|полон|неволі|домой|додому|обмен|обмін|captiv|home|swap)", re.I)
# A sentence that picks a member out of the group before it: "Один из них — …", "Серед них".
_MEMBER_OPENS = re.compile(
    r"\W*(?:(?:один|одна|одного|одному|одн(?:ієї|ого|ому))\s+(?:из|з|із)\s+них|среди\s+них|"
    r"серед\s+них|one\s+of\s+them|among\s+them)(?![\w-])",
    re.IGNORECASE,
)
# A line of a list: a bullet, dash or number first, or a short line ending in punctuation.
_LIST_ITEM = re.compile(r"\s*(?:[^\w\s«\"“(]|\d{1,2}[.)])")
# "за 14 месяцев плена", "за время плена", "за час полону": a spell told as a whole is over.
_SPELL = {
    "ru": r"(?<![\w-])за\s+(?:врем\w+|период\w*|(?:\d+|[\w-]+)\s+(?:месяц|год|лет|дн|недел|сут)\w*)"
    r"\s+(?:нахождения\s+)?(?:в\s+)?плен",
    "uk": r"(?<![\w-])за\s+(?:час|період\w*|(?:\d+|[\w'’-]+)\s+(?:місяц|рок|рік|дн|тиж|діб)\w*)"
    r"\s+(?:перебування\s+)?(?:у\s+|в\s+)?(?:полон|неволі)",
    "en": r"(?!)",
}


def _tells_return(text: str, lang: str, start: int, end: int) -> bool:
    """True when a sentence in text[start:end] tells a return from captivity, not negated and
    not of those still held ("11 фамилий брянцев, которые остаются в плену")."""
    verb = re.compile(_RETURN_VERB[lang], re.IGNORECASE)
    for m in re.finditer(r"[^.!?\n]+", text[start:end]):
        one = m.group(0)
        found = verb.search(one)
        if found and _RETURN_WHERE.search(one) and not _NOT.search(one) and not _STILL.search(one):
            return True
    return False


def _freed_group(text: str, lang: str, at: int, lo: int) -> bool:
    """True when the mention at `at` is a member of a group whose return was just told: an item
    of a list under a heading that tells it, or follows it ("Вернулись 185 … Поимённо:", bullet
    lines), or a sentence "Один из них — …" right after it. A return told of the group governs
    its members whatever their own lines recall ("в плену с марта 2024 года")."""
    if _MEMBER_OPENS.match(text, lo, at):
        back = max(text.rfind(".", 0, max(0, lo - 2)), text.rfind("\n", 0, max(0, lo - 1))) + 1
        return _tells_return(text, lang, back, lo)
    head = _last_heading(text, max(0, at - _LIST_BACK), at)
    if head is None:
        return False
    start, _, end = head
    items = text[end : text.rfind("\n", 0, at) + 1].splitlines()
    line = text[text.rfind("\n", 0, at) + 1 : at]
    if not all(len(x) < 200 and (not x.strip() or _LIST_ITEM.match(x)) for x in [*items, line]):
        return False
    return _tells_return(text, lang, max(0, start - _PARAGRAPH_BACK), end)


_SPELL_NEAR = 60  # how far from a mention a spell counted as a whole may stand


def _spell_over(text: str, lang: str, lo: int, hi: int, a: int, b: int) -> bool:
    """True when a spell in captivity counted as a whole stands next to the mention ("выплаты
    за 14 месяцев плена бойцу Антону …", "По словам Ивана, за время плена он потерял 15 кг"),
    in a sentence that does not say it goes on."""
    if _ONGOING.search(text, lo, hi):
        return False
    for m in re.finditer(_SPELL[lang], text[lo:hi], re.IGNORECASE):
        start, end = lo + m.start(), lo + m.end()
        if (0 <= a - end < _SPELL_NEAR) or (0 <= start - b < _SPELL_NEAR):
            return True
    return False


def _captive_list(text: str, at: int) -> bool:
    """True when the mention at `at` is an item of a list whose heading line, ending in a colon,
    speaks of prisoners ("суд назначил украинским военнопленным такие приговоры:"), each line
    between them a short item."""
    lo = max(0, at - _LIST_BACK)
    head = _last_heading(text, lo, at)
    if head is None:
        return False
    start, colon, end = head
    line = text[start:colon]
    if not _CAPTIVITY.search(line) or _NOT.search(line):
        return False
    items = text[end : text.rfind("\n", 0, at) + 1].splitlines()
    return all(len(x) < 200 and x.rstrip()[-1:] in (";", ",", ".", "") for x in items)


# Roles whose noun can head a phrase that holds a soldier word: "голова обласної військової
# адміністрації Сергій …", "батько бійця, Михайло …", "мать сержанта Петрова Анна …".
_HEADS = ("official", "lawyer", "journalist", "relative", "activist")


def _head_of_soldier_word(
    found: list[tuple[tuple[int, int, str, str], re.Match[str]]], window: str
) -> tuple[int, int, str, str] | None:
    """A speaking role's cue that the nearest soldier word of a window depends on: the soldier
    word is then an attribute of that noun ("військової адміністрації") or its possessor
    ("батько бійця"), and the person is what the head noun says."""
    soldiers = [(k, m) for k, m in found if k[2] == "soldier"]
    if not soldiers:
        return None
    nearest = min(soldiers, key=lambda km: km[0])[1]
    heads = [
        (k, m)
        for k, m in found
        if k[2] in _HEADS
        and m.end() <= nearest.start()
        and _TITLE_GAP.fullmatch(window[m.end() : nearest.start()])
    ]
    return min(heads, key=lambda km: km[0])[0] if heads else None


def kin_gender(noun: str) -> str | None:
    """The gender a kinship noun shows ("wife" -> f, "брат" -> m), if any."""
    if _FEMALE_NOUNS.search(noun):
        return "f"
    return "m" if _MALE_NOUNS.search(noun) else None


# Before an apposition's kinship noun, a word that makes the kin someone else's ("Ivan, whose
# mother asked …", "Иван, чья мать …").
_WHOSE = re.compile(r"(?:\bwhose|(?<![\w-])(?:чей|чья|чьё|чьи|чий|чия|чиє|чиї))\s+$", re.IGNORECASE)


# After a name, a third-person possessive before a parent or spouse noun ("Олег … його шукала
# мати", "Ivan … his wife"), or a kinship noun after "according to": the person has that kin,
# he is not one ("Олег, за словами його брата"). "Her son" still makes her a relative.
_THIRD_POSSESSOR = re.compile(
    r"(?:\b(?:his|her|their)|(?<![\w-])(?:его|её|ее|их|його|її|їхн\w*))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_PARENT_OR_SPOUSE = re.compile(
    r"(?:mother|father|wife|parents|mum|mom|dad|мать|матери|мама|мамы|отец|отца|жена|жены|"
    r"родител\w*|мати|матір|матері|мам[аиу]|батько|батька|дружин[аиу]|батьки|батьків)$",
    re.IGNORECASE,
)
_ACCORDING_BEFORE = re.compile(
    r"(?:according\s+to|за\s+словами|по\s+словам|со\s+слов)\s+(?:\w+\s+)?$", re.IGNORECASE
)


def _cue_key(
    window: str,
    kind: int,
    role: str,
    m: re.Match[str],
    lang: str,
    gender: str | None = None,
    mention: str = "",
) -> tuple[int, int, str] | None:
    """(distance, rank, role) for one cue found in a window of `kind`, None when the cue does
    not describe the person (see `_windows` for the kinds)."""
    if kind == 6:  # a title before a list of names: only a plural one is each name's
        if role == "relative":
            return None
        last = m.group(0).split()[-1].lower()
        if lang == "en" and not last.endswith("s"):
            return None
        if lang != "en" and not any("plur" in p.tag for p in parses(last, lang)[:1]):
            return None
        kind = 1
    if (
        lang == "en"
        and role in ("pow", "former_pow", "soldier")
        and _EN_COMPOUND_HEAD.match(window, m.end())
    ):
        return None  # "every time Ukraine announces a prisoner exchange, Nadiia …": no person
    if kind == 8:  # after a name in the possessor's case
        if role == "relative" and any(
            "nomn" in p.tag and "plur" not in p.tag for p in parses(m.group(0).lower(), lang)[:2]
        ):
            return None  # "По словам матери Ярослава, сын …": the son is the subject, not him
        kind = 2
    if kind == 5:  # a name in the nominative: a genitive cue is its possessor's
        if role in _CAPTIVE_ROLES and _GENITIVE.search(m.group(0)):
            return None
        kind = 1
    # Before a mention the nearest cue is the last one; after it, the first one.
    distance = len(window) - m.end() if kind in (1, 4) else m.start()
    if (
        kind == 4
        and role == "relative"
        and _MALE_KIN.fullmatch(m.group(0))
        and _APPOSED_KIN_BEFORE.fullmatch(window[: m.start()])
    ):
        # "Магомед, муж Зарины": the kinship noun is the man's apposition, and the woman named
        # after it in the genitive is his kin ("Валентина, мама Андрея": Андрей is her son,
        # the soldier, and keeps his events).
        return distance, _CUE_ORDER.index(role), "relative"
    if kind == 4 and role == "relative":
        # "мужа Александра", "сина Павла": a kinship noun in the name's own oblique case is
        # an apposition (he is someone's husband); "мать Ивана" is Ivan's mother.
        noun = _kin_apposition(m.group(0), lang, gender)
        if noun is None or not _NAMES_GAP.fullmatch(window[m.end() :]):
            return None  # (another person's name may stand between: "жены Смагина Анны")
        return distance, _CUE_ORDER.index(role), "kin_of" if noun == "m" else "relative"
    if kind == 4 and not _same_case(role, m.group(0), lang, mention):
        return None
    if kind == 1 and role != "relative" and _INTRODUCED.fullmatch(window[m.end() :]):
        # "один оперативник, представился Андреем Николаевичем": the name he gave is his
        return distance, _CUE_ORDER.index(role), role
    if kind == 1 and role != "relative" and _case_clash(m.group(0), mention, lang):
        return None  # "аппарата Уполномоченного Никите": the title's phrase ends at the name
    if kind in (1, 4) and _AND_NEXT.fullmatch(window, m.end()):
        return None  # "мій син і Михайло Дячук": the noun is another person, joined to him
    if kind in (1, 2, 4) and _plural_oblique(m.group(0)):
        return None  # "штабу з питань поводження з військовополоненими Олег …", "…, полонених"
    if kind in (1, 4) and distance > 45 and not _long_title(role, window[m.end() :]):
        return None
    if kind in (1, 4) and (
        _CLAUSE_GAP.search(window[m.end() :]) or _finite_verb(window[m.end() :], lang)
    ):
        return None  # "дни для матери бойца, так как связь с Алексеем …": another clause
    if role in ("journalist", "official", "lawyer") and _FORMER.search(window[: m.start()]):
        return None  # "колишній журналіст Еспресо", "a former official": not what he is now
    if kind in (2, 3) and role == "relative" and _WHOSE.search(window[: m.start()]):
        return None  # "Ivan, whose mother asked …": the mother is someone else
    if kind == 3 and role == "relative" and _WITH.search(window[: m.start()]):
        return None  # "Александр вместе с женой воспитывал …": he has a wife
    if kind == 2 and role == "relative" and _ACCORDING_BEFORE.search(window[: m.start()]):
        return None  # "Василь, за словами сестри, …": the sister is his kin, he is not hers
    if (
        kind == 2
        and role == "relative"
        and distance <= 12
        and _MALE_KIN.fullmatch(m.group(0))
        and _NAME_AFTER_KIN.match(window, m.end())
    ):
        # "Магомед, муж Зарины из Махачкалы, провёл в плену …": a man named as someone's husband
        # or son is the soldier the family speaks of as often as not: his events decide.
        return distance, _CUE_ORDER.index(role), "kin_of"
    if kind == 2 and role == "relative" and _addressed_kin(mention, m.group(0), lang):
        # "Тарасе, синку, …": a name and a kinship noun both in the vocative address him as
        # the speaker's kin; he is the family's soldier, not a relative.
        return distance, _CUE_ORDER.index(role), "kin_of"
    if kind == 3 and role == "relative":
        lead = window[: m.start()]
        if _ACCORDING_BEFORE.search(lead) or (
            _THIRD_POSSESSOR.search(lead) and _PARENT_OR_SPOUSE.search(m.group(0))
        ):
            return None  # "Олег, за словами його брата …", "… що його шукала мати": his kin
        if gender == "m" and _FEMALE_KIN.fullmatch(m.group(0)):
            # "Сергей просит передать матери …", "…, рассказала его сестра Ирина": a man
            # spoken of beside a mother, wife, sister or daughter is the one who has her.
            return None
        if _MALE_KIN.fullmatch(m.group(0)) and _KIN_PREDICATE.search(lead):
            # "пообещал матери быть её лучшим сыном": the noun says what he is to her
            return None
    if (
        kind == 2
        and distance > 12
        and not (
            lang == "en" and role != "relative" and _EN_APPOSITION.fullmatch(window[: m.start()])
        )
    ):
        return None
    if kind == 3:
        if role != "relative":
            return None
        distance += 100  # only when nothing closer says otherwise
    found = role
    if role == "commander" and kind in (1, 2) and _OUR.search(window[: m.start()]):
        found = "official"  # "our company commander, Major Gorbunov": the narrator's superior
    if (
        role == "relative"
        and kind == 1
        and (
            _kin_of(window[: m.start()], m.group(0))
            or (
                _APPOSED.fullmatch(window[m.end() :])
                and not _WITH.search(window[: m.start()])  # "з сином Микитою": they are together
                and _kin_apposition(m.group(0), lang, "m")
            )
        )
    ):
        # "Ищу племянника, Макаров Даниил": the man the object noun names is the kin sought.
        found = "kin_of"
    return distance, _CUE_ORDER.index(role), found


# Between an office noun in the predicate and a rank before the name, a few words and a copula:
# "Начальником колонії там був підполковник Гнатів", "Начальником лагеря был майор Сизов".
_COPULA_GAP = re.compile(
    r"(?:\s+[\w'’-]+){0,3}\s+(?:був|була|є|был|была|являлся|являлась|was|is)\s+",
    re.IGNORECASE,
)


def _office_predicate(
    found: list[tuple[tuple[int, int, str, str], re.Match[str]]],
    window: str,
    office: re.Pattern[str] | None,
) -> tuple[int, int, str, str] | None:
    """The cue of a window whose office noun is the predicate of a rank and name after it
    (the copula keeps it out of the ordinary cues): the rank is the office holder's, and a
    prison or camp officer is an official."""
    if office is None:
        return None
    for key, r in found:
        if key[2] != "soldier":
            continue
        for m in office.finditer(window, 0, r.start()):
            if _COPULA_GAP.fullmatch(window, m.end(), r.start()):
                return (*key[:2], "official", m.group(0))
    return None


def _addressed_kin(mention: str, noun: str, lang: str) -> bool:
    """True when a name read only as a vocative ("Денисе", "Тарасе") is followed by a kinship
    noun that can be one too ("синочку", "сину"): the speaker addresses her own kin."""
    if lang != "uk" or not mention or not noun:
        return False
    name = parses(mention.split()[-1].lower(), lang)
    kin = parses(noun.split()[-1].lower(), lang)
    return bool(name and all("voct" in p.tag for p in name) and any("voct" in p.tag for p in kin))


_APPOSED = re.compile(r"\s*,?\s*")
# An English apposition whose head noun is a few modifiers away: "X, the regional ombudsman",
# "X, Ukraine's deputy prosecutor general", "X, a senior defence lawyer" (no verb, no comma).
_EN_APPOSITION = re.compile(
    r"(?:(?:the|a|an)\s+|[A-Z][\w-]*['’]s?\s+)?"
    r"(?:(?!(?:who|whose|whom|which|that|where|when|and|but|or|with|of|for|by|to|the|a|an)\b)"
    r"[\w'’-]+\s+){0,4}",
)
_FORMER = re.compile(
    r"(?:\b(?:former|ex-?)|(?<![\w-])(?:бывш\w+|колишн\w+|экс-?|екс-?))\s*(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# "our", "наш", "мій" before a noun (and one word between: "our company commander").
# A first-person possessive right before a name: "нашему Матвею", "моя Оля", "my Sasha".
_MY_BEFORE = re.compile(
    r"(?:\b(?:our|my)|(?<![\w-])(?:наш(?:его|ему|им|ей|у|а|ого|ому|ій)?|мо(?:й|его|ему|им|я|ей|ю|го|єму|їм|єї)|мій))\s+\Z",
    re.IGNORECASE,
)
_OUR = re.compile(
    r"(?:\b(?:our|my)|(?<![\w-])(?:наш\w*|мой|моего|моему|мій|мого|моєму))\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)  # nothing but a comma between a noun and the name


# "with his wife", "вместе с женой", "разом з дружиною": the kin is someone he is with.
_WITH = re.compile(
    r"(?:\bwith|(?<![\w-])(?:с|со|з|зі|із))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)

# A mother's, wife's, sister's … noun in any case: the weak cue after a man's name is then
# his kin. (Not a daughter: "Рощин вспоминает слова, которые он услышал от дочери" is the
# father of the held woman.)
_FEMALE_KIN = re.compile(
    r"(?:mother|wife|sister|grandmother|aunt|mum|mom|"
    r"мать|матер\w*|мам\w*|жен(?:а|ы|е|у|ой|ою)|сестр\w*|бабушк\w*|тет[яиеюь]\w*|"
    r"мати|матір\w*|дружин\w*|бабус\w*|тітк\w*)",
    re.IGNORECASE,
)
# Before a male kinship noun in the predicate: "быть (её лучшим) сыном", "стал мужем".
_KIN_PREDICATE = re.compile(
    r"(?<![\w-])(?:быть|стать|был|будет|стал|бути|стати|був|буде|став|to\s+be)\s+"
    r"(?:[\w«»\"“”]+\s+){0,2}[«\"“]?$",
    re.IGNORECASE,
)


# Between a cue and the name after it, a comma and a conjunction start another clause ("дни для
# матери бойца, так как связь с Алексеем …"; "Командир батальйону, майор Денис" still holds).
# Between a title and the name, a verb of introducing oneself whose object the name is:
# "оперативник, представился Андреем Николаевичем", "слідчий, який назвався Олегом".
_INTRODUCED = re.compile(
    r"\s*,?\s*(?:(?:который|которая|що|який|яка)\s+)?(?:(?:мне|нам|мені)\s+)?"
    r"(?:представил(?:ся|ась)|назвал(?:ся|ась)|представлял(?:ся|ась)|представи(?:вся|лася)|"
    r"назва(?:вся|лася)|відрекомендува(?:вся|лася)|рекомендува(?:вся|лася))\s+",
    re.IGNORECASE,
)
# A conjunction alone between a cue noun and the name: two persons joined, not a title.
_AND_NEXT = re.compile(r"\s+(?:і|й|та|и|and)\s+", re.IGNORECASE)
_CLAUSE_GAP = re.compile(
    r"[,;]\s*(?:так\s+как|потому|поскольку|что|чтобы|когда|если|хотя|пока|где|но|а|и|как|"
    r"котор\w+|що|щоб|бо|оскільки|коли|якщо|хоча|поки|де|але|і|й|як|як(?:ий|а|е|і|ого|ому|ої)"
    r"|because|when|while|but|and|who|which|that|as)\s",
    re.IGNORECASE,
)


# A noun after a captive's noun makes it a modifier ("prisoner exchange", "POW camp").
_EN_COMPOUND_HEAD = re.compile(
    r"\s+(?:exchanges?|swaps?|camps?|lists?|status|cards?|issues?|rights|colony|hotline|"
    r"families|family|registry|database)\b",
    re.IGNORECASE,
)
_EN_FINITE = re.compile(
    r"(?<![\w'’-])(?:would|will|could|should|can|must|said|says|told|tells|had|has|have|was|"
    r"were|is|are|did|does)(?![\w'’-])",
    re.IGNORECASE,
)


def _finite_verb(gap: str, lang: str) -> bool:
    """True when a finite verb stands between a cue and the name after it: the cue is then in
    another clause ("За даними адвоката, 12 лютого розглядатимуть скарги захисту Євгена …")."""
    if lang == "en":  # "wrote to the Foreign Secretary and would press for Mr Hewitt …"
        return _EN_FINITE.search(gap) is not None
    for word in re.findall(r"[а-яёіїєґ'’-]{3,}", gap.lower()):
        found = parses(word, lang)[:1]
        if found and "VERB" in found[0].tag:
            return True
    return False


_NAMES_GAP = re.compile(r"(?:\s+[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]*){0,2}\s*")


def _kin_apposition(noun: str, lang: str, gender: str | None) -> str | None:
    """The gender of a kinship noun that stands in apposition to a name in an oblique case: the
    noun has no nominative reading ("сына", "мужа", "чоловіка") and agrees with the name's
    gender; None otherwise ("мать", "матері Миколи")."""
    if lang == "en":
        return None
    found = parses(noun.split()[-1].lower(), lang)[:3]
    if not found or any("nomn" in p.tag and "plur" not in p.tag for p in found):
        return None  # "жены", "дружини": a plural nominative too, but a singular apposition
    kin = "m" if "masc" in found[0].tag else "f" if "femn" in found[0].tag else None
    return kin if kin is not None and kin == gender else None


def _same_case(role: str, cue: str, lang: str, mention: str = "") -> bool:
    """For a name in the possessor's case ("… Дмитра Лубінця"): True when the cue before it
    is in that case too and so describes him ("бывшего пленного", "уповноваженого Верховної
    Ради"). A kinship noun before such a name is the possessor's own ("мать Ивана")."""
    if role in _CAPTIVE_ROLES:
        if _GENITIVE.search(cue) is not None:
            return True
        # A rank or soldier noun in the name's case: "засудив сержанта Олега Ткачука".
        head = cue.split()[-1].lower()
        return role == "soldier" and any(
            "NOUN" in p.tag and "plur" not in p.tag and p.tag.case in ("gent", "accs")
            for p in parses(head, lang)[:2]
        )
    if role == "relative" or lang == "en":
        return False
    # A dative title too: a woman's name read as a genitive may be its dative ("журналістці
    # телеканалу Анастасії Жиденко"); a man's dative differs from his genitive and is read so.
    head = cue.split()[0].lower()
    cases = {
        p.tag.case
        for p in parses(head, lang)[:2]
        if p.tag.case in ("gent", "datv") and "plur" not in p.tag
    }
    if not cases or not mention:
        return bool(cases)
    # The name must be able to stand in the title's case: "аппарата Уполномоченного Никите" is
    # a genitive title before a dative name, a phrase that ends at the name, not its title.
    named = {p.tag.case for p in parses(mention.split()[0].lower(), lang)}
    return not named or bool(cases & named)


def _case_clash(cue: str, mention: str, lang: str) -> bool:
    """True when a cue noun right before a name in an oblique case cannot share its case: the
    title is then someone else's ("при содействии аппарата Уполномоченного Никите …")."""
    if lang == "en" or not mention:
        return False
    head = cue.split()[0].lower()
    cases = {p.tag.case for p in parses(head, lang)[:3] if "NOUN" in p.tag or "ADJF" in p.tag}
    named = {p.tag.case for p in parses(mention.split()[0].lower(), lang)}
    return bool(cases and named and not cases & named and "nomn" not in named)


# "her son Ivan", "её сын Никита", "її чоловік Іван": a man named as someone's son, husband or
# brother is the one the family looks for as often as a speaker: his events decide his role.
_POSSESSOR = re.compile(
    r"(?:\b(?:her|his|their|my|our|whose)|['’]s|(?<![\w-])(?:её|ее|его|их|мой|моего|моему|наш\w*|"
    r"свой|своего|своему|її|його|їхн\w*|мій|мого|моєму|свій|свого|своєму))(?:\s+[\w-]+)?\s*$",
    re.IGNORECASE,
)
_MALE_KIN = re.compile(
    r"(?:son|husband|brother|fianc[ée]|boyfriend|nephew|grandson|сын\w*|муж(?!чин)\w*|брат\w*|"
    r"жених\w*|племянни\w+|внук\w*|син\w*|чолові\w+|наречен\w+|племінни\w+|онук\w*)$",
    re.IGNORECASE,
)


# Before a kinship noun apposed to the name just before it: the comma ("Магомед, муж …").
_APPOSED_KIN_BEFORE = re.compile(r"\s*,\s*")
# The name of whose kin he is, right after the kinship noun: "муж Зарины", "син Ганни".
_NAME_AFTER_KIN = re.compile(r"\s+[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]+")


# A speech verb right before "his brother Timur" makes him the speaker ("рассказал его брат").
_SPEECH_BEFORE = re.compile(
    r"(?:said|says|told|tells|added|recalls|сказал\w*|рассказ\w+|говорит|говорят|пишет|"
    r"отметил\w*|заявил\w*|пояснил\w*|розповів|розповіла|розповідає|сказав|сказала|каже|"
    r"кажуть|зазначи\w+|пише|пояснив|пояснила|заявив|заявила)\W+\w+\s*$",
    re.IGNORECASE,
)


# A subject right before that speech verb: "Natalia Moroz said her husband, Roman, …" (she
# speaks; he is the one spoken of), not an inverted "…,” said his brother Timur".
_SUBJECT_BEFORE = re.compile(
    r"(?:(?-i:[A-Z])[\w'’-]+|(?<![\w-])(?:she|he|they|we|i))\s+(?:\w+ly\s+)?$", re.IGNORECASE
)


def _kin_of(before: str, noun: str) -> bool:
    """True for a male kinship noun after a possessive: the person is someone's son or husband,
    unless a speech verb makes him the speaker."""
    speech = _SPEECH_BEFORE.search(before)
    lead = before[: speech.start()] if speech is not None else ""
    if speech is not None and (not lead.strip() or _SUBJECT_BEFORE.search(lead)):
        # "Natalia said her husband, Roman, …": she is who says it (a window that opens with
        # the verb opens right after another person's name, its subject)
        speech = None
    return bool(_MALE_KIN.fullmatch(noun) and _POSSESSOR.search(before) and speech is None)


# "my son", "мой муж", "мого сина": the one who says it is the soldier's relative.
_MY_KIN = re.compile(
    r"(?:\bmy|(?<![\w-])(?:мой|моя|моего|моему|моим|мою|моей|мій|мого|моєму|моєї|моїй))\s+"
    r"(?:[\w-]+\s+)?(?:sons?|husband|brother|daughter|сын\w*|муж\w*|брат\w*|доч\w*|син\w*|"
    r"чолові\w*|доньк\w*)\b",
    re.IGNORECASE,
)


def first_person_kin(
    sentences: list[Sentence],
    refs: dict[int, list[Any]],
    cues: dict[str, str | None],
    soldiers: set[str],
) -> set[str]:
    """Persons with no role cue who speak of "my son" or "мой муж" in the first person and have
    no soldier's events of their own (`soldiers`): the narrator of a family appeal is a relative.
    A prisoner who speaks of his son keeps his events and his role."""
    out: set[str] = set()
    for s in sentences:
        if not _MY_KIN.search(s.text):
            continue
        for r in refs.get(s.index, []):
            found = cues.get(r.entity) if r.entity else None
            if (
                r.possessor
                and r.entity
                and (found or "|").startswith("|")
                and r.entity not in soldiers
            ):
                out.add(r.entity)
    return out


def soldier_events(types: set[str]) -> bool:
    """True when a person's events show a soldier (captured, missing, returned …)."""
    return bool(types & _SOLDIER_EVENTS)


def byline_names(text: str, lang: str) -> list[str]:
    """Names in bylines and contact lines ("Write to Thomas Grove at …")."""
    # A Latin letter typed inside a Cyrillic cue ("Tекст:") still makes it a byline.
    seen = cyrillic_lookalikes(text) if lang != "en" else text
    out = []
    for p in person_lexicon(lang).byline:
        for m in p.finditer(seen):
            name = text[m.start(1) : m.end(1)]
            if not seen[m.start() : m.start(1)].strip() and not _given_first(name, lang):
                continue  # no cue word: a person's name must lead ("Borderline Weekly |")
            # An outlet in capitals before the name ("Корреспондент ТСН Наталья Нагорная").
            words = name.split()
            while len(words) > 2 and len(words[0]) > 1 and words[0].isupper():
                words = words[1:]
            while len(words) > 2 and len(words[-1]) > 1 and words[-1].isupper():
                words = words[:-1]  # an agency after it ("Іван Шилов ИА REGNUM")
            a = name.index(words[0])
            out.append(name[a : name.index(words[-1], a) + len(words[-1])])
    return out + _author_lines(text, lang)


_NAME_WORDS = r"[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]+(?:[ \t]+[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]+){1,2}"
# A line made only of names: "Елена Петрова, Татьяна Свиридова", "Anna Lis and Oleh Kit".
# It may end in the outlet or project, quoted: "Ірина Кобзар, «Полтавський вісник»", "Олеся
# Марченко, проєкт «Свідки неволі»", "Вікторія Сорока, «Вердикт» — судовий портал".
_NAMES_LINE = re.compile(
    rf"(?m)^[ \t]*({_NAME_WORDS}(?:[ \t]*(?:,|&|[ \t](?:и|і|й|та|and))[ \t]*{_NAME_WORDS}){{0,3}})"
    r"(?:[ \t]*,[ \t]*(?:[a-zа-яёіїєґ'’-]+[ \t]+){0,2}[«“\"][^»”\"\n]{1,60}[»”\"][^\n]{0,60})?"
    r"[ \t]*$"
)
_EDGE_LINES = 4  # how many non-empty lines at the top or the bottom may hold the authors


def _author_lines(text: str, lang: str) -> list[str]:
    """The names of an author line: a line made only of names among the first or last few
    lines, each name a given name and a surname the rest of the text never mentions again (a
    headline naming the article's subject is told again in the body)."""
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    edges = sorted({*range(min(_EDGE_LINES, len(lines))), *range(len(lines))[-_EDGE_LINES:]})
    out: list[str] = []
    for line in (lines[i] for i in edges):
        m = _NAMES_LINE.fullmatch(line.group(0))
        if m is None or _titled_next(text, line.end()):
            continue  # a signature with a title on the next line: that title decides
        names = re.findall(_NAME_WORDS, m.group(1))
        rest = text[: line.start()] + text[line.end() :]
        if all(_author_name(n, rest, lang) for n in names):
            out += names
    return out


def _titled_next(text: str, end: int) -> bool:
    """True when the line after the one ending at `end` starts in lower case (a title)."""
    nxt = text.find("\n", end)
    return nxt >= 0 and text[nxt + 1 :].lstrip(" \t")[:1].islower()


def _given_first(name: str, lang: str) -> bool:
    """True when a name's first word is a known given name."""
    first = name.split()[0]
    return first.lower() in latin_given_names() if lang == "en" else is_given_name(first, lang)


def _author_name(name: str, rest: str, lang: str) -> bool:
    """True when `name` opens with a given name and its surname's stem is absent from `rest`."""
    stem = name.split()[-1][: max(4, len(name.split()[-1]) - 2)]
    return _given_first(name, lang) and re.search(rf"(?<![\w-]){re.escape(stem)}", rest) is None


# Legal steps against a person: in this reporting, mostly against a prisoner.
_TRIED = {"criminal_case_opened", "charged", "convicted", "sentenced"}


def role(cue: str | None, event_types: set[str]) -> str:
    """The gold-format role from a cue and the person's events (a cue for a non-POW role wins).

    A commander with no events of his own is an official (he gives orders); an activist or
    expert is "other". An interrogation shows neither a return nor captivity: captors
    interrogate too. A soldier reported missing stays missing while all that says he is a
    prisoner is the report of his capture. A cue may carry what the sentences around the
    person say ("soldier|freed", "|captive", see `_context`): named in a list of the freed, he
    is a former prisoner; a soldier or a man in a captivity sentence who is tried is a
    prisoner; one tried in absentia is not held."""
    base, _, ctx = (cue or "").partition("|")
    if base in ("relative", "lawyer", "journalist", "official"):
        return base
    if ctx == "kin" and not base and not event_types & _SOLDIER_EVENTS:
        return "relative"  # "… Юлия Сорокина. Её муж … попал в плен": she is his wife
    if ctx.startswith("owner"):
        # "Мать Вити мне звонит": the family's soldier; missing when it searches for him
        if not base and not event_types & _SOLDIER_EVENTS:
            return "missing_soldier" if ctx == "owner_missing" else "pow"
        ctx = "missing" if ctx == "owner_missing" else "captive"
    if base == "activist":
        return "other"
    if base == "civilian" and not event_types & _RETURNED:
        return "other"  # "жителя Григорія", "Потерпілий Григорій": a civilian, not a soldier
    captive = event_types & _CAPTIVE
    returned = event_types & _RETURNED
    if ctx == "absentia" and not captive | returned:
        return "other"
    if base in ("kin_of", "commander") and not event_types & _SOLDIER_EVENTS:
        if ctx == "freed":
            return "former_pow"
        if base == "kin_of":
            # "вернуть мужа Александра из плена": a husband or son named in a sentence about
            # captivity or the missing is the soldier the family speaks of.
            return {"captive": "pow", "held": "pow", "missing": "missing_soldier"}.get(
                ctx, "relative"
            )
        # A commander named where captivity is spoken of, and not as the one telling it
        # ("Среди пленных оказался командир катера …"), is a captive soldier.
        return "pow" if ctx == "captive" else "official"
    if base == "former_pow" or returned or ctx == "freed":
        return "former_pow"
    if ctx == "held" and base not in ("kin_of", "missing_soldier"):
        return "pow"  # listed under a heading about prisoners (a verdict list)
    missing = base == "missing_soldier" or "missing" in event_types
    if missing and base != "pow" and event_types <= _STILL_MISSING:
        return "missing_soldier"
    if base == "pow" or captive:
        return "pow"
    if event_types & _TRIED and (base in ("soldier", "commander") or ctx == "captive"):
        return "pow"
    if ctx == "captive" and (
        "isolated_interrogated" in event_types or (base == "soldier" and not event_types)
    ):
        # "дружина захисника Олександра … шукає його в російському полоні", "в плен попал
        # Сергей Матвеев … Во время допроса": a soldier or a man questioned, where captivity
        # is what his sentence speaks of, is held.
        return "pow"
    return "missing_soldier" if missing else "other"


def age(text: str, lang: str, entity: Entity) -> int | None:
    """An age written next to a mention ("Pavel Guguyev, 45," or "31-летний")."""
    lex = person_lexicon(lang)
    for a, b in sorted(entity.mentions + entity.descriptions):
        for p in lex.age_after:
            m = p.match(text[b : b + 30])
            if m and 14 <= int(m.group(1)) <= 80:
                return int(m.group(1))
        for p in lex.age_before:
            m = p.search(text[max(0, a - 50) : a])
            if m and 14 <= int(m.group(1)) <= 80:
                return int(m.group(1))
    # An age inside the person's description ("41-летний контрактник" merged into a name).
    for text_of in [entity.name] if entity.unnamed else [text[a:b] for a, b in entity.descriptions]:
        m = _AGE_IN.search(text_of)
        if m:
            return int(m.group(1))
    return None


def gender(entity: Entity, text: str, pronouns: list[str]) -> str | None:
    """m or f from morphology, from gendered nouns next to the person, or from pronouns."""
    if entity.gender:
        return entity.gender
    for a, b in entity.descriptions + ([] if not entity.unnamed else entity.mentions):
        if _FEMALE_NOUNS.search(text[a:b]):
            return "f"
        if _MALE_NOUNS.search(text[a:b]):
            return "m"
    if entity.surname and entity.surname.isascii():
        if _LATIN_F.search(entity.surname):
            return "f"
        if _LATIN_M.search(entity.surname):
            return "m"
    if pronouns:
        return Counter(pronouns).most_common(1)[0][0]
    return None


def side(
    text: str,
    lang: str,
    entity: Entity,
    sentence_of: dict[int, Sentence],
    event_sentences: list[Sentence],
) -> str:
    """russia, ukraine or unknown: a nationality next to a mention, else who holds them captive."""
    lex = person_lexicon(lang)
    for window, kind, _ in _windows(text, entity, sentence_of):
        # the words nearest the name: the end of a window before it, the start of one after it
        near = window[:30] if kind in (2, 3) else window[-30:]
        for name, pattern in lex.sides.items():
            if pattern.search(near):
                return name
    for s in event_sentences:
        for name, pattern in lex.captors.items():
            if pattern.search(s.text):
                return name
    return "unknown"
