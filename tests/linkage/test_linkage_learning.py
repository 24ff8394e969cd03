"""EM learns m and u from unlabelled pairs; judgements override the model and update it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from powtrace.domain.dates import PartialDate
from powtrace.linkage import FIELDS, Index, Model, NameParts, Record, link
from powtrace.linkage.em import run_em

from .conftest import person


def _noisy_copies(registry: list[Record], n: int, seed: int = 2) -> list[Record]:
    """Copies of registry persons, some with their birth year shifted, plus strangers."""
    rng = random.Random(seed)
    out = []
    for i, r in enumerate(rng.sample(registry, n)):
        birth = r.birth
        if birth is not None and rng.random() < 0.1:
            birth = PartialDate.of(birth.year + 1, birth.start.month, birth.start.day)
        if rng.random() < 0.2:  # someone else with the same name
            birth = PartialDate.of(1960 + rng.randrange(40), 1 + rng.randrange(12), 15)
        out.append(Record(f"q{i}", r.names, birth))
    return out


def test_em_converges_and_agreement_is_likelier_among_matches(
    registry: list[Record], index: Index
) -> None:
    model = Model.fit(_noisy_copies(registry, 300), index, u_pairs=20_000)
    assert model.fit_info["converged"]
    for field in ("surname", "given", "patronymic", "birth"):
        assert model.m[field][0] > model.u[field][0], field
    assert model.m["birth"][FIELDS["birth"].index("conflict")] < model.u["birth"][-1]
    assert 0.2 < model.match_rate <= 1.0


def test_em_on_a_toy_set_recovers_the_two_classes() -> None:
    # One field, two levels: 300 "agree" pairs (matches) and 700 "disagree" (non-matches).
    from collections import Counter

    patterns = Counter({(0, 0, 0, -1, 0, -1, -1, -1): 300, (3, 3, 3, -1, 7, -1, -1, -1): 700})
    m0 = Model().m  # the priors; birth conflict and same-year stay fixed at theirs
    u = {f: [0.02] * (len(v) - 1) + [1 - 0.02 * (len(v) - 1)] for f, v in FIELDS.items()}
    m, lam, iterations, converged = run_em(patterns, [], m0, u, [0, 1, 2, 4], 0.5, strength=1)
    assert converged and iterations < 60
    assert lam == pytest.approx(0.3, abs=0.02)
    assert m["surname"][0] > 0.9 and m["birth"][0] > 0.9


def test_judgements_override_the_model(registry: list[Record], index: Index, model: Model) -> None:
    q = Record(
        "q1", (NameParts("Igor Dolgopolov"),), PartialDate.parse("1990-05-12"), ref="ext:l:1"
    )
    [plain] = link([q], index, model)
    assert plain.matched_id == "dolgopolov"
    # not_same removes the candidate; same links a record the model would never pick.
    [denied] = link([q], index, model, {("ext:l:1", "person:dolgopolov"): "not_same"})
    assert denied.matched_id != "dolgopolov"
    forced = {frozenset({"ext:l:1", "person:namesake-patr"}): "same"}
    [judged] = link([q], index, model, forced)
    assert (judged.matched_id, judged.decision) == ("namesake-patr", "link")
    assert judged.explanation.weights[0].field == "judgement"
    assert judged.explanation.reasons()[0].startswith("judgement:")
    assert judged.explanation.total == pytest.approx(
        sum(w.weight for w in judged.explanation.weights)
    )
    [unsure] = link([q], index, model, {("person:dolgopolov", "ext:l:1"): "unsure"})
    assert unsure.decision == "review"


def test_judgements_update_m(registry: list[Record], model: Model) -> None:
    a = person("a", "Петров", "Иван", "Сергеевич", "1990-01-01")
    b = person("b", "Петров", "Иван", "Сергеевич", "1991-01-01")  # same person, a year off
    labelled = [(a, b, "same")] * 40
    updated = Model.from_judgements(labelled, base=model)
    year_off = FIELDS["birth"].index("year_off")
    assert updated.m["birth"][year_off] > 3 * model.m["birth"][year_off]
    assert updated.fit_info["judgements"] == 40


def test_save_and_load_round_trip(tmp_path: Path, registry: list[Record], index: Index) -> None:
    model = Model.fit(_noisy_copies(registry, 100), index, u_pairs=5_000)
    path = tmp_path / "model.json"
    model.save(path)
    again = Model.load(path)
    assert again.to_dict() == json.loads(path.read_text("utf-8"))
    a, b = registry[0], registry[1]
    assert again.score(a, b, index.freq).total == pytest.approx(model.score(a, b, index.freq).total)
    with pytest.raises(Exception, match="model"):
        Model.from_json('{"format": "something-else"}')
