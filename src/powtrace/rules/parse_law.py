"""The legal part of a rule file: its provisions and how settled the law is.

Checked strictly, because this is what a lawyer relies on: every provision needs a
paraphrase in our own words and a link, and a rule outside IHL may cite the Geneva
Conventions only as context (domain-pow.md §7: never cite GC III for what only domestic law
covers).
"""

from __future__ import annotations

import re
from typing import Any

from powtrace.domain.model import Side
from powtrace.rules.errors import Collector
from powtrace.rules.lang_base import Ctx, check_keys, names_list
from powtrace.rules.located import LDict, LList
from powtrace.rules.model import REGIMES, LegalBasis, LegalCertainty

BASIS_KEYS = ("instrument", "article", "paraphrase", "link", "regime", "role", "sides", "verified")
# Instruments of international humanitarian law, recognised by name so that citing one in a
# domestic-law rule is caught even when the entry does not say its regime.
IHL_INSTRUMENT = re.compile(r"Geneva Convention|Additional Protocol|Hague Regulations", re.I)


def legal_basis(raw: Any, regime: str, col: Collector, line: int) -> tuple[LegalBasis, ...]:
    if not isinstance(raw, LList) or not raw:
        col.add(line, "legal_basis must be a list of provisions")
        return ()
    out = []
    ctx = Ctx(col, {})
    for i, entry in enumerate(raw):
        at = raw.line_of(i)
        if not isinstance(entry, LDict):
            col.add(
                at, "each legal_basis entry is a mapping (instrument, article, paraphrase, link)"
            )
            continue
        check_keys(entry, ctx, "a legal_basis entry", BASIS_KEYS[4:], BASIS_KEYS[:4])
        instrument = str(entry.get("instrument", ""))
        is_ihl = IHL_INSTRUMENT.search(instrument) is not None
        own = entry.get("regime", "ihl" if is_ihl else regime)
        role = entry.get("role", "basis")
        if is_ihl and own != "ihl":
            col.add(
                entry.line_of("regime"),
                f"{instrument} is international humanitarian law: its regime is ihl",
            )
        if own not in REGIMES:
            col.add(entry.line_of("regime"), f"regime must be one of {', '.join(REGIMES)}")
        if role not in ("basis", "context"):
            col.add(entry.line_of("role"), "role must be basis or context")
        if own == "ihl" and role == "basis" and regime != "ihl":
            # domain-pow.md §7: never cite GC III for what only domestic law covers.
            col.add(
                at,
                f"a {regime} rule cites {entry.get('instrument')} (IHL) as its basis; "
                "mark it 'role: context' or make the rule's regime ihl",
            )
        link = str(entry.get("link", ""))
        if not link.startswith(("https://", "http://")):
            col.add(entry.line_of("link"), "link must be a web address (https://…)")
        sides = entry.get("sides", [])
        known = {s.value for s in Side}
        for s in names_list(sides, ctx, entry.line_of("sides"), "sides") if sides else []:
            if s not in known:
                col.add(entry.line_of("sides"), f"unknown side '{s}'")
        verified = entry.get("verified", True)
        if not isinstance(verified, bool):
            col.add(entry.line_of("verified"), "verified is true or false")
        out.append(
            LegalBasis(
                instrument=str(entry.get("instrument", "")).strip(),
                article=str(entry.get("article", "")).strip(),
                paraphrase=" ".join(str(entry.get("paraphrase", "")).split()),
                link=link,
                regime=str(own),
                role=str(role),
                sides=tuple(sides if isinstance(sides, list) else [sides]) if sides else (),
                verified=bool(verified),
            )
        )
    if out and not any(b.role == "basis" for b in out):
        col.add(line, "legal_basis needs at least one entry with role basis")
    return tuple(out)


def legal_certainty(raw: Any, col: Collector, line: int) -> tuple[LegalCertainty, str]:
    if not isinstance(raw, LDict) or not check_keys(
        raw, Ctx(col, {}), "legal_certainty", (), ("level", "interpretation")
    ):
        if not isinstance(raw, LDict):
            col.add(
                line, "legal_certainty is a mapping: level (settled/contested) and interpretation"
            )
        return LegalCertainty.SETTLED, ""
    level = raw["level"]
    if level not in ("settled", "contested"):
        col.add(raw.line_of("level"), "level must be settled or contested")
        level = "settled"
    text = raw["interpretation"]
    if not isinstance(text, str) or not text.strip():
        col.add(raw.line_of("interpretation"), "name the interpretation relied on")
        text = ""
    return LegalCertainty(level), " ".join(text.split())
