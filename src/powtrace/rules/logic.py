"""Three-valued logic over day bounds: true, unknown ("maybe") and false.

A rule's condition is true, false, or undecided by the recorded dates: "the card was sent in
August" neither meets nor misses a deadline of 12 August. Conjunction is the minimum and
disjunction the maximum of FALSE < MAYBE < TRUE (Kleene's logic); negation swaps TRUE and
FALSE. A finding whose condition is only MAYBE is *probable*, never *certain*.
"""

from __future__ import annotations

FALSE, MAYBE, TRUE = 0, 1, 2


def on_or_after(lo: int, hi: int, ref_lo: int, ref_hi: int) -> int:
    """Whether a day within [lo, hi] is on or after a day within [ref_lo, ref_hi]."""
    if lo >= ref_hi:
        return TRUE
    if hi < ref_lo:
        return FALSE
    return MAYBE


def on_or_before(lo: int, hi: int, ref_lo: int, ref_hi: int) -> int:
    """Whether a day within [lo, hi] is on or before a day within [ref_lo, ref_hi]."""
    if hi <= ref_lo:
        return TRUE
    if lo > ref_hi:
        return FALSE
    return MAYBE


def at_most(low: int, high: int, limit: int) -> int:
    """Whether a number known to lie in [low, high] is at most ``limit``."""
    if high <= limit:
        return TRUE
    if low > limit:
        return FALSE
    return MAYBE


def at_least(low: int, high: int, limit: int) -> int:
    """Whether a number known to lie in [low, high] is at least ``limit``."""
    if low >= limit:
        return TRUE
    if high < limit:
        return FALSE
    return MAYBE


def passed(lo: int, hi: int, today: int) -> int:
    """Whether a deadline falling within [lo, hi] is over on ``today`` (it must be later)."""
    # A deadline day is still open on that day: it has passed only once today is later.
    if today > hi:
        return TRUE
    if today <= lo:
        return FALSE
    return MAYBE
