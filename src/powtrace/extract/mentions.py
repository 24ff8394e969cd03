"""More mentions of persons already found: a given name alone, a surname alone (declined in
Russian and Ukrainian; the last-named relative for a shared surname) and an alias ("known as
Husky").

They add to the entities `named_entities` made and create none, so they run after it."""

from __future__ import annotations

import re

from powtrace.extract.given_persons import CAPITAL
from powtrace.extract.lexicon import person_lexicon
from powtrace.extract.namecase import Reading, readings
from powtrace.extract.persons import POSSESSIVE, Entity, given_nominative
from powtrace.extract.text import fold

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
    for tok in CAPITAL.finditer(text):
        a, b = tok.span()
        if any(x <= a < y for x, y in taken) or _FULLER.match(text, b):
            continue  # already a mention, or the start of a fuller name
        word = POSSESSIVE.sub("", tok.group(0)) if lang == "en" else tok.group(0)
        nom = given_nominative(word, lang) or ((word, None) if fold(word) in diminutives else None)
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
