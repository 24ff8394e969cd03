"""Property tests: scoring never raises on arbitrary text and is symmetric."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from powtrace.domain.dates import PartialDate
from powtrace.linkage import Model, NameParts, Record

MODEL = Model()
names = st.text(max_size=40)
dates = st.one_of(
    st.none(),
    st.dates().filter(lambda d: d.year > 1).map(PartialDate.from_date),
    st.integers(1900, 2020).map(PartialDate.of),
)


def record(text: str, birth: PartialDate | None, parts: bool) -> Record:
    words = text.split()
    if parts and words:
        return Record("r", (NameParts(text, words[0], " ".join(words[1:2]) or None),), birth)
    return Record("r", (NameParts(text or "?"),), birth)


@settings(max_examples=150, deadline=None)
@given(names, names, dates, dates, st.booleans(), st.booleans())
def test_score_never_raises_and_is_symmetric(
    a: str, b: str, da: PartialDate | None, db: PartialDate | None, pa: bool, pb: bool
) -> None:
    x, y = record(a, da, pa), record(b, db, pb)
    s1, s2 = MODEL.score(x, y), MODEL.score(y, x)
    assert abs(s1.total - s2.total) < 1e-9
    assert abs(s1.total - sum(w.weight for w in s1.weights)) < 1e-9
    assert 0.0 <= s1.probability <= 1.0
