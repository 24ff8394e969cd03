"""The model separates renderings of one man from his namesakes, and explains every score."""

from __future__ import annotations

import math

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.domain.errors import ValidationError
from powtrace.linkage import (
    FIELDS,
    FieldWeight,
    Frequencies,
    Index,
    Model,
    NameParts,
    Record,
    Thresholds,
    decide,
    link,
)
from powtrace.linkage.compare import FIELD_NAMES
from powtrace.linkage.model import profile_of
from powtrace.linkage.profile import region_key
from powtrace.linkage.record import birth_from_age

from .conftest import AS_OF

AGE_35 = birth_from_age(35, AS_OF)  # Долгополов was born 1990-05-12: 35 on 2025-06-01


def query(text: str, birth: PartialDate | None, region: str | None = None) -> Record:
    return Record(id=f"q:{text}", names=(NameParts(text),), birth=birth, region=region)


RENDERINGS = [
    ("Долгополов Ігор Сергійович", PartialDate.parse("1990-05-12")),  # Ukrainian list
    ("Igor Dolgopolov", AGE_35),  # English press, age
    ("DOLGOPOLOV IGOR", PartialDate.parse("1990-12-05")),  # passport, day/month swapped
    ("Igor Dolgopolow", AGE_35),  # German press
    ("Igor Sergueïevitch Dolgopolov", AGE_35),  # French press
    ("обмен рядового Долгополова Игоря Сергеевича", PartialDate.parse("1990")),  # genitive
    ("с Долгополовым Игорем Сергеевичем", PartialDate.parse("1991-05-12")),  # a year off
    ("Долгополов И. С.", PartialDate.parse("1990-05-12")),  # court record
    ("Гарик Долгополов", PartialDate.parse("1990-05-12")),  # diminutive
]


@pytest.mark.parametrize(("text", "birth"), RENDERINGS)
def test_every_rendering_links_to_the_right_dolgopolov(
    text: str, birth: PartialDate, index: Index, model: Model
) -> None:
    [result] = link([query(text, birth)], index, model)
    assert result.matched_id == "dolgopolov", result.explanation.reasons()
    assert result.decision == "link", result.explanation.reasons()


@pytest.mark.parametrize(
    ("text", "birth"),
    [
        ("Долгополов Игорь Сергеевич", PartialDate.parse("1975-02-11")),  # other birth year
        ("Долгополов Игорь Андреевич", PartialDate.parse("1990-03-01")),  # other patronymic
        ("Igor Dolgopolov", birth_from_age(52, AS_OF)),  # press: another man's age
        ("Долгополов И. А.", PartialDate.parse("1990")),  # court: other patronymic initial
    ],
)
def test_namesakes_are_not_linked(
    text: str, birth: PartialDate, index: Index, model: Model
) -> None:
    [result] = link([query(text, birth)], index, model)
    assert result.decision != "link", result.explanation.reasons()


def test_common_surname_is_weaker_evidence_than_a_rare_one(model: Model) -> None:
    freq = Frequencies({"s:yvanov": 2_000, "s:dolgopolov": 2}, 200_000)

    def surname_weight(surname: str) -> FieldWeight:
        a = query(f"{surname} Игорь", None)
        b = Record("x", (NameParts(f"{surname} Игорь", surname, "Игорь"),))
        return next(w for w in model.score(a, b, freq).weights if w.field == "surname")

    ivanov, dolgopolov = surname_weight("Иванов"), surname_weight("Долгополов")
    assert dolgopolov.weight > ivanov.weight + 6
    assert "1.00% of records" in ivanov.reason and "rare" in dolgopolov.reason


def test_explanations_sum_to_the_total(index: Index, model: Model) -> None:
    for text, birth in RENDERINGS:
        [result] = link([query(text, birth)], index, model)
        score = result.explanation
        assert score is not None
        assert score.total == pytest.approx(sum(w.weight for w in score.weights))
        assert all(w.reason for w in score.weights)


