"""Reports on the web: dossiers, the aggregate report and exports, redacted, as attachments."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from powtrace.domain.errors import N_, ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.store.schema import audit_log

from .support import (
    WISH_WORDS,
    Web,
    csrf_of,
    leaked,
    output_text,
    record_wish,
    sealed_values,
    signed_in,
)
from .test_api import token_for


def _exports(web: Web, role: str) -> list[str]:
    with web.store.reading() as conn:
        q = audit_log.select().where(audit_log.c.actor == role, audit_log.c.entity == "export")
        q = q.order_by(audit_log.c.seq)
        return [r.entity_id for r in conn.execute(q)]


def test_no_sealed_value_reaches_a_download_or_the_report_page(web: Web) -> None:
    record_wish(web)
    sealed = sealed_values(web.store)
    assert WISH_WORDS in " ".join(sealed)  # the wish is really there to leak
    assert "left his position after two days under shelling and gave himself up" in sealed
    teterin = web.restricted_person
    for role in ("analyst", "lawyer", "administrator"):
        client = signed_in(web, role)
        token = csrf_of(client, "/export")
        got = {
            "dossier pdf": client.get(f"/persons/{teterin}/dossier.pdf"),
            "dossier html": client.get(f"/persons/{teterin}/dossier.html"),
            "report pdf": client.get("/reports.pdf"),
            "report page": client.get("/reports"),
        }
        for fmt, table in (("json", "persons"), ("ftm", "persons"), ("csv", "events")):
            data = {"csrf_token": token, "format": fmt, "table": table}
            got[f"export {fmt}"] = client.post("/export", data=data)
        for name, response in got.items():
            assert response.status_code == 200, (role, name, response.text[:300])
            assert response.headers["cache-control"] == "no-store", name
            if name != "report page":
                disposition = response.headers["content-disposition"]
                assert disposition.startswith("attachment; filename="), name
            assert not leaked(sealed, output_text(response)), (role, name)
        # The dossier is named by the pseudonym the redacted dossier shows, not by the id.
        assert teterin not in got["dossier pdf"].headers["content-disposition"]
        assert got["report page"].text.count("<svg") >= 4  # charts inline
        assert _exports(web, role)[-1].startswith("csv-events-redacted")
        # A sealed reader's own page shows sealed values: the check can see a leak.
        page = client.get(f"/persons/{teterin}")
        assert bool(leaked(sealed, html.unescape(page.text))) is (role != "analyst")


def test_the_api_gives_the_same_redacted_outputs(web: Web) -> None:
    record_wish(web)
    sealed = sealed_values(web.store)
    client = web.client()
    for role in ("viewer", "lawyer"):
        _, token = token_for(web, role)
        auth = {"Authorization": f"Bearer {token}"}
        person = web.restricted_person if role == "lawyer" else web.public_person
        as_json = client.get(f"/api/persons/{person}/dossier", headers=auth)
        as_pdf = client.get(f"/api/persons/{person}/dossier?format=pdf", headers=auth)
        report = client.get("/api/reports/aggregate", headers=auth)
        for response in (as_json, as_pdf, report):
            assert response.status_code == 200, response.text[:300]
            assert response.headers["cache-control"] == "no-store"
            assert not leaked(sealed, output_text(response)), role
        assert as_json.json()["redacted"] is True and person not in as_json.text
        assert as_pdf.content.startswith(b"%PDF-")
        assert as_pdf.headers["content-disposition"].startswith("attachment;")
        body = report.json()
        assert body["redacted"] and body["threshold"] == 5
        cells = [c for t in body["tables"] for r in t["rows"] for c in r["cells"]]
        assert any(c["value"] is None and c["text"] == "<5" for c in cells)  # suppressed
    _, token = token_for(web, "analyst")
    auth = {"Authorization": f"Bearer {token}"}
    bad = client.get(f"/api/persons/{web.restricted_person}/dossier?format=html", headers=auth)
    assert bad.status_code == 422 and bad.headers["content-type"] == "application/problem+json"
    hidden = client.get(f"/api/persons/{web.sealed_person}/dossier", headers=auth)
    unknown = client.get("/api/persons/p-0000000000000000/dossier", headers=auth)
    assert hidden.status_code == unknown.status_code == 404 and hidden.json() == unknown.json()


def test_only_an_administrator_makes_a_full_export_and_it_is_audited(web: Web) -> None:
    record_wish(web)
    for role in ("viewer", "analyst", "lawyer"):
        client = signed_in(web, role)
        refused = client.post(
            "/export",
            data={"csrf_token": csrf_of(client, "/export"), "format": "ftm", "full": "yes"},
        )
        assert refused.status_code == 400 and "content-disposition" not in refused.headers
        assert "Only administrators" in refused.text
        assert "Full (includes sealed data)" not in client.get("/export").text
    viewer = signed_in(web, "viewer")
    token = csrf_of(viewer, "/export")
    # The JSON backup is made at restricted clearance: not for a public-clearance reader.
    backup = viewer.post("/export", data={"csrf_token": token, "format": "json"})
    assert backup.status_code == 400 and 'id="e-format"' in backup.text
    entities = viewer.post("/export", data={"csrf_token": token, "format": "ftm"})
    assert entities.status_code == 200
    names = output_text(entities)
    assert "Відкритий Петро" in names and "Тетерин" not in names  # public clearance only

    admin = signed_in(web, "administrator")
    page = admin.get("/export")
    assert "Full (includes sealed data)" in page.text
    token = csrf_of(admin, "/export")
    full = admin.post("/export", data={"csrf_token": token, "format": "ftm", "full": "yes"})
    assert full.status_code == 200
    assert 'filename="powtrace-export-full.ftm.json"' in full.headers["content-disposition"]
    assert WISH_WORDS in output_text(full)
    backup = admin.post("/export", data={"csrf_token": token, "format": "json", "full": "yes"})
    doc = json.loads(backup.text)
    assert doc["redacted"] is False
    assert any(e["type"] == "refused_repatriation" for e in doc["events"])
    assert _exports(web, "administrator")[-2:] == ["ftm-full", "full"]


def test_dossier_links_and_refusals(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    page = analyst.get(f"/persons/{web.restricted_person}")
    assert f"/persons/{web.restricted_person}/dossier.pdf" in page.text
    lawyer = signed_in(web, "lawyer")
    sealed = lawyer.get(f"/persons/{web.sealed_person}")
    assert sealed.status_code == 200 and "/dossier.pdf" not in sealed.text  # none is made
    assert lawyer.get(f"/persons/{web.sealed_person}/dossier.pdf").status_code == 404
    assert lawyer.get(f"/persons/{web.restricted_person}/dossier.txt").status_code == 404


ENGLISH_WORDS = (
    "People by status and side",
    "From capture to outcome",
    "Time in post-return isolation",
    "Redeployment after exchange",
    "Prosecutions by article",
    "Findings by rule and month",
    "Each person the report may show",
    "exchanged / returned",
    "not shown (fewer than",
    "Median length in days",
    "other state",
    "sent back to combat",
)
TRANSLATED = {
    "ru": ("Люди по статусу и стороне", "Выводы по правилам и месяцам", "Определение"),
    "uk": ("Люди за статусом і стороною", "Висновки за правилами й місяцями", "Визначення"),
}


def squash(text: str) -> str:
    """Text without whitespace: PDF extraction breaks lines where the layout does."""
    return re.sub(r"\s+", "", text)


def _pdf_words(response) -> str:  # type: ignore[no-untyped-def]
    return squash(output_text(response))


def _in_language(web: Web, lang: str) -> TestClient:
    client = signed_in(web, "lawyer")
    token = csrf_of(client, "/account")
    client.post("/account/language", data={"csrf_token": token, "locale": lang})
    return client


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_the_report_is_in_the_readers_language(web: Web, lang: str) -> None:
    """Titles, definitions, labels, notes, rule titles and months: none of the English left,
    on the page and in the PDF."""
    from powtrace.web import rule_texts
    from powtrace.workflows import findings

    client = _in_language(web, lang)
    page = client.get("/reports")
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    text = html.unescape(page.text)
    for words in TRANSLATED[lang]:
        assert words in text, words
    left = [w for w in ENGLISH_WORDS if w in text]
    assert not left, left
    shown = findings.list_findings(web.store, Visibility.RESTRICTED)
    titles = {rule_texts.rule_title(v.finding.rule_id, lang) for v in shown if v.finding.supported}
    assert titles and all(t in text for t in titles)
    assert re.search(
        r" — (январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь"
        r"|ноябрь|декабрь|січень|лютий|березень|квітень|травень|червень|липень"
        r"|серпень|вересень|жовтень|листопад|грудень) \d{4}",
        text,
    )
    pdf = client.get("/reports.pdf")
    assert pdf.status_code == 200
    words = _pdf_words(pdf)
    assert squash(TRANSLATED[lang][0]) in words and squash(TRANSLATED[lang][1]) in words
    assert not [w for w in ENGLISH_WORDS if squash(w) in words]


def test_an_english_reader_keeps_the_english_report(web: Web) -> None:
    client = signed_in(web, "lawyer")
    text = html.unescape(client.get("/reports").text)
    for words in ENGLISH_WORDS[:6]:
        assert words in text, words
    words = _pdf_words(client.get("/reports.pdf"))
    assert squash("Prisoners of war: aggregate report") in words


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "nothing to export: the store holds no record you may see"),
        ("ru", "Нечего выгружать: в хранилище нет записей, которые вы можете видеть."),
        ("uk", "Нічого вивантажувати: у сховищі немає записів, які ви можете бачити."),
    ],
)
def test_an_export_refused_by_the_workflow_is_explained_in_the_readers_language(
    web: Web, lang: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from powtrace.workflows import reports

    client = _in_language(web, lang)
    token = csrf_of(client, "/export")

    def nothing(*_args: object, **_kwargs: object) -> None:
        raise ValidationError(N_("nothing to export: the store holds no record you may see"))

    monkeypatch.setattr(reports, "export_data", nothing)
    refused = client.post("/export", data={"csrf_token": token, "format": "ftm"})
    assert refused.status_code == 400 and 'id="e-format"' in refused.text
    assert expected in html.unescape(refused.text)
