"""Whole-text extraction: persons, roles, spans, the gold shape, and the seed article's score."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.extract import extract, to_gold

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SEED = CORPUS / "seed-wsj-returning-pows.txt"

TEXT_RU = (
    "Южный окружной военный суд приговорил к 12 годам колонии рядового Артёма Белова, "
    "сообщила его адвокат Елена Смирнова.\n"
    "По данным защиты, 26-летний Белов попал в плен в феврале и провёл в лагере девять месяцев."
)
TEXT_EN = (
    "Private Denis Kuzmin, 22, went missing near Avdiivka in March, his mother Natalia Kuzmina "
    "said. His pay was stopped last month. A 19-year-old conscript from Kursk disappeared in "
    "the same assault."
)


def test_russian_names_in_the_nominative_with_roles_and_age() -> None:
    result = extract(TEXT_RU, PartialDate.parse("2025-06-05"), "ru")
    by_name = {p.name: p for p in result.persons}
    assert set(by_name) == {"Артём Белов", "Елена Смирнова"}
    assert by_name["Артём Белов"].age == 26 and by_name["Артём Белов"].role == "pow"
    assert by_name["Елена Смирнова"].role == "lawyer" and by_name["Елена Смирнова"].gender == "f"
    sentenced = next(e for e in result.events if e.type == "sentenced")
    assert sentenced.details == {"term_months": 144, "kind": "penal_colony"}
    captured = next(e for e in result.events if e.type == "captured")
    assert str(captured.date) == "2025-02" and "феврале" in (captured.date_note or "")


def test_every_span_holds_its_text() -> None:
    for text, lang in ((TEXT_EN, "en"), (TEXT_RU, "ru")):
        result = extract(text, PartialDate.parse("2024-09-20"), lang)
        assert result.events
        for e in result.events:
            assert text[e.evidence.start : e.evidence.end] == e.evidence.text
            assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        for p in result.persons:
            for m in p.mentions:
                assert text[m.start : m.end] == m.text


def test_unnamed_person_and_relative_dates() -> None:
    result = extract(TEXT_EN, PartialDate.parse("2024-09-20"), "en")
    unnamed = [p for p in result.persons if p.unnamed]
    assert [p.name for p in unnamed] == ["A 19-year-old conscript from Kursk"] or [
        p.name for p in unnamed
    ] == ["A 19-year-old conscript"]
    assert unnamed[0].age == 19
    pay = next(e for e in result.events if e.type == "pay_suspended")
    assert result.person(pay.person_id).name == "Denis Kuzmin"  # "His" resolved to Kuzmin
    assert str(pay.date) == "2024-08"


def test_to_gold_has_the_corpus_shape() -> None:
    gold = to_gold(extract(TEXT_EN, PartialDate.parse("2024-09-20"), "en"))
    assert set(gold) == {"source", "persons", "events"}
    assert gold["source"]["published"] == "2024-09-20" and gold["source"]["language"] == "en"
    for p in gold["persons"]:
        assert {"name", "variants", "role", "side", "age", "gender"} <= set(p)
    for e in gold["events"]:
        assert {"type", "person", "date", "place", "details", "evidence"} <= set(e)
        assert e["evidence"] in TEXT_EN
    json.dumps(gold, ensure_ascii=False)


def test_english_ner_runs_without_the_shared_tok2vec() -> None:
    """ner embeds tokens itself, so the pipeline keeps nothing else (see ner._spacy)."""
    from powtrace.extract.ner import _spacy, english

    assert _spacy().pipe_names == ["ner"]
    found = {(c.text, c.label) for c in english("Ivan Petrov was captured near Bakhmut in May.")}
    assert ("Ivan Petrov", "PER") in found


def _scorer():  # type: ignore[no-untyped-def]
    """The benchmark's scorer module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_score", REPO / "bench/extraction/score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_score"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SEED.exists(), reason="the shared corpus is not beside the repository")
def test_seed_article_scores_above_the_floor() -> None:
    gold = json.loads(SEED.with_name("seed-wsj-returning-pows.gold.json").read_text("utf-8"))
    text = SEED.read_text("utf-8")
    result = extract(text, None, gold["source"]["language"])
    s = _scorer().score(to_gold(result), gold)
    assert s.person[2] >= 0.9
    assert s.role_accuracy >= 0.85
    assert s.event[2] >= 0.85
