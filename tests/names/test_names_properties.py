"""Property tests: keys and parsing are total, deterministic and case-insensitive."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powtrace.names import match_keys, normalize_person_name, readings, transliterations
from powtrace.names.keys import name_keys

# Letters, separators and punctuation that real names in our sources are written with.
NAME_ALPHABET = (
    "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюяАБВГҐДЕЁЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZšžčëïéŠŽČ '’-.,"
)
name_text = st.text(alphabet=NAME_ALPHABET, max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_keys_and_parse_never_raise_on_any_unicode(text: str) -> None:
    keys = match_keys(text)
    assert all(isinstance(k, str) and k for k in keys)
    assert readings(text)
    normalize_person_name(text)
    transliterations(text)


@settings(max_examples=300, deadline=None)
@given(name_text)
def test_keys_are_deterministic(text: str) -> None:
    fresh = name_keys.__wrapped__(text)  # computed again, bypassing the cache
    assert fresh == name_keys(text)
    assert match_keys(text) == match_keys(text)


@settings(max_examples=300, deadline=None)
@given(name_text)
def test_keys_ignore_letter_case(text: str) -> None:
    assert match_keys(text.upper()) == match_keys(text.lower())


@settings(max_examples=200, deadline=None)
@given(name_text)
def test_a_parsed_name_yields_keys_for_the_surname_it_found(text: str) -> None:
    parsed = normalize_person_name(text)
    if parsed.surname and any(ch.isalpha() for ch in parsed.surname):
        assert name_keys(text).surname or not any(
            c.lower() not in "ъьйиыіїiyj'’-" for c in parsed.surname
        )
