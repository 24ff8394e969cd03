"""Main text, title, outlet and publication date of an HTML page, from the page itself."""

from __future__ import annotations

from dataclasses import dataclass

import htmldate
import trafilatura

from powtrace.domain.dates import PartialDate, parse_optional
from powtrace.domain.errors import ValidationError


@dataclass(frozen=True)
class Page:
    """What an HTML page says about itself."""

    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: PartialDate | None
    published_basis: str | None  # "stated" (page metadata) or "inferred" (clues in the page)


def _date(html: str, extensive: bool) -> PartialDate | None:
    """The original publication date htmldate finds, quietly None when there is none."""
    try:
        found = htmldate.find_date(html, extensive_search=extensive, original_date=True)
    except Exception:  # htmldate raises assorted parser errors on odd markup: treat as no date
        return None
    return parse_optional(found) if found else None


def read_html(html: str, name: str) -> Page:
    """Extract the article of a page; raise when the page holds no readable text."""
    if not html.strip():
        raise ValidationError(f"{name}: the page is empty")
    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=True, favor_recall=True
        )
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # lxml fails on some broken documents with many error types
        raise ValidationError(f"{name}: the HTML cannot be parsed ({exc})") from None
    if not text or sum(ch.isalpha() for ch in text) < 20:
        raise ValidationError(f"{name}: no article text found in the page (empty or broken HTML)")
    # Metadata the page states (meta tags, JSON-LD, <time>) first; only then clues in the body.
    published, basis = _date(html, extensive=False), "stated"
    if published is None:
        published, basis = _date(html, extensive=True), "inferred"
    return Page(
        text=text,
        title=(meta.title if meta else None) or None,
        outlet=(meta.sitename if meta else None) or None,
        url=(meta.url if meta else None) or None,
        published=published,
        published_basis=basis if published else None,
    )
