"""Finding sources by the words in their title or text, with the passage that matched.

The engine's full-text index finds and ranks the sources (``powtrace.store.fulltext``); here
the reader's clearance filters them and a short passage around the first matching words is cut
from each text, with the matched words marked by character offsets, so that a page or a
terminal can highlight them without trusting markup from the database. Showing a passage of a
restricted or sealed source is a read of it, and is audited like opening the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa

from powtrace.domain.errors import N_, ValidationError
from powtrace.domain.model import Source
from powtrace.domain.visibility import Visibility
from powtrace.store import fulltext, rows, writes
from powtrace.store.schema import sources
from powtrace.store.store import Store
from powtrace.workflows import redact

MAX_RESULTS = 200
PASSAGE_CHARS = 240


@dataclass(frozen=True)
class Passage:
    """A stretch of a source's text: where it starts in the text, and the marked words in it."""

    start: int
    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # offsets within ``text``
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True)
class SourceHit:
    source: Source
    passage: Passage | None  # None: the words are in the title only


def _word_starts(terms: list[str]) -> re.Pattern[str]:
    # A term matches where a word starts with it, as the engines' prefix queries do.
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)


def passage(text: str, terms: list[str], width: int = PASSAGE_CHARS) -> Passage | None:
    """The stretch of ``text`` around its first matching word, cut at spaces, words marked."""
    pattern = _word_starts(terms)
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    if start > 0:  # begin after a space, so no word is cut in half
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    # Line breaks and runs of spaces read as one space in a result list.
    flat = " ".join(text[start:end].split())
    marks = [(m.start(), m.end()) for m in pattern.finditer(flat)]
    return Passage(start, flat, marks, start > 0, end < len(text))


def search_sources(
    store: Store, actor: str, query: str, clearance: Visibility, limit: int = 50
) -> list[SourceHit]:
    """Sources ``clearance`` may see whose title or text holds every word of ``query``."""
    terms = fulltext.query_terms(query)
    if not terms:
        raise ValidationError(N_("search: type at least one word to look for in the sources"))
    limit = max(1, min(limit, MAX_RESULTS))
    levels = Visibility.values_visible_to(clearance)
    with store.reading() as conn:
        ids = fulltext.matching_sources(conn, terms, levels, limit)
        found = {s.id: s for s in rows.load_sources(conn, ids, with_content=False)}
    hits = []
    for source_id in ids:
        source = found.get(source_id)
        if source is None or redact.source_for(source, clearance) is None:
            continue  # removed or re-graded since the search: not shown
        hits.append(SourceHit(source, passage(source.text or "", terms)))
    audited = [h.source.id for h in hits if redact.needs_read_audit(h.source.visibility)]
    if audited:
        with store.transaction(actor) as tx:
            for source_id in audited:
                writes.record_read(tx, "source", source_id)
    return hits


def recent_sources(store: Store, clearance: Visibility, limit: int = 50) -> list[Source]:
    """The sources ``clearance`` may see, newest first, without their bytes or text."""
    levels = Visibility.values_visible_to(clearance)
    columns = [c for c in sources.c if c.name not in {"content", "text"}]
    q = (
        sa.select(*columns, sa.null().label("content"), sa.null().label("text"))
        .where(sources.c.visibility.in_(levels))
        .order_by(sources.c.created_at.desc(), sources.c.id)
        .limit(limit)
    )
    with store.reading() as conn:
        return [rows.source_from_row(r) for r in conn.execute(q)]
