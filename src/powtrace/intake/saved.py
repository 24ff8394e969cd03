"""Saved web pages: MHTML files (a browser's "save as single file") and WARC archives."""

from __future__ import annotations

import email
import email.policy
import io
from email.message import EmailMessage

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from powtrace.domain.errors import ValidationError


def is_mhtml(data: bytes) -> bool:
    """True for a MIME multipart/related document, the MHTML container browsers write."""
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def is_warc(data: bytes) -> bool:
    """True for a WARC file, plain or gzip-compressed."""
    return data.startswith(b"WARC/") or data.startswith(b"\x1f\x8b")


def html_from_mhtml(data: bytes, name: str) -> tuple[str, str | None]:
    """The first HTML part of an MHTML file, and the address it was saved from."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    url = message.get("Snapshot-Content-Location") or None
    for part in message.walk():
        if part.get_content_type() == "text/html" and isinstance(part, EmailMessage):
            html = part.get_content()
            return (html if isinstance(html, str) else html.decode("utf-8", "replace")), url
    raise ValidationError(f"{name}: the saved page (MHTML) holds no HTML part")


def html_from_warc(data: bytes, name: str) -> tuple[str, str | None]:
    """The first HTML response in a WARC file, and its target address."""
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in ("response", "resource"):
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
            ctype = ctype or record.rec_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            body = record.content_stream().read()
            charset = "utf-8"
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=")[1].split(";")[0].strip() or "utf-8"
            html = body.decode(charset, errors="replace")
            return html, record.rec_headers.get_header("WARC-Target-URI")
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        raise ValidationError(f"{name}: not a readable WARC archive ({exc})") from None
    raise ValidationError(f"{name}: the WARC archive holds no HTML page")
