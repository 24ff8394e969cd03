"""Records: name forms, persons, sources, citations and events."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import (
    Citation,
    Event,
    Gender,
    NameForm,
    NameKind,
    Person,
    ReviewState,
    Script,
    Side,
    Source,
    SourceKind,
    detect_script,
)
from powtrace.domain.visibility import Visibility
from powtrace.domain.vocab import event_types

FAST = settings(max_examples=100, deadline=None)
TEXT = "Ивана Петрова взяли в плен под Курском в августе 2024 года."


def source(text: str = TEXT, **kw: object) -> Source:
    return Source("Report", text.encode("utf-8"), text=text, **kw)  # type: ignore[arg-type]


# ---- NameForm ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Иван Петров", Script.CYRILLIC),
        ("Іван Їжаков", Script.CYRILLIC),
        ("Григорʼєв Андрій", Script.CYRILLIC),  # Ukrainian apostrophe U+02BC
        ("Солов'яненко", Script.CYRILLIC),
        ("Ivan Petrov", Script.LATIN),
        ("Šević Müller", Script.LATIN),
        ("Ivan Petrovʹ", Script.LATIN),  # scholarly soft sign U+02B9
        ("Иван Petrov", Script.MIXED),
        ("Ivan Рetrov", Script.MIXED),  # a Cyrillic Р hiding in Latin text
        ("Иван 李", Script.MIXED),
        ("李小龙", Script.OTHER),
        ("12345", Script.OTHER),
        ("", Script.OTHER),
    ],
)
def test_detect_script(text: str, script: Script) -> None:
    assert detect_script(text) is script


def test_name_form_detects_its_script() -> None:
    assert NameForm("Петров Иван Сергеевич").script is Script.CYRILLIC
    assert NameForm("Petrov Ivan").script is Script.LATIN
    assert NameForm("Petrov Иван").script is Script.MIXED


def test_name_form_keeps_a_stated_script() -> None:
    assert NameForm("Petrov", script="cyrillic").script is Script.CYRILLIC
    with pytest.raises(ValidationError, match="unknown script 'klingon'"):
        NameForm("Petrov", script="klingon")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  Иван   Петров ", "Иван Петров"),
        ("Иван\tПетров\nСергеевич", "Иван Петров Сергеевич"),
        ("Иван\u00a0Петров", "Иван Петров"),
        ("Ivan\u2003 Petrov", "Ivan Petrov"),
    ],
)
def test_name_form_folds_whitespace(raw: str, folded: str) -> None:
    assert NameForm(raw).text == folded


@FAST
@given(
    st.lists(st.text(st.characters(categories=["L"]), min_size=1), min_size=1, max_size=4),
    st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\u00a0"]), min_size=5, max_size=5),
)
def test_name_form_folding_keeps_the_words(words: list[str], gaps: list[str]) -> None:
    raw = gaps[0] + "".join(w + g for w, g in zip(words, gaps[1:] * 2, strict=False))
    form = NameForm(raw)
    assert form.text == " ".join(words)
    assert form.text == form.text.strip()
    assert "  " not in form.text


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_name_form_needs_text(text: str | None) -> None:
    with pytest.raises(ValidationError, match="needs text"):
        NameForm(text)  # type: ignore[arg-type]


def test_name_form_kind() -> None:
    assert NameForm("Петров", kind="official").kind is NameKind.OFFICIAL
    assert NameForm("Петров").kind is NameKind.AS_REPORTED
    with pytest.raises(ValidationError) as err:
        NameForm("Петров", kind="nickname")  # type: ignore[arg-type]
    assert "nickname" in str(err.value)
    assert "official, as_reported, transliteration, alias" in str(err.value)


# ---- Person -----------------------------------------------------------------------------


def test_person_needs_a_name_form() -> None:
    with pytest.raises(ValidationError, match="at least one name form"):
        Person([])


def test_person_defaults_and_parsing() -> None:
    person = Person([NameForm("Петров Иван")], side="Russia", gender="M")  # type: ignore[arg-type]
    assert person.side is Side.RUSSIA
    assert person.gender is Gender.MALE
    assert person.visibility is Visibility.RESTRICTED
    assert person.id.startswith("p-")
    assert person.id != Person([NameForm("Петров Иван")]).id


@pytest.mark.parametrize(
    ("field", "value", "what"),
    [
        ("side", "belarus", "side"),
        ("gender", "x", "gender"),
        ("visibility", "secret", "visibility"),
    ],
)
def test_person_refuses_unknown_values(field: str, value: str, what: str) -> None:
    with pytest.raises(ValidationError) as err:
        Person([NameForm("Петров")], **{field: value})  # type: ignore[arg-type]
    assert f"unknown {what} '{value}'" in str(err.value)


def test_person_field_visibility() -> None:
    person = Person([NameForm("Петров")], field_visibility={"unit": "sealed"})  # type: ignore[dict-item]
    assert person.field_visibility == {"unit": Visibility.SEALED}
    with pytest.raises(ValidationError, match="no field 'eye_colour'"):
        Person([NameForm("Петров")], field_visibility={"eye_colour": Visibility.SEALED})
    with pytest.raises(ValidationError, match="unknown visibility 'top'"):
        Person([NameForm("Петров")], field_visibility={"unit": "top"})  # type: ignore[dict-item]


def test_display_name_prefers_the_official_form() -> None:
    forms = [NameForm("Petrov Ivan"), NameForm("Петров Иван Сергеевич", kind=NameKind.OFFICIAL)]
    assert Person(forms).display_name == "Петров Иван Сергеевич"
    assert Person([NameForm("Petrov Ivan"), NameForm("Петров")]).display_name == "Petrov Ivan"


# ---- Source -----------------------------------------------------------------------------


def test_source_hashes_its_content() -> None:
    src = source()
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert src.sha256 == digest
    assert src.id == f"s-{digest[:16]}"
    assert src.kind is SourceKind.ARTICLE


@FAST
@given(st.binary(max_size=200), st.binary(max_size=200))
def test_source_id_derives_from_content(a: bytes, b: bytes) -> None:
    first, again, other = Source("A", a), Source("Another title", a), Source("A", b)
    assert first.sha256 == hashlib.sha256(a).hexdigest()
    assert first.id == again.id
    assert (first.id == other.id) == (a == b)


def test_source_from_its_hash_alone_gets_the_same_id() -> None:
    digest = hashlib.sha256(b"original").hexdigest()
    assert Source("Archived", None, sha256=digest).id == Source("Fetched", b"original").id
    assert Source("Upper", b"original", sha256=digest.upper()).sha256 == digest


def test_source_keeps_an_explicit_id() -> None:
    assert Source("A", b"x", id="s-custom").id == "s-custom"


def test_source_refuses_a_wrong_sha256() -> None:
    wrong = hashlib.sha256(b"something else").hexdigest()
    with pytest.raises(ValidationError, match="does not match its SHA-256"):
        Source("Report", b"original", sha256=wrong)


@pytest.mark.parametrize("bad", ["xyz", "0" * 63, "g" * 64, "0" * 65])
def test_source_refuses_a_malformed_sha256(bad: str) -> None:
    with pytest.raises(ValidationError, match="is not a SHA-256"):
        Source("Archived", None, sha256=bad)


def test_source_needs_content_or_hash() -> None:
    with pytest.raises(ValidationError, match="needs its content or its SHA-256"):
        Source("Lost", None)


def test_source_needs_a_title() -> None:
    with pytest.raises(ValidationError, match="needs a title"):
        Source("   ", b"x")
    assert Source("  Two   words ", b"x").title == "Two words"


@pytest.mark.parametrize("grade", ["G", "AB", "", " ", "1", "Z"])
def test_source_refuses_an_unknown_reliability(grade: str) -> None:
    with pytest.raises(ValidationError, match="Admiralty grade"):
        Source("Report", b"x", reliability=grade)


@pytest.mark.parametrize("grade", list("ABCDEFabcdef"))
def test_source_accepts_admiralty_grades(grade: str) -> None:
    assert Source("Report", b"x", reliability=grade).reliability == grade.upper()


def test_source_defaults_to_grade_f_and_restricted() -> None:
    src = Source("Report", b"x")
    assert src.reliability == "F"
    assert src.visibility is Visibility.RESTRICTED
    with pytest.raises(ValidationError, match="unknown source kind 'tweet'"):
        Source("Report", b"x", kind="tweet")  # type: ignore[arg-type]


# ---- Citation ---------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5), (-1, 4), (-3, -1)])
def test_citation_refuses_empty_or_negative_spans(start: int, end: int) -> None:
    with pytest.raises(ValidationError, match="empty or negative"):
        Citation("s-1", start, end, "x")


def test_citation_span_must_be_whole_offsets() -> None:
    with pytest.raises(ValidationError, match="whole character offsets"):
        Citation("s-1", "0", 5, "Ивана")  # type: ignore[arg-type]


@pytest.mark.parametrize("grade", [0, 7, -1, 10, "3"])
def test_citation_refuses_credibility_outside_1_to_6(grade: object) -> None:
    with pytest.raises(ValidationError, match="not a grade from 1"):
        Citation("s-1", 0, 5, "Ивана", credibility=grade)  # type: ignore[arg-type]


@pytest.mark.parametrize("grade", [1, 2, 3, 4, 5, 6])
def test_citation_accepts_credibility_1_to_6(grade: int) -> None:
    assert Citation("s-1", 0, 5, "Ивана", credibility=grade).credibility == grade


def test_citation_matching_its_source_passes() -> None:
    src = source()
    start = TEXT.index("под Курском")
    Citation(src.id, start, start + len("под Курском"), "под Курском").check_against(src)


def test_citation_outside_the_text_is_refused() -> None:
    src = source()
    with pytest.raises(ValidationError, match="lies outside source"):
        Citation(src.id, len(TEXT) - 2, len(TEXT) + 3, TEXT[-2:]).check_against(src)
    no_text = Source("Scan", b"%PDF", text=None)
    with pytest.raises(ValidationError, match="0 characters"):
        Citation(no_text.id, 0, 4, "%PDF").check_against(no_text)


def test_citation_with_a_different_excerpt_is_refused() -> None:
    src = source()
    with pytest.raises(ValidationError, match="not the excerpt given"):
        Citation(src.id, 0, 5, "Петра").check_against(src)


@FAST
@given(st.text(min_size=1, max_size=80), st.data())
def test_citation_of_any_span_checks_out(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    src = source(text)
    Citation(src.id, start, end, text[start:end]).check_against(src)
    with pytest.raises(ValidationError):
        Citation(src.id, start, end, text[start:end] + "!").check_against(src)


# ---- Event ------------------------------------------------------------------------------


def test_event_refuses_an_unknown_type_with_a_suggestion() -> None:
    with pytest.raises(ValidationError, match="Did you mean 'captured'"):
        Event("captred", "p-1")


def test_event_validates_and_canonicalises_details() -> None:
    event = Event("sentenced", "p-1", details={"term_months": "36", "kind": "prison"})
    assert event.details == {"term_months": 36, "kind": "prison"}
    with pytest.raises(ValidationError, match="detail 'term_months'"):
        Event("sentenced", "p-1", details={"term_months": "long"})
    with pytest.raises(ValidationError, match="has no detail 'sentence'"):
        Event("sentenced", "p-1", details={"sentence": "10 years"})


def test_event_needs_a_person_or_a_group_size() -> None:
    with pytest.raises(ValidationError, match="name a person or give a group size"):
        Event("exchanged", None)
    with pytest.raises(ValidationError, match="name a person or give a group size"):
        Event("exchanged", None, group_size=0)
    group = Event("exchanged", None, group_size=95)
    assert group.person_id is None
    assert group.group_size == 95


@pytest.mark.parametrize("size", [-1, 0, True, "abc", 2.5, "1.5"])
def test_event_refuses_a_bad_group_size(size: object) -> None:
    with pytest.raises(ValidationError, match="group size must be a positive whole number"):
        Event("exchanged", "p-1", group_size=size)  # type: ignore[arg-type]


def test_event_group_size_is_canonicalised() -> None:
    assert Event("exchanged", None, group_size="12").group_size == 12  # type: ignore[arg-type]


def test_event_review_state() -> None:
    assert Event("captured", "p-1").review is ReviewState.PROPOSED
    assert Event("captured", "p-1", review="Confirmed").review is ReviewState.CONFIRMED  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="unknown review state 'approved'"):
        Event("captured", "p-1", review="approved")  # type: ignore[arg-type]


def test_event_label_and_id() -> None:
    event = Event("isolated_interrogated", "p-1")
    assert event.label == "held in isolation and interrogated after return"
    assert event.id.startswith("e-")
    assert event.id != Event("isolated_interrogated", "p-1").id


@pytest.mark.parametrize(
    "type_id", ["surrendered", "interviewed_in_captivity", "refused_repatriation"]
)
def test_sensitive_events_default_to_sealed(type_id: str) -> None:
    assert Event(type_id, "p-1").visibility is Visibility.SEALED


def test_capture_is_restricted_but_its_mode_and_circumstances_are_sealed() -> None:
    event = Event("captured", "p-1", details={"mode": "wounded", "detaining_state": "Ukraine"})
    assert event.visibility is Visibility.RESTRICTED
    assert event.field_visibility == {
        "details.mode": Visibility.SEALED,
        "details.circumstances": Visibility.SEALED,
    }


def test_explicit_visibility_overrides_the_default() -> None:
    assert Event("surrendered", "p-1", visibility="restricted").visibility is Visibility.RESTRICTED  # type: ignore[arg-type]
    assert Event("exchanged", "p-1", visibility=Visibility.SEALED).visibility is Visibility.SEALED
    public_capture = Event("captured", "p-1", visibility=Visibility.PUBLIC)
    assert public_capture.visibility is Visibility.PUBLIC
    assert public_capture.field_visibility["details.mode"] is Visibility.SEALED
    opened = Event("captured", "p-1", field_visibility={"details.mode": "restricted"})  # type: ignore[dict-item]
    assert opened.field_visibility["details.mode"] is Visibility.RESTRICTED
    assert opened.field_visibility["details.circumstances"] is Visibility.SEALED
    with pytest.raises(ValidationError, match="unknown visibility 'hidden'"):
        Event("captured", "p-1", visibility="hidden")  # type: ignore[arg-type]


@pytest.mark.parametrize("type_id", list(event_types()))
def test_every_type_makes_an_event_with_its_defaults(type_id: str) -> None:
    kind = event_types()[type_id]
    event = Event(type_id, "p-1")
    assert event.visibility is kind.visibility
    sealed = {k for k, v in event.field_visibility.items() if v is Visibility.SEALED}
    assert sealed == {f"details.{name}" for name in kind.sealed_details}
