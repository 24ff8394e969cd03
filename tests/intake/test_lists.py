"""Reading lists of people (CSV and .xlsx): recognised columns, written dates, ages, bad rows by
line; a workbook reads as the same list would from CSV."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from powtrace.domain.errors import ValidationError
from powtrace.intake import xlsx
from powtrace.intake.lists import (
    ListFile,
    birth_from_age,
    citable,
    parse_written_date,
    read_list,
    read_list_bytes,
)
from powtrace.intake.xlsx import cell_text


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "list.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_russian_headers_are_recognised_and_rows_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "№;Фамилия;Имя;Отчество;Дата рождения;в/ч\n"
        "1;Долгополов;Игорь;Сергеевич;12.04.1993;48312\n"
        "2;Тетерин;Глеб;Андреевич;1989;\n",
    )
    lf = read_list(path)
    assert lf.columns["surname"] == "Фамилия" and lf.columns["unit"] == "в/ч"
    assert [r.row_id for r in lf.rows] == ["1", "2"]
    assert lf.rows[0].name == "Долгополов Игорь Сергеевич"
    assert str(lf.rows[0].birth_date) == "1993-04-12"
    assert str(lf.rows[1].birth_date) == "1989"
    assert lf.errors == []


def test_bad_rows_are_reported_by_line_and_good_rows_kept(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,full_name,birth_date\n"
        "a1,Orlov Sergei,1990-02-30\n"
        "a2,,1991\n"
        "a3,Petrenko Oleh,12.05.1988\n"
        "a3,Petrenko Oleh,12.05.1988\n"
        "a5,Ivanov Ivan,1990,extra\n",
    )
    lf = read_list(path)
    assert [r.row_id for r in lf.rows] == ["a3"]
    messages = {e.line: str(e) for e in lf.errors}
    assert "28 days" in messages[2] and "birth_date" in messages[2]
    assert "name is empty" in messages[3]
    assert "repeats line 4" in messages[5]
    assert "4 cells but only 3 columns" in messages[6]


def test_mapping_names_an_unusual_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "Ref,Nom complet,Year\nX1,Kravchyshyn Ostap,1996\n")
    with pytest.raises(ValidationError, match="no name column"):
        read_list(path)
    lf = read_list(path, mapping={"full_name": "Nom complet", "birth_date": "Year", "id": "Ref"})
    assert lf.rows[0].row_id == "X1" and str(lf.rows[0].birth_date) == "1996"
    with pytest.raises(ValidationError, match="no column 'Nom'"):
        read_list(path, mapping={"full_name": "Nom"})


def test_wrong_encoding_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,full_name\n1,Ivanov\n2,Долгополов\n", encoding="cp1251")
    with pytest.raises(ValidationError, match="line 3 is not utf-8-sig"):
        read_list(path)
    assert read_list(path, encoding="cp1251").rows[1].name == "Долгополов"


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="binary"):
        read_list(_write(tmp_path, "\x00\x01PK"))
    with pytest.raises(ValidationError, match="empty"):
        read_list(_write(tmp_path, "  \n"))


def test_age_with_its_date_gives_a_one_year_birth_range(tmp_path: Path) -> None:
    lf = read_list(_write(tmp_path, "full_name,age,age_as_of\nOrlov Sergei,31,2025-03-14\n"))
    born = lf.rows[0].birth_date
    assert born is not None
    assert (born.earliest, born.latest) == (date(1993, 3, 15), date(1994, 3, 14))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1993-04-12", "1993-04-12"),
        ("12.04.1993", "1993-04-12"),
        ("12/04/1993", "1993-04-12"),
        ("04/25/1993", "1993-04-25"),
        ("12.04.93", "1993-04-12"),
        ("12 апреля 1993 г.", "1993-04-12"),
        ("12 квітня 1993", "1993-04-12"),
        ("12 April 1993", "1993-04-12"),
        ("04.1993", "1993-04"),
        ("1993", "1993"),
    ],
)
def test_written_dates(text: str, expected: str) -> None:
    assert str(parse_written_date(text)) == expected


@given(st.integers(min_value=14, max_value=90), st.dates(date(1950, 1, 1), date(2030, 12, 31)))
def test_age_range_always_holds_the_true_birthdays(age: int, as_of: date) -> None:
    born = birth_from_age(age, as_of)
    for day in (born.earliest, born.latest):
        years = as_of.year - day.year - ((as_of.month, as_of.day) < (day.month, day.day))
        assert years == age


# ---- .xlsx workbooks -------------------------------------------------------------------------
def workbook(*sheets: list[list[object]], titles: tuple[str, ...] = ()) -> bytes:
    """An .xlsx made by openpyxl: one worksheet per list of rows (row 1 first, [] = empty)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, rows in enumerate(sheets):
        ws = wb.create_sheet(titles[i] if i < len(titles) else f"Аркуш{i + 1}")
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _same(a: ListFile, b: ListFile) -> None:
    assert a.columns == b.columns
    assert a.rows == b.rows
    assert [str(e) for e in a.errors] == [str(e) for e in b.errors]


