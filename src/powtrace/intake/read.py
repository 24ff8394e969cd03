"""Read a source file into a domain Source: original bytes, hash, text, language, date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Source, SourceKind
from powtrace.intake.dateline import find_dateline
from powtrace.intake.decode import decode_text, looks_binary, normalise
from powtrace.intake.html import read_html
from powtrace.intake.language import detect_language
from powtrace.intake.pdf import read_pdf
from powtrace.intake.saved import html_from_mhtml, html_from_warc, is_mhtml, is_warc

Basis = Literal["stated", "inferred"]
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<!--)", re.I)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class IntakeResult:
    """A Source read from a file, and whether its publication date was stated or inferred."""

    source: Source
    published_basis: Basis | None  # "stated": the document says so; "inferred": from clues


def _sniff(data: bytes, name: str) -> str:
    """The media type from the bytes themselves, helped by the file name's suffix."""
    lower = name.lower()
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if is_warc(data) or lower.endswith((".warc", ".warc.gz")):
        return "application/warc"
    if is_mhtml(data) or lower.endswith((".mhtml", ".mht")):
        return "multipart/related"
    if _HTML_START.match(data[:1024]) or lower.endswith(_HTML_SUFFIXES):
        return "text/html"
    if b"<html" in data[:4096].lower() and b"<body" in data.lower():
        return "text/html"
    return "text/plain"


def _first_line(text: str) -> str:
    """The first non-empty line, shortened, for a title when the document gives none."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def read_bytes(
    data: bytes,
    name: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    kind: SourceKind | str = SourceKind.ARTICLE,
    published: PartialDate | None = None,
) -> IntakeResult:
    """Read a document given as bytes; `name` is its file name (used for messages and type).

    A `published` date given by the caller counts as stated and wins over the document's own.
    """
    if not data.strip():
        raise ValidationError(f"{name}: the file is empty")
    media_type = _sniff(data, name)
    title: str | None = None
    found: PartialDate | None = None
    basis: Basis | None = None
    if media_type == "application/pdf":
        pdf = read_pdf(data, name)
        text, title = pdf.text, pdf.title
        found = find_dateline(text)
        basis = "stated" if found else None
        if found is None and pdf.created is not None:
            found, basis = pdf.created, "inferred"  # creation is not publication, but close
    elif media_type == "text/plain":
        text = decode_text(data, name)
        found = find_dateline(text)
        basis = "stated" if found else None
    else:
        if media_type == "application/warc":
            html, url_found = html_from_warc(data, name)
        elif media_type == "multipart/related":
            html, url_found = html_from_mhtml(data, name)
        else:
            if looks_binary(data):
                raise ValidationError(f"{name}: this is a binary file, not an HTML page")
            html, url_found = decode_text(data, name), None
        page = read_html(html, name)
        text, title, found = page.text, page.title, page.published
        basis = page.published_basis  # type: ignore[assignment]
        url = url or url_found or page.url
        outlet = outlet or page.outlet
    text = normalise(text)
    if not text:
        raise ValidationError(f"{name}: no text could be read from it")
    language = detect_language(text)
    if language is None:
        raise ValidationError(
            f"{name}: the language is not English, Russian or Ukrainian (or there is too little "
            "text to tell); powtrace extracts from those three only"
        )
    if published is not None:
        found, basis = published, "stated"
    source = Source(
        title=title or _first_line(text) or name,
        content=data,
        kind=kind,
        text=text,
        media_type=media_type,
        filename=Path(name).name,
        outlet=outlet,
        url=url,
        published=found,
        language=language,
        retrieved_at=datetime.now(UTC),
    )
    return IntakeResult(source=source, published_basis=basis if found else None)


def read_file(path: str | Path, **options: object) -> IntakeResult:
    """Read a document from disk (text, HTML, saved web page, PDF with a text layer)."""
    file = Path(path)
    if not file.is_file():
        raise ValidationError(f"{file}: no such file")
    return read_bytes(file.read_bytes(), str(file), **options)  # type: ignore[arg-type]
