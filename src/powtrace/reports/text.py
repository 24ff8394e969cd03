"""Words shared by every report: grade meanings, labels, and the wording of redaction."""

from __future__ import annotations

from typing import Any

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
SIDES = {"russia": "Russia", "ukraine": "Ukraine", "other": "other state", "unknown": "unknown"}
REDACTED_NOTE = (
    "Redacted output: sealed records and fields, contact details and the family address are "
    "left out, and identifiers (record ids, external ids, service numbers, staff names) are "
    "replaced by stable pseudonyms."
)
FULL_NOTE = (
    "FULL OUTPUT — includes sealed records and fields. Its creation was written to the audit "
    "log. Do not publish or share outside the people cleared for sealed records."
)


def reliability(grade: str) -> str:
    return f"{grade} ({RELIABILITY.get(grade, '?')})"


def credibility(grade: int) -> str:
    return f"{grade} ({CREDIBILITY.get(grade, '?')})"


def human(key: str) -> str:
    """A detail or field key as words: ``term_months`` → ``term months``."""
    return key.replace("_", " ")


def value(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return "" if v is None else str(v)


def size(n: int | None) -> str:
    if n is None:
        return ""
    return f"{n:,} bytes".replace(",", " ")
