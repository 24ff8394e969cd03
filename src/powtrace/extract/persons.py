"""Persons in a text: named ones (clustered with their surname-only mentions) and unnamed ones."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from powtrace.extract.lexicon import PersonLexicon, latin_given_names, person_lexicon
from powtrace.extract.namecase import nominative, readings
from powtrace.extract.ner import Candidate
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


def _clean(text: str, start: int, lex: PersonLexicon) -> tuple[int, str] | None:
    """Drop titles in front and a possessive at the end; None when nothing name-like is left."""
    if "\n" in text:
        return None
    words = list(WORD.finditer(text))
    while words and lex.titles.fullmatch(words[0].group(0)) and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    a, b = words[0].start(), words[-1].end()
    body = _POSSESSIVE.sub("", text[a:b])
    return start + a, body


def _english_ok(words: list[str], text: str, start: int, end: int, lex: PersonLexicon) -> bool:
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
    return bool(_SAYS.match(after) or any(p.match(after) for p in lex.age_after))


def _gender_hint(text: str, end: int, lang: str) -> str | None:
    """The gender of a past-tense verb right after a Cyrillic name (сообщила → f)."""
    after = text[end : end + 25]
    if _CYR_PAST_F.match(after):
        return "f"
    if _CYR_PAST_M.match(after):
        return "m"
    return None


def _english_rules(text: str) -> list[Candidate]:
    """Given name + capitalised word(s), for names the statistical model misses."""
    out = []
    for m in re.finditer(r"\b([A-Z][a-z]+)((?:\s+[A-Z][\w’'-]+){1,2})", text):
        if m.group(1).lower() in latin_given_names():
            out.append(Candidate(m.start(), m.end(), m.group(0), "PER", "rules"))
    return out


def _same_given(a: str | None, b: str | None) -> bool:
    """True when given names do not contradict (one missing, equal, or an initial)."""
    if not a or not b:
        return True
    fa, fb = fold(a).rstrip("."), fold(b).rstrip(".")
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def named_entities(text: str, lang: str, cands: list[Candidate]) -> list[Entity]:
    """Validate name candidates, bring them to the nominative and cluster them by surname."""
    lex = person_lexicon(lang)
    pool = [c for c in cands if c.label == "PER"]
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
            if not _english_ok(words, text, start, end, lex):
                continue
            given, surname, gender, full = words[0], words[-1], None, " ".join(words)
        else:
            if not any(readings(w, lang) for w in words):
                continue
            nom = nominative(tuple(words[:3]), lang, _gender_hint(text, end, lang))
            if nom.given is None and nom.patronymic is None:
                continue  # no given name or patronymic: a place or organisation, not a person
            given, surname, gender, full = nom.given, nom.surname, nom.gender, nom.text
            genitive = nom.case == "gent"
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
    return entities


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
                # Relatives share a surname: the one named last before this mention is meant.
                last = [
                    (max((a for a, _ in e.mentions if a < m.start()), default=-1), e)
                    for e in owners
                ]
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
                    found[-1].mentions.append(m.span())
                    if r.case == "gent":
                        found[-1].genitive.add(m.start())
                    break
    for e in entities:
        e.mentions.sort()


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


def unnamed_entities(text: str, lang: str, entities: list[Entity]) -> list[Entity]:
    """Specific persons described without a name; appositions to a name describe that name."""
    lex = person_lexicon(lang)
    spans = {span: e for e in entities for span in e.mentions}
    out: list[Entity] = []
    for m in lex.unnamed.finditer(text):
        start, end = m.span()
        if any(a < end and start < b for a, b in spans):
            continue
        nxt = re.match(r"\s*([\w-]+)", text[end : end + 30])
        if text[end : end + 1] == "-" or (nxt and nxt.group(1).lower() in lex.compound_nouns):
            continue
        before = WORD.findall(text[max(0, start - 20) : start])
        last = before[-1].lower() if before else ""
        if last in lex.predicate_words or last.endswith(("’re", "'re")):
            continue  # "he is a prisoner", "you're a prisoner of war": a predicate, no person
        if text[start - 1 : start] in "’'" or (before and text[start - 2 : start] == "’s"):
            continue
        # Apposition: "a Russian soldier, Roman Ivanishin," or "Pavel Guguyev, a former POW,".
        owner = next(
            (
                e
                for (a, b), e in spans.items()
                if (0 <= a - end <= 2 and text[end:a].strip() in ("", ","))
                or (0 <= start - b <= 12 and _APPOSITION_GAP.fullmatch(text[b:start]))
            ),
            None,
        )
        if owner is not None:
            owner.descriptions.append((start, end))
            continue
        desc = text[start:end].rstrip(",")
        entity = Entity(f"u{len(out) + 1}", desc, desc, unnamed=True)
        entity.mentions.append((start, start + len(desc)))
        out.append(entity)
    return out
