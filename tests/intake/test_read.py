"""Reading sources: plain text, HTML, saved pages (MHTML, WARC), PDFs, and bad input."""

from __future__ import annotations

import hashlib
import io
from email.message import EmailMessage
from pathlib import Path

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.intake import detect_language, read_bytes, read_file

EN = (
    "Ukraine and Russia exchanged prisoners on Friday. Among those who came home was a marine "
    "who had been captured in Mariupol. His wife said he had lost weight in captivity and that "
    "he was being treated in a hospital."
)
RU = (
    "Россия и Украина в пятницу обменялись военнопленными. Среди вернувшихся был морской "
    "пехотинец, который попал в плен под Мариуполем. Его жена рассказала, что он похудел."
)
UK = (
    "Україна та Росія в п'ятницю обмінялися полоненими. Серед тих, хто повернувся, був "
    "морський піхотинець, якого взяли в полон у Маріуполі. Його дружина розповіла, що він схуд."
)


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds the lines (Helvetica, ASCII only)."""
    body = (
        "BT /F1 11 Tf 50 750 Td 14 TL "
        + " ".join("(" + ln.replace("(", "[").replace(")", "]") + ") '" for ln in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(body)} >>\nstream\n{body}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _html(body: str, head: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>Swap report</title>{head}</head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>Prisoners swapped</h1>{body}</article>"
        "<footer>All rights reserved</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (RU, "ru"), (UK, "uk")])
def test_plain_text_in_each_language(tmp_path: Path, text: str, lang: str) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"June 14, 2025\n\n{text}", encoding="utf-8")
    result = read_file(path)
    src = result.source
    assert src.language == lang
    assert src.media_type == "text/plain"
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.content == path.read_bytes()
    assert str(src.published) == "2025-06-14" and result.published_basis == "stated"


def test_windows_1251_text_is_decoded() -> None:
    result = read_bytes(RU.encode("cp1251"), "old.txt")
    assert result.source.text == RU and result.published_basis is None


def test_html_main_text_title_and_stated_date() -> None:
    head = '<meta property="article:published_time" content="2025-03-04T10:00:00Z">'
    result = read_bytes(_html(f"<p>{EN}</p>" * 3, head), "page.html")
    src = result.source
    assert src.media_type == "text/html"
    assert "exchanged prisoners" in src.text and "All rights reserved" not in src.text
    assert src.title == "Prisoners swapped"
    assert str(src.published) == "2025-03-04" and result.published_basis == "stated"


def test_html_without_a_date_has_none() -> None:
    result = read_bytes(_html(f"<p>{UK}</p>" * 3), "page.htm")
    assert result.source.language == "uk" and result.source.published is None


def test_mhtml_saved_page() -> None:
    msg = EmailMessage()
    msg["Snapshot-Content-Location"] = "https://example.org/swap"
    msg["MIME-Version"] = "1.0"
    msg.make_related()
    msg.add_related(_html(f"<p>{RU}</p>" * 3).decode(), subtype="html")
    result = read_bytes(msg.as_bytes(), "saved.mhtml")
    assert result.source.language == "ru"
    assert result.source.url == "https://example.org/swap"
    assert result.source.media_type == "multipart/related"


def test_warc_archive() -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        "https://example.org/a",
        "response",
        payload=io.BytesIO(_html(f"<p>{EN}</p>" * 3)),
        http_headers=headers,
    )
    writer.write_record(record)
    result = read_bytes(buf.getvalue(), "capture.warc.gz")
    assert result.source.url == "https://example.org/a"
    assert "captured in Mariupol" in result.source.text


def test_pdf_with_a_text_layer() -> None:
    data = _pdf([EN[i : i + 80] for i in range(0, len(EN), 80)])
    assert len(data) < 50_000
    result = read_bytes(data, "report.pdf")
    assert result.source.media_type == "application/pdf"
    assert "exchanged prisoners" in result.source.text
    assert result.source.language == "en"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (bytes(range(256)) * 40, "blob.bin", "binary"),
        (_pdf([]), "scan.pdf", "no text layer"),
        (b"%PDF-1.4\n garbage", "broken.pdf", "not a readable PDF"),
        (b"<html><body></body></html>", "blank.html", "no article text"),
        (b"<html><body><div><<<>>></<<", "broken.html", "no article text"),
        (
            b"Der Soldat wurde im August gefangen genommen, sagte seine Mutter. Er war verletzt "
            b"und ist jetzt in einem Lager.",
            "de.txt",
            "not English, Russian or Ukrainian",
        ),
    ],
)
def test_bad_input_names_the_file(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        read_bytes(data, name)
    assert name in str(err.value) and message in str(err.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no such file"):
        read_file(tmp_path / "nope.txt")


def test_language_detection() -> None:
    assert (detect_language(EN), detect_language(RU), detect_language(UK)) == ("en", "ru", "uk")
    assert detect_language("Le soldat a été fait prisonnier en août, a déclaré sa mère.") is None
    assert detect_language("12 34") is None