def test_day_month_swap_is_explained(index: Index, model: Model) -> None:
    [result] = link([query("DOLGOPOLOV IGOR", PartialDate.parse("1990-12-05"))], index, model)
    birth = next(w for w in result.explanation.weights if w.field == "birth")
    assert "day and month swapped" in birth.reason and birth.weight > 0


def test_thresholds_give_three_outcomes() -> None:
    th = Thresholds(link=0.9, review=0.2)
    assert decide(0.95, th) == "link"
    assert decide(0.5, th) == "review"
    assert decide(0.05, th) == "new"
    with pytest.raises(ValidationError, match="thresholds"):
        Thresholds(link=0.1, review=0.5)


def test_a_conflict_caps_the_decision_at_review(index: Index, model: Model) -> None:
    a = query("Долгополов Игорь Сергеевич", PartialDate.parse("1979-01-01"))
    score = model.score(a, index.get("dolgopolov"), index.freq)
    assert any(w.field == "birth" and "conflicting" in w.reason for w in score.weights)
    assert decide(score, Thresholds(link=1e-9, review=0.0)) == "review"
    assert decide(score, Thresholds(link=1e-9, review=0.0, veto=())) == "link"


def _court_pair(query_text: str, given: str, patronymic: str, index: Index) -> tuple:
    q = query(query_text, None)
    r = Record("x", (NameParts(f"Ванетук {given} {patronymic}", "Ванетук", given, patronymic),))
    return profile_of(q), profile_of(r)


def test_cyrillic_initials_compare_letter_by_letter(model: Model, index: Index) -> None:
    # Е and И share the Latin class I (Ievgen, Igor); two Cyrillic initials do not.
    q, elena = _court_pair("Ванетук И.А.", "Елена", "Александровна", index)
    _, igor = _court_pair("Ванетук И.А.", "Игорь", "Александрович", index)
    given = FIELD_NAMES.index("given")
    assert model.levels(q, elena)[given] == FIELDS["given"].index("different")
    assert model.levels(q, igor)[given] == FIELDS["given"].index("initial")
    latin, _ = _court_pair("Vanetuk I. A.", "Елена", "Александровна", index)
    assert model.levels(latin, elena)[given] == FIELDS["given"].index("initial")


def test_a_rare_initial_weighs_more_than_a_common_one(model: Model) -> None:
    records = [
        Record(f"a{i}", (NameParts(f"Петров {g} Иванович", f"Петров{i}", g, "Иванович"),))
        for i, g in enumerate(["Александр", "Алексей", "Андрей", "Антон"] * 20 + ["Фёдор"])
    ]
    idx = Index.build(records)

    def given_weight(text: str, target: str) -> FieldWeight:
        score = model.score(query(text, None), idx.get(target), idx.freq)
        return next(w for w in score.weights if w.field == "given")

    common, rare = given_weight("Петров0 А. И.", "a0"), given_weight("Петров80 Ф. И.", "a80")
    assert rare.weight > common.weight + 4
    assert "initial agrees (ф;" in rare.reason and "of records" in rare.reason
    assert model.level_weight("given", 2) == pytest.approx(
        model.level_weight("given", 2, tf=0.1, mean=0.1)
    )


def test_regions_meet_across_languages_and_stay_apart() -> None:
    same = [
        ("Пермский край", "kraï de Perm"),
        ("Республика Башкортостан", "Bachkortostan"),
        ("Оренбургская область", "Оренбурзька область"),
        ("Астраханская область", "Gebiet Astrachan"),
        ("Курская область", "Kursk region"),
    ]
    for a, b in same:
        assert region_key(a) & region_key(b), (a, b)
    assert not region_key("Курская область") & region_key("Брянская область")
    assert region_key("область") is None and region_key(None) is None


