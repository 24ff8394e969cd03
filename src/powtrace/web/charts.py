"""Charts as inline SVG, generated here: no JavaScript, no library, nothing from a CDN.

Colours come from CSS classes (``static/style.css``), so the page's stylesheet themes them and
the Content-Security-Policy needs no inline styles. Every chart has a <title> and an
aria-label; pages show the same numbers in a table for screen readers and text browsers.
"""

from __future__ import annotations

from collections import Counter
from html import escape

ROW = 26
LABEL_W = 230


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
    )
    return head + "".join(body) + "</svg>"


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "lbl") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}">{escape(text)}</text>'
    )


def stacked_bars(
    title: str, rows: list[tuple[str, list[int]]], series: list[str], width: int = 640
) -> str:
    """Horizontal bars, one per row, stacked by series (e.g. people by status and side)."""
    top = 28
    height = top + ROW * max(len(rows), 1) + 8
    most = max((sum(v) for _, v in rows), default=0) or 1
    span = width - LABEL_W - 50
    body = []
    for i, name in enumerate(series):  # legend
        x = LABEL_W + i * 110
        body.append(f'<rect x="{x}" y="6" width="12" height="12" class="s{i}"/>')
        body.append(_text(x + 16, 16, name))
    for r, (label, values) in enumerate(rows):
        y = top + r * ROW
        body.append(_text(LABEL_W - 8, y + 16, label, "end"))
        x = float(LABEL_W)
        for i, v in enumerate(values):
            if v:
                w = span * v / most
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 8}" '
                    f'class="s{i}"><title>{escape(label)}, {escape(series[i])}: {v}</title></rect>'
                )
                x += w
        body.append(_text(x + 6, y + 16, str(sum(values))))
    return _svg(width, height, title, body)


def columns_chart(title: str, days: list[tuple[str, int, int]], series: list[str]) -> str:
    """Small vertical bars per day, two series side by side (changes and audited reads)."""
    width, height, bottom = 640, 150, 120
    most = max((max(c, r) for _, c, r in days), default=0) or 1
    step = (width - 40) / max(len(days), 1)
    body = []
    for i, name in enumerate(series):
        body.append(f'<rect x="{40 + i * 150}" y="4" width="12" height="12" class="s{i}"/>')
        body.append(_text(56 + i * 150, 14, name))
    body.append(_text(34, 30, str(most), "end"))
    for d, (day, changes, reads) in enumerate(days):
        x = 40 + d * step
        for i, v in enumerate((changes, reads)):
            h = (bottom - 30) * v / most
            body.append(
                f'<rect x="{x + 2 + i * step / 2.6:.1f}" y="{bottom - h:.1f}" '
                f'width="{step / 2.8:.1f}" height="{h:.1f}" class="s{i}">'
                f"<title>{escape(day)}: {escape(series[i])} {v}</title></rect>"
            )
        if d % 2 == 0:
            body.append(_text(x + step / 2, bottom + 16, day[5:], "middle", "tick"))
    body.append(f'<line x1="38" y1="{bottom}" x2="{width}" y2="{bottom}" class="axis"/>')
    return _svg(width, height, title, body)


def sankey(
    title: str,
    flows: Counter[tuple[str, str]],
    column_of: dict[str, int],
    names: dict[str, str],
    width: int = 760,
) -> str:
    """A Sankey-like flow: nodes in columns, bands as wide as the number of people moving."""
    if not flows:
        return _svg(width, 40, title, [_text(10, 24, "—")])
    ins: Counter[str] = Counter()
    outs: Counter[str] = Counter()
    for (a, b), n in flows.items():
        outs[a] += n
        ins[b] += n
    nodes = sorted(set(ins) | set(outs), key=lambda n: (column_of.get(n, 3), n))
    value = {n: max(ins[n], outs[n]) for n in nodes}
    cols = max(column_of.get(n, 3) for n in nodes) + 1
    gap, node_w, top = 14, 14, 10
    per_col: dict[int, list[str]] = {}
    for n in nodes:
        per_col.setdefault(column_of.get(n, 3), []).append(n)
    tallest = max(sum(value[n] for n in ns) for ns in per_col.values())
    crowded = max(len(ns) for ns in per_col.values())
    scale = max((220 - gap * (crowded - 1)) / max(tallest, 1), 2.0)
    col_x = {c: 10 + c * (width - 250) / max(cols - 1, 1) for c in range(cols)}
    pos: dict[str, tuple[float, float]] = {}
    body: list[str] = []
    bottom = 0.0
    for c, ns in per_col.items():
        y = float(top)
        for n in ns:
            pos[n] = (col_x[c], y)
            y += value[n] * scale + gap
        bottom = max(bottom, y)
    height = int(bottom + top)
    out_off: Counter[str] = Counter()
    in_off: Counter[str] = Counter()
    for (a, b), n in sorted(flows.items(), key=lambda f: (pos[f[0][0]][1], pos[f[0][1]][1])):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        y0, y1, h = ya + out_off[a] * scale, yb + in_off[b] * scale, n * scale
        out_off[a] += n
        in_off[b] += n
        x0, x1 = xa + node_w, xb
        xm = (x0 + x1) / 2
        label = f"{names.get(a, a)} → {names.get(b, b)}: {n}"
        body.append(
            f'<path d="M{x0:.1f},{y0:.1f} C{xm:.1f},{y0:.1f} {xm:.1f},{y1:.1f} {x1:.1f},{y1:.1f} '
            f"L{x1:.1f},{y1 + h:.1f} C{xm:.1f},{y1 + h:.1f} {xm:.1f},{y0 + h:.1f} "
            f'{x0:.1f},{y0 + h:.1f} Z" class="band"><title>{escape(label)}</title></path>'
        )
    for n in nodes:
        x, y = pos[n]
        h = value[n] * scale
        body.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" class="node"/>'
        )
        body.append(
            _text(x + node_w + 4, y + min(h, 20) / 2 + 5, f"{names.get(n, n)} ({value[n]})")
        )
    return _svg(width, height, title, body)


def stacked_columns(
    title: str,
    columns: list[tuple[str, list[int]]],
    series: list[str],
    width: int = 640,
) -> str:
    """Vertical columns (months, duration bins), each stacked by series; legend above."""
    legend_h = 16 * len(series) + 6
    plot_h, left = 150, 40
    bottom = legend_h + plot_h
    height = bottom + 22
    most = max((sum(v) for _, v in columns), default=0) or 1
    step = (width - left - 4) / max(len(columns), 1)
    every = max(1, -(-len(columns) // 14))  # at most about 14 tick labels
    body = []
    for i, name in enumerate(series):
        body.append(f'<rect x="{left}" y="{4 + i * 16}" width="12" height="12" class="s{i}"/>')
        body.append(_text(left + 16, 14 + i * 16, name))
    body.append(_text(left - 6, legend_h + 10, str(most), "end", "tick"))
    for c, (label, values) in enumerate(columns):
        x = left + c * step
        y = float(bottom)
        for i, v in enumerate(values):
            if not v:
                continue
            h = (plot_h - 10) * v / most
            y -= h
            body.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                f'height="{h:.1f}" class="s{i}"><title>{escape(label)}, {escape(series[i])}: '
                f"{v}</title></rect>"
            )
        if c % every == 0:
            body.append(_text(x + step / 2, bottom + 15, label, "middle", "tick"))
    body.append(f'<line x1="{left - 2}" y1="{bottom}" x2="{width}" y2="{bottom}" class="axis"/>')
    return _svg(width, height, title, body)
