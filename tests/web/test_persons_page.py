"""The people page, a hundred at a time, its page links, and its audited read."""

from __future__ import annotations

import re

from powtrace.domain.model import NameForm, Person
from powtrace.domain.visibility import Visibility
from powtrace.web.pages.persons import PAGE
from powtrace.workflows import registry

from .support import Web, signed_in


def _listed(html: str) -> list[str]:
    return re.findall(r'<tr><td><a href="/persons/(p-[0-9a-f]+)">', html)


def test_the_list_pages_through_everyone_and_audits_what_it_shows(web: Web) -> None:
    for i in range(PAGE + 5):
        person = Person([NameForm(f"Яценко{i:03d} Остап", kind="official")])
        registry.add_person(web.store, "clerk", person)  # restricted, the default
    total = registry.count_persons(web.store, Visibility.RESTRICTED)
    analyst = signed_in(web, "analyst")
    first = analyst.get("/persons")
    assert first.status_code == 200
    assert len(_listed(first.text)) == PAGE and 'href="/persons?page=2"' in first.text
    assert f"1–{PAGE} of {total}" in first.text and "?page=0" not in first.text
    second = analyst.get("/persons", params={"page": 2})
    rest = _listed(second.text)
    assert len(rest) == total - PAGE and 'href="/persons?page=1"' in second.text
    assert not set(rest) & set(_listed(first.text))
    assert 'rel="next"' not in second.text
    beyond = analyst.get("/persons", params={"page": 9})
    assert beyond.status_code == 200 and not _listed(beyond.text)
    assert analyst.get("/persons", params={"page": 0}).status_code == 422
    # Each page read restricted persons: the audit log names them.
    admin = signed_in(web, "administrator")
    about = admin.get("/audit", params={"record": rest[-1]})
    assert "list persons" in about.text
