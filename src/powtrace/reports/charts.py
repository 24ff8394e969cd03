"""Charts for reports as plain SVG: vector, drawn here, embedded inline in HTML and in the PDF.

Colours are attributes (not CSS classes) so the same SVG renders in a browser and through the
PDF library. A suppressed count is drawn as a short grey stub labelled "<5": its length says
nothing about the number.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from powtrace.reports.fonts import FAMILY

if TYPE_CHECKING:
    from powtrace.reports.aggregate import Cell

PALETTE = ("#1f5f8b", "#c8553d", "#588157", "#8a6fae", "#d9a441", "#4f6d7a", "#9c6644")
GREY = "#b8bcc2"
INK = "#222222"
ROW = 22
STUB = 18.0


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FAMILY}, DejaVu Sans, Arial, sans-serif" font-size="10">'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 10) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{INK}">{escape(text)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>'


def _clip(label: str, limit: int = 44) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def stacked_bars(
    title: str, rows: list[tuple[str, list[Cell]]], series: list[str], width: int = 620
) -> str:
    """Horizontal bars, one per row, stacked by series; suppressed parts as stubs."""
    label_w = 230
    top = 26 if series else 4
    height = top + ROW * max(len(rows), 1) + 6
    most = max((sum(c.count.value or 0 for c in cells) for _, cells in rows), default=0) or 1
    span = width - label_w - 60 - STUB * max((len(s) for _, s in rows), default=1)
    span = max(span, 80)
    body = []
    for i, name in enumerate(series):
        x = label_w + i * 110
        body.append(_rect(x, 6, 10, 10, PALETTE[i % len(PALETTE)]))
        body.append(_text(x + 14, 15, _clip(name, 18)))
    for r, (label, cells) in enumerate(rows):
        y = top + r * ROW
        body.append(_text(label_w - 6, y + 14, _clip(label, 40), "end"))
        x = float(label_w)
        shown = []
        for i, cell in enumerate(cells):
            colour = PALETTE[i % len(PALETTE)]
            if cell.count.suppressed:
                body.append(_rect(x, y + 3, STUB, ROW - 8, GREY))
                x += STUB
                shown.append(cell.count.text)
            elif cell.count.value:
                w = span * cell.count.value / most
                body.append(_rect(x, y + 3, w, ROW - 8, colour))
                x += w
                shown.append(cell.count.text)
        if shown:
            body.append(_text(x + 5, y + 14, " + ".join(shown)))
    return _svg(width, height, title, body)


def bars(title: str, rows: list[tuple[str, Cell]], width: int = 620) -> str:
    """One horizontal bar per row."""
    return stacked_bars(title, [(label, [cell]) for label, cell in rows], [], width)


def flow(
    title: str,
    steps: list[tuple[tuple[str, str], Cell]],
    stage_label: Callable[[str], str],
    width: int = 620,
) -> str:
    """The capture-to-outcome flow: each step an arrow from one stage to the next, weighted."""
    rows = []
    for (a, b), cell in steps:
        rows.append((f"{stage_label(a)} › {stage_label(b)}", [cell]))
    return stacked_bars(title, rows, [], width)
