"""The HTML shell every report shares: one self-contained file, no script, nothing fetched."""

from __future__ import annotations

from html import escape

CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#222;
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;border-bottom:2px solid #1f5f8b;
padding-bottom:.15rem;margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid #ccd;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#eef2f6}td.n{text-align:right;white-space:nowrap}
.banner{padding:.5rem .8rem;border-left:4px solid #1f5f8b;background:#f3f6f9;margin:1rem 0}
.banner.full{border-color:#b00020;background:#fdecee;font-weight:bold}
.muted{color:#666;font-size:.9em}.hash{font-family:"DejaVu Sans Mono",monospace;font-size:.85em;
word-break:break-all}blockquote{margin:.2rem 0 .2rem 1rem;padding-left:.5rem;
border-left:3px solid #ccd;font-style:italic}.src{font-size:.85em;color:#444}
.def{font-size:.9em;color:#444}figure{margin:.5rem 0}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
"""


def e(value: object) -> str:
    """Escape any value for HTML text or an attribute."""
    return escape("" if value is None else str(value), quote=True)


def page(title: str, body: list[str], *, lang: str = "en") -> str:
    """A complete HTML document (UTF-8, inline CSS, no script)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """A table of already-escaped cells."""
    numeric = numeric or set()
    head = "".join(f"<th>{h}</th>" for h in headers)
    out = [f"<table><thead><tr>{head}</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def banner(note: str, full: bool) -> str:
    return f'<div class="banner{" full" if full else ""}">{e(note)}</div>'
