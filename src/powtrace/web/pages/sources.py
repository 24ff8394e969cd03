"""One source: its text with the cited spans highlighted, its SHA-256 and reliability."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from powtrace.web.context import UserDep, store_of
from powtrace.web.templating import render
from powtrace.workflows.sources import CitedSpan, view_source

router = APIRouter()


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


@router.get("/sources/{source_id}")
def source(request: Request, ctx: UserDep, source_id: str) -> Response:
    """A source as the reader may see it; the read is audited when it is not public."""
    view = view_source(store_of(request), ctx.actor, source_id, ctx.clearance)
    parts = segments(view.source.text or "", view.spans)
    return render(request, "source.html", {"view": view, "s": view.source, "parts": parts})
