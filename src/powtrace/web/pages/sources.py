"""Sources: the list and full-text search (passages with the matched words marked), and one
source: its text with the cited spans highlighted, its SHA-256 and reliability."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Source
from powtrace.web.context import UserDep, store_of
from powtrace.web.errors import message_for
from powtrace.web.forms import Form
from powtrace.web.templating import render
from powtrace.workflows.source_search import Passage, SourceHit, recent_sources, search_sources
from powtrace.workflows.sources import CitedSpan, view_source

router = APIRouter()
MAX_QUERY = 200


@dataclass
class Segment:
    """A stretch of the text, and the cited spans (by number) that cover it."""

    text: str
    spans: list[int]
    starts: list[int]  # spans that begin here (each gets an anchor)


def segments(text: str, spans: list[CitedSpan]) -> list[Segment]:
    """Cut the text where any span starts or ends, so overlapping citations still show."""
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [i + 1 for i, s in enumerate(spans) if s.start <= a and b <= s.end]
        starts = [i + 1 for i, s in enumerate(spans) if s.start == a]
        out.append(Segment(text[a:b], covering, starts))
    return out


@dataclass(frozen=True)
class Piece:
    """A stretch of a search passage, and whether it is a matched word."""

    text: str
    marked: bool


def passage_pieces(p: Passage) -> list[Piece]:
    """The passage cut at its marks, so the template wraps words in <mark> and escapes the
    text itself: no markup is ever built from a source's text."""
    out: list[Piece] = []
    at = 0
    for a, b in sorted(p.marks):
        if a < at or b <= a:  # overlapping or empty: the words are already marked
            continue
        if a > at:
            out.append(Piece(p.text[at:a], False))
        out.append(Piece(p.text[a:b], True))
        at = b
    if at < len(p.text):
        out.append(Piece(p.text[at:], False))
    return out


@router.get("/sources")
def sources_page(request: Request, ctx: UserDep, q: str | None = None) -> Response:
    """Search the sources' titles and texts; without a query, the newest sources."""
    form = Form({"q": (q or "").strip()[:MAX_QUERY]})
    hits: list[SourceHit] = []
    recent: list[Source] = []
    if q is None:
        recent = recent_sources(store_of(request), ctx.clearance)
    else:  # an empty box sent is a search too, and is told what to type
        try:
            hits = search_sources(store_of(request), ctx.actor, form.get("q"), ctx.clearance)
        except ValidationError as exc:
            form.error("q", message_for(request, exc))
    found = [(h, passage_pieces(h.passage) if h.passage else []) for h in hits]
    context = {"form": form, "searched": q is not None, "found": found, "recent": recent}
    return render(request, "sources.html", context, 200 if form.ok else 400)


@router.get("/sources/{source_id}")
def source(request: Request, ctx: UserDep, source_id: str) -> Response:
    """A source as the reader may see it; the read is audited when it is not public."""
    view = view_source(store_of(request), ctx.actor, source_id, ctx.clearance)
    parts = segments(view.source.text or "", view.spans)
    return render(request, "source.html", {"view": view, "s": view.source, "parts": parts})
