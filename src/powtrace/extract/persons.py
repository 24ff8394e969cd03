"""Persons in a text: named ones (clustered with their surname-only mentions) and unnamed ones."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from pymorphy3.analyzer import Parse

from powtrace.extract.lexicon import PersonLexicon, latin_given_names, person_lexicon
from powtrace.extract.lone_given import lone_given_names
from powtrace.extract.namecase import Reading, is_known, nominative, parses, readings
from powtrace.extract.ner import Candidate, english_cued, english_titled
from powtrace.extract.partitive import partitive_spans
from powtrace.extract.text import WORD, fold

_PARTICLES = frozenset(
    ["de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "ibn", "du"]
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SAYS = re.compile(r"^\s*,?\s*(?:said|says|told|added|wrote|recalled|explained)\b")
# Between a name and its description: a comma, perhaps an age ("Serhiy Bondarenko, 27, a marine").
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:\d{1,2}\s*,\s*)?|\s*\(\s*")
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
    body = _POSSESSIVE.sub("", text[a:b])
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
    second = _given_nominative(words[0], lang)
    m = _AND_BEFORE.search(text, max(0, start - 40), start)
    first = _given_nominative(m.group(1), lang) if m else None
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
                and _possessor_before_name(body, next(WORD.finditer(body)), lang)
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
    cases, _ = _kin_case(rank, lang)
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


_FULLER = re.compile(r" [A-ZА-ЯЁІЇЄҐ]")  # a capitalised word next: a fuller name starts here


def _possessor_case(word: str, lang: str) -> bool:
    """True when a given name may be in the genitive ("Никиты", "Василя")."""
    return any(r.kind == "Name" and r.case == "gent" for r in readings(word, lang))


def given_mentions(text: str, lang: str, entities: list[Entity]) -> None:
    """Add the mentions by given name alone ("Дмитро в госпіталі", "Никите перестали платить",
    "Iryna said") of persons named in full, when no other person has that given name."""
    owners: dict[str, list[Entity]] = {}
    for e in entities:
        if e.given and not e.unnamed and len(e.given) > 2:
            owners.setdefault(fold(e.given), []).append(e)
    if not owners:
        return
    # "Юра" for Юрій, "Sasha" for Oleksandr: an everyday form stands for the one person named
    # in full with any of its names.
    diminutives = person_lexicon(lang).diminutives
    for short, fulls in diminutives.items():
        persons = {e.id: e for f in fulls for e in owners.get(f, [])}
        if persons and short not in owners:
            owners[short] = list(persons.values())
    taken = [span for e in entities for span in e.mentions]
    for tok in _CAPITAL.finditer(text):
        a, b = tok.span()
        if any(x <= a < y for x, y in taken) or _FULLER.match(text, b):
            continue  # already a mention, or the start of a fuller name
        word = _POSSESSIVE.sub("", tok.group(0)) if lang == "en" else tok.group(0)
        nom = _given_nominative(word, lang) or ((word, None) if fold(word) in diminutives else None)
        found = owners.get(fold(nom[0])) if nom else None
        if found is not None and len(found) == 1:
            found[0].mentions.append((a, a + len(word)))
            if lang != "en" and _possessor_case(word, lang):
                found[0].genitive.add(a)  # "мать Никиты": the noun before is someone else's
            if word != found[0].surface and word not in found[0].variants:
                found[0].variants.append(word)
    for e in entities:
        e.mentions.sort()


_HONORIFIC_BEFORE = re.compile(r"(?<![\w-])(Mr|Mrs|Ms|Miss)\.?[ \t]+$")
_EN_PRONOUN = re.compile(r"(?<![\w'’-])(?:(he|him|his)|(she|her|hers))(?![\w'’-])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s")


def _pronoun_gender(text: str, e: Entity) -> str | None:
    """The gender of the pronoun nearest to a person's first mention in its sentence, else of the
    first pronoun of the next sentence: enough to tell "Mr" from "Mrs" in one family."""
    if not e.mentions:
        return None
    a, b = e.mentions[0]
    ends = list(_SENTENCE_END.finditer(text, max(0, a - 300), a))
    lo = ends[-1].end() if ends else max(0, a - 300)
    nxt = _SENTENCE_END.search(text, b)
    hi = nxt.end() if nxt else len(text)
    best: tuple[int, str] | None = None
    for m in _EN_PRONOUN.finditer(text, lo, hi):
        d = a - m.end() if m.end() <= a else m.start() - b
        if best is None or d < best[0]:
            best = (d, "m" if m.group(1) else "f")
    if best is not None:
        return best[1]
    after = _SENTENCE_END.search(text, hi)
    m = _EN_PRONOUN.search(text, hi, after.end() if after else len(text))
    return None if m is None else "m" if m.group(1) else "f"


def surname_mentions(text: str, lang: str, entities: list[Entity]) -> None:
    """Add the mentions by surname alone ("Guguyev said", "Петренка катували")."""
    taken = [span for e in entities for span in e.mentions]
    named = [e for e in entities if e.surname]
    if not named:
        return
    if lang == "en":
        for surname in {e.surname for e in named}:
            assert surname is not None
            owners = [e for e in named if e.surname == surname]
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?:['’]s)?(?![\w-])", text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                # Relatives share a surname: the one named last before this mention is meant,
                # unless an honorific says which ("Mr Hewitt" is the man of the family).
                last = [
                    (max((a for a, _ in e.mentions if a < m.start()), default=-1), e)
                    for e in owners
                ]
                honorific = _HONORIFIC_BEFORE.search(text, max(0, m.start() - 6), m.start())
                if honorific and len(owners) > 1:
                    sex = "m" if honorific.group(1).lower() == "mr" else "f"
                    fitting = [x for x in last if _pronoun_gender(text, x[1]) == sex]
                    if len(fitting) == 1:
                        last = fitting
                owner = max(last, key=lambda x: x[0])[1]
                owner.mentions.append((m.start(), m.start() + len(surname)))
    else:
        by_key: dict[str, list[Entity]] = {}
        for e in named:
            by_key.setdefault(fold(e.surname or ""), []).append(e)
        for m in re.finditer(r"(?<![\w-])[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+", text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            for r in readings(m.group(0), lang):
                if r.kind != "Surn":
                    continue
                found = by_key.get(fold(r.nominative))
                if found:
                    owner = _surname_owner(found, r, m.start())
                    owner.mentions.append(m.span())
                    if r.case == "gent":
                        owner.genitive.add(m.start())
                    break
    for e in entities:
        e.mentions.sort()


def _surname_owner(found: list[Entity], r: Reading, at: int) -> Entity:
    """Of relatives sharing a surname ("Егор Мищук", "Елена Мищук"), the one a surname mention
    at `at` stands for: of the reading's gender ("30-летний Мищук" is Егор), else the one
    named last before it, else the last named."""
    fits = [e for e in found if r.gender is None or e.gender in (None, r.gender)] or found
    before = [(max((a for a, _ in e.mentions if a < at), default=-1), e) for e in fits]
    last = max(before, key=lambda x: x[0])
    return last[1] if last[0] >= 0 else fits[-1]


def aliases(text: str, lang: str, entities: list[Entity]) -> None:
    """'X, known as Y': Y becomes a variant of X, and its mentions X's."""
    lex = person_lexicon(lang)
    for e in entities:
        for _, end in list(e.mentions):
            for pattern in lex.alias_after:
                m = pattern.match(text[end : end + 60])
                if m and m.group(1) not in e.variants:
                    e.variants.append(m.group(1))
                    alias = re.escape(m.group(1))
                    e.mentions += [x.span() for x in re.finditer(rf"\b{alias}\b", text)]
        e.mentions = sorted(set(e.mentions))


