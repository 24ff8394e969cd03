"""Source search on the page (/sources) and in the API (/api/sources/search): passages with the
matched words marked, source text always escaped, clearance, audited reads, refusals, languages."""

from __future__ import annotations

import re
from html import unescape

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from powtrace.domain.model import Source
from powtrace.store import writes
from powtrace.store.schema import audit_log

from .support import Web, csrf_of, signed_in
from .test_api import token_for

PROBLEM = "application/problem+json"
COURT = "The court in Rostov sentenced Oleksandr Marchenko to 22 years in a strict-regime colony."
HOSTILE = "Marchenko wrote <script>alert('x')</script> & <b>was beaten</b> in the colony."
SEALED = "Interview: Marchenko told Quillfeather, his lawyer, about the beatings."


def _add(web: Web, title: str, text: str, visibility: str = "restricted") -> str:
    source = Source(title=title, content=text.encode(), text=text, visibility=visibility)
    with web.store.transaction("test-setup") as tx:
        return writes.add_source(tx, source)[0].id


def _reads(web: Web, actor: str) -> list[str]:
    """Ids of the sources ``actor`` was audited reading, in order."""
    q = sa.select(audit_log.c.entity_id).where(
        audit_log.c.actor == actor, audit_log.c.action == "read", audit_log.c.entity == "source"
    )
    with web.store.reading() as conn:
        return list(conn.execute(q.order_by(audit_log.c.seq)).scalars())


def _hits(page: str) -> list[str]:
    """The source ids a result page links to, in order."""
    results = page.split('<ol class="hits">', 1)[1].split("</ol>", 1)[0] if "hits" in page else ""
    return re.findall(r'<a href="/sources/(s-[0-9a-f]+)">', results)


def _api(web: Web, role: str) -> tuple[TestClient, dict[str, str]]:
    _, token = token_for(web, role)
    return web.client(), {"Authorization": f"Bearer {token}"}


def _reader_in(web: Web, lang: str, role: str = "analyst") -> TestClient:
    client = signed_in(web, role)
    token = csrf_of(client, "/account")
    client.post("/account/language", data={"csrf_token": token, "locale": lang})
    return client


def test_the_page_marks_the_matched_words(web: Web) -> None:
    court = _add(web, "Court in Rostov", COURT)
    client = signed_in(web, "analyst")
    page = client.get("/sources", params={"q": "marchenko YEARS"})
    assert page.status_code == 200
    assert _hits(page.text) == [court]
    assert "<mark>Marchenko</mark> to 22 <mark>years</mark> in a" in page.text
    assert f'<a href="/sources/{court}">Court in Rostov</a>' in page.text
    assert 'value="marchenko YEARS"' in page.text  # the query stays in the box
    assert 'href="/sources"' in page.text  # in the navigation


def test_a_source_text_with_markup_is_shown_as_text(web: Web) -> None:
    hostile = _add(web, "<i>Note</i> on Marchenko", HOSTILE)
    client = signed_in(web, "analyst")
    for query in ("Marchenko", "beaten colony"):
        page = client.get("/sources", params={"q": query})
        assert page.status_code == 200 and _hits(page.text) == [hostile], query
        assert "<script>" not in page.text and "<b>" not in page.text and "<i>" not in page.text
        assert "&lt;i&gt;Note&lt;/i&gt; on Marchenko" in page.text
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;was " in page.text
    # A matched word right beside escaped markup: marked, and its neighbours still escaped.
    shown = client.get("/sources", params={"q": "beaten"}).text
    assert "&lt;b&gt;was <mark>beaten</mark>&lt;/b&gt; in the colony." in shown


def test_a_word_only_in_the_title_says_so(web: Web) -> None:
    _add(web, "Приговор в Ростове", COURT)
    page = signed_in(web, "analyst").get("/sources", params={"q": "приговор"})
    assert page.status_code == 200 and "The words are in the title." in page.text


def test_without_a_query_the_newest_sources_the_reader_may_see(web: Web) -> None:
    newest = _add(web, "Court in Rostov", COURT, "public")
    sealed = _add(web, "Lawyer's interview", SEALED, "sealed")
    viewer = signed_in(web, "viewer").get("/sources").text
    assert "Recent sources" in viewer and newest in viewer and sealed not in viewer
    assert "Lawyer&#39;s interview" not in viewer
    restricted = signed_in(web, "analyst").get("/sources").text
    assert newest in restricted and sealed not in restricted
    lawyer = signed_in(web, "lawyer").get("/sources").text
    assert lawyer.index(sealed) < lawyer.index(newest)  # newest first
    assert not _reads(web, "lawyer")  # titles only: no text shown, no read


