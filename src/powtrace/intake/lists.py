"""Reading a list of people (CSV, or the first worksheet of an .xlsx workbook): exchange
lists, registries, lists of the missing.

Columns with the usual names, in English, Russian or Ukrainian, are recognised without options
(``surname``, ``Фамилия``, ``Прізвище``, ``birth_date``, ``Дата рождения`` …); others are
mapped with ``column=Header`` pairs. Every row becomes a :class:`ListRow` or a
:class:`RowError` naming its line and column, so the good rows can be used while the bad ones
are listed for correction. A file that cannot be read at all raises ValidationError.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import N_, ValidationError
from powtrace.intake import xlsx
from powtrace.intake.xlsx import Rows

FIELDS = (
    "id",
    "qid",
    "surname",
    "first_name",
    "patronymic",
    "full_name",
    "birth_date",
    "age",
    "age_as_of",
    "unit",
    "region",
    "rank",
    "side",
    "gender",
    "birth_place",
)
# Spreadsheets saved in formats other than .xlsx: named, rather than read as binary text.
_OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers")
# Header spellings seen in real lists, folded (lowercase, no spaces, dots or underscores).
_ALIASES = {
    "id": "id row_id rowid no № n number num nr номер №п/п п/п ид",
    "qid": "qid wikidata",
    "surname": "surname last_name lastname family_name familyname фамилия прізвище призвище",
    "first_name": "first_name firstname given given_name givenname name_first имя ім'я імя",
    "patronymic": "patronymic middle_name middlename father_name отчество по_батькові побатькові",
    "full_name": "full_name fullname name person фио піб пиб фамилия_имя_отчество",
    "birth_date": "birth_date birthdate date_of_birth dob born дата_рождения дата_народження "
    "датарождения датанародження др",
    "age": "age возраст вік",
    "age_as_of": "age_as_of as_of age_date reported_on на_дату",
    "unit": "unit military_unit вч в/ч часть військова_частина подразделение підрозділ",
    "region": "region home_region oblast регион область регіон",
    "rank": "rank звание звання",
    "side": "side сторона",
    "gender": "gender sex пол стать",
    "birth_place": "birth_place place_of_birth место_рождения місце_народження",
}


def _fold(header: str) -> str:
    return re.sub(r"[\s._\-]+", "_", header.strip().lower().replace("ё", "е")).strip("_")


_LOOKUP = {
    _fold(alias): name for name, spellings in _ALIASES.items() for alias in spellings.split()
}


@dataclass
class ListRow:
    """One usable row: its line in the file, its own id and the values read from it."""

    line: int
    row_id: str
    values: dict[str, str]
    birth_date: PartialDate | None = None

    @property
    def name(self) -> str:
        """The full name as written, or the parts joined surname first."""
        if self.values.get("full_name"):
            return self.values["full_name"]
        parts = (self.values.get(k) for k in ("surname", "first_name", "patronymic"))
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class ListFile:
    path: Path
    columns: dict[str, str]  # our field -> the header it was read from
    rows: list[ListRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# ---- dates -----------------------------------------------------------------------------------
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
)
_MONTHS = {name: i for names in _MONTH_NAMES for i, name in enumerate(names.split(), 1)}


def parse_written_date(text: str) -> PartialDate:
    """A date as lists write it: ISO, 12.04.1993, 12/04/1993 (day first), 12 April 1993, 1993."""
    t = " ".join(text.strip().lower().replace("г.", "").split())
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", t):
        return PartialDate.parse(t)
    m = re.fullmatch(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{4}|\d{2})", t)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if len(m[3]) == 2:  # two-digit years in lists of soldiers: 19xx unless that is absurd
            year += 1900 if year > 30 else 2000
        if month > 12 and day <= 12:  # written month first (US style)
            day, month = month, day
        return PartialDate.of(year, month, day)
    m = re.fullmatch(r"(\d{1,2}) ([^\d\s]+),? (\d{4})", t)
    if m and m[2] in _MONTHS:
        return PartialDate.of(int(m[3]), _MONTHS[m[2]], int(m[1]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{4})", t)
    if m:
        return PartialDate.of(int(m[2]), int(m[1]))
    raise ValidationError(f"'{text}' is not a date this reader knows (try 1993-04-12)")


def birth_from_age(age: int, as_of: date) -> PartialDate:
    """The birth dates consistent with being ``age`` on ``as_of`` (a range of one year)."""
    latest = _years_before(as_of, age)
    earliest = _years_before(as_of, age + 1) + timedelta(days=1)
    return PartialDate.parse(f"{earliest.isoformat()}/{latest.isoformat()}")


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


# ---- reading ---------------------------------------------------------------------------------
def _decode(path: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            N_(
                "%(path)s: line %(line)s is not %(encoding)s text; if the list was saved in "
                "another encoding (often cp1251 for Russian and Ukrainian lists), give --encoding"
            ),
            path=path,
            line=line,
            encoding=encoding,
        ) from None
    except LookupError:
        raise ValidationError(N_("unknown encoding '%(encoding)s'"), encoding=encoding) from None


def _map_columns(path: Path, headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for ours, theirs in mapping.items():
        if ours not in FIELDS:
            raise ValidationError(f"--column {ours}=…: '{ours}' is not one of {', '.join(FIELDS)}")
        if theirs not in headers:
            raise ValidationError(
                N_("%(path)s: there is no column '%(column)s' (columns: %(columns)s)"),
                path=path,
                column=theirs,
                columns=", ".join(headers),
            )
        columns[ours] = theirs
    for header in headers:
        ours = _LOOKUP.get(_fold(header))
        if ours and ours not in columns and header not in columns.values():
            columns[ours] = header
    if not ({"full_name", "surname"} & set(columns)):
        raise ValidationError(
            N_(
                "%(path)s: no name column found among %(columns)s; map one with "
                "--column full_name=HEADER or --column surname=HEADER"
            ),
            path=path,
            columns=", ".join(headers),
        )
    return columns


def read_list(
    path: Path, *, mapping: dict[str, str] | None = None, encoding: str = "utf-8-sig"
) -> ListFile:
    """Read a list (CSV or .xlsx); rows that cannot be used are returned as errors, not raised."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read the file ({exc.strerror})") from None
    return read_list_bytes(raw, path, mapping=mapping, encoding=encoding)


