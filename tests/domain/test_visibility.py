"""Visibility levels: their order, who may see what, and parsing."""

from __future__ import annotations

import itertools

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility

ORDER = [Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.SEALED]


def test_levels_are_ordered_by_protection() -> None:
    assert [v.rank for v in ORDER] == [0, 1, 2]
    assert list(Visibility) == ORDER


@pytest.mark.parametrize(("record", "clearance"), list(itertools.product(ORDER, repeat=2)))
def test_visible_to_matches_the_order(record: Visibility, clearance: Visibility) -> None:
    expected = ORDER.index(record) <= ORDER.index(clearance)
    assert record.visible_to(clearance) is expected


def test_visible_to_examples() -> None:
    assert Visibility.PUBLIC.visible_to(Visibility.PUBLIC)
    assert Visibility.RESTRICTED.visible_to(Visibility.SEALED)
    assert not Visibility.SEALED.visible_to(Visibility.RESTRICTED)
    assert not Visibility.RESTRICTED.visible_to(Visibility.PUBLIC)


def test_visible_to_is_transitive() -> None:
    for a, b, c in itertools.product(ORDER, repeat=3):
        if a.visible_to(b) and b.visible_to(c):
            assert a.visible_to(c)


def test_strictest() -> None:
    assert Visibility.strictest(Visibility.PUBLIC) is Visibility.PUBLIC
    assert Visibility.strictest(Visibility.PUBLIC, Visibility.RESTRICTED) is Visibility.RESTRICTED
    assert (
        Visibility.strictest(Visibility.SEALED, Visibility.PUBLIC, Visibility.RESTRICTED)
        is Visibility.SEALED
    )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("public", Visibility.PUBLIC),
        (" Restricted ", Visibility.RESTRICTED),
        ("SEALED", Visibility.SEALED),
        (Visibility.SEALED, Visibility.SEALED),
        (Visibility.PUBLIC, Visibility.PUBLIC),
    ],
)
def test_parse(text: str, level: Visibility) -> None:
    assert Visibility.parse(text) is level


@pytest.mark.parametrize("text", ["secret", "", "privat", None, 2])
def test_parse_refuses_unknown_levels_naming_them(text: object) -> None:
    with pytest.raises(ValidationError) as err:
        Visibility.parse(text)  # type: ignore[arg-type]
    message = str(err.value)
    assert f"unknown visibility '{text}'" in message
    assert "public, restricted or sealed" in message