def test_a_surname_one_letter_from_another_real_surname_is_a_neighbour(model: Model) -> None:
    novikov = Record("n", (NameParts("Новиков Михаил", "Новиков", "Михаил"),))
    noskov = Record("s", (NameParts("Носков Михаил", "Носков", "Михаил"),))
    idx = Index.build([novikov, noskov])
    surname = FIELD_NAMES.index("surname")
    exact = profile_of(query("Mikhail Novikov", None))
    typo = profile_of(query("Mikhail Noskv", None))
    assert model.levels(exact, profile_of(noskov), idx.freq)[surname] == FIELDS["surname"].index(
        "neighbour"
    )
    # A spelling no registry record has is a typo, one letter from either surname.
    assert model.levels(typo, profile_of(noskov), idx.freq)[surname] == FIELDS["surname"].index(
        "one_edit"
    )
    assert model.levels(exact, profile_of(noskov))[surname] == FIELDS["surname"].index("one_edit")
    score = model.score(query("Mikhail Novikov", None), noskov, idx.freq)
    line = next(w for w in score.weights if w.field == "surname")
    assert "another registry surname" in line.reason
    assert line.weight < model.level_weight("surname", FIELDS["surname"].index("one_edit"))


def test_name_term_frequency_uses_m_among_full_names() -> None:
    model = Model()
    initial = FIELDS["given"].index("initial")
    m_full = model.m["given"][0] / (1 - model.m["given"][initial])
    assert model.level_weight("given", 0, tf=0.05) == pytest.approx(math.log2(m_full / 0.05))
    # The surname has no initial level: m as it is.
    assert model.level_weight("surname", 0, tf=0.01) == pytest.approx(
        math.log2(model.m["surname"][0] / 0.01)
    )


def test_a_model_of_the_previous_format_is_refused_clearly() -> None:
    data = Model().to_dict()
    data["format"] = "powtrace-linkage-model/1"
    with pytest.raises(ValidationError, match="powtrace-linkage-model/2"):
        Model.from_dict(data)
    assert Model.from_json(Model().to_json()).m == Model().m


def test_initial_mean_share_is_kept_until_the_registry_grows(model: Model) -> None:
    names = ["Александр", "Борис", "Виктор", "Григорий"]
    records = [
        Record(f"r{i}", (NameParts(f"Петров {g} Иванович", "Петров", g, "Иванович"),))
        for i, g in enumerate(names * 25)
    ]
    idx = Index.build(records)
    letter = frozenset({"а"})
    first = idx.freq.mean_share("gi:", letter)
    assert first == pytest.approx(0.25)  # four letters, a quarter each
    idx.add(Record("x", (NameParts("Петров Антон", "Петров", "Антон"),)))
    assert idx.freq.mean_share("gi:", letter) == first  # one record in 100: kept
    for i in range(5):
        idx.add(Record(f"y{i}", (NameParts("Петров Антон", "Петров", "Антон"),)))
    assert idx.freq.mean_share("gi:", letter) > first  # grown by 6%: worked out again


def test_one_edit_counts_a_doubled_letter_and_short_skeletons() -> None:
    from powtrace.linkage.compare import one_edit

    # Ббров for Бобров, Доофеев for Дорофеев, Ппов for Попов: the skeleton collapsed the
    # doubled letter the slip made, so the skeletons are two edits apart.
    assert one_edit("brov", "bobrov") and one_edit("dofev", "dorofev")
    assert one_edit("pov", "popov")
    assert one_edit("tov", "tvov")  # Титов / Титвов: a three-symbol skeleton
    assert not one_edit("sen", "svn")  # two three-symbol skeletons: too many neighbours
    assert not one_edit("brov", "barov1x")  # two real edits stay two
    assert not one_edit("nanav", "naev")


