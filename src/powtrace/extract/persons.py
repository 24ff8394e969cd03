"""Persons in a text: named ones (clustered with their surname-only mentions) and unnamed ones."""

from __future__ import annotations

import re
from bisect import bisect_right
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


_CAPITAL = re.compile(r"[A-ZА-ЯЁІЇЄҐ][\w'’ʼ-]*")
_TOKEN = re.compile(r"[\w'’ʼ-]+|[^\w\s]")
_KIN_REACH = 4  # words between a kinship noun and the given name it introduces
_STOP = frozenset('.;:!?—–«»"“”()')


def _given_nominative(word: str, lang: str) -> tuple[str, str | None] | None:
    """The nominative and gender of a given name, or None when `word` is not one."""
    if lang == "en":
        return (word, None) if word.lower() in latin_given_names() else None
    for r in readings(word, lang):
        if r.kind == "Name" and r.score >= 0.3:
            return r.nominative, r.gender
    return None


def given_name_persons(text: str, lang: str, entities: list[Entity]) -> list[Entity]:
    """Persons named by a given name alone where a cue says it is one: after a kinship noun ("жены
    Смирнова Марины", "his sister, Maria") or before a pseudonym note ("Oleg (not his real name)").
    Each one's later mentions by that name (in any case form) are added."""
    lex = person_lexicon(lang)
    taken = [span for e in entities for span in e.mentions]
    known = {fold(e.given) for e in entities if e.given}
    found: dict[str, Entity] = {}

    def free(a: int) -> bool:
        return not any(x <= a < y for x, y in taken)

    def add(word: re.Match[str], base: int) -> None:
        a, b = base + word.start(), base + word.end()
        after = text[b : b + 2]
        if not free(a) or (after[:1] == " " and after[1:2].isupper()):
            return  # part of a fuller name
        nom = _given_nominative(word.group(0), lang)
        if nom is None or fold(nom[0]) in known or fold(nom[0]) in found:
            return
        e = Entity(f"g{len(found) + 1}", nom[0], word.group(0), given=nom[0])
        e.gender = nom[1]
        found[fold(nom[0])] = e

    for cue in lex.roles["relative"].finditer(text):
        window = text[cue.end() : cue.end() + 70]
        for n, tok in enumerate(_TOKEN.finditer(window)):
            if n > _KIN_REACH or tok.group(0) in _STOP:
                break
            if _CAPITAL.fullmatch(tok.group(0)) and free(cue.end() + tok.start()):
                add(tok, cue.end())
                break
    for pattern in lex.pseudonym:
        for m in pattern.finditer(text):
            word = _CAPITAL.match(m.group(1))
            if word:
                add(word, m.start(1))
    if not found:
        return []
    for tok in _CAPITAL.finditer(text):
        if not free(tok.start()):
            continue
        nom = _given_nominative(tok.group(0), lang)
        e = found.get(fold(nom[0])) if nom else None
        if e is not None:
            e.mentions.append(tok.span())
            if tok.group(0) != e.surface and tok.group(0) not in e.variants:
                e.variants.append(tok.group(0))
    return [e for e in found.values() if e.mentions]


_AGED = re.compile(r"(\d{1,2})-(?:year-old|летн|річн)", re.IGNORECASE)
_HEAD_REACH = 20  # how far into its sentence a re-description may start
# Words that introduce someone new ("a 52-year-old soldier", "ещё одному пленному").
_NEW_PERSON = re.compile(
    r"(?<![\w-])(?:a|an|one|another|other|один|одна|одного|одному|ещё|еще|другой|другому|"
    r"інший|іншому|ще|одного|одному)(?![\w-])",
    re.IGNORECASE,
)


def redescriptions(
    text: str,
    entities: list[Entity],
    sentence_starts: list[int],
    skip: set[str],
    ages: dict[str, int | None],
) -> list[Entity]:
    """Merge re-descriptions into the person they describe; return the entities left.

    A description with an age that opens a sentence ("41-летний контрактник попал в плен
    …", "За його словами, 30-річний солдат …") right after a sentence naming someone
    describes that person again, unless the ages differ or a word marks a new person. `skip`
    holds persons who are not described so (officials, lawyers, journalists).
    """
    out: list[Entity] = []
    for u in entities:
        m = _AGED.search(u.name) if u.unnamed and len(u.mentions) == 1 else None
        owner = None
        if m:
            a, b = u.mentions[0]
            i = bisect_right(sentence_starts, a) - 1
            lo = sentence_starts[i] if i >= 0 else 0
            prev = sentence_starts[i - 1] if i >= 1 else lo
            lead = text[lo:a]
            if (
                len(lead) <= _HEAD_REACH
                and not _NEW_PERSON.search(lead + " " + text[a:b])
                and not any(lo <= x < a for e in entities for x, _ in e.mentions)
            ):
                named = [
                    (x, e)
                    for e in entities
                    if not e.unnamed and e.id not in skip
                    for x, _ in e.mentions
                    if prev <= x < lo
                ]
                if named:
                    owner = max(named, key=lambda p: p[0])[1]
                    if ages.get(owner.id) not in (None, int(m.group(1))):
                        owner = None
        if owner is None:
            out.append(u)
            continue
        owner.mentions = sorted([*owner.mentions, u.mentions[0]])
        owner.descriptions.append(u.mentions[0])
    return out