BAD_ROWS = [
    ["id", "full_name", "birth_date"],
    ["a1", "Орлов Сергій Петрович", "1990-02-30"],
    ["a2", "", "1991"],
    ["a3", "Петренко Олег Іванович", "12.05.1988"],
    ["a3", "Петренко Олег Іванович", "12.05.1988"],
    ["a5", "Іванов Іван", "1990", "зайве"],
    ["a6", "Шевчук Тарас Богданович", "12 квітня 1993 г."],
]


def test_a_workbook_gives_the_same_people_and_errors_as_the_same_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "list.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(BAD_ROWS)
    xlsx_path = tmp_path / "list.xlsx"
    xlsx_path.write_bytes(workbook(BAD_ROWS))
    from_csv, from_xlsx = read_list(csv_path), read_list(xlsx_path)
    _same(from_xlsx, from_csv)
    assert [r.row_id for r in from_xlsx.rows] == ["a3", "a6"]
    messages = {e.line: str(e) for e in from_xlsx.errors}
    assert "28 days" in messages[2] and "column 'birth_date'" in messages[2]
    assert "repeats line 4" in messages[5] and "4 cells but only 3 columns" in messages[6]
    mapped = {"full_name": "full_name"}
    _same(read_list(xlsx_path, mapping=mapped), read_list(csv_path, mapping=mapped))


def test_excel_dates_and_numbers_read_as_a_person_writes_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["№", "Прізвище", "Ім'я", "Дата народження", "Вік", "на дату", "в/ч"],
        [1.0, "Гриценко", "Олександр", datetime(1990, 4, 12), None, None, 48312],
        [2, "Тетерин", "Глеб", date(1989, 3, 12), None, None, 3.5],
        [3.0, "Мельник", "Богдан", None, 31.0, date(2025, 3, 14), None],
        [4, "Коваль", "Дмитро", 1996, None, None, "в/ч А0123"],
    ]
    path = tmp_path / "обмін.xlsx"
    path.write_bytes(workbook(rows))
    lf = read_list(path)
    assert lf.errors == []
    assert [r.row_id for r in lf.rows] == ["1", "2", "3", "4"]
    first, second, third, fourth = lf.rows
    assert first.values["birth_date"] == "1990-04-12" and str(first.birth_date) == "1990-04-12"
    assert first.values["unit"] == "48312" and second.values["unit"] == "3.5"
    assert str(second.birth_date) == "1989-03-12"
    assert third.values["age"] == "31" and "birth_date" not in third.values
    assert third.birth_date is not None
    assert (third.birth_date.earliest, third.birth_date.latest) == (
        date(1993, 3, 15),
        date(1994, 3, 14),
    )
    assert str(fourth.birth_date) == "1996" and fourth.values["unit"] == "в/ч А0123"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (datetime(1993, 4, 12, 0, 0), "1993-04-12"),
        (datetime(1993, 4, 12, 17, 45), "1993-04-12"),
        (date(1993, 4, 12), "1993-04-12"),
        (time(10, 30), "10:30:00"),
        (1.0, "1"),
        (48312.0, "48312"),
        (-3.0, "-3"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.3"),
        (7, "7"),
        (True, "TRUE"),
        ("Петренко\nОлег", "Петренко Олег"),
        ("Гриценко\x00", "Гриценко"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_rows_are_named_by_their_spreadsheet_row_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [],
        [],
        [None, "Прізвище", "Ім'я", "Дата\nнародження"],  # header: the first non-empty row
        [None, "Бондаренко", "Андрій", "12.04.1990"],
        [],
        [None, "", "", "1991"],
        [None, "Ткаченко", "Юрій", "31.02.1990"],
    ]
    path = tmp_path / "список.xlsx"
    path.write_bytes(workbook(rows))
    lf = read_list(path)
    assert lf.columns["birth_date"] == "Дата народження"  # a line break in a header is a space
    assert [(r.line, r.row_id) for r in lf.rows] == [(4, "4")]
    assert [(e.line, e.column) for e in lf.errors] == [(6, "Прізвище"), (7, "Дата народження")]
    assert str(lf.errors[1]).startswith("line 7, column 'Дата народження': ")


def test_only_the_first_worksheet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "два.xlsx"
    first = [["Прізвище", "Ім'я"], ["Савченко", "Петро"]]
    path.write_bytes(workbook(first, [["Прізвище"], ["Лисенко"], ["Кравченко"]]))
    assert [r.name for r in read_list(path).rows] == ["Савченко Петро"]
    path.write_bytes(workbook([], first, titles=("Зведення", "Список")))
    with pytest.raises(ValidationError, match=r"два\.xlsx: the first worksheet, 'Зведення', is"):
        read_list(path)


def test_formulas_give_their_cached_values_and_are_never_evaluated(tmp_path: Path) -> None:
    raw = workbook([["№", "ПІБ"], [1, "Олійник Василь Петрович"], [2, "Марченко Ігор"]])
    sheet = "xl/worksheets/sheet1.xml"
    xml = _member(raw, sheet).decode()
    # Row 2's id as a formula whose cached value (41) is not what it computes (1+1).
    xml = re.sub(r'<c r="A2"[^>]*>.*?</c>', '<c r="A2"><f>1+1</f><v>41</v></c>', xml)
    # Row 3's id as a formula saved without a cached value: nothing to read.
    xml = re.sub(r'<c r="A3"[^>]*>.*?</c>', '<c r="A3"><f>1+1</f></c>', xml)
    path = tmp_path / "формули.xlsx"
    path.write_bytes(_replace_member(raw, sheet, xml.encode()))
    assert [r.row_id for r in read_list(path).rows] == ["41", "3"]  # 3: the row's number


def test_the_kept_text_of_a_workbook_reads_back_as_the_same_list(tmp_path: Path) -> None:
    rows = [[], ["№", "ПІБ", "Дата народження"], *[r[:3] for r in BAD_ROWS[1:]]]
    rows[3][1] = 'Орлов "Сергій",\nПетрович'
    raw = workbook(rows)
    text, name, encoding = citable(raw, "обмін.xlsx", "cp1251")
    assert name == "обмін.xlsx.csv" and encoding == "utf-8-sig"
    original = read_list_bytes(raw, Path("обмін.xlsx"), encoding="cp1251")
    _same(read_list_bytes(text, Path(name)), original)
    lines = text.decode().splitlines()
    for row in original.rows:  # a citation's line is the row's line
        assert row.row_id in lines[row.line - 1]
    assert citable(b"a;b\n", "list.csv", "cp1251") == (b"a;b\n", "list.csv", "cp1251")


@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["Коваленко", "Шевченко Тарас", "Іваненко", "Бойко", ""]),
                st.dates(date(1950, 1, 1), date(2006, 12, 31)),
                st.integers(0, 99_999),
                st.text(alphabet="АБВгдєіїґ'ʼ -.0123456789", max_size=12),
            ),
            max_size=5,
        ),
        max_size=12,
    )
)
def test_any_table_reads_the_same_from_a_workbook_and_from_its_kept_text(
    rows: list[list[object]],
) -> None:
    table = [["№", "Прізвище", "Ім'я", "Дата народження"], *rows]
    raw = workbook(table)
    original = read_list_bytes(raw, Path("l.xlsx"))
    text, name, _ = citable(raw, "l.xlsx", "utf-8-sig")
    _same(read_list_bytes(text, Path(name)), original)


