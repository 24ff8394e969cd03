"""Structured details of an event from its sentence: sentence term, article, number, agency."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from powtrace.extract.lexicon import agencies
from powtrace.extract.literals import foldable, may_match
from powtrace.extract.numbers import ENGLISH_TERMS

_NUM = r"(\d{1,2}|" + "|".join(sorted(ENGLISH_TERMS, key=len, reverse=True)) + r")"
_TERM = (
    re.compile(rf"\b{_NUM}[- ]years?(?:\s+and\s+(\d{{1,2}})\s+months?)?", re.I),
    re.compile(
        r"\b(\d{1,2})\s+(?:лет|года?|год|років|роки|рік)(?:\s+[иі]\s+(\d{1,2})\s+(?:месяц\w*|місяц\w*))?",
        re.I,
    ),
)
_MONTHS_ONLY = re.compile(r"\b(\d{1,2})\s+(?:months?|месяц\w*|місяц\w*)", re.I)
_KIND = (
    ("suspended", re.compile(r"suspended|условн\w+|умовн\w+", re.I)),
    ("penal_colony", re.compile(r"colony|колони\w+|колоні\w+", re.I)),
    ("fine", re.compile(r"\bfined?\b|штраф\w*", re.I)),
    (
        "prison",
        re.compile(
            r"prison|jail|лишени\w+ свободы|заключени\w+|позбавленн\w+ волі|"
            r"ув'язненн\w+|ув’язненн\w+",
            re.I,
        ),
    ),
)
_ARTICLE = re.compile(
    r"(?:\bArticle|\bart\.|\bст\.|\bстать\w+|\bстатт\w+)\s*(\d{2,3}(?:[.-]\d)?)", re.I
)
_UP_TO = re.compile(r"\b(?:up to|до)\s+$", re.I)
# "До" is "up to" only where a maximum is told ("грозит до 10 лет"); after a verdict it is the
# term itself ("засудили до 15 років").
_MAXIMUM = re.compile(
    r"up to|faces?|facing|maximum|грозит|грози|загрож|карает|караєт|передбач|предусм|максим|"
    r"\bот\s+\d|\bвід\s+\d",
    re.I,
)
_RANGE = re.compile(r"(?:from|от|від)\s+\d{1,2}\s+(?:to|до)\s+$", re.I)
# An age, not a term: "у віці 17 років", "в возрасте 20 лет", "aged 20", "20 years old".
_AGE_BEFORE = re.compile(r"(?:віці|возрасте|age\s+of|aged)\s+$", re.I)
_AGE_AFTER = re.compile(r"^\s*(?:old|от\s+роду)\b", re.I)


def _number(word: str) -> int | None:
    """A number written in digits or as an English word."""
    return int(word) if word.isdigit() else ENGLISH_TERMS.get(word.lower())


def sentence_term(text: str) -> tuple[int | None, str | None]:
    """The prison term in months and the kind of sentence the text states."""
    months = None
    maximum = _MAXIMUM.search(text) is not None
    for pattern in _TERM:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            if _AGE_BEFORE.search(before) or _AGE_AFTER.match(text[m.end() :]):
                continue  # "потрапив у полон у віці 17 років": an age
            if maximum and _UP_TO.search(before):
                continue  # "faces up to eight years" is the maximum, not a sentence
            if _RANGE.search(text[max(0, m.start() - 24) : m.start()]):
                continue  # "from 13 to 23 years": a range of terms, no one term
            years = _number(m.group(1))
            if years is not None:
                months = years * 12 + (int(m.group(2)) if m.group(2) else 0)
                break
        if months:
            break
    if months is None:
        m = _MONTHS_ONLY.search(text)
        months = int(m.group(1)) if m else None
    kind = next((k for k, p in _KIND if p.search(text)), None)
    return months, kind


def article(text: str) -> str | None:
    """The criminal-code article a sentence cites (352.1, 275, 111)."""
    m = _ARTICLE.search(text)
    return m.group(1).replace("-", ".") if m else None


@lru_cache(maxsize=4096)
def agency(text: str) -> str | None:
    """The agencies a sentence names, in the order they appear, joined by '; '.

    Cached: each event of a sentence asks again.
    """
    lowered = text.lower() if foldable(text) else None
    found = []
    for name, pattern, needs in agencies():
        if lowered is not None and not may_match(needs, lowered):
            continue
        m = pattern.search(text)
        if m:
            found.append((m.start(), name))
    names = [n for _, n in sorted(found)]
    if "military prosecutor" in names and "prosecutor" in names:
        names.remove("prosecutor")
    return "; ".join(names) or None


def details_for(event_type: str, sentence: str, allowed: set[str]) -> dict[str, Any]:
    """The details of the vocabulary type `event_type` that the sentence states."""
    out: dict[str, Any] = {}
    if "term_months" in allowed:
        months, kind = sentence_term(sentence)
        if months:
            out["term_months"] = months
        if kind and "kind" in allowed:
            out["kind"] = kind
    if "article" in allowed:
        found = article(sentence)
        if found:
            out["article"] = found
    return out
