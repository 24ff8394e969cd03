"""The event vocabulary: the YAML file, type lookup and structured details."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.domain.vocab import CORPUS_TYPES, DetailSpec, EventType, event_type, event_types

FAST = settings(max_examples=100, deadline=None)
KINDS = {"text", "int", "bool", "date", "choice"}


def raw_vocabulary() -> dict:
    text = resources.files("powtrace.domain").joinpath("event_types.yaml").read_text("utf-8")
    return yaml.safe_load(text)


# ---- the vocabulary file ----------------------------------------------------------------


def test_every_type_in_the_file_loads() -> None:
    raw = raw_vocabulary()
    types = event_types()
    assert list(types) == list(raw)  # same types, in the order of the file
    assert len(types) >= 40


@pytest.mark.parametrize("type_id", list(raw_vocabulary()))
def test_each_type_is_well_formed(type_id: str) -> None:
    kind = event_type(type_id)
    assert isinstance(kind, EventType)
    assert kind.id == type_id
    assert kind.label.strip()
    assert kind.corpus in CORPUS_TYPES
    assert isinstance(kind.visibility, Visibility)
    assert kind.sealed_details <= set(kind.details)
    raw_details = raw_vocabulary()[type_id].get("details") or {}
    assert set(kind.details) == set(raw_details)
    for name, spec in kind.details.items():
        assert spec.name == name
        assert spec.kind in KINDS
        if spec.kind == "choice":
            assert spec.choices == tuple(raw_details[name])
            assert len(spec.choices) >= 2


def test_every_corpus_type_is_reached_by_an_event_type() -> None:
    reached = {kind.corpus for kind in event_types().values()}
    assert CORPUS_TYPES - reached == set()


def test_event_types_is_cached() -> None:
    assert event_types() is event_types()


@pytest.mark.parametrize(
    ("type_id", "visibility"),
    [
        ("surrendered", Visibility.SEALED),
        ("interviewed_in_captivity", Visibility.SEALED),
        ("refused_repatriation", Visibility.SEALED),
        ("captured", Visibility.RESTRICTED),
        ("exchanged", Visibility.PUBLIC),
    ],
)
def test_sensitive_types_carry_their_default_visibility(
    type_id: str, visibility: Visibility
) -> None:
    assert event_type(type_id).visibility is visibility


def test_capture_mode_and_circumstances_are_sealed_details() -> None:
    assert event_type("captured").sealed_details == {"mode", "circumstances"}


# ---- unknown types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "suggestion"),
    [("captred", "captured"), ("exchangd", "exchanged"), ("sentencd", "sentenced")],
)
def test_unknown_type_suggests_the_nearest(typo: str, suggestion: str) -> None:
    with pytest.raises(ValidationError) as err:
        event_type(typo)
    message = str(err.value)
    assert f"'{typo}'" in message
    assert f"Did you mean '{suggestion}'?" in message


def test_unknown_type_without_a_near_one_has_no_suggestion() -> None:
    with pytest.raises(ValidationError) as err:
        event_type("zzzzqqqq")
    assert "zzzzqqqq" in str(err.value)
    assert "Did you mean" not in str(err.value)


def test_type_lookup_is_case_sensitive_but_helpful() -> None:
    with pytest.raises(ValidationError, match="Did you mean 'captured'"):
        event_type("Captured")


# ---- details, kind by kind --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "given_value", "canonical"),
    [
        ("text", "  Rostov court  ", "Rostov court"),
        ("text", "ст. 275", "ст. 275"),
        ("int", "3", 3),
        ("int", " 36 ", 36),
        ("int", 12, 12),
        ("int", 0, 0),
        ("bool", "yes", True),
        ("bool", "Yes", True),
        ("bool", "true", True),
        ("bool", "1", True),
        ("bool", 1, True),
        ("bool", True, True),
        ("bool", "no", False),
        ("bool", "FALSE", False),
        ("bool", "0", False),
        ("bool", False, False),
        ("date", "2024-08", "2024-08"),
        ("date", " 2024-08-15~ ", "2024-08-15~"),
        ("date", date(2024, 8, 15), "2024-08-15"),
        ("date", PartialDate.parse("2024/2025"), "2024/2025"),
    ],
)
def test_detail_is_accepted_and_canonicalised(
    kind: str, given_value: object, canonical: object
) -> None:
    result = DetailSpec("thing", kind).check(given_value, "event e-1")
    assert result == canonical
    assert type(result) is type(canonical)


def test_choice_detail_accepts_only_its_values() -> None:
    spec = DetailSpec("mode", "choice", ("surrendered", "wounded", "unknown"))
    assert spec.check("wounded", "event e-1") == "wounded"
    with pytest.raises(ValidationError) as err:
        spec.check("ambushed", "event e-1")
    message = str(err.value)
    assert "detail 'mode'" in message
    assert "ambushed" in message
    assert "surrendered, wounded, unknown" in message


@pytest.mark.parametrize(
    ("kind", "bad"),
    [
        ("text", ""),
        ("text", "   "),
        ("text", 42),
        ("int", "three"),
        ("int", "2.5"),
        ("int", 2.5),
        ("int", -1),
        ("int", "-4"),
        ("int", True),
        ("int", ""),
        ("bool", "maybe"),
        ("bool", 2),
        ("bool", ""),
        ("date", "2024-13"),
        ("date", "August 2024"),
        ("date", "2024-02-30"),
    ],
)
def test_bad_detail_is_refused_naming_the_detail(kind: str, bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        DetailSpec("term_months", kind).check(bad, "event e-7")
    message = str(err.value)
    assert "detail 'term_months'" in message
    assert "event e-7" in message


@FAST
@given(st.integers(min_value=0, max_value=10**9))
def test_int_detail_round_trips_any_count(n: int) -> None:
    spec = DetailSpec("group_size", "int")
    assert spec.check(n, "e") == n
    assert spec.check(str(n), "e") == n


@FAST
@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_text_detail_is_stripped_not_otherwise_changed(text: str) -> None:
    assert DetailSpec("note", "text").check(text, "e") == text.strip()


# ---- details through an event type ------------------------------------------------------


def test_check_details_canonicalises_each_value() -> None:
    clean = event_type("sentenced").check_details(
        {
            "term_months": "36",
            "kind": "penal_colony",
            "court": " Southern District ",
            "article": None,
        }
    )
    assert clean == {"term_months": 36, "kind": "penal_colony", "court": "Southern District"}


def test_check_details_bool_detail() -> None:
    clean = event_type("died_in_captivity").check_details({"notified": "no", "investigated": "yes"})
    assert clean == {"notified": False, "investigated": True}


def test_check_details_refuses_a_bad_value_naming_the_detail() -> None:
    with pytest.raises(ValidationError, match="detail 'term_months'"):
        event_type("sentenced").check_details({"term_months": "ten years"}, where="event e-9")


def test_unknown_detail_key_lists_the_allowed_ones() -> None:
    with pytest.raises(ValidationError) as err:
        event_type("sentenced").check_details({"years": 3}, where="event e-9")
    message = str(err.value)
    assert "'years'" in message
    assert "'sentenced'" in message
    assert "allowed: article, case_number, court, in_absentia, kind, term_months" in message


def test_type_without_details_refuses_any_and_says_none() -> None:
    with pytest.raises(ValidationError, match=r"allowed: none"):
        event_type("registered_icrc").check_details({"facility": "Olenivka"})
    assert event_type("registered_icrc").check_details({}) == {}