# After a bare description's head: an age or a home town, kept in the description.
_DESCRIPTION_TAIL = re.compile(
    r"\s+(?:\d{1,2}\s+(?:лет|года?|років|роки|року|рік)|(?:средн(?:его|их)|пожил(?:ого|ых)|"
    r"призывного)\s+(?:возраста|лет)|(?:середнього|похилого|призовного)\s+віку|"
    r"(?:из|с|з|із|зі)\s+[А-ЯЁІЇЄҐ][\w'’ʼ-]*)(?![\w'’ʼ-])"
)
_WORD_BEFORE = re.compile(r"([\w'’ʼ-]+)\s+$")


# A noun of proceedings right before a bare description ("вирок російському військовому, який
# …", "дело против пленного солдата, которого …"): the story's defendant, whom it names later or
# has named already; the description is no person of its own.
_GOVERNED_BY_NOUN = re.compile(
    r"(?<![\w-])(?:вирок\w*|справ[аіуиою]|справі|обвинувачен\w*|звинувачен\w*|підозр[аиуіою]|"
    r"суд\w*\s+(?:над|щодо)|приговор\w*|дел[оауе]|делом|обвинени\w*|подозрени\w*|суд\w*\s+над|"
    r"проти|против|щодо|в\s+отношении)\s+$",
    re.IGNORECASE,
)


_COUNT_BEFORE = re.compile(r"\d[\d\s ]*$")


def _bare_descriptions(text: str, lang: str, lex: PersonLexicon) -> list[tuple[int, int]]:
    """Descriptions of one specific person with no determiner (ru, uk): one to three
    adjectives or participles, a singular person noun and an age, a home town or a relative
    clause after it ("российского солдата среднего возраста, который …", "українського
    військового 34 років з Сум, якого …"). A pronoun or quantifier before the adjectives
    ("каждого раненого солдата, который …") makes it anyone, and no adjective no one."""
    pattern = lex.bare_description
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        start = m.start()
        adjectives = 0
        while adjectives < 3:
            w = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if w is None:
                break
            found = parses(w.group(1).lower(), lang)
            tags = found[0].tag.grammemes if found else frozenset()
            if not tags & {"ADJF", "PRTF"} or tags & {"Apro", "NPRO"}:
                break
            start, adjectives = w.start(1), adjectives + 1
        if not adjectives:
            continue
        w = _WORD_BEFORE.search(text, max(0, start - 40), start)
        found = parses(w.group(1).lower(), lang) if w else ()
        if found and found[0].tag.grammemes & {"Apro", "NPRO"}:
            continue  # "каждого", "кожного": anyone of them
        if _COUNT_BEFORE.search(text, max(0, start - 20), start) or (
            found and "NUMR" in found[0].tag.grammemes
        ):
            continue  # "150 украинским военнопленным, взятым …": a counted plural
        end = m.end()
        while (tail := _DESCRIPTION_TAIL.match(text, end)) is not None:
            end = tail.end()
        out.append((start, end))
    return out


# A code an investigator or NGO report gives an anonymous witness: "Witness C", "Prisoner 4",
# "Soldier K.", "Detainee 12" (a capitalised noun and one capital letter or a number).
_CODED = re.compile(
    r"(?<![\w-])(?:Witness|Prisoner|Detainee|Respondent|Interviewee|Victim|Soldier|Survivor)"
    r"\s(?:[A-Z](?![\w'’-])\.?|\d{1,3}(?![\w-]))"
)


def _coded_persons(text: str, entities: list[Entity]) -> list[Entity]:
    """Anonymous witnesses by their code ("Witness C, a 31-year-old specialist, was …"): one
    unnamed person per code, each use of the code a mention of that person."""
    taken = [span for e in entities for span in e.mentions]
    out: dict[str, Entity] = {}
    for m in _CODED.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        code = m.group(0).rstrip(".")
        entity = out.get(code)
        if entity is None:
            entity = out[code] = Entity(f"w{len(out) + 1}", code, code, unnamed=True)
        entity.mentions.append((m.start(), m.start() + len(code)))
    return list(out.values())


# How far back two named persons make "одного з бійців" one of them, not someone new.
_PARTITIVE_BACK = 250