def test_clearance_filters_hits_and_sealed_passages_are_audited(web: Web) -> None:
    restricted = _add(web, "Court in Rostov", COURT)
    sealed = _add(web, "Lawyer's interview", SEALED, "sealed")
    for role in ("viewer", "analyst"):
        page = signed_in(web, role).get("/sources", params={"q": "Marchenko"}).text
        assert sealed not in page and "Quillfeather" not in page
        assert _hits(page) == ([] if role == "viewer" else [restricted])
        assert sealed not in _reads(web, role)
        nothing = signed_in(web, role).get("/sources", params={"q": "Quillfeather"}).text
        assert "No source you may see holds all these words." in nothing
    assert _reads(web, "analyst") == [restricted]  # a restricted passage is a read too
    page = signed_in(web, "lawyer").get("/sources", params={"q": "Quillfeather"})
    assert _hits(page.text) == [sealed] and "<mark>Quillfeather</mark>" in page.text
    assert _reads(web, "lawyer") == [sealed]


@pytest.mark.parametrize("query", ["", "   ", "!!! ---"])
def test_a_query_without_words_is_a_form_error(web: Web, query: str) -> None:
    page = signed_in(web, "analyst").get("/sources", params={"q": query})
    assert page.status_code == 400
    found = re.search(r'<p class="error" id="e-q">(.*?)</p>', page.text, flags=re.S)
    assert found and "type at least one word to look for in the sources" in found.group(1)
    assert 'aria-invalid="true"' in page.text and "Recent sources" not in page.text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ["Источники", "Последние источники", "Слова в названии или тексте"]),
        ("uk", ["Джерела", "Останні джерела", "Слова в назві або тексті"]),
    ],
)
def test_the_page_in_the_readers_language(web: Web, lang: str, words: list[str]) -> None:
    _add(web, "Court in Rostov", COURT)
    client = _reader_in(web, lang)
    page = client.get("/sources")
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    for word in words:
        assert word in unescape(page.text), word
    refused = unescape(client.get("/sources", params={"q": "!!!"}).text)
    expected = {"ru": "поиск: введите хотя бы одно слово", "uk": "пошук: введіть хоча б одне"}
    assert expected[lang] in refused and "type at least one word" not in refused
    found = unescape(client.get("/sources", params={"q": "Marchenko"}).text)
    assert {"ru": "Результаты", "uk": "Результати"}[lang] in found


def test_the_api_returns_passages_with_marks(web: Web) -> None:
    court = _add(web, "Court in Rostov", COURT)
    hostile = _add(web, "<i>Note</i>", HOSTILE)
    client, headers = _api(web, "analyst")
    response = client.get("/api/sources/search", params={"q": "Marchenko years"}, headers=headers)
    assert response.status_code == 200
    [hit] = response.json()
    assert (hit["id"], hit["title"], hit["kind"], hit["visibility"]) == (
        court,
        "Court in Rostov",
        "article",
        "restricted",
    )
    p = hit["passage"]
    assert [p["text"][a:b] for a, b in p["marks"]] == ["Marchenko", "years"]
    assert COURT[p["start"] :].startswith(p["text"]) and not p["cut_before"]
    assert "text" not in hit and "content" not in hit
    both = client.get("/api/sources/search", params={"q": "Marchenko"}, headers=headers).json()
    assert {h["id"] for h in both} == {court, hostile}
    raw = next(h for h in both if h["id"] == hostile)["passage"]["text"]
    assert "<script>alert('x')</script>" in raw  # JSON carries the words as written
    one = client.get(
        "/api/sources/search", params={"q": "Marchenko", "limit": 1}, headers=headers
    ).json()
    assert len(one) == 1
    title_only = client.get("/api/sources/search", params={"q": "note"}, headers=headers).json()
    assert [(h["id"], h["passage"]) for h in title_only] == [(hostile, None)]


def test_the_api_filters_by_clearance_and_audits_reads(web: Web) -> None:
    restricted = _add(web, "Court in Rostov", COURT)
    sealed = _add(web, "Lawyer's interview", SEALED, "sealed")
    found = {}
    for role in ("viewer", "analyst", "lawyer"):
        client, headers = _api(web, role)
        response = client.get("/api/sources/search", params={"q": "Marchenko"}, headers=headers)
        assert response.status_code == 200
        found[role] = {h["id"] for h in response.json()}
    assert found == {"viewer": set(), "analyst": {restricted}, "lawyer": {restricted, sealed}}
    assert _reads(web, "analyst") == [restricted]
    assert sorted(_reads(web, "lawyer")) == sorted([restricted, sealed])


@pytest.mark.parametrize("query", ["!!!", " ", "«»"])
def test_the_api_refuses_a_query_without_words(web: Web, query: str) -> None:
    client, headers = _api(web, "analyst")
    response = client.get("/api/sources/search", params={"q": query}, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    [error] = response.json()["errors"]
    assert error["loc"] == ["query", "q"] and error["code"] == "no_words"
    assert "at least one word" in error["msg"]


def test_the_api_checks_its_parameters(web: Web) -> None:
    client, headers = _api(web, "analyst")
    for params in ({}, {"q": ""}, {"q": "x" * 201}, {"q": "Marchenko", "limit": 0}):
        response = client.get("/api/sources/search", params=params, headers=headers)
        assert response.status_code == 422, params
        assert response.headers["content-type"] == PROBLEM
    assert client.get("/api/sources/search", params={"q": "Marchenko"}).status_code == 401
