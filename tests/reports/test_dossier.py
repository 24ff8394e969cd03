"""The person dossier: what is on its pages, byte-for-byte determinism, and bad requests."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from powtrace.domain.errors import NotFoundError, ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.reports.capture_card import FIELDS
from powtrace.store import rows
from powtrace.store.schema import audit_log
from powtrace.store.store import Store
from powtrace.workflows import reports, transfer
from powtrace.workflows.demo import DemoResult

from .support import ACTOR, as_text, pdf_text, squash

RESTRICTED = Visibility.RESTRICTED


def audit_rows(store: Store) -> list[tuple[str, str, str]]:
    q = sa.select(audit_log.c.action, audit_log.c.entity, audit_log.c.entity_id)
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(q.order_by(audit_log.c.seq))]


def audit_exports(store: Store) -> list[str]:
    return [r[2] for r in audit_rows(store) if r[:2] == ("read", "export")]


def _source_sha(store: Store, title_start: str) -> str:
    with store.reading() as conn:
        return next(s.sha256 for s in rows.load_sources(conn) if s.title.startswith(title_start))


def test_pdf_shows_names_in_both_scripts_findings_and_hashes(
    store: Store, demo: DemoResult
) -> None:
    dossier = reports.build_dossier(store, ACTOR, demo.person_ids["teterin"], RESTRICTED)
    text = pdf_text(reports.render_dossier(dossier, "pdf"))
    for name in (
        "Тетерин Глеб Андреевич",
        "Тетерін Гліб Андрійович",
        "Gleb Teterin",
        "TETERIN GLEB",
    ):
        assert name in text
    assert "art. 117" in text  # GC III art. 117: no active military service after repatriation
    assert "Capture card (GC III, Annex IV B)" in text
    assert "Appendix: chain of custody" in text
    annex = _source_sha(store, "Annex 2")
    assert annex in squash(text)
    # every citation names its source, grades and retrieval time
    assert "reliabilityB(usuallyreliable)" in squash(text)
    assert "credibility1(confirmedbyothersources)" in squash(text)
    assert "retrieved2025-12-01T09:00:00+00:00" in squash(text)
    assert "addedtothestorebyactor." in squash(text)  # who added it, pseudonymised


def test_same_data_gives_the_same_bytes(store: Store, demo: DemoResult) -> None:
    pid = demo.person_ids["dyachkov"]
    for fmt in ("pdf", "html", "json", "card"):
        first = reports.render_dossier(reports.build_dossier(store, ACTOR, pid, RESTRICTED), fmt)
        second = reports.render_dossier(reports.build_dossier(store, "other", pid, RESTRICTED), fmt)
        assert first == second, fmt
    made = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    pdf = reports.render_dossier(
        reports.build_dossier(store, ACTOR, pid, RESTRICTED, generated_at=made), "pdf"
    )
    assert b"D:20260102030405" in pdf  # the PDF's creation date is the one passed in
    assert "made2026-01-02T03:04:05+00:00" in squash(pdf_text(pdf))


def test_capture_card_has_every_annex_iv_b_field(store: Store, demo: DemoResult) -> None:
    dossier = reports.build_dossier(store, ACTOR, demo.person_ids["kravchyshyn"], RESTRICTED)
    card = dossier.capture_card.as_dict()
    assert list(card) == [key for key, _ in FIELDS]
    assert card["power"] == "Russia"
    assert (card["name"], card["first_names"], card["father_first_name"]) == (
        "Кравчишин",
        "Остап",
        "Михайлович",
    )
    assert card["date_of_birth"] == "1984-01-30" and card["rank"] == "senior soldier"
    assert card["taken_prisoner"].startswith("2024-05-12, near Vovchansk")
    assert "shrapnel wound to the leg" in card["health"]
    data = as_text("card", reports.render_dossier(dossier, "card"))
    assert "gc3-annex-iv-b-capture-card" in data and "Кравчишин" in data


def test_bad_requests_get_clear_errors(store: Store, demo: DemoResult, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no person with id 'p-nobody'"):
        reports.build_dossier(store, ACTOR, "p-nobody", RESTRICTED)
    dossier = reports.build_dossier(store, ACTOR, demo.person_ids["teterin"], RESTRICTED)
    with pytest.raises(ValidationError, match="unknown dossier format 'docx'"):
        reports.render_dossier(dossier, "docx")
    out = tmp_path / "d.docx"
    with pytest.raises(ValidationError):
        reports.write_dossier(store, ACTOR, demo.person_ids["teterin"], out, RESTRICTED, fmt="docx")
    assert not out.exists()


def test_a_failed_write_leaves_no_file(
    store: Store, demo: DemoResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "dossier.pdf"
    out.parent.mkdir()

    def boom(*_: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(transfer.os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        reports.write_dossier(store, ACTOR, demo.person_ids["teterin"], out, RESTRICTED)
    assert list(out.parent.iterdir()) == []


def test_written_dossier_is_private_and_audited(
    store: Store, demo: DemoResult, tmp_path: Path
) -> None:
    out = tmp_path / "dossier.html"
    made = reports.write_dossier(
        store, ACTOR, demo.person_ids["teterin"], out, RESTRICTED, fmt="html"
    )
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"dossier-redacted:{made.person_ref}" in audit_exports(store)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pdf_renders_to_a_page_with_ink(store: Store, demo: DemoResult, tmp_path: Path) -> None:
    from PIL import Image

    pdf = tmp_path / "dossier.pdf"
    reports.write_dossier(store, ACTOR, demo.person_ids["dyachkov"], pdf, RESTRICTED)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert 0.6 < width / height < 0.8  # A4 portrait
    title = image.crop((0, int(height * 0.05), width, int(height * 0.12)))
    assert min(title.tobytes()) < 80  # dark text where the name stands
    assert sum(1 for p in image.tobytes() if p < 128) > 2000  # a page of text, not a blank
