"""Persons named in a text: name candidates validated, brought to the nominative and clustered by
surname, with the helpers of name reading that the other person modules share.

Mentions of these persons (`mentions.py`), persons named by a given name alone
(`given_persons.py`), unnamed ones (`unnamed.py`) and descriptions that name someone again
(`redescriptions.py`) each have a module of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pymorphy3.analyzer import Parse

from powtrace.extract.lexicon import PersonLexicon, latin_given_names, person_lexicon
from powtrace.extract.namecase import Reading, is_known, nominative, parses, readings
from powtrace.extract.ner import Candidate, english_cued, english_titled
from powtrace.extract.text import WORD, fold

_PARTICLES = frozenset(
    ["de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "ibn", "du"]
)

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")

_SAYS = re.compile(r"^\s*,?\s*(?:said|says|told|added|wrote|recalled|explained)\b")

_CYR_PAST_F = re.compile(r"^\s*,?\s*\w+(?:ла|лася|лась)\b")

_CYR_PAST_M = re.compile(r"^\s*,?\s*\w+(?:ил|ал|ел|ял|ув|ив|ав|ів)(?:ся)?\b")


@dataclass
class Entity:
    """A person being assembled: the mentions that name or describe them."""

    id: str
    name: str
    surface: str
    unnamed: bool = False
    given: str | None = None
    surname: str | None = None
    patronymic: str | None = None
    gender: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    descriptions: list[tuple[int, int]] = field(default_factory=list)  # "a former POW" etc.
    genitive: set[int] = field(default_factory=set)  # starts of mentions in a possessor case
    variants: list[str] = field(default_factory=list)
    bare: bool = False  # an unnamed description without a determiner ("российского солдата, …")


def _clean(text: str, start: int, lex: PersonLexicon) -> tuple[int, str] | None:
    """Drop titles in front and a possessive at the end; None when nothing name-like is left."""
    if "\n" in text:
        return None
    words = list(WORD.finditer(text))
    # A title, or an outlet or unit in capitals ("ТСН Наталья Нагорная"), is not the name.
    # A nationality noun spaCy took into the name ("Briton Neil Carter") is not the name either.
    while len(words) > 1 and (
        lex.titles.fullmatch(words[0].group(0))
        or (len(words) > 2 and len(words[0].group(0)) > 1 and words[0].group(0).isupper())
        or (len(words) > 2 and words[0].group(0).lower() in _EN_LEAD_NOUNS)
    ):
        words = words[1:]
    if not words:
        return None
    a, b = words[0].start(), words[-1].end()
    body = POSSESSIVE.sub("", text[a:b])
    return start + a, body


def _english_ok(
    words: list[str], text: str, start: int, end: int, lex: PersonLexicon, titled: set[str]
) -> bool:
    """An English candidate is a person when its first word is a given name or a cue says so."""
    if any(w[:1].islower() and w.lower() not in _PARTICLES for w in words):
        return False
    if any(len(w) > 1 and w.isupper() for w in words):
        return False  # acronyms: OVD-Info, FSB
    if words[0].lower() in latin_given_names():
        return True
    before = text[max(0, start - 40) : start]
    last = WORD.findall(before)[-2:]
    if any(lex.titles.fullmatch(w) for w in last):
        return True
    after = text[end : end + 30]
    if _SAYS.match(after) or any(p.match(after) for p in lex.age_after):
        return True
    # An age before it, the surname after Mr / Ms elsewhere, a person noun right before it
    # ("Swedish citizen Mathias Gustafsson") or in an apposition after it ("Hayden Davies, a
    # former British soldier").
    if english_cued(text, start, end, words[-1], titled):
        return True
    if last and _person_noun(last[-1], lex) and not _CLAUSE_END.search(before):
        return True
    m = _EN_APPOSITION.match(text, end)
    words_after = WORD.findall(m.group(1)) if m else []
    if any(w.lower() in _EN_BODY_NOUNS for w in words_after):
        return False  # "Pravo Vozvrata, a volunteer group that …": an organisation
    for w in words_after:
        if w.lower() in _EN_RELATIVE_WORDS:
            break
        if _person_noun(w, lex):
            return True
    return False


# A comma or full stop right before a name: the word before it belongs to another clause.
_CLAUSE_END = re.compile(r"[,.;:!?]\s*$")

# An apposition after a name, up to five words to its first stop ("…, a former British soldier
# who …").
_EN_APPOSITION = re.compile(r",\s+(?:a|an|the)\s+((?:[\w’'-]+ ){0,4}[\w’'-]+)")

_EN_RELATIVE_WORDS = frozenset(["who", "whom", "whose", "which", "where", "when", "that"])

# Heads of an apposition that names a body, not a person ("…, a volunteer group that …").
_EN_BODY_NOUNS = frozenset(
    [
        *("group", "groups", "organisation", "organization", "charity", "foundation", "fund"),
        *("ngo", "project", "initiative", "movement", "network", "association", "union"),
        *("centre", "center", "agency", "outlet", "channel", "newspaper", "website"),
        *("company", "firm", "party", "coalition"),
    ]
)

# Nouns that say a pair before or after them names a person, besides the role and person nouns.
_EN_PERSON_NOUNS = frozenset(["citizen", "national", "briton", "resident", "native", "volunteer"])

# Nouns of nationality that spaCy reads as the first word of the name after them.
_EN_LEAD_NOUNS = _EN_PERSON_NOUNS | frozenset(
    [
        *("american", "australian", "canadian", "brit", "swede", "dane", "pole", "norwegian"),
        *("croatian", "georgian", "belarusian", "ukrainian", "russian", "dutchman", "frenchman"),
        *("german", "israeli", "irishman", "scot", "welshman", "finn", "czech", "moroccan"),
    ]
)


def _person_noun(word: str, lex: PersonLexicon) -> bool:
    """True for a person or role noun ("soldier", "lawyer", "citizen")."""
    low = word.lower()
    return (
        low in _EN_PERSON_NOUNS
        or lex.person_heads.fullmatch(word) is not None
        or any(p.fullmatch(word) for p in lex.roles.values())
    )


def _gender_hint(text: str, end: int, lang: str) -> str | None:
    """The gender of a past-tense verb right after a Cyrillic name (сообщила → f)."""
    after = text[end : end + 25]
    if _CYR_PAST_F.match(after):
        return "f"
    if _CYR_PAST_M.match(after):
        return "m"
    return None


# A district or region noun after a name ("… Таштагольского района"), or a settlement noun
# before it ("в поселке …", "у селі …"): the name is a place's.
_PLACE_AFTER = re.compile(
    r"\s+(?:район\w*|област\w*|краю?|округ\w*|громад\w*|сельсовет\w*|сільрад\w*)(?![\w-])",
    re.IGNORECASE,
)

_PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:в|во|у|из|с|з|із|под|під|біля|возле)\s+(?:посел\w+|сел[еоаі]\w*|город\w*|"
    r"місті|міста|містечк\w+|деревн\w+|станиц\w+|хутор\w*|пгт|смт)\s+$",
    re.IGNORECASE,
)

_LAST_WORD = re.compile(r"([а-яёіїєґ0-9'’ʼ-]+)\s$", re.IGNORECASE)

_NEXT_WORD = re.compile(r"\s+([а-яёіїєґ'’ʼ-]+)", re.IGNORECASE)

# What may stand before a name that opens a sentence or a paragraph.
_OPENS = re.compile(r"(?:^|[.!?…]\s+|\n\s*|[—–]\s+)$")


def _case_hint(text: str, start: int, lang: str, lex: PersonLexicon, end: int = -1) -> str | None:
    """gent when a common noun or an adjective in the genitive stands right before a Cyrillic
    name ("История Евгения Смагина", "сестра 22-летнего Анвара Султанова"): the name is its
    possessor, so "Евгения" is Евгений's genitive rather than Евгения in the nominative. Titles
    ("адвокат Евгения …") decide nothing. nomn when the name opens a sentence and a verb in the
    singular follows ("Эльмира Баранова держит …"): the subject."""
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    if m is None:
        if end >= 0 and _OPENS.search(text[max(0, start - 3) : start]) is not None:
            nxt = _NEXT_WORD.match(text, end)
            found = parses(nxt.group(1).lower(), lang) if nxt else ()
            if found and {"VERB", "sing"} <= found[0].tag.grammemes:
                return "nomn"
        return None
    if lex.titles.fullmatch(m.group(1)):
        return None
    found = parses(m.group(1).lower(), lang)
    tags = found[0].tag.grammemes if found else frozenset()
    if tags & {"ADJF", "PRTF"} and "gent" in tags and not any("nomn" in p.tag for p in found[:3]):
        return "gent"
    if "NOUN" not in tags or tags & {"Name", "Surn", "Geox", "Orgn"}:
        return None
    return "gent"


# Before a name, an abbreviation or a short quoted name that belongs to its title ("лейтенанта
# ВСУ", "капитана «Азова»"), skipped to reach the title noun.
_TITLE_TAIL = re.compile(r"(?:\s+(?:[А-ЯЁІЇЄҐA-Z]{2,}|[«“][^«»“”\n]{1,30}[»”]))+\s*$")

_TITLE_WORD = re.compile(r"([а-яёіїєґ'’-]+)\s*$", re.IGNORECASE)

_OBLIQUE = frozenset({"gent", "datv", "accs", "ablt", "loct"})


def _title_case(text: str, start: int, lang: str, lex: PersonLexicon) -> frozenset[str]:
    """The oblique cases of a title right before a Cyrillic name ("младшего лейтенанта ВСУ
    Евгения Гоча", "журналістці Анастасії"): the name in apposition shares one. Empty when
    the title may be a nominative ("адвокат Евгения") or no title stands there."""
    lo = max(0, start - 60)
    before = text[lo:start]
    tail = _TITLE_TAIL.search(before)
    if tail is not None:
        before = before[: tail.start()]
    m = _TITLE_WORD.search(before)
    if m is None:
        return frozenset()
    word = m.group(1)
    if tail is None and any("PREP" in p.tag for p in parses(word.lower(), lang)[:1]):
        return _OBLIQUE  # "встретился с Мирьяной Сполярич": never a nominative
    if not (lex.titles.fullmatch(word) or lex.roles["soldier"].fullmatch(word)):
        return frozenset()
    found = [p for p in parses(word.lower(), lang)[:3] if "NOUN" in p.tag or "ADJF" in p.tag]
    if not found or any("nomn" in p.tag or "plur" in p.tag for p in found):
        return frozenset()
    return frozenset(p.tag.case for p in found if p.tag.case)


# Plural family surnames and their singular (masculine, feminine) endings: "Ивановы" (Иванов,
# Иванова), "Бойчуки" (Бойчук, Бойчук), "Шевченки" (Шевченко), "Ковальські" (Ковальський).
_PLURAL_SURNAMES = (
    ("ские", "ский", "ская"),
    ("цкие", "цкий", "цкая"),
    ("ські", "ський", "ська"),
    ("цькі", "цький", "цька"),
    ("енки", "енко", "енко"),
    ("овы", "ов", "ова"),
    ("евы", "ев", "ева"),
    ("ёвы", "ёв", "ёва"),
    ("ины", "ин", "ина"),
    ("ыны", "ын", "ына"),
    ("ови", "ов", "ова"),
    ("еви", "ев", "ева"),
    ("іни", "ін", "іна"),
    ("ини", "ин", "ина"),
)

_CONSONANT_PLURAL = re.compile(r"[бвгґджзклмнпрстфхцчшщ]([иіы])$")

_AND_BEFORE = re.compile(r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)\s+(?:и|і|й|та|and)\s+$")


def _singular_surname(word: str, gender: str | None) -> str | None:
    """A plural family surname's singular for a man or a woman, or None when `word` is no
    plural surname (or is a singular one the dictionary knows)."""
    low = word.lower()
    for plural, male, female in _PLURAL_SURNAMES:
        if low.endswith(plural) and len(low) > len(plural) + 2:
            return word[: -len(plural)] + (female if gender == "f" else male)
    m = _CONSONANT_PLURAL.search(low)
    if m and len(low) > 4:
        return word[:-1]  # "Бойчуки": Бойчук for both
    return None


def _couple(
    text: str, start: int, words: list[str], lang: str
) -> list[tuple[int, int, str, str, str | None]]:
    """Two persons named with one plural family surname ("Оксана та Олександр Бойчуки",
    "Ольги и Виктора Ивановых" is not read): each given name with the surname in the singular
    of its gender, as (start, end, given, surname, gender); [] for anything else."""
    if lang == "en" or len(words) != 2:
        return []
    if any(r.kind == "Surn" and r.score >= 0.3 for r in readings(words[1], lang)):
        return []  # a singular surname the dictionary knows
    second = given_nominative(words[0], lang)
    m = _AND_BEFORE.search(text, max(0, start - 40), start)
    first = given_nominative(m.group(1), lang) if m else None
    if second is None or first is None or m is None:
        return []
    out = []
    for (a, b), (given, sex) in (
        ((m.start(1), m.end(1)), first),
        ((start, start + len(words[0]) + 1 + len(words[1])), second),
    ):
        surname = _singular_surname(words[1], sex)
        if surname is None:
            return []
        out.append((a, b, given, surname, sex))
    return out


def _english_rules(text: str) -> list[Candidate]:
    """Given name + capitalised word(s), for names the statistical model misses."""
    out = []
    # Every capitalised word may start a name: "Junior Lieutenant Vitalii Moroz" holds one that
    # starts at its third word.
    for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
        if m.group(0).lower() not in latin_given_names():
            continue
        rest = re.match(r"(?:[ \t]+[A-Z][\w’'-]+){1,2}", text[m.end() :])
        if rest:
            end = m.end() + rest.end()
            out.append(Candidate(m.start(), end, text[m.start() : end], "PER", "rules"))
    return out


# Latin spellings of one Slavic given name ("Alexei" / "Aleksey", "Serhiy" / "Serhii",
# "Yevgeny" / "Evgeny") share a key.
_TRANSLIT = (("ks", "x"), ("kh", "h"), ("j", "i"), ("y", "i"), ("ii", "i"))


def _translit_key(name: str) -> str:
    key = name[1:] if name.startswith("ye") else name
    for a, b in _TRANSLIT:
        key = key.replace(a, b)
    return key


def _same_given(a: str | None, b: str | None) -> bool:
    """True when given names do not contradict (one missing, equal, an initial, or two Latin
    spellings of one name)."""
    if not a or not b:
        return True
    fa, fb = fold(a).rstrip("."), fold(b).rstrip(".")
    if fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb)):
        return True
    return fa.isascii() and fb.isascii() and _translit_key(fa) == _translit_key(fb)


# Between two coordinated names: a comma or a conjunction ("Олега Ткачука та Віталія Крохалева").
_COORDINATED = re.compile(r"\s*(?:,\s*(?:(?:и|і|й|та|а\s+также|а\s+також)\s+)?|(?:и|і|й|та)\s+)")

_OBJECT = frozenset({"gent", "accs"})  # a masculine animate accusative is the genitive form


def _governed_case(
    text: str, start: int, lang: str, before: tuple[int, str | None] | None
) -> frozenset[str]:
    """The case a name takes from what governs it, for names whose forms are ambiguous
    ("Виталия Крохалева": a man's genitive-accusative or a woman's nominative). A name
    coordinated with the name before it shares that one's oblique case ("приговорил Андрея
    Зуева и Виталия Крохалева"); a name right after a past verb in the masculine or plural,
    which it cannot be the subject of ("засудив Віталія Крохалева", "задержали …"), is its
    object. Empty otherwise."""
    if before is not None and _COORDINATED.fullmatch(text, before[0], start):
        case = before[1]
        if case in _OBJECT:
            return _OBJECT
        return frozenset({case}) if case in _OBLIQUE else frozenset()
    m = _LAST_WORD.search(text, max(0, start - 40), start)
    if m is None or m.group(1).lower().endswith(("ся", "сь")):
        return frozenset()
    found = parses(m.group(1).lower(), lang)
    tags = found[0].tag.grammemes if found else frozenset()
    if {"VERB", "past"} <= tags and tags & {"masc", "plur"} and "intr" not in tags:
        return _OBJECT
    return frozenset()


def named_entities(text: str, lang: str, cands: list[Candidate]) -> list[Entity]:
    """Validate name candidates, bring them to the nominative and cluster them by surname."""
    lex = person_lexicon(lang)
    pool = [c for c in cands if c.label == "PER"]
    last: tuple[int, str | None] | None = None  # the previous name's end and case
    titled = english_titled(text) if lang == "en" else set()
    if lang == "en":
        pool += _english_rules(text)
    pool.sort(key=lambda c: (c.start, -(c.end - c.start)))
    entities: list[Entity] = []
    covered: list[tuple[int, int]] = []
    for cand in pool:
        cleaned = _clean(cand.text, cand.start, lex)
        if cleaned is None:
            continue
        start, body = cleaned
        end = start + len(body)
        words = WORD.findall(body)
        if len(words) < 2 or any(a < end and start < b for a, b in covered):
            continue
        genitive = False
        if lang == "en":
            if not _english_ok(words, text, start, end, lex, titled):
                continue
            given, surname, gender, full = words[0], words[-1], None, " ".join(words)
        else:
            if not any(readings(w, lang) for w in words):
                continue
            if _PLACE_AFTER.match(text, end) or _PLACE_BEFORE.search(
                text, max(0, start - 25), start
            ):
                continue  # "в поселке Казе Таштагольского района": a place, not a person
            hint = _gender_hint(text, end, lang)
            case = _case_hint(text, start, lang, lex, end)
            agree = _title_case(text, start, lang, lex) or _governed_case(text, start, lang, last)
            if (
                len(words) == 2
                and not agree
                and possessor_before_name(body, next(WORD.finditer(body)), lang)
            ):
                continue  # "мама Андрея Татьяна": two persons, not one named "Андрея Татьяна"
            couple = _couple(text, start, words, lang)
            if couple:  # "Оксана та Олександр Бойчуки": two persons, each with a surname
                for a, b, given, surname, sex in couple:
                    covered.append((a, b))
                    e = Entity(f"p{len(entities) + 1}", f"{given} {surname}", text[a:b])
                    e.given, e.surname, e.gender = given, surname, sex
                    e.mentions.append((a, b))
                    entities.append(e)
                continue
            nom = nominative(tuple(words[:3]), lang, hint, case, agree)
            if nom.given is None and nom.patronymic is None:
                continue  # no given name or patronymic: a place or organisation, not a person
            given, surname, gender, full = nom.given, nom.surname, nom.gender, nom.text
            genitive = nom.case == "gent"
            last = (end, nom.case)
        covered.append((start, end))
        key = fold(surname or full)
        entity = next(
            (
                e
                for e in entities
                if fold(e.surname or e.name) == key and _same_given(e.given, given)
            ),
            None,
        )
        if entity is None:
            entity = Entity(f"p{len(entities) + 1}", full, body, given=given, surname=surname)
            entity.gender = gender
            entity.patronymic = None if lang == "en" else nom.patronymic
            entities.append(entity)
        elif body != entity.surface and body not in entity.variants:
            entity.variants.append(body)
        entity.mentions.append((start, end))
        if genitive:
            entity.genitive.add(start)
    _rank_surnames(text, lang, lex, pool, entities, covered)
    _cued_surnames(text, lang, lex, entities, covered)
    return _merge_given_patronymic(entities)


_NEXT_NAME = re.compile(r"[ \t]+([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+)(?![\w'’ʼ-]*[ \t]+[A-ZА-ЯЁІЇЄҐ])")


def _rank_surnames(
    text: str,
    lang: str,
    lex: PersonLexicon,
    pool: list[Candidate],
    entities: list[Entity],
    covered: list[tuple[int, int]],
) -> None:
    """A surname alone right after a military rank ("капітан Міхоєв", "старшего сержанта
    Петренко", "Captain Mikhoev") is a person: the one named in full with that surname, or a
    new one known by surname only."""
    ranks = lex.roles.get("rank")
    if ranks is None:
        return
    for cue in ranks.finditer(text):
        m = _NEXT_NAME.match(text, cue.end())
        if m is None or any(a <= m.start(1) < b for a, b in covered):
            continue
        word = m.group(1)
        if lang == "en":
            if word.lower() in latin_given_names() or not any(
                c.start <= m.start(1) and m.end(1) <= c.end for c in pool
            ):
                continue  # English needs the recogniser's word that it is a name
            surname, sex = word, None
        else:
            found = _rank_surname(word, cue.group(0), lang)
            if found is None:
                continue
            surname, sex = found
        span = m.span(1)
        covered.append(span)
        owner = next((e for e in entities if fold(e.surname or "") == fold(surname)), None)
        if owner is None:
            owner = Entity(f"p{len(entities) + 1}", surname, word, surname=surname)
            owner.gender = sex
            entities.append(owner)
        elif word != owner.surface and word not in owner.variants:
            owner.variants.append(word)
        owner.mentions.append(span)
        owner.mentions.sort()


_GENITIVE_CUE = re.compile(r"(?:по\s+словам|со\s+слов)$", re.IGNORECASE)

_SAYING_CUE = re.compile(r"[а-яё]+[аи]?(?:л|ла|т|ен)$", re.IGNORECASE)

# Surname endings (any gender, nominative or genitive) a verb of saying needs before a word
# the dictionary does not tag as a surname: "сказал Золкин", "по словам Москальковой".
_SURNAME_ENDING = re.compile(
    r"(?:[оеё]в[аыой]?|[иы]н[аыой]?|[сц]к(?:ий|ого|ая|ой)|енко|[чщ]?ук[аи]?|юк[аи]?)$"
)


def _cued_surnames(
    text: str,
    lang: str,
    lex: PersonLexicon,
    entities: list[Entity],
    covered: list[tuple[int, int]],
) -> None:
    """A surname written alone after a verb of saying ("написала Москалькова", "сказал
    Золкин"), "по словам" ("по словам Золкина"), a captive or nationality noun ("пленный
    Науменко", "украинец Ширинг") is a person: the one named in full with that surname, or a
    new one known by surname only. A surname of a known office holder takes the given name
    the gazetteer gives it (so that the role follows)."""
    cues = lex.roles.get("surname_cue")
    if cues is None or lang == "en":
        return
    for cue in cues.finditer(text):
        m = _NEXT_NAME.match(text, cue.end())
        if m is None or any(a <= m.start(1) < b for a, b in covered):
            continue
        word = m.group(1)
        low = word.lower()
        if any(r.kind in ("Name", "Patr") and r.score >= 0.3 for r in readings(word, lang)):
            continue  # a given name: found as such, or a first name of a full name
        found = parses(low, lang)
        if any(p.tag.grammemes & {"Geox", "Orgn", "Trad"} for p in found[:3]):
            continue  # "сообщил Киев", "пишет ТАСС"
        tagged = any("Surn" in p.tag for p in found[:3])
        if is_known(low, lang) and not tagged:
            continue  # "сказал Кремль", "заявил Сальдо" (known words, not surnames)
        genitive = bool(_GENITIVE_CUE.search(cue.group(0)))
        saying = genitive or bool(_SAYING_CUE.search(cue.group(0).split()[-1]))
        if saying and not (tagged or _SURNAME_ENDING.search(low)):
            continue  # after a verb of saying only a surname's shape: not "говорит Медиазона"
        wanted = "gent" if genitive else "nomn"
        fits = [r for r in readings(word, lang) if r.kind == "Surn" and r.case == wanted]
        if not fits:
            continue
        surname, sex = fits[0].nominative, fits[0].gender
        if not genitive and cue.group(0).lower().endswith("ла"):
            sex = "f"  # "пояснила Москалькова": the verb says she is a woman
        span = m.span(1)
        covered.append(span)
        owner = next(
            (
                e
                for e in entities
                if fold(e.surname or "") in (fold(surname), fold(word))
                or fold(e.name) in (fold(surname), fold(word))
            ),
            None,
        )
        if owner is None:
            owner = Entity(f"p{len(entities) + 1}", surname, word, surname=surname)
            owner.gender = sex
            owner.given = _known_given(surname, lex)
            entities.append(owner)
        elif word != owner.surface and word not in owner.variants:
            owner.variants.append(word)
        owner.mentions.append(span)
        owner.mentions.sort()
        if genitive:
            owner.genitive.add(span[0])


def _known_given(surname: str, lex: PersonLexicon) -> str | None:
    """The given name the known-officials gazetteer pairs with a surname, if any."""
    known = lex.roles.get("known_official")
    if known is None:
        return None
    for given in _GAZETTEER_GIVEN.findall(known.pattern):
        if known.fullmatch(f"{given} {surname}"):
            return given
    return None


_GAZETTEER_GIVEN = re.compile(r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’]+)\\s\+")

# Endings of Russian and Ukrainian surnames in the nominative.
_SURNAME_SHAPE = re.compile(r"(?:[оеё]в|[иы]н|[сц]ький|[сц]кий|енко|[чщ]?ук|юк)$")


def _singular_noun(found: tuple[Parse, ...]) -> bool:
    """True when a likely parse of a word is a common noun in the singular."""
    return any("NOUN" in p.tag and "sing" in p.tag for p in found[:3] if p.score >= 0.1)


def _rank_surname(word: str, rank: str, lang: str) -> tuple[str, str | None] | None:
    """The nominative and gender of a Cyrillic surname after a rank, in the rank's case; None
    when the word is a given name, a place or a common word rather than a surname."""
    low = word.lower()
    if any(r.kind in ("Name", "Patr") and r.score >= 0.3 for r in readings(word, lang)):
        return None  # a given name after a rank is found as such ("захисника Андрія")
    found = parses(low, lang)
    if any(p.tag.grammemes & {"Geox", "Orgn"} for p in found[:2]):
        return None
    known = is_known(low, lang) and not any("Surn" in p.tag for p in found[:3])
    if known and (not _SURNAME_SHAPE.search(low) or _singular_noun(found)):
        return None  # "капитан Украины", "майор Гвардии": a common word
    # "лейтенант Сомов": a surname's shape, known only as a plural or possessive ("сомов")
    cases, _ = kin_case(rank, lang)
    wanted = cases or frozenset({"nomn"})
    surnames = [r for r in readings(word, lang) if r.kind == "Surn"]
    fits = [r for r in surnames if r.case in wanted] or [r for r in surnames if r.case is None]
    if not fits:
        return None
    return fits[0].nominative, fits[0].gender


def _merge_given_patronymic(entities: list[Entity]) -> list[Entity]:
    """A given name with a patronymic and no surname ("Татьяна Сергеевна") joins the one person
    the text names in full with that given name ("Татьяна Гребенщикова"), if there is one."""
    out = []
    for e in entities:
        if e.surname is None and e.given and e.patronymic:
            full = [
                f
                for f in entities
                if f.surname
                and f.given
                and fold(f.given) == fold(e.given)
                and f.patronymic in (None, e.patronymic)
                # named in full first: a given name and patronymic told before ("мама бойца …
                # Елена Николаевна … руководитель КСВО Елена Дербилова") is someone else
                and min(f.mentions) < min(e.mentions)
            ]
            if len(full) == 1:
                owner = full[0]
                owner.mentions = sorted(owner.mentions + e.mentions)
                owner.genitive |= e.genitive
                owner.patronymic = owner.patronymic or e.patronymic
                for v in [e.surface, *e.variants]:
                    if v != owner.surface and v not in owner.variants:
                        owner.variants.append(v)
                continue
        out.append(e)
    return out


def given_nominative(
    word: str, lang: str, cases: frozenset[str] = frozenset(), gender: str | None = None
) -> tuple[str, str | None] | None:
    """The nominative and gender of a given name, or None when `word` is not one. `cases` and
    `gender` are those of a kinship noun before it in an oblique case ("сына Эрнеста": Эрнест,
    not Эрнеста), which an apposition agrees with."""
    if lang == "en":
        return (word, None) if word.lower() in latin_given_names() else None
    # A form that can be the nominative is read as one ("сестра Юлія": Юлія, not Юлій's genitive);
    # else a genitive ("чоловік Анастасії": Анастасія, not the locative of Анастасій).
    names = [r for r in readings(word, lang) if r.kind == "Name" and r.score >= 0.3]

    def rank(r: Reading) -> tuple[bool, bool, bool, bool]:
        agrees = r.case in cases and gender in (None, r.gender)
        return (bool(cases) and not agrees, r.case != "nomn", r.case != "gent", False)

    for r in sorted(names, key=rank):
        return r.nominative, r.gender
    return None


def kin_case(noun: str, lang: str) -> tuple[frozenset[str], str | None]:
    """The oblique cases and the gender of a kinship noun ("сына": gent, accs; m), or no cases
    when it may be the nominative ("сестра", "мати")."""
    if lang == "en" or not noun.strip():
        return frozenset(), None
    found = parses(noun.split()[-1].lower(), lang)[:3]
    if not found or any("nomn" in p.tag for p in found):
        return frozenset(), None
    cases = frozenset(
        c for p in found for c in ("gent", "datv", "accs", "ablt", "loct") if c in p.tag
    )
    tags = found[0].tag
    return cases, "m" if "masc" in tags else "f" if "femn" in tags else None


def possessor_before_name(window: str, tok: re.Match[str], lang: str) -> bool:
    """True when a given name only in a possessor case comes right before another given name
    in the nominative ("мама Андрея Татьяна")."""
    if lang == "en":
        return False
    nxt = NEXT_CAPITAL.match(window, tok.end())
    names = [r for r in readings(tok.group(0), lang) if r.kind == "Name" and r.score >= 0.3]
    if nxt is None or not names or any(r.case == "nomn" for r in names):
        return False
    return any(
        r.kind == "Name" and r.case == "nomn" and r.score >= 0.8  # a surname may guess 0.5
        for r in readings(nxt.group(1), lang)
    )


NEXT_CAPITAL = re.compile(r"[ \t]+([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)")