def _csv_rows(raw: bytes, path: Path, encoding: str) -> Rows:
    """Every row of a CSV text with the line it ends on (a quoted cell may span lines)."""
    if b"\x00" in raw[:4096]:
        raise ValidationError(N_("%(path)s: this is a binary file, not a CSV list"), path=path)
    text = _decode(path, raw, encoding)
    if not text.strip():
        raise ValidationError(N_("%(path)s: the file is empty"), path=path)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)  # "\r" alone ends a line too
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:  # a line the csv module cannot parse is the file's error
        raise ValidationError(
            N_("%(path)s: line %(line)s cannot be read (%(problem)s)"),
            path=path,
            line=reader.line_num,
            problem=exc,
        ) from None


def _table(raw: bytes, path: Path, encoding: str) -> tuple[list[str], Rows]:
    """A list's headers (its first non-empty row) and the rows after them, with their lines.

    A workbook is read by its name's extension, whatever the bytes say, so that a file named
    .xlsx that is not one is refused as a workbook rather than read as text. The encoding
    applies to text only.
    """
    if path.suffix.lower() in _OTHER_SPREADSHEETS:
        raise ValidationError(
            N_("%(path)s: %(kind)s files cannot be read; save the list as .xlsx or as CSV"),
            path=path,
            kind=path.suffix.lower(),
        )
    rows = xlsx.sheet_rows(raw, path) if xlsx.is_workbook(path) else _csv_rows(raw, path, encoding)
    for _, cells in rows:
        if any(c.strip() for c in cells):
            return [h.strip() for h in cells], rows
    return [], rows


def list_columns(
    raw: bytes, path: Path, encoding: str = "utf-8-sig"
) -> tuple[list[str], dict[str, str]]:
    """A list's headers, and the columns recognised among them (our field -> header)."""
    headers, rows = _table(raw, path, encoding)
    rows.close()  # the rest of the list is not needed
    found: dict[str, str] = {}
    for header in headers:
        ours = _LOOKUP.get(_fold(header))
        if ours and ours not in found:
            found[ours] = header
    return headers, found


def read_list_bytes(
    raw: bytes, path: Path, *, mapping: dict[str, str] | None = None, encoding: str = "utf-8-sig"
) -> ListFile:
    """Read a list already in memory (``path`` names it in messages; a name ending .xlsx
    makes it a workbook, whose first worksheet is read and whose rows are its lines)."""
    headers, rows = _table(raw, path, encoding)
    out = ListFile(path, _map_columns(path, headers, mapping or {}))
    seen_ids: dict[str, int] = {}
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        row = _row(out, headers, cells, line)
        if isinstance(row, RowError):
            out.errors.append(row)
        elif row.row_id in seen_ids:
            out.errors.append(
                RowError(
                    line,
                    out.columns.get("id"),
                    f"id '{row.row_id}' repeats line {seen_ids[row.row_id]}",
                )
            )
        else:
            seen_ids[row.row_id] = line
            out.rows.append(row)
    return out


def citable(raw: bytes, filename: str, encoding: str) -> tuple[bytes, str, str]:
    """The bytes, file name and encoding to keep a list under as a source that is cited.

    Citations point into a source's text by line, so a workbook is kept as the CSV text of its
    first worksheet (line N holding row N, read back as the same rows) named ``NAME.xlsx.csv``;
    a CSV list is kept as it came.
    """
    if not xlsx.is_workbook(Path(filename)):
        return raw, filename, encoding
    return xlsx.as_csv(raw, Path(filename)), f"{filename}.csv", "utf-8-sig"


def _row(lf: ListFile, headers: list[str], cells: list[str], line: int) -> ListRow | RowError:
    if len(cells) > len(headers):
        return RowError(line, None, f"{len(cells)} cells but only {len(headers)} columns")
    by_header = dict(zip(headers, (c.strip() for c in cells), strict=False))
    values = {ours: by_header.get(theirs, "") for ours, theirs in lf.columns.items()}
    values = {k: v for k, v in values.items() if v}
    row = ListRow(line, values.get("id") or str(line), values)
    if not row.name.strip():
        col = lf.columns.get("full_name") or lf.columns.get("surname")
        return RowError(line, col, "the name is empty")
    try:
        if "birth_date" in values:
            row.birth_date = parse_written_date(values["birth_date"])
        elif "age" in values:
            row.birth_date = _birth_from_row_age(values)
    except ValidationError as exc:
        col = lf.columns.get("birth_date") or lf.columns.get("age")
        return RowError(line, col, str(exc))
    return row


def _birth_from_row_age(values: dict[str, str]) -> PartialDate | None:
    try:
        age = int(values["age"])
    except ValueError:
        raise ValidationError(f"age '{values['age']}' is not a whole number") from None
    if not 14 <= age <= 100:
        raise ValidationError(f"age {age} is not a plausible age for a soldier")
    as_of_text = values.get("age_as_of")
    if not as_of_text:
        return None  # an age without the date it was true says little about the birth year
    as_of = parse_written_date(as_of_text)
    if not as_of.is_exact_day:
        as_of = PartialDate.from_date(as_of.latest)
    return birth_from_age(age, as_of.earliest)
