"""Persons named by a given name alone where a cue says it is one ("жены Смирнова Марины", "his
sister, Maria", "Oleg (not his real name)"), and persons known by a call sign ("с позывным
«Шаман»").

Apart from `persons.py` because a lone given name is no name candidate: these rules look for
the cues that make one a person."""

from __future__ import annotations

import re

from powtrace.extract.lexicon import PersonLexicon, latin_given_names, person_lexicon
from powtrace.extract.lone_given import lone_given_names
from powtrace.extract.namecase import readings
from powtrace.extract.persons import (
    NEXT_CAPITAL,
    Entity,
    given_nominative,
    kin_case,
    possessor_before_name,
)
from powtrace.extract.text import fold

CAPITAL = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]*")

_TOKEN = re.compile(r"[\w'’ʼ-]+|[^\w\s]")

_KIN_REACH = 4  # words between a kinship noun and the given name it introduces

_STOP = frozenset('.;:!?—–«»"“”()')


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
    cases, _ = kin_case(noun, lang)
    wanted = cases or {"nomn"}
    return any(
        r.kind == "Name" and r.score >= 0.3 and r.case in wanted for r in readings(word, lang)
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
        cases, sex = kin_case(kin, lang)
        nom = given_nominative(word.group(0), lang, cases, sex if gendered else None)
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
            if CAPITAL.fullmatch(tok.group(0)) and free(cue.end() + tok.start()):
                if possessor_before_name(window, tok, lang):
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
    following = _NEXT_LATIN if lang == "en" else NEXT_CAPITAL
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
                given = CAPITAL.match(text, nxt.start(1))
                if given:
                    add(given, 0, cue.group(0), pattern is not common)
    if lang != "en":
        # "Ірина з сином Микитою": who is with a relative is a person too.
        for m in _WITH_KIN.finditer(text):
            given = CAPITAL.match(text, m.start(1))
            if given and lex.roles["relative"].match(text, m.end()):
                add(given, 0)
    for pattern in lex.pseudonym:
        for m in pattern.finditer(text):
            pseudonym = CAPITAL.match(m.group(1))
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
                add(CAPITAL.match(text, m.start(1)), 0, "", True)
        for m in _NAME_THEN_DASH.finditer(text):
            if _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue  # "Петров Олег — …": part of a fuller name
            noun = m.group(2)
            if any(p.fullmatch(noun) for p in nouns) and _agrees(noun, m.group(1), lang):
                add(CAPITAL.match(text, m.start(1)), 0, "", True)
    # "Ігор В.": a given name and the initial of a surname withheld.
    for m in _INITIAL_SURNAME.finditer(text):
        given = CAPITAL.match(text, m.start())
        nom = given_nominative(m.group(1), lang) if given else None
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
        for tok in CAPITAL.finditer(m.group(0), m.start(1) - m.start()):
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
        nom = given_nominative(m.group(0), lang)
        if nom is not None and fold(nom[0]) in found:
            quoted.append((nom[0], m.span(1)))
    for tok in CAPITAL.finditer(text) if found else ():
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
        given = given_nominative(head.group(1), lang) if head else None
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

_NEXT_LATIN = re.compile(r"[ \t]+([A-Z][a-z'’-]+)")

# A given name followed by "with her son" ("Ірина з сином", "Анна с мужем").
_WITH_KIN = re.compile(
    r"(?<![\w-])([А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]+)\s+(?:разом\s+)?(?:з|із|зі|с|со|вместе\s+с)\s+"
)
