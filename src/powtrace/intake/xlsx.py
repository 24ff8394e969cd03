"""Reading the first worksheet of an Excel workbook (.xlsx) as rows of text, as a CSV reads.

Exchange lists and registries often arrive as .xlsx. Only the first worksheet is read (the
leftmost tab); its cells become the text a person would have typed: a date cell is
``YYYY-MM-DD``, a whole number stored as ``1.0`` is ``1``, an empty cell is ``""``, and a line
break inside a cell is a space. Each row keeps its spreadsheet row number, so a bad row is
named by the number the reader sees in Excel.

The workbook is opened read-only with the cached values (a formula is never evaluated) after
the zip's declared sizes are checked: Python's zipfile never unpacks more than a member
declares, so a zip bomb is refused before any XML is parsed. openpyxl parses the worksheets
with defusedxml (a dependency for that reason), which refuses entity declarations outright.
Anything else openpyxl trips over is "not a workbook that can be read".
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Generator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from powtrace.domain.errors import N_, ValidationError

SUFFIX = ".xlsx"
# A list of 100 000 people with 15 columns is about 50 MB of worksheet XML: larger workbooks
# are not lists a person checks by eye, and would take minutes to parse.
MB = 1024 * 1024
MAX_UNPACKED = 50 * MB
MAX_ROWS = 100_000
# The API's column mapping takes at most 200 columns too; real lists have a dozen or two.
MAX_COLUMNS = 200
# Everything str.splitlines() breaks on: a cell's line break must not start a new line when
# the sheet is written out as CSV text that citations count lines in.
_BREAKS = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")

Rows = Generator[tuple[int, list[str]], None, None]


def is_workbook(path: Path) -> bool:
    """Whether a list file is read as a workbook (by its name, as the user chose it)."""
    return path.suffix.lower() == SUFFIX


def cell_text(value: Any) -> str:
    """A cell's cached value as a person would write it."""
    if value is None:
        return ""
    if isinstance(value, datetime):  # Excel has no dates without a time of day
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"  # Excel shows at most 15 significant digits
    if isinstance(value, timedelta):
        return str(value)
    # "_x0000_" escapes can smuggle control characters that no spreadsheet program writes.
    return _BREAKS.sub(" ", str(value)).replace("\x00", "")


def _unpacked_size(raw: bytes, path: Path) -> None:
    """Refuse what is not a zip, or what declares more than MAX_UNPACKED bytes unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except Exception:  # zipfile raises more than BadZipFile on junk (NotImplementedError …)
        raise _unreadable(path) from None
    if total > MAX_UNPACKED:
        raise ValidationError(
            N_(
                "%(path)s: the workbook unpacks to %(size)s MB, over the limit of %(limit)s MB; "
                "split the list or save it as CSV"
            ),
            path=path,
            size=math.ceil(total / MB),
            limit=MAX_UNPACKED // MB,
        )


def _unreadable(path: Path) -> ValidationError:
    return ValidationError(
        N_(
            "%(path)s: this is not an Excel workbook that can be read; open it in a "
            "spreadsheet program and save it again as .xlsx or as CSV"
        ),
        path=path,
    )


def sheet_rows(raw: bytes, path: Path) -> Rows:
    """The first worksheet's non-empty rows: (row number, cells as text, trailing empties
    dropped). Raises ValidationError (as it is read) for a file that is not a workbook, one
    too large, or a first worksheet that is empty."""
    _unpacked_size(raw, path)
    import openpyxl  # a third of a second: paid only when a workbook is read

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises all sorts on a broken file; none is ours to show
        raise _unreadable(path) from None
    try:
        if not wb.worksheets:
            raise ValidationError(N_("%(path)s: the workbook has no worksheet"), path=path)
        sheet = wb.worksheets[0]
        found = yield from _rows(sheet, path)
        if not found:
            raise ValidationError(
                N_(
                    "%(path)s: the first worksheet, '%(sheet)s', is empty (lists are read "
                    "from the first worksheet only)"
                ),
                path=path,
                sheet=sheet.title,
            )
    finally:
        wb.close()


def _rows(sheet: Any, path: Path) -> Generator[tuple[int, list[str]], None, int]:
    """Yield the sheet's non-empty rows; return how many there were."""
    # The sheet's own <dimension> may lie (a claimed XFD1048576 would pad every row to 16384
    # cells): ignore it, and let each row be as wide as its last cell.
    sheet.reset_dimensions()
    found = 0
    try:
        # openpyxl fills a gap in the row numbers with empty rows, so counting them gives
        # the row number, and the count bounds the work however the rows are numbered.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise ValidationError(
                    N_(
                        "%(path)s: the first worksheet has more than %(limit)s rows; split the list"
                    ),
                    path=path,
                    limit=MAX_ROWS,
                )
            cells = [cell_text(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise ValidationError(
                    N_("%(path)s: row %(line)s has more than %(limit)s columns"),
                    path=path,
                    line=number,
                    limit=MAX_COLUMNS,
                )
            if cells:
                found += 1
                yield number, cells
    except ValidationError:
        raise
    except Exception:  # broken XML or cells met half-way through the sheet
        raise _unreadable(path) from None
    return found


def as_csv(raw: bytes, path: Path) -> bytes:
    """The first worksheet as UTF-8 CSV text whose line N holds the sheet's row N.

    Citations point into a kept list's text by line, and the web keeps a list as the text it
    cites: this text, read back as CSV, gives the same rows with the same line numbers.
    """
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    line = 1
    for number, cells in sheet_rows(raw, path):
        out.write("\n" * (number - line))  # the empty rows, as empty lines
        writer.writerow(cells)
        line = number + 1
    return out.getvalue().encode("utf-8")