def test_files_that_are_not_workbooks_are_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "список.xlsx"
    for data in (b"", b"\x00\x01PK", "Прізвище\nІванов\n".encode(), b"PK\x03\x04broken"):
        path.write_bytes(data)
        with pytest.raises(ValidationError, match=r"список\.xlsx: this is not an Excel workbook"):
            read_list(path)
    old = tmp_path / "список.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ValidationError, match=r"\.xls files cannot be read; save the list as"):
        read_list(old)


def test_a_workbook_without_a_worksheet_is_refused(tmp_path: Path) -> None:
    raw = workbook([["Прізвище"], ["Іванов"]])
    xml = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", _member(raw, "xl/workbook.xml"))
    path = tmp_path / "порожня.xlsx"
    path.write_bytes(_replace_member(raw, "xl/workbook.xml", xml))
    with pytest.raises(ValidationError, match=r"порожня\.xlsx: the workbook has no worksheet"):
        read_list(path)


def test_too_many_rows_or_columns_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = tmp_path / "широкий.xlsx"
    wide.write_bytes(workbook([["Прізвище"], ["Іванов", *(["x"] * xlsx.MAX_COLUMNS)]]))
    with pytest.raises(ValidationError, match=r"row 2 has more than 200 columns"):
        read_list(wide)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 30)
    long = tmp_path / "довгий.xlsx"
    long.write_bytes(workbook([["Прізвище"], *([["Іванов"]] * 30)]))
    with pytest.raises(ValidationError, match=r"довгий\.xlsx: .* more than 30 rows"):
        read_list(long)
    monkeypatch.setattr(xlsx, "MAX_ROWS", 31)
    assert len(read_list(long).rows) == 30  # the header and 30 people: 31 rows


def _member(raw: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return zf.read(name)


def _replace_member(raw: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == name else src.read(info))
    return out.getvalue()
