"""Rule texts and coded values in Russian and Ukrainian: every key has both translations, and
what the rule engine and the lifecycle write in English is read back and translated whole."""

from __future__ import annotations

import re
from dataclasses import fields
from importlib import resources
from types import SimpleNamespace

import pytest
import yaml

from powtrace.domain import model
from powtrace.domain.dates import PartialDate
from powtrace.domain.vocab import event_types
from powtrace.lifecycle import PROBLEM_CODES, problems
from powtrace.lifecycle.tables import custody_table
from powtrace.rules.reasons import describe_reasons
from powtrace.store import proposals
from powtrace.web import i18n, labels, rule_texts
from powtrace.workflows import wishes
from powtrace.workflows.findings import catalogue

LANGS = ("ru", "uk")
FIELD = re.compile(r"\{([^{}]*)\}")


def test_every_rule_text_and_bound_name_has_both_translations() -> None:
    tables = rule_texts.tables()
    needed: set[str] = set()
    missing = []
    for rule in catalogue():
        for text in rule_texts.rule_texts(rule):
            needed.add(text)
            missing += [(rule.id, lang, text) for lang in LANGS if not tables.texts.get(text, {})]
            missing += [
                (rule.id, lang, text)
                for lang in LANGS
                if text in tables.texts and not tables.texts[text].get(lang)
            ]
        for name in rule_texts.rule_names(rule):
            missing += [
                (rule.id, lang, name) for lang in LANGS if lang not in tables.names.get(name, {})
            ]
    assert not missing, "translate in src/powtrace/rules/translations/: " + repr(missing[:5])
    # An entry no rule uses any more is an English text that was edited: translate it anew.
    stale = {t: tables.files[t] for t in tables.texts if t not in needed}
    assert not stale, f"translations of texts no rule has: {stale}"
    for english, translated in tables.texts.items():
        for lang, text in translated.items():
            assert set(FIELD.findall(text)) == set(FIELD.findall(english)), (lang, english)


def test_the_translation_files_are_one_per_rule_and_well_formed() -> None:
    folder = rule_texts.translations_dir()
    files = sorted(e.name for e in folder.iterdir() if e.name.endswith(".yaml"))
    assert files == sorted(["_common.yaml", *(f"{r.id}.yaml" for r in catalogue())])
    for name in files:
        data = yaml.safe_load(folder.joinpath(name).read_text("utf-8"))
        assert set(data) <= {"texts", "names"}, name
        for item in data.get("texts") or []:
            assert set(item) == {"en", "ru", "uk"}, (name, item)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("EVENT_TYPE", {k: t.label for k, t in event_types().items()}),
        ("CUSTODY", dict(custody_table().labels)),
    ],
)
def test_label_tables_say_what_the_vocabulary_files_say(
    table: str, expected: dict[str, str]
) -> None:
    """The English must match the data files: explanations quote those very words."""
    assert getattr(labels, table) == expected
    assert custody_table().label(None) == labels.NO_CUSTODY


def test_label_tables_cover_every_coded_value() -> None:
    types = event_types().values()
    assert set(labels.DETAIL) == {k for t in types for k in t.details}
    assert set(labels.DETAIL_VALUE) == {
        c for t in types for s in t.details.values() for c in s.choices
    }
    facets = yaml.safe_load(
        resources.files("powtrace.lifecycle").joinpath("facets.yaml").read_text()
    )
    assert set(labels.FACET_VALUE) == {v for values in facets.values() for v in values}
    assert set(labels.PROBLEM) == set(PROBLEM_CODES)
    assert set(labels.NAME_KIND) == {k.value for k in model.NameKind}
    assert set(labels.REVIEW_STATE) == {s.value for s in model.ReviewState}
    assert set(labels.PROPOSAL_STATUS) == {s.value for s in proposals.Status}
    assert set(labels.SOURCE_KIND) == {k.value for k in model.SourceKind}
    basis = next(f.default for f in fields(wishes.Alert) if f.name == "legal_basis")
    assert set(labels.ALERT_BASIS) == {basis}


def _event(type_: str, date: str | None, person: str = "p-1") -> model.Event:
    return model.Event(type_, person, date=PartialDate.parse(date) if date else None)


def _item(type_: str, date: str | None) -> SimpleNamespace:
    return SimpleNamespace(event=_event(type_, date))


def engine_texts() -> list[str]:
    """Sentences the lifecycle and the rule engine write, one of each kind."""
    captured, exchanged = _event("captured", "2024-05"), _event("exchanged", "2024-05-12")
    death, interned = _event("died_in_captivity", "2024-06-01"), _event("interned", None)
    found = [
        problems.return_without_capture(exchanged),
        problems.exchanged_before_captured(exchanged, captured),
        problems.event_after_death(death, exchanged),
        problems.ambiguous_order(captured, "serving", exchanged, "captured"),
        problems.ambiguous_order(captured, "dead", _event("interned", "2024-05"), "interned"),
        problems.forbidden_transition(death, "dead", exchanged, "exchanged"),
        problems.undated_event(interned, "serving", "interned", True),
        problems.undated_event(interned, "dead", "interned", False),
    ]
    texts = [p.message for p in found]
    tortured = _item("tortured", "2024-05-13/2024-11-21")
    reasons = [
        ("during", _item("captured", "2024-05"), "captivity"),
        ("after", _item("listed_for_exchange", None), "today", 7),
        ("after", _item("redeployed_combat", "2025-01"), "captivity", None),
        ("before", _item("registered_icrc", "2024-05~"), "card_due"),
        ("sources", tortured, 1, 2),
        ("sources", tortured, 3, 4),
        ("absent", _item("family_contact", "2024-12")),
        ("deadline", "notice_due", 14, "today"),
        ("threshold", "days_incommunicado", 14, 10, 21),
        ("side",),
        ("not", (("side",),)),
        ("problem", found[0].message),
        ("note", "he is named on an exchange list; the exchange has not been recorded"),
    ]
    texts += ["Probable, not certain: " + describe_reasons([r], {}) + "." for r in reasons]
    texts.append("The severity may be critical: " + describe_reasons(reasons[:2], {}) + ".")
    return texts


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_engine_writes_is_read_back_whole(lang: str) -> None:
    words = rule_texts.language(lang)
    for text in engine_texts():
        if text.startswith(("Probable", "The severity")):
            done = words.explanation("refoulement_risk", text)
        else:
            done = words.problem_message(text)
        assert done != text, text
        assert not re.search(r"\b(the|is|and|of|not|captured|exchanged)\b", done), done
    for change in (
        "no longer supported after captured event e-1 accepted",
        "supported again after merge m-1 undone",
        "no longer supported after named on list list:x, row 2",
    ):
        assert words.change(change) != change


@pytest.mark.parametrize("lang", LANGS)
def test_lengths_of_time_take_the_right_plural(lang: str) -> None:
    words = rule_texts.language(lang)
    one, few, many = {"ru": ("день", "дня", "дней"), "uk": ("день", "дні", "днів")}[lang]
    assert words.days("1 day") == f"1 {one}" and words.days("21 days") == f"21 {one}"
    assert words.days("3 days") == f"3 {few}" and words.days("11 days") == f"11 {many}"
    assert words.days("28 days") == f"28 {many}"
    assert i18n.translations(lang).gettext("settled law") != "settled law"
