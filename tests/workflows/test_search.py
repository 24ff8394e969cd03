"""Name search: every rendering of a name finds the person, ranked, with the reason."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from powtrace.domain.model import NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.store import fulltext, merges, writes
from powtrace.store.schema import name_forms
from powtrace.store.store import Store
from powtrace.workflows.registry import search_persons
from powtrace.workflows.search import find_by_substring


def _add(store: Store, text: str, **kw: object) -> Person:
    with store.transaction("analyst") as tx:
        return writes.add_person(tx, Person([NameForm(text, kind="official")], **kw))


@pytest.mark.parametrize(
    "query",
    [
        "Долгополов Игорь Сергеевич",
        "Долгополов Ігор Сергійович",
        "Igor Dolgopolov",
        "DOLGOPOLOV IGOR",
        "DOLGOPOLOV IHOR",
        "Igor Dolgopolow",
        "Игоря Долгополова",
        "Долгополов И. С.",
        "Dolgopolov",
    ],
)
def test_every_rendering_finds_the_registry_form_first(store: Store, query: str) -> None:
    igor = _add(store, "Долгополов Игорь Сергеевич")
    _add(store, "Долгов Игорь Сергеевич")  # a near miss that must not outrank him
    hits = search_persons(store, "analyst", query, Visibility.RESTRICTED)
    assert hits and hits[0].id == igor.id
    assert "Долгополов Игорь Сергеевич" in hits[0].reason


def test_more_agreeing_parts_rank_higher(store: Store) -> None:
    igor = _add(store, "Долгополов Игорь Сергеевич")
    pavel = _add(store, "Долгополов Павел Иванович")
    hits = search_persons(store, "analyst", "Ihor Dolgopolov", Visibility.RESTRICTED)
    assert [h.id for h in hits] == [igor.id]  # a named given name must agree
    hits = search_persons(store, "analyst", "Долгополов", Visibility.RESTRICTED)
    assert {h.id for h in hits} == {igor.id, pavel.id}
    assert "surname" in hits[0].reason


def test_start_of_a_word_is_the_fallback(store: Store) -> None:
    igor = _add(store, "Долгополов Игорь Сергеевич")
    hits = search_persons(store, "analyst", "Dolgop", Visibility.RESTRICTED)
    assert [h.id for h in hits] == [igor.id]
    assert "start of a word" in hits[0].reason


def test_sealed_and_merged_persons_are_not_found(store: Store) -> None:
    _add(store, "Секретов Олег", visibility="sealed")
    kept = _add(store, "Орлов Сергей")
    gone = _add(store, "Орлов Сергей Петрович")
    with store.transaction("reviewer") as tx:
        merges.merge_persons(tx, kept.id, gone.id)
    assert search_persons(store, "analyst", "Sekretov", Visibility.RESTRICTED) == []
    assert [h.id for h in search_persons(store, "analyst", "Sekretov", Visibility.SEALED)] != []
    assert [
        h.id for h in search_persons(store, "analyst", "Orlov Sergei", Visibility.RESTRICTED)
    ] == [kept.id]


def test_one_word_needs_a_whole_name_part_and_exact_outranks_sound_alike(store: Store) -> None:
    ivan = _add(store, "Петров Иван Олегович")
    igor = _add(store, "Сидоров Игорь Павлович")
    igar = _add(store, "Игарев Олег Павлович")
    # "Igor" shares only the initial with Ivan: an initial alone is no hit.
    hits = search_persons(store, "analyst", "Igor", Visibility.RESTRICTED)
    assert ivan.id not in {h.id for h in hits}
    assert hits[0].id == igor.id and hits[0].reason.startswith("given name")
    assert igar.id not in {h.id for h in hits[:1]}


@pytest.mark.parametrize("query", ["A", "A.", "И. С.", "Ж"])
def test_initials_alone_fall_back_to_the_start_of_a_word(store: Store, query: str) -> None:
    _add(store, "Антонов Андрей")
    hits = search_persons(store, "analyst", query, Visibility.RESTRICTED)
    assert all(not h.reason.startswith(("surname", "given name")) for h in hits)


def test_a_court_record_with_initials_is_narrowed_by_the_surname(store: Store) -> None:
    target = _add(store, "Пекунук Андрій Васильович")
    for i, given in enumerate(["Андрій", "Антон", "Артем"]):  # the same initials, other surnames
        _add(store, f"Коваль{i} {given} Васильович")
    hits = search_persons(store, "analyst", "Пекунук А. В.", Visibility.RESTRICTED)
    assert [h.id for h in hits] == [target.id]
    assert hits[0].reason.startswith("initial, patronymic initial, surname")


@pytest.mark.parametrize("query", ["00 0A", "А. В.", "A B", "И. С. Н."])
def test_initials_without_a_whole_name_part_find_no_key_hit(store: Store, query: str) -> None:
    _add(store, "Антонов Андрей Васильевич")
    hits = search_persons(store, "analyst", query, Visibility.RESTRICTED)
    assert all(not h.reason.startswith(("surname", "given name", "initial")) for h in hits)


def _fallback_ids(store: Store, query: str) -> set[str]:
    with store.reading() as conn:
        return {h.person_id for h in find_by_substring(conn, query)}


def test_the_substring_index_follows_renames_merges_and_undos(store: Store) -> None:
    kept = _add(store, "Гаврилюк Тарас")
    other = _add(store, "Zhyvotovskyi Petro")
    assert _fallback_ids(store, "avril") == {kept.id}
    with store.transaction("editor") as tx:
        person = writes.get_person(tx.conn, kept.id)
        person.name_forms = [NameForm("Гаврилов Тарас", kind="official")]
        writes.update_person(tx, person)
    assert _fallback_ids(store, "avrilu") == set()  # the old form left the index
    assert _fallback_ids(store, "avrilov") == {kept.id}
    with store.transaction("reviewer") as tx:
        merge_id = merges.merge_persons(tx, kept.id, other.id)
    assert _fallback_ids(store, "otovsk") == {kept.id}  # the loser's form now on the winner
    with store.transaction("reviewer") as tx:
        merges.undo_merge(tx, merge_id)
    assert _fallback_ids(store, "otovsk") == {other.id}
    assert _fallback_ids(store, "otovsk avril") == set()  # both words in one form
    assert _fallback_ids(store, "pe otovsk") == {other.id}  # a short word filters the hits
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:  # the index and the name forms agree row for row
            conn.exec_driver_sql(
                "INSERT INTO name_forms_fts (name_forms_fts, rank) VALUES ('integrity-check', 1)"
            )


def test_sqlite_answers_the_substring_search_from_its_trigram_index(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's trigram index is checked in tests/store/test_schema.py")
    _add(store, "Долгополов Игорь")
    with store.reading() as conn:
        stmt = sa.select(name_forms.c.person_id).where(
            fulltext.name_forms_containing(conn, ["dolgop", "ig"])
        )
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    assert any("VIRTUAL TABLE INDEX" in str(row[-1]) for row in plan)


def test_rare_and_common_surnames_narrow_to_the_same_holders(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probing a few holders and intersecting many give the same persons and scores."""
    from powtrace.workflows import search

    target = _add(store, "Кулагин Александр Сергеевич")
    _add(store, "Кулагин Александр Петрович")  # another patronymic: not every part agrees
    _add(store, "Кулагин Павел Сергеевич")
    _add(store, "Смирнов Александр Сергеевич")  # another surname
    query = "Кулагин Александр Сергеевич"
    with store.reading() as conn:
        probed = search.find_by_keys(conn, query)
        monkeypatch.setattr(search, "FEW_HOLDERS", 1)  # three Kulagins: "many" now
        intersected = search.find_by_keys(conn, query)
    assert [h.person_id for h in probed] == [target.id]
    assert probed == intersected


def test_initials_narrow_a_common_surname_only_when_some_agree(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from powtrace.workflows import search

    target = _add(store, "Смирнов Евгений Михайлович")
    others = {_add(store, "Смирнов Андрей Петрович").id, _add(store, "Смирнов Олег Иванович").id}
    everyone = others | {target.id}
    with store.reading() as conn:
        few = search.find_by_keys(conn, "Смирнов Е. М.")
        assert few[0].person_id == target.id and {h.person_id for h in few} == everyone
        monkeypatch.setattr(search, "FEW_HOLDERS", 1)  # three Smirnovs: "thousands" now
        assert [h.person_id for h in search.find_by_keys(conn, "Смирнов Е. М.")] == [target.id]
        assert [h.person_id for h in search.find_by_keys(conn, "Смирнов Е.М.")] == [target.id]
        assert {h.person_id for h in search.find_by_keys(conn, "Смирнов Ю. Ю.")} == everyone