def test_a_misspelt_surname_weighs_by_every_surname_it_may_stand_for(model: Model) -> None:
    def rec(rid: str, surname: str) -> Record:
        return Record(rid, (NameParts(f"{surname} Михаил", surname, "Михаил"),))

    registry = [rec(f"p{i}", "Поляков") for i in range(30)] + [rec("r", "Рилаиков")]
    registry += [rec(f"x{i}", f"Жуков{'ич' * (i % 3)}") for i in range(969)]
    idx = Index.build(registry)
    # Пляков (plakov) is one letter from Поляков (polakov) and from Рилаиков (rlakov).
    typo, rare = frozenset({"plakov"}), frozenset({"rlakov"})
    assert idx.freq.tf_typo(typo, rare) == pytest.approx((30 + 1 + 3) / 1000)
    assert idx.freq.tf_typo(frozenset({"polakov"}), rare) is None  # two real surnames
    score = model.score(query("Пляков Михаил", None), idx.get("r"), idx.freq)
    line = next(w for w in score.weights if w.field == "surname")
    assert line.weight == pytest.approx(math.log2(model.m["surname"][0] / 0.034))
    assert "could be 3.40% of records" in line.reason
    # The typo of a surname weighs like the surname (the slip's chance cancels), not
    # log2(m_one_edit / tf) as if a misspelling were rare among matches only.
    poliakov = next(
        w
        for w in model.score(query("Пляков Михаил", None), idx.get("p0"), idx.freq).weights
        if w.field == "surname"
    )
    same = next(
        w
        for w in model.score(query("Поляков Михаил", None), idx.get("p0"), idx.freq).weights
        if w.field == "surname"
    )
    assert same.weight - 1 < poliakov.weight < same.weight


def test_a_name_that_may_be_several_names_weighs_by_all_of_them(model: Model) -> None:
    registry = [
        Record(f"{g}{i}", (NameParts(f"Ванетук {g}", f"Ванетук{i}", g),))
        for i, g in enumerate(["Вячеслав"] * 10 + ["Владислав"] * 30 + ["Иван"] * 60)
    ]
    idx = Index.build(registry)
    target = idx.get("Вячеслав0")

    def given(text: str) -> FieldWeight:
        score = model.score(query(text, None), target, idx.freq)
        return next(w for w in score.weights if w.field == "given")

    # Славик is Вячеслав or Владислав (or Ярослав…): agreeing with Вячеслав through it is as
    # common as any of them, 40 records in 100, not 10.
    full, slavik = given("Ванетук0 Вячеслав"), given("Ванетук0 Славик")
    assert full.level == slavik.level == 0
    assert slavik.weight < full.weight - 1.5


def test_a_birth_in_a_crowded_year_weighs_less_than_one_in_a_rare_year() -> None:
    from powtrace.linkage.profile import birth_of

    years = {y: 100 for y in range(1965, 1985)} | {y: 3000 for y in range(1990, 1998)}
    freq = Frequencies({}, 30_000, years=years)
    crowded = freq.birth_rarity(birth_of(PartialDate.parse("1994-03-01")))
    rare = freq.birth_rarity(birth_of(PartialDate.parse("1970-03-01")))
    age = freq.birth_rarity(birth_of(birth_from_age(31, AS_OF)))  # 1993-06-02..1994-06-01
    assert crowded < 0 < rare <= 3.0
    assert age == pytest.approx(crowded)
    assert (
        Frequencies({}, 500, years={1990: 500}).birth_rarity(birth_of(PartialDate.parse("1990")))
        == 0.0
    )  # too few records to tell crowded years from rare ones
    # The explanation carries it, and the parts still sum to the total.
    model = Model()
    a = profile_of(query("Ванетук Иван", PartialDate.parse("1970-03-01")))
    b = profile_of(
        Record("b", (NameParts("Ванетук Иван", "Ванетук", "Иван"),), PartialDate.parse("1970"))
    )
    score = model.explain(a, b, freq)
    birth = next(w for w in score.weights if w.field == "birth")
    assert birth.weight == pytest.approx(model.level_weight("birth", 3) + rare)
    assert "rare birth year" in birth.reason
    assert score.total == pytest.approx(model.weigh(a, b, freq))
