"""Reading lists of people: recognised columns, written dates, ages, bad rows by line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from powtrace.domain.errors import ValidationError
from powtrace.intake.lists import birth_from_age, parse_written_date, read_list


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