def _one_of_those_named(named_at: list[int], start: int) -> bool:
    """Two or more persons named just before a partitive ("Тіла Панасюка й Дороша …; одного з
    бійців рідні впізнали"): the one of the group is one of them."""
    return sum(1 for a in named_at if start - _PARTITIVE_BACK <= a < start) >= 2


def unnamed_entities(text: str, lang: str, entities: list[Entity]) -> list[Entity]:
    """Specific persons described without a name; appositions to a name describe that name.
    In English, anonymous witnesses by their code ("Witness C") are such persons too."""
    lex = person_lexicon(lang)
    out: list[Entity] = _coded_persons(text, entities) if lang == "en" else []
    spans = {span: e for e in [*entities, *out] for span in e.mentions}
    found = [m.span() for m in lex.unnamed.finditer(text)]
    # "один из российских десантников": one soldier of a group (partitive.py)
    named_at = sorted(a for e in entities if not e.unnamed for a, _ in e.mentions)
    found += [
        d
        for d in partitive_spans(text, lang)
        if not any(a < d[1] and d[0] < b for a, b in found)
        and not _one_of_those_named(named_at, d[0])
    ]
    bare = [
        d
        for d in _bare_descriptions(text, lang, lex)
        if not any(a < d[1] and d[0] < b for a, b in found)
        and not _GOVERNED_BY_NOUN.search(text, max(0, d[0] - 40), d[0])
    ]
    freed = [] if lang == "en" else [m.span() for m in _FREED_COMRADE.finditer(text)]
    freed = [d for d in freed if not any(a < d[1] and d[0] < b for a, b in found + bare)]
    for start, end in sorted(found + bare + freed):
        if any(a < end and start < b for a, b in spans):
            continue
        if (start, end) in freed:
            # "звільнений з полону побратим Степан Гнатюк": his; "… побратим Степана Гнатюка":
            # the comrade of Степан, a person of his own.
            nxt = _NEXT_NAME_WORD.match(text, end)
            if (
                nxt is not None
                and any(x == nxt.start(1) for x, _ in spans)
                and any(p.tag.case == "nomn" for p in parses(nxt.group(1).lower(), lang))
            ):
                owner = next(e for (a, _), e in spans.items() if a == nxt.start(1))
                owner.descriptions.append((start, end))
                continue
            desc = text[start:end]
            entity = Entity(f"u{len(out) + 1}", desc, desc, unnamed=True)
            entity.mentions.append((start, end))
            out.append(entity)
            continue
        if _SELF_BEFORE.search(text, max(0, start - 12), start):
            continue  # "Я, 38-річний старший сержант, …": the narrator describes himself
        nxt = re.match(r"\s*([\w-]+)", text[end : end + 30])
        if text[end : end + 1] == "-" or (nxt and nxt.group(1).lower() in lex.compound_nouns):
            continue
        before = WORD.findall(text[max(0, start - 20) : start])
        last = before[-1].lower() if before else ""
        if last in lex.predicate_words or last.endswith(("’re", "'re")):
            continue  # "he is a prisoner", "you're a prisoner of war": a predicate, no person
        if (
            lang == "en"
            and last == "and"
            and len(before) >= 3
            and before[-3].lower() in lex.predicate_words
        ):
            continue  # "he was alive and a prisoner of war": a second predicate
        if lang == "en" and _GENERIC_MODAL.match(text, end):
            continue  # "a prisoner of war must be able to write home": anyone, no one person
        if (start and text[start - 1] in "’'") or (before and text[start - 2 : start] == "’s"):
            continue
        # Apposition: "a Russian soldier, Roman Ivanishin," or "Pavel Guguyev, a former POW,".
        owner = next(
            (
                e
                for (a, b), e in spans.items()
                if (0 <= a - end <= 2 and text[end:a].strip() in ("", ","))
                or (0 <= start - b <= 12 and _APPOSITION_GAP.fullmatch(text[b:start]))
                or (lang != "en" and 0 <= a - end <= 50 and _titled_apposition(text[end:a], lang))
            ),
            None,
        )
        if owner is not None:
            owner.descriptions.append((start, end))
            continue
        desc = text[start:end].rstrip(",")
        entity = Entity(f"u{len(out) + 1}", desc, desc, unnamed=True)
        entity.mentions.append((start, start + len(desc)))
        entity.bare = (start, end) in bare
        out.append(entity)
    return out


# A participle of release and a comrade noun: one specific freed person ("звільнений з полону
# побратим", "освобождённый из плена сослуживец"), the name after it in its case his.
_FREED_COMRADE = re.compile(
    r"(?<![\w-])(?:звільнен|повернут|обмінян|освобожд[её]нн|вернувш|обменянн|вызволенн)\w*\s+"
    r"(?:з|із|из)\s+(?:полону|плена|неволі|неволи)\s+(?:побратим|товариш|сослуживец|"
    r"однополчанин|хлопець|парень)(?![\w-])",
    re.IGNORECASE,
)
_NEXT_NAME_WORD = re.compile(r"[ \t]+([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)")
# A first-person pronoun and a comma or dash before a description: the narrator's own.
_SELF_BEFORE = re.compile(r"(?<![\w-])(?:я|мені|мне|меня|мене|I)\s*(?:,|[—–-])\s*$", re.IGNORECASE)
# ", старшого лейтенанта " between a description and a name: a rank or title in apposition.
_TITLE_GAP = re.compile(r",\s+((?:[а-яёіїєґ'’ʼ-]+\s+){1,3})")


def _titled_apposition(gap: str, lang: str) -> bool:
    """True when a comma and one to three lowercase nouns or adjectives, no verb, join a
    description to a name ("ще одного полоненого, старшого лейтенанта Дениса Власова")."""
    m = _TITLE_GAP.fullmatch(gap)
    if m is None:
        return False
    for word in m.group(1).split():
        found = parses(word, lang)
        if not found or not found[0].tag.grammemes & {"NOUN", "ADJF", "PRTF"}:
            return False
    return True


