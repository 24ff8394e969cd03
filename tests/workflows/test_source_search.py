"""Full-text search of sources: the same answers from PostgreSQL's and SQLite's own indexes."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powtrace.domain.errors import ValidationError
from powtrace.domain.model import Source
from powtrace.domain.visibility import Visibility
from powtrace.store import fulltext, writes
from powtrace.store.fulltext import query_terms
from powtrace.store.schema import sources
from powtrace.store.store import Store
from powtrace.workflows.source_search import passage, search_sources

from .support import audit_rows

REPORT = (
    "Вчера в Курской области задержали Игоря Долгополова, 31 год. По словам его матери, "
    "после обмена военнопленными его снова отправили на фронт."
)
APPEAL = (
    "Родные Андрея Ковальчука просят откликнуться всех, кто видел его после 14 августа. "
    "Ковальчук служил в 128-й бригаде."
)
COURT = "The court in Rostov sentenced Oleksandr Marchenko to 22 years in a strict-regime colony."


def _source(store: Store, title: str, text: str, visibility: str = "restricted") -> Source:
    s = Source(title=title, content=text.encode(), text=text, visibility=visibility)
    with store.transaction("editor") as tx:
        return writes.add_source(tx, s)[0]


def _ids(store: Store, query: str, clearance: Visibility = Visibility.RESTRICTED) -> set[str]:
    return {h.source.id for h in search_sources(store, "reader", query, clearance)}


def test_a_word_finds_its_declined_forms_and_every_word_is_required(store: Store) -> None:
    report = _source(store, "Задержание", REPORT)
    appeal = _source(store, "Обращение семьи", APPEAL)
    _source(store, "Court", COURT)
    assert _ids(store, "Долгополов") == {report.id}  # "Долгополова" in the text
    assert _ids(store, "долгополов ИГОРЬ") == {report.id}  # case folded; "Игоря" in the text
    assert _ids(store, "Долгополов Ковальчук") == set()  # no source holds both
    assert _ids(store, "Ковальчука") == {appeal.id}
    assert _ids(store, "обмен военноплен") == {report.id}  # starts of words
    assert _ids(store, "семьи") == {appeal.id}  # a word of the title only


def test_the_passage_marks_the_words_that_matched(store: Store) -> None:
    _source(store, "Court", COURT)
    [hit] = search_sources(store, "reader", "marchenko years", Visibility.RESTRICTED)
    assert hit.passage is not None
    marked = [hit.passage.text[a:b] for a, b in hit.passage.marks]
    assert marked == ["Marchenko", "years"]
    assert COURT[hit.passage.start :].startswith(hit.passage.text)


def test_a_word_of_the_title_alone_gives_no_passage(store: Store) -> None:
    _source(store, "Обращение семьи", APPEAL)
    [hit] = search_sources(store, "reader", "обращение", Visibility.RESTRICTED)
    assert hit.passage is None


def test_clearance_filters_and_restricted_passages_are_audited(store: Store) -> None:
    public = _source(store, "Public statement", COURT, visibility="public")
    sealed = _source(store, "Interview in captivity", COURT + " He was beaten.", "sealed")
    assert _ids(store, "Marchenko", Visibility.PUBLIC) == {public.id}
    assert ("read", "source") not in {(action, entity) for action, entity, _ in audit_rows(store)}
    assert _ids(store, "Marchenko", Visibility.SEALED) == {public.id, sealed.id}
    reads = [i for action, entity, i in audit_rows(store) if (action, entity) == ("read", "source")]
    assert reads == [sealed.id]  # the sealed passage was read; the public one needs no entry


def test_deleted_sources_leave_the_index(store: Store) -> None:
    gone = _source(store, "Court", COURT)
    assert _ids(store, "Marchenko") == {gone.id}
    with store.transaction("admin") as tx:
        tx.conn.execute(sources.delete().where(sources.c.id == gone.id))
    assert _ids(store, "Marchenko") == set()


@pytest.mark.parametrize("query", ["", "  ", "!!! ... ---", "«»"])
def test_a_query_without_words_is_refused(store: Store, query: str) -> None:
    with pytest.raises(ValidationError, match="at least one word"):
        search_sources(store, "reader", query, Visibility.RESTRICTED)


@pytest.mark.parametrize(
    "query",
    [
        '" OR 1=1 --',
        "Marchenko' OR '1'='1",
        "title:Court NEAR(a b)",
        "Marchenko AND NOT x",
        "Marchenko:* | !",
        "Marchenko*",
        "^Marchenko",
        "Marchenko; DROP TABLE sources;",
    ],
)
def test_query_syntax_of_either_engine_is_read_as_plain_words(store: Store, query: str) -> None:
    court = _source(store, "Court", COURT)
    found = _ids(store, query)
    # Words such as OR, NOT, NEAR, title are looked for as words: not in the text, no hit.
    assert found <= {court.id}
    assert _ids(store, "Marchenko") == {court.id}  # and nothing was dropped


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_any_query_gives_results_or_a_clear_refusal(store: Store, query: str) -> None:
    with contextlib.suppress(ValidationError):
        search_sources(store, "reader", query, Visibility.RESTRICTED)


def test_postgresql_answers_from_its_full_text_index(store: Store, engine_kind: str) -> None:
    _source(store, "Court", COURT)
    with store.engine.connect() as conn:
        if engine_kind == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table is scanned otherwise
            plan = conn.exec_driver_sql(
                f"EXPLAIN SELECT id FROM sources WHERE {fulltext._PG_DOCUMENT} @@ "
                "to_tsquery('simple'::regconfig, 'marchenko:*')"
            )
            assert "ix_sources_fulltext" in "\n".join(plan.scalars())
        else:
            check = "INSERT INTO sources_fts (sources_fts, rank) VALUES ('integrity-check', 0)"
            conn.execute(sa.text(check))  # raises when the index and its rows disagree
            n = conn.execute(sa.text("SELECT count(*) FROM sources_fts")).scalar()
            assert n == 1


def test_passage_cuts_at_spaces_and_flattens_line_breaks() -> None:
    text = "word " * 100 + "Долгополова\n\nзадержали   вчера " + "tail " * 100
    p = passage(text, ["долгополов"], width=80)
    assert p is not None and p.cut_before and p.cut_after
    assert "\n" not in p.text and "  " not in p.text
    assert not p.text.startswith("ord") and p.text.split()[0] == "word"
    assert [p.text[a:b] for a, b in p.marks] == ["Долгополова"]


def test_passage_marks_only_starts_of_words() -> None:
    p = passage("Petrov and Ivanpetrov met Petrova", ["petrov"])
    assert p is not None
    assert [p.text[a:b] for a, b in p.marks] == ["Petrov", "Petrova"]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Игорь Долгополов", ["игор", "долгополов"]),
        ("Андрій Ковальчук", ["андрі", "ковальчук"]),
        ("Лев", ["лев"]),  # too short to lose a letter
        ("Marchenko's case", ["marchenko", "case"]),
        ("a", ["a"]),
        ("Art. 352.1", ["art", "352"]),
    ],
)
def test_query_terms(query: str, terms: list[str]) -> None:
    assert query_terms(query) == terms


def test_words_inside_addresses_and_tags_are_found_on_both_engines(store: Store) -> None:
    post = _source(
        store,
        "Telegram post",
        "Repost from https://t.me/ukrpravda/123 — write to ivanov@mail.ru; "
        "<script>alert('x')</script> C:\\data\\lists_2024.csv, art. 352.1",
    )
    for query in ("ukrpravda", "mail", "alert", "script", "lists", "2024", "352"):
        assert _ids(store, query) == {post.id}, query


def test_search_does_not_read_the_original_bytes(store: Store) -> None:
    _source(store, "Court", COURT)
    [hit] = search_sources(store, "reader", "Marchenko", Visibility.RESTRICTED)
    assert hit.source.content is None and hit.source.text == COURT
