"""Text of a PDF that has a text layer."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd xref


@dataclass(frozen=True)
class PdfText:
    """A PDF's text, its title and its creation date from the document information."""

    text: str
    title: str | None
    created: PartialDate | None


def read_pdf(data: bytes, name: str) -> PdfText:
    """Extract the text layer; raise when the PDF is unreadable or has no text (a scan)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"{name}: not a readable PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if len(text.strip()) < 20:
        raise ValidationError(
            f"{name}: the PDF has no text layer (a scan?); "
            "run OCR on it first and ingest the result"
        )
    created = None
    try:
        when = info.creation_date if info else None
    except (ValueError, TypeError):
        when = None  # a malformed /CreationDate is common and not worth refusing the file for
    if isinstance(when, datetime):
        created = PartialDate.from_date(when.date())
    title = (info.title if info else None) or None
    return PdfText(text=text, title=str(title) if title else None, created=created)
