"""Literal heads of a regular expression: which patterns a sentence can skip without matching.

A trigger such as ``\\b(?:was|were)\\s+captured`` can only match where the text holds "was" or
"were"; testing that with ``in`` on the lower-cased sentence is far cheaper than letting the
regex engine try the pattern at every position. `heads` reads the pattern's syntax tree and
returns those strings (None when it cannot tell); `may_match` is the test. The test is a
necessary condition only: a pattern it passes is still matched as before, so no match is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # CPython's own regex parser (Python 3.11+); without it nothing is skipped
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre_parse = None

_MAX_HEADS = 64  # more alternatives than this: not worth testing one by one
_MAX_CLASS = 8  # a character class such as [Рр] forks the heads; a large one stops them
_MIN_HEAD = 2  # a one-letter head is in almost every sentence
_OTHER_SCRIPT = re.compile(r"[^\x00-\x7f\u0400-\u04ff]")  # where `_safe` must look closer


def _safe(ch: str) -> bool:
    """True for characters whose IGNORECASE equivalents are exactly their str.lower() twins.

    Basic Latin and the Cyrillic block qualify. Elsewhere the regex engine folds case by other
    rules (ſ matches s, ı matches i, ᲀ matches в), so such text must not be judged by `in`.
    """
    return ch <= "\x7f" or "\u0400" <= ch <= "\u04ff" or ch.lower() == ch.upper()


# Each head is a (prefix, complete) pair: complete while the pattern so far is all literal.
_Heads = list[tuple[str, bool]]


def _extend(acc: _Heads, tails: _Heads) -> _Heads | None:
    """Append every tail to every complete head; None when the heads grow too many."""
    out = [h for h in acc if not h[1]]
    out += [(p + q, done) for p, open_ in acc if open_ for q, done in tails]
    return out if len(out) <= _MAX_HEADS else None


def _stop(acc: _Heads) -> _Heads:
    """Close every head: what follows is not literal."""
    return [(p, False) for p, _ in acc]


def _walk(items: Iterable[tuple[Any, Any]]) -> _Heads | None:
    """The heads of a sequence of parsed regex items."""
    acc: _Heads | None = [("", True)]
    for op, av in items:
        assert acc is not None
        if not any(done for _, done in acc):
            break
        if op is _c.LITERAL:
            acc = _extend(acc, [(chr(av), True)])
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: consumes nothing, so the heads run on
        elif op is _c.IN:
            chars = [chr(v) for o, v in av if o is _c.LITERAL]
            if len(chars) != len(av) or len(chars) > _MAX_CLASS:
                acc = _stop(acc)
            else:
                acc = _extend(acc, [(ch, True) for ch in chars])
        elif op is _c.SUBPATTERN:
            sub = _walk(av[3])
            acc = None if sub is None else _extend(acc, sub)
        elif op is _c.BRANCH:
            tails: _Heads = []
            for branch in av[1]:
                sub = _walk(branch)
                if sub is None:
                    return None
                tails += sub
            acc = _extend(acc, tails)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _walk(av[2])
            acc = None if sub is None else _extend(acc, _stop(sub))
        else:
            acc = _stop(acc)
        if acc is None:
            return None
    return acc


def _usable(found: _Heads | None) -> frozenset[str] | None:
    """The heads as lower-case strings, or None when one is too short or not safely foldable."""
    if not found:
        return None
    out = frozenset(p.lower() for p, _ in found)
    if any(len(p) < _MIN_HEAD or not all(_safe(ch) for ch in p) for p in out):
        return None
    return out


def heads(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match of `pattern` contains, or None.

    Every item of the top-level sequence must match, so the heads of any suffix of it will do
    ("(?:being\\s+)?interviewed" gives "interviewed"); the one with the longest shortest
    head is kept.
    """
    if _sre_parse is None:
        return None
    try:
        items = list(_sre_parse.parse(pattern.pattern, pattern.flags).data)
        options = [_usable(_walk(items[i:])) for i in range(len(items))]
    except Exception:  # an unusual construct: test nothing rather than guess
        return None
    usable = [o for o in options if o]
    return max(usable, key=lambda o: (min(map(len, o)), -len(o))) if usable else None


def foldable(text: str) -> bool:
    """True when `may_match` may judge this text (see `_safe`)."""
    return all(ch.lower() == ch.upper() for ch in set(_OTHER_SCRIPT.findall(text)))


def may_match(found: frozenset[str] | None, lowered: str) -> bool:
    """False only when no match is possible: the lower-cased text holds none of the heads."""
    return found is None or any(map(lowered.__contains__, found))
