"""Unnamed persons: specific persons described without a name ("a 31-year-old soldier from
Korkino", "One POW", "31-летний военнослужащий"), unless they are appositions of a name or
predicates, and anonymous witnesses by their code ("Witness C").

Apart from `persons.py` because they are found in the text's words, not among name candidates."""

from __future__ import annotations

import re

from powtrace.extract.lexicon import PersonLexicon, person_lexicon
from powtrace.extract.namecase import parses
from powtrace.extract.partitive import partitive_spans
from powtrace.extract.persons import Entity
from powtrace.extract.text import WORD

# Between a name and its description: a comma, perhaps an age ("Serhiy Bondarenko, 27, a marine").
_APPOSITION_GAP = re.compile(r"\s*,\s*(?:\d{1,2}\s*,\s*)?|\s*\(\s*")

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
