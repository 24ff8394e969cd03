"""The PDF base every report shares: embedded Noto Sans, page furniture, fixed metadata.

A report's bytes depend only on its data: the creation date in the PDF's metadata is the
moment the data reflects (or the time the caller passed in), never the clock, and the file
identifier is a hash of the content and that date.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from powtrace.reports.fonts import FAMILY, font_files

BLUE = (31, 95, 139)
RED = (176, 0, 32)
GREY = (102, 102, 102)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def fixed_date(*candidates: str) -> datetime:
    """The first ISO time given, in UTC, to the second; else a fixed epoch."""
    for text in candidates:
        if text:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            return moment.astimezone(UTC).replace(microsecond=0)
    return EPOCH


class ReportPDF(FPDF):
    """A4 portrait with a running header (title, redaction) and 'page n of m' footer.

    ``lang`` is the document's language; ``page_label`` the footer, with ``{page}`` for the
    page's number and ``{nb}`` for the count of pages.
    """

    def __init__(
        self,
        title: str,
        running: str,
        created: datetime,
        full: bool,
        *,
        lang: str = "en",
        page_label: str = "page {page} of {nb}",
    ) -> None:
        super().__init__(format="A4", unit="mm")
        self.running = running
        self.full = full
        self.page_label = page_label
        for style, path in font_files().items():
            self.add_font(FAMILY, style, str(path))
        self.set_creation_date(created)
        self.set_title(title)
        self.set_author("powtrace")
        self.set_creator("powtrace")
        self.set_lang(lang)
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()
        self.set_font(FAMILY, size=10)

    def header(self) -> None:
        self.set_font(FAMILY, size=8)
        self.set_text_color(*(RED if self.full else GREY))
        self.set_xy(self.l_margin, 9)
        self.cell(0, 4, self.running, align="L")
        self.set_draw_color(200, 205, 212)
        self.line(self.l_margin, 14, self.w - self.r_margin, 14)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.page_label.replace("{page}", str(self.page_no())), align="R")
        self.set_text_color(0, 0, 0)

    # ---- blocks -------------------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def title_block(self, title: str, subtitle: str) -> None:
        self.set_font(FAMILY, "B", 18)
        self.multi_cell(0, 8, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=9)
        self.set_text_color(*GREY)
        self.multi_cell(0, 4.5, subtitle, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def banner(self, text: str) -> None:
        colour = RED if self.full else BLUE
        self.set_draw_color(*colour)
        self.set_fill_color(*((253, 236, 238) if self.full else (243, 246, 249)))
        self.set_font(FAMILY, "B" if self.full else "", 9)
        self.multi_cell(
            0,
            4.6,
            text,
            border="L",
            fill=True,
            padding=2,
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(2)

    def h2(self, text: str) -> None:
        if self.get_y() > self.h - 70:
            self.add_page()
        self.ln(3)
        self.set_font(FAMILY, "B", 13)
        self.set_text_color(*BLUE)
        self.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*BLUE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def h3(self, text: str) -> None:
        if self.get_y() > self.h - 40:
            self.add_page()
        self.ln(1.5)
        self.set_font(FAMILY, "B", 10.5)
        self.multi_cell(0, 5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, size=9.5)

    def para(
        self,
        text: str,
        *,
        size: float = 9.5,
        colour: tuple[int, int, int] | None = None,
        indent: float = 0,
        bold: bool = False,
    ) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        if colour:
            self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.width - indent,
            size * 0.5,
            text,
            align="L",
            wrapmode=WrapMode.WORD,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0, 0, 0)

    def grid(
        self,
        headers: list[str] | None,
        rows: list[list[str]],
        widths: tuple[float, ...],
        *,
        size: float = 8.5,
        numeric: set[int] | None = None,
    ) -> None:
        """A table that breaks across pages and repeats its heading row."""
        numeric = numeric or set()
        self.set_font(FAMILY, size=size)
        heading = FontFace(emphasis="BOLD", fill_color=(238, 242, 246))
        with self.table(
            col_widths=widths,
            width=self.width,
            first_row_as_headings=headers is not None,
            headings_style=heading,
            line_height=size * 0.48,
            padding=1.2,
            borders_layout="SINGLE_TOP_LINE" if headers else "HORIZONTAL_LINES",
            text_align="LEFT",
        ) as t:
            if headers is not None:
                r = t.row()
                for h in headers:
                    r.cell(h)
            for row in rows:
                r = t.row()
                for i, cell in enumerate(row):
                    r.cell(cell, align="RIGHT" if i in numeric else "LEFT")
        self.ln(1.5)

    def svg(self, svg: str, width: float | None = None) -> None:
        """Embed an SVG chart as vector graphics."""
        width = width or self.width
        data = svg.encode("utf-8")
        # The chart's height in mm follows its aspect ratio; break the page first if needed.
        m = re.search(r'width="(\d+)" height="(\d+)"', svg)
        ratio = int(m.group(2)) / int(m.group(1)) if m else 0.5
        if self.get_y() + width * ratio > self.h - self.b_margin:
            self.add_page()
        self.image(io.BytesIO(data), x=self.l_margin, y=self.get_y(), w=width)
        self.set_y(self.get_y() + width * ratio + 2)

    def output_bytes(self) -> bytes:
        return bytes(self.output())
