"""The literal prefilter may skip a pattern only where the pattern cannot match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from powtrace.extract.dates import _HEADS, _PATTERNS
from powtrace.extract.lexicon import LANGUAGES, agencies, event_lexicon
from powtrace.extract.literals import foldable, heads, may_match
from powtrace.extract.text import split_sentences

from .test_triggers import CASES

TEXTS = Path(__file__).resolve().parents[2] / "bench" / "extraction" / "texts"
# Letters that the regex engine folds to Latin or Cyrillic ones without str.lower() doing so.
TRICKY = {"s": "ſ", "i": "ı", "k": "\u212a", "в": "\u1c80", "о": "\u1c82", "т": "\u1c84"}


def _all_patterns() -> list[tuple[re.Pattern[str], frozenset[str] | None]]:
    """Every pattern the extractor prefilters, with its heads."""
    out = [(p, h) for lang in LANGUAGES for _, p, h in event_lexicon(lang).scan]
    out += [(p, h) for _, p, h in agencies()]
    out += [(p, h) for (p, _), h in zip(_PATTERNS, _HEADS, strict=True)]
    return out


def _sentences() -> list[str]:
    """Trigger examples and the benchmark's own texts, as written and with their case and
    letters altered."""
    base = [s for case in CASES for s in case[1:]]
    for path in sorted(TEXTS.glob("*.txt")):
        base += [s.text for s in split_sentences(path.read_text("utf-8"))]
    rng = random.Random(7)
    out = list(base)
    for s in base:
        out += [s.upper(), s.title()]
        out.append("".join(TRICKY.get(c, c) if rng.random() < 0.5 else c for c in s))
    return out


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (re.compile(r"\b(?:was|were)\s+captured\b", re.I), {"captured"}),
        (re.compile(r"\bсдал(?:ся|ась|ись)\b", re.I), {"сдался", "сдалась", "сдались"}),
        (re.compile(r"\bна\s+[Рр]одину\b"), {"родину"}),
        (re.compile(r"\b(?:being\s+)?interviewed\b", re.I), {"interviewed"}),
        (re.compile(r"\b\w+\s+\d+\b"), None),  # nothing literal to test
        (re.compile(r"\bé(?:té|tait)\b"), None),  # outside Latin and Cyrillic: never skipped
    ],
)
def test_heads(pattern: re.Pattern[str], expected: set[str] | None) -> None:
    assert heads(pattern) == (None if expected is None else frozenset(expected))


def test_text_with_letters_folded_by_other_rules_is_not_judged() -> None:
    assert foldable("«Иван» — Ivan’s 2024 “capture”")
    for text in ("ſurrendered", "ıll", "\u212aursk", "\u1c80 плен", "café"):
        assert not foldable(text)


def test_no_match_is_ever_skipped() -> None:
    patterns = _all_patterns()
    assert sum(h is not None for _, h in patterns) > 0.9 * len(patterns)
    skipped = 0
    for text in _sentences():
        lowered = text.lower() if foldable(text) else None
        for pattern, found in patterns:
            if lowered is not None and not may_match(found, lowered):
                skipped += 1
                assert pattern.search(text) is None, (pattern.pattern, text)
    assert skipped > 0


def test_sentence_breaks_after_long_tokens() -> None:
    """A token longer than the look-back is read whole, as before the look-back existed."""
    cases = {
        "x" * 80 + ". Then Gen. Ivanov spoke.": ["x" * 80 + ".", "Then Gen. Ivanov spoke."],
        "word-" * 15 + "gen. Next one.": ["word-" * 15 + "gen.", "Next one."],
        "Mr" + "." * 70 + " Next one.": ["Mr" + "." * 70 + " Next one."],
        "y " * 40 + "I. Petrov came. He left.": ["y " * 40 + "I. Petrov came.", "He left."],
    }
    for text, expected in cases.items():
        assert [s.text for s in split_sentences(text)] == expected