_GENERIC_MODAL = re.compile(r"\s+(?:must|should|can|cannot|may)\s", re.IGNORECASE)
_CAPITAL = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]*")
_TOKEN = re.compile(r"[\w'’ʼ-]+|[^\w\s]")
_KIN_REACH = 4  # words between a kinship noun and the given name it introduces
_STOP = frozenset('.;:!?—–«»"“”()')


def _given_nominative(
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


def _kin_case(noun: str, lang: str) -> tuple[frozenset[str], str | None]:
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


def _oblique_only(word: str, name: str, lang: str) -> bool:
    """True when every reading of `word` as the given name `name` is in a possessor case
    ("Миколи", "Эрнеста" for Эрнест): a kinship noun before it is someone else's."""
    if lang == "en":
        return False
    mine = [
        r for r in readings(word, lang) if r.kind == "Name" and fold(r.nominative) == fold(name)
    ]
    return bool(mine) and all(r.case in ("gent", "accs") for r in mine)


def _agrees(noun: str, word: str, lang: str) -> bool:
    """True when a given name stands in apposition to a noun, in its case ("военнослужащий
    Сергей", "захисника Андрія"); not a possessor after it ("боец Ахмата", "бойцы Азова")."""
    cases, _ = _kin_case(noun, lang)
    wanted = cases or {"nomn"}
    return any(
        r.kind == "Name" and r.score >= 0.3 and r.case in wanted for r in readings(word, lang)
    )


def _possessor_before_name(window: str, tok: re.Match[str], lang: str) -> bool:
    """True when a given name only in a possessor case comes right before another given name
    in the nominative ("мама Андрея Татьяна")."""
    if lang == "en":
        return False
    nxt = _NEXT_CAPITAL.match(window, tok.end())
    names = [r for r in readings(tok.group(0), lang) if r.kind == "Name" and r.score >= 0.3]
    if nxt is None or not names or any(r.case == "nomn" for r in names):
        return False
    return any(
        r.kind == "Name" and r.case == "nomn" and r.score >= 0.8  # a surname may guess 0.5
        for r in readings(nxt.group(1), lang)
    )


def given_name_persons(text: str, lang: str, entities: list[Entity]) -> list[Entity]:
    """Persons named by a given name alone where a cue says it is one: after a kinship noun ("жены
    Смирнова Марины", "his sister, Maria", "шукає сина — Олександра") or before a pseudonym note
    ("Oleg (not his real name)"). Each one's later mentions by that name (in any case form) are
    added."""
    lex = person_lexicon(lang)
    taken = [span for e in entities for span in e.mentions]
    known = {fold(e.given) for e in entities if e.given}
    found: dict[str, Entity] = {}

    def free(a: int) -> bool:
        return not any(x <= a < y for x, y in taken)

    def add(word: re.Match[str], base: int, kin: str = "", gendered: bool = True) -> None:
        a, b = base + word.start(), base + word.end()
        after = text[b : b + 2]
        if not free(a) or (after[:1] == " " and after[1:2].isupper()):
            return  # part of a fuller name
        cases, sex = _kin_case(kin, lang)
        nom = _given_nominative(word.group(0), lang, cases, sex if gendered else None)
        if nom is None or fold(nom[0]) in known or fold(nom[0]) in found:
            return
        if lang != "en" and any(
            fold(r.nominative) in known for r in readings(word.group(0), lang) if r.kind == "Name"
        ):
            return  # "брата Петра" after "Петро Бойко": Петро again, not a woman named Петра
        e = Entity(f"g{len(found) + 1}", nom[0], word.group(0), given=nom[0])
        e.gender = nom[1]
        found[fold(nom[0])] = e

    for cue in lex.roles["relative"].finditer(text):
        window = text[cue.end() : cue.end() + 70]
        for n, tok in enumerate(_TOKEN.finditer(window)):
            if n == 0 and tok.group(0) in "—–":
                continue  # "шукає сина — Олександра"
            if n > _KIN_REACH or tok.group(0) in _STOP:
                break
            if _CAPITAL.fullmatch(tok.group(0)) and free(cue.end() + tok.start()):
                if _possessor_before_name(window, tok, lang):
                    continue  # "мама Андрея Татьяна": the mother is Татьяна, Андрей's
                add(tok, cue.end(), cue.group(0))
                break
    # A soldier's or prisoner's noun right before a given name ("военнослужащий Сергей",
    # "Нацгвардієць Владислав", "захисника Андрія"): the name is his, in the noun's case.
    # In English a rank does it ("Sergeant Andriy, who had been held …").
    # A word of address does it too ("пані Наталя").
    cues = (
        [lex.titles]
        if lang == "en"
        else [lex.roles[r] for r in (*_SOLDIER_CUES, "honorific", "name_cue") if r in lex.roles]
    )
    following = _NEXT_LATIN if lang == "en" else _NEXT_CAPITAL
    common = lex.roles.get("name_cue")  # "координатору Светлане": the noun's gender is no hint
    for pattern in cues:
        for cue in pattern.finditer(text):
            nxt = following.match(text, cue.end())
            if (
                nxt
                and free(nxt.start(1))
                and not nxt.group(1).isupper()
                and (lang == "en" or _agrees(cue.group(0), nxt.group(1), lang))
            ):
                given = _CAPITAL.match(text, nxt.start(1))
                if given:
                    add(given, 0, cue.group(0), pattern is not common)
    if lang != "en":
        # "Ірина з сином Микитою": who is with a relative is a person too.
        for m in _WITH_KIN.finditer(text):
            given = _CAPITAL.match(text, m.start(1))
            if given and lex.roles["relative"].match(text, m.end()):
                add(given, 0)
    for pattern in lex.pseudonym:
        for m in pattern.finditer(text):
            pseudonym = _CAPITAL.match(m.group(1))
            if pseudonym:
                add(pseudonym, m.start(1))
    # "Валентина, мама Андрея": a given name in apposition to a kinship noun after it.
    for m in _NAME_COMMA.finditer(text):
        rest = _OWNER_WORD.match(text, m.end())
        if lex.roles["relative"].match(text, rest.end() if rest else m.end()):
            add(m, 0)
    # "Ihor, 32, said": a given name with an age.
    for m in _NAME_AGE.finditer(text):
        after = text[m.end() : m.end() + 30]
        if any(p.match(after) for p in lex.age_after):
            add(m, 0)
    # "Ruslan, a 27-year-old from Bryansk", "Halyna, a nurse from Berdiansk", "said Serhii, who
    # was captured": a known given name with an apposition or, after a verb of saying, a
    # relative clause.
    if lang == "en":
        for m in _NAME_APPOSED_EN.finditer(text):
            said = _SAID_BEFORE.search(text, max(0, m.start() - 12), m.start())
            if _PLACE_PREP_EN.search(text, max(0, m.start() - 6), m.start()):
                continue  # "the town of Sophia, a …", "in Victoria, a …": a place
            if _CAPITAL_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue  # the end of a fuller name
            if m.group(0).lower() in latin_given_names() and (m.group("apposed") or said):
                add(m, 0)
    # "Владиславу 27 лет, он из Кургана": a given name in the dative with an age after it.
    if lang != "en":
        for m in _DATIVE_AGE.finditer(text):
            if any(
                r.kind == "Name" and r.case == "datv" and r.score >= 0.3
                for r in readings(m.group(0), lang)
            ):
                add(m, 0, "", True)
    # "— розповіла Ганна.", "його звуть Тарас", a first name told three times (lone_given.py).
    for m in lone_given_names(text, lang):
        add(m, 0, "", True)
    # "Лёха с позывным «Тайга»", "Женя из Брянска": a given name (a diminutive too) before a
    # call sign or a home town.
    if lang != "en":
        for m in _NAME_FROM.finditer(text):
            if _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Петров Женя из …": part of a fuller name
            if any(r.kind == "Name" and r.score >= 0.5 for r in readings(m.group(0), lang)):
                add(m, 0, "", True)
    # Dash appositions: "хлопець з нашої роти, — Олег із Житомира" (a person noun, then the
    # given name after a dash) and "з Андрієм — хлопцем із Рівного" (the name, then a person
    # noun in its case after a dash).
    if lang != "en":
        nouns = [lex.roles[r] for r in (*_SOLDIER_CUES, "name_cue") if r in lex.roles]
        for m in _DASH_THEN_NAME.finditer(text):
            lo = max(0, m.start() - 60)
            clause = _CLAUSE_CUT.split(text[lo : m.start()])[-1]
            if any(p.search(clause) for p in nouns) and any(
                r.kind == "Name" and r.score >= 0.5 for r in readings(m.group(1), lang)
            ):
                add(_CAPITAL.match(text, m.start(1)), 0, "", True)
        for m in _NAME_THEN_DASH.finditer(text):
            if _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Петров Олег — …": part of a fuller name
            noun = m.group(2)
            if any(p.fullmatch(noun) for p in nouns) and _agrees(noun, m.group(1), lang):
                add(_CAPITAL.match(text, m.start(1)), 0, "", True)
    # "Ігор В.": a given name and the initial of a surname withheld.
    for m in _INITIAL_SURNAME.finditer(text):
        given = _CAPITAL.match(text, m.start())
        nom = _given_nominative(m.group(1), lang) if given else None
        if given is None or nom is None or not free(m.start()) or fold(nom[0]) in known:
            continue
        before = text[max(0, m.start() - 2) : m.start()]
        if before[:1].isupper() or before[-1:].isalpha():
            continue
        e = Entity(f"g{len(found) + 1}", f"{nom[0]} {m.group(2)}.", m.group(0), given=nom[0])
        e.gender = nom[1]
        e.mentions.append(m.span())
        taken.append(m.span())
        found[fold(nom[0])] = e
    # "For weeks Alina knew nothing … he phoned Alina": a known given name standing alone
    # again and again, once at least inside a sentence, is a person named by it.
    if lang == "en":
        seen: dict[str, list[re.Match[str]]] = {}
        for m in _LONE_CAPITAL.finditer(text):
            low = m.group(0).lower()
            if (
                low in latin_given_names()
                and low not in _NAME_WORDS_EN
                and free(m.start())
                and not _CAPITAL_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
            ):
                seen.setdefault(low, []).append(m)
        for hits in seen.values():
            inside = [
                m
                for m in hits
                if _LOWER_BEFORE.search(text, max(0, m.start() - 20), m.start())
                and not _PLACE_PREP_EN.search(text, max(0, m.start() - 6), m.start())
            ]
            if len(hits) >= _LONE_REPEATS and inside:
                add(inside[0], 0)
    # "нас с Лёхой и Женей поменяли", "мене з Сашком": given names in the instrumental told
    # together with the narrator are persons.
    for m in _US_WITH_NAMES.finditer(text) if lang != "en" else ():
        for tok in _CAPITAL.finditer(m.group(0), m.start(1) - m.start()):
            found_names = readings(tok.group(0), lang)
            if any(r.kind == "Name" and r.case == "ablt" and r.score >= 0.5 for r in found_names):
                add(tok, m.start(), "", True)
    # "Лёха «Тайга»": a given name with a call sign in quotes right after it; the call sign is
    # a variant of the man, not a person of his own.
    quoted: list[tuple[str, tuple[int, int]]] = []
    for m in _NAME_QUOTED_SIGN.finditer(text) if lang != "en" else ():
        if _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "Петров Лёха «…»": part of a fuller name
        if not any(r.kind == "Name" and r.score >= 0.5 for r in readings(m.group(0), lang)):
            continue
        add(m, 0, "", True)
        nom = _given_nominative(m.group(0), lang)
        if nom is not None and fold(nom[0]) in found:
            quoted.append((nom[0], m.span(1)))
    for tok in _CAPITAL.finditer(text) if found else ():
        if not free(tok.start()):
            continue
        word = tok.group(0)
        if lang == "en":
            names = [word] if word.lower() in latin_given_names() else []
        else:
            names = [r.nominative for r in readings(word, lang) if r.kind == "Name"]
        e = next((found[fold(n)] for n in names if fold(n) in found), None)
        if e is not None:
            e.mentions.append(tok.span())
            if _oblique_only(word, e.name, lang):
                e.genitive.add(tok.start())
            if word != e.surface and word not in e.variants:
                e.variants.append(word)
    for given, span in quoted:
        e, sign = found[fold(given)], text[span[0] : span[1]]
        if e.mentions and sign not in e.variants:
            e.variants.append(sign)
            e.mentions = sorted({*e.mentions, span, *_sign_mentions(text, sign, taken)})
    named = [e for e in found.values() if e.mentions]
    # Call signs after a given name found here are his too ("Лёха с позывным «Тайга»").
    return named + _call_sign_persons(text, lang, lex, entities + named, taken)


_NAME_APPOSED_EN = re.compile(
    r"(?<![\w'’-])[A-Z][a-z'’-]+(?=,[ \t]+(?:(?P<apposed>an?[ \t]+[a-z\d])|who[ \t]|whom[ \t]))"
)
# A capitalised word with no capitalised word right before or after it (on the same line).
_LONE_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?![\w'’-])(?![ \t]+[A-Z])")
_CAPITAL_WORD_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]+$")
_LOWER_BEFORE = re.compile(r"[a-z,][ \t]+$")
_LONE_REPEATS = 3
# Given names that are also English words, capitalised at a sentence start or as a proper
# noun of another kind ("Islam", "Will", "Mark").
_NAME_WORDS_EN = frozenset(
    [
        *("islam", "said", "server", "will", "mark", "grace", "hope", "may", "art", "bill"),
        *("frank", "nail", "rais", "regina", "victoria", "sophia", "georgia", "max", "ray"),
        *("rose", "faith", "joy", "summer", "dawn", "august", "jack"),
    ]
)
_PLACE_PREP_EN = re.compile(r"(?<![\w-])(?:of|in|at|from|near|to|into)[ \t]+$")
_SAID_BEFORE = re.compile(r"(?<![\w-])(?:said|says|told|recalled|added)[ \t]+$")
_NAME_COMMA = re.compile(r"(?<![\w'’ʼ-])[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+(?=,\s)")
_OWNER_WORD = re.compile(r",\s+(?:(?:his|her|their|the|его|её|ее|його|її)\s+)?", re.IGNORECASE)
_NAME_AGE = re.compile(r"(?<![\w'’ʼ-])[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+(?=\s*[,(]\s*\d)")
_DATIVE_AGE = re.compile(
    r"(?<![\w'’ʼ-])[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+(?=[ \t]+(?:(?:уже|уж|вже|было|було|исполнилось|"
    r"виповнилося)[ \t]+)?\d{1,2}[ \t]+(?:лет|год|года|років|роки|рік)(?![\w-]))"
)
_NAME_FROM = re.compile(
    r"(?<![\w'’ʼ-])[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+(?=[ \t]+(?:(?:с|з)[ \t]+позывн\w+|з[ \t]+позивн\w+|"
    r"(?:из|з|із)[ \t]+[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+(?![ \t]+[А-ЯЁІЇЄҐ])))"
)
_CAPITAL_BEFORE = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+[ \t]+$")
# A capitalised word after a dash, ending its phrase ("…, — Олег із Житомира", "… — Остап.").
_DASH_THEN_NAME = re.compile(
    r",?[ \t]+[—–][ \t]+([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)(?=[ \t]*[,.;:!?»)]|[ \t]+(?:из|з|із|зі)[ \t]"
    r"|[ \t]*$)",
    re.MULTILINE,
)
# A capitalised word, a dash and a lowercase word ("Андрієм — хлопцем").
_NAME_THEN_DASH = re.compile(
    r"(?<![\w'’ʼ-])([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)[ \t]+[—–][ \t]+([а-яёіїєґ'’ʼ-]+)"
)
# Where a clause ends, looking back from a dash: a sentence end, a colon or a finite verb's
# clause start is not tracked; sentence punctuation is enough.
_CLAUSE_CUT = re.compile(r"[.!?:;\n]")
# Capitalised words joined to a first-person pronoun by "with": "нас с Лёхой и Женей",
# "мене із Сашком та Тарасом" (group 1: where the names start).
_US_WITH_NAMES = re.compile(
    r"(?<![\w-])(?:нас|меня|мы|мене|ми)[ \t]+(?:с|со|з|із|зі)[ \t]+"
    r"([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+"
    r"(?:(?:,[ \t]*|[ \t]+(?:и|і|й|та)[ \t]+)[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+){0,3})",
    re.IGNORECASE,
)
# A given name and a one-word call sign in quotes right after it: "Лёха «Тайга»".
_NAME_QUOTED_SIGN = re.compile(
    r"(?<![\w'’ʼ-])[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+(?=[ \t]+«([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)»)"
)
_INITIAL_SURNAME = re.compile(
    r"(?<![\w'’ʼ-])([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+)[ \t]+([A-ZА-ЯЁІЇЄҐ])\."
    r"(?![ \t]*[A-ZА-ЯЁІЇЄҐ]\.)"
)
# A call sign after its cue word: "позывной «Шаман»", "call sign Grom".
_CALL_SIGN = re.compile(
    r"[ \t]*[«\"“]?([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+)[»\"”]?(?![ \t]+[A-ZА-ЯЁІЇЄҐ])"
)
# Before a cue word, a preposition: the call sign of the noun before it ("товарищ с позывным").
_CALL_PREP = re.compile(
    r"(?:^|\s)(?:с|со|з|із|зі|на|під|под|with|under)(?:\s+(?:the|a))?\s+$", re.I
)
# Between a named person and the cue of his own call sign: nothing, a comma and a short noun
# phrase ("Юру, нашого кулеметника з позивним"), or two words of a clause ("Олега все звали").
_OWN_SIGN_GAP = re.compile(
    r"[ \t]*(?:,[^,.;:!?«»()\n]{0,40}"
    r"|(?:(?!(?:и|і|й|та|а|and|with|с|з)\b)[\w'’ʼ-]+[ \t]+){0,2})",
    re.IGNORECASE,
)
# Right after a name, the preposition of its own call sign: "Лёха с позывным", "Юра з позивним".
_NAME_WITH_SIGN = re.compile(r"[ \t]+(?:с|со|з|із|зі|with)[ \t]+", re.IGNORECASE)
# A given name and its apposition before a call sign's cue: "Юру, нашого кулеметника з ".
_GIVEN_APPOSED = re.compile(
    r"(?<![\w'’ʼ-])([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’ʼ-]+),[^,.;:!?«»()\n]{1,40}\Z"
)
_SIGN_ENDINGS = "(?:а|у|ом|ем|е|і|ові|ою|ой|ы|и|у)?"
# A call sign told as a sentence of its own ("… бригади. Позивний «Малий».", "Позывной «Пчела»"
# on its line): the sign of the person described just before.
_SENTENCE_OPENS = re.compile(r"(?:^|[.!…]|\n)[ \t]*\Z")
_SIGN_ALONE = re.compile(r"[»\"”]?[ \t]*(?:[.!…]|\n|\Z)")


def _call_sign_persons(
    text: str, lang: str, lex: PersonLexicon, entities: list[Entity], taken: list[tuple[int, int]]
) -> list[Entity]:
    """Persons known by a call sign ("его товарищ с позывным «Шаман»", "все звали «Батя»").
    A call sign told with a named person is his (a variant, "Микола Гнатюк, позивний «Бинт»"):
    right after the name or its apposition, or, in the bare form ("…, позывной Ворон"), after
    the person last named on that line."""
    pattern = lex.roles.get("call_sign")
    if pattern is None:
        return []
    known = {fold(v) for e in entities for v in (e.name, e.surface, *e.variants)}
    mentions = sorted((b, a, e) for e in entities for a, b in e.mentions)
    out: dict[str, Entity] = {}
    for cue in pattern.finditer(text):
        m = _CALL_SIGN.match(text, cue.end())
        if m is None or fold(m.group(1)) in known or fold(m.group(1)) in out:
            continue
        sign = m.group(1)
        prep = _CALL_PREP.search(text, max(0, cue.start() - 12), cue.start()) is not None
        before = [x for x in mentions if cue.start() - 300 <= x[0] <= cue.start()]
        owner = None
        if before:
            end, begin, e = before[-1]
            gap = text[end : cue.start()]
            bare = not prep and text[cue.start() - 2 : cue.start()].strip() in (",", "")
            if (
                (bare and "\n" not in gap)
                or (
                    _SIGN_ALONE.match(text, m.end())
                    and _SENTENCE_OPENS.search(text, max(0, cue.start() - 3), cue.start())
                )
                or _OWN_SIGN_GAP.fullmatch(gap)
                # "Лёха с позывным «Тайга»": the name's own (not "побратим Дениса з позивним …")
                or (_NAME_WITH_SIGN.fullmatch(gap) and _nominative_given(text[begin:end], lang))
            ):
                owner = e
        if owner is not None:
            owner.variants.append(sign)
            later = _sign_mentions(text, sign, taken)
            owner.mentions = sorted({*owner.mentions, m.span(1), *later})
            continue
        e = Entity(f"c{len(out) + 1}", sign, sign)
        head = _GIVEN_APPOSED.search(text, max(0, cue.start() - 60), cue.start())
        given = _given_nominative(head.group(1), lang) if head else None
        if (
            head is not None
            and given is not None
            and not any(a <= head.start(1) < b for a, b in taken)
        ):
            # "Юру, нашого кулеметника з позивним «Гном»": the given name is his, the call
            # sign a variant.
            e = Entity(f"c{len(out) + 1}", given[0], head.group(1), given=given[0])
            e.gender, e.variants = given[1], [sign]
            e.mentions.append(head.span(1))
        e.mentions += _sign_mentions(text, sign, taken)
        out[fold(sign)] = e
    return list(out.values())


def _nominative_given(name: str, lang: str) -> bool:
    """True when a given name alone can be in the nominative (the subject, not a possessor)."""
    return any(r.kind == "Name" and r.case == "nomn" for r in readings(name, lang))


def _sign_mentions(text: str, sign: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where a call sign stands in the text (with a case ending), outside names found already."""
    return [
        x.span()
        for x in re.finditer(rf"(?<![\w-]){re.escape(sign)}{_SIGN_ENDINGS}(?![\w-])", text)
        if not any(a <= x.start() < b for a, b in taken)
    ]


# Cue nouns after which a capitalised given name is a soldier's name.
_SOLDIER_CUES = ("soldier", "pow", "former_pow", "missing_soldier")
_NEXT_CAPITAL = re.compile(r"[ \t]+([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)")
_NEXT_LATIN = re.compile(r"[ \t]+([A-Z][a-z'’-]+)")
# A given name followed by "with her son" ("Ірина з сином", "Анна с мужем").
_WITH_KIN = re.compile(
    r"(?<![\w-])([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)\s+(?:разом\s+)?(?:з|із|зі|с|со|вместе\s+с)\s+"
)
_AGED = re.compile(r"(\d{1,2})-(?:year-old|летн|річн)", re.IGNORECASE)
_HEAD_REACH = 20  # how far into its sentence a re-description may start
# Words that introduce someone new ("a 52-year-old soldier", "ещё одному пленному").
_NEW_PERSON = re.compile(
    r"(?<![\w-])(?:a|an|one|another|other|один|одна|одного|одному|ещё|еще|другой|другому|"
    r"інший|іншому|ще|одного|одному)(?![\w-])",
    re.IGNORECASE,
)


# Words that mark a description as someone other than a person named nearby ("another
# soldier", "ещё один пленный", "інший полонений").
_OTHER_PERSON = re.compile(
    r"(?<![\w-])(?:another|other|ещё|еще|другой|другого|другому|інший|іншого|іншому|ще)(?![\w-])",
    re.IGNORECASE,
)
_SINGULAR_PRONOUNS = frozenset(
    {"він", "його", "йому", "ним", "ньому", "вона", "її", "їй", "нею", "ній"}
    | {"он", "его", "ему", "им", "нём", "она", "ей", "ею", "ней"}
)
_FORWARD_REACH = 2  # sentences between a description and the name that follows it
_BARE_FORWARD_REACH = 5  # the same for a description without a determiner


@dataclass
class _Described:
    """A one-mention description and where it stands."""

    entity: Entity
    start: int
    end: int
    sentence: int  # index into the sentence starts
    age: int | None


def _backward_owner(
    text: str, d: _Described, pool: list[Entity], starts: list[int], all_: list[Entity]
) -> Entity | None:
    """The person an aged description opening a sentence describes again: the one named last
    in the previous sentence (or the one before, when the previous names nobody in `pool`)."""
    lo = starts[d.sentence] if d.sentence >= 0 else 0
    lead = text[lo : d.start]
    # "Його обміняли в лютому, і зараз 36-річний сержант …": a pronoun for the person named
    # before carries the sentence up to the description.
    pronoun = any(w.lower() in _SINGULAR_PRONOUNS for w in WORD.findall(lead))
    if (
        d.age is None
        or (len(lead) > _HEAD_REACH and not pronoun)
        or _NEW_PERSON.search(lead + " " + text[d.start : d.end])
        or any(lo <= x < d.start for e in all_ for x, _ in e.mentions)
    ):
        return None
    for back in (1, 2):
        first = starts[d.sentence - back] if d.sentence >= back else lo
        named = [(x, e) for e in pool for x, _ in e.mentions if first <= x < lo]
        if named:
            return max(named, key=lambda p: p[0])[1]
    return None


def _forward_owner(
    d: _Described,
    eligible: list[Entity],
    described: list[_Described],
    starts: list[int],
    text: str = "",
) -> Entity | None:
    """A description that opens the story ("A 24-year-old marine was sentenced …") stands for
    the first person named after it, when nobody is named before it, the name follows within
    two sentences and no other description comes between. A question between them (an
    explainer's subheading, "Who is he?") does not count as a sentence."""
    if any(x < d.start for e in eligible for x, _ in e.mentions):
        return None
    later = [(min(x for x, _ in e.mentions), e) for e in eligible]
    if not later:
        return None
    first, owner = min(later, key=lambda p: p[0])
    # A lead without a determiner ("суд ухвалив вирок російському військовому, який …") is
    # mostly the defendant or returnee the story names a paragraph later.
    reach = _BARE_FORWARD_REACH if d.entity.bare else _FORWARD_REACH
    at = bisect_right(starts, first) - 1
    questions = sum(
        1
        for i in range(d.sentence + 1, at)
        if text[starts[i] : starts[i + 1]].rstrip().endswith("?")
    )
    if at - d.sentence - questions > reach:
        return None
    if any(o is not d and d.start < o.start < first for o in described):
        return None
    return owner


def _same_age_owner(
    d: _Described, eligible: list[Entity], described: list[_Described], ages: dict[str, int | None]
) -> Entity | None:
    """A description with an age stands for the one named person of that age, when no other
    description gives it."""
    if d.age is None or any(o is not d and o.age == d.age for o in described):
        return None
    same = [e for e in eligible if ages.get(e.id) == d.age]
    return same[0] if len(same) == 1 else None


def _fits(d: _Described, e: Entity, ages: dict[str, int | None]) -> bool:
    """Neither the age nor the gender of a description contradicts a named person's."""
    age_ok = d.age is None or ages.get(e.id) in (None, d.age)
    return age_ok and (d.entity.gender is None or e.gender in (None, d.entity.gender))


def redescriptions(
    text: str,
    lang: str,
    entities: list[Entity],
    sentence_starts: list[int],
    skip: set[str],
    ages: dict[str, int | None],
    kin: set[str] | None = None,
) -> list[Entity]:
    """Merge descriptions of a named person into that person; return the entities left.

    A description may describe a person named just before it ("41-летний контрактник попал
    в плен …", "За його словами, 30-річний солдат …"), name the subject of a story before the
    name is given ("A 24-year-old marine was sentenced … Serhiy Bondarenko, 24, …"), or repeat
    a named person's age. No merge when the ages or genders differ or a word marks another
    person. `skip` holds persons who are not described so (officials, lawyers, journalists);
    relatives (`kin`) are described so only by a kinship noun, and only relatives are.
    """
    kin = kin or set()
    relative = person_lexicon(lang).roles["relative"]
    described = []
    for u in entities:
        if u.unnamed and len(u.mentions) == 1:
            a, b = u.mentions[0]
            m = _AGED.search(u.name)
            age = int(m.group(1)) if m else None
            described.append(_Described(u, a, b, bisect_right(sentence_starts, a) - 1, age))
    singles = {d.entity.id for d in described}
    out = [e for e in entities if e.id not in singles]
    for d in described:
        u = d.entity
        kinship = relative.search(u.name) is not None
        pool = [e for e in out if not e.unnamed and e.id not in skip and (e.id in kin) == kinship]
        owner = _backward_owner(text, d, pool, sentence_starts, entities)
        if owner is not None and not _fits(d, owner, ages):
            owner = None
        lead = text[max(0, d.start - 12) : d.start]
        if owner is None and not _OTHER_PERSON.search(lead + " " + u.name):
            eligible = [e for e in pool if _fits(d, e, ages)]
            owner = _forward_owner(
                d, eligible, described, sentence_starts, text
            ) or _same_age_owner(d, eligible, described, ages)
        if owner is None:
            out.append(u)
            continue
        owner.mentions = sorted([*owner.mentions, u.mentions[0]])
        owner.descriptions.append(u.mentions[0])
    order = {e.id: i for i, e in enumerate(entities)}
    return sorted(out, key=lambda e: order[e.id])
