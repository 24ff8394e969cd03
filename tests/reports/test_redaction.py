"""No sealed value reaches a redacted output, in any format; identifiers are pseudonymised."""

from __future__ import annotations

import pytest

from powtrace.domain.errors import ValidationError
from powtrace.domain.visibility import Visibility
from powtrace.reports.redaction import Pseudonyms, suppress, suppress_one
from powtrace.store import rows
from powtrace.store.store import Store
from powtrace.workflows import reports
from powtrace.workflows.demo import DemoResult

from .support import ACTOR, as_text, sealed_values, squash


def redacted_outputs(store: Store, demo: DemoResult) -> dict[str, tuple[str, bytes]]:
    """Every output powtrace makes, redacted, at the default (restricted) clearance."""
    level = Visibility.RESTRICTED
    out: dict[str, tuple[str, bytes]] = {}
    for key, pid in demo.person_ids.items():
        dossier = reports.build_dossier(store, ACTOR, pid, level)
        for fmt in reports.DOSSIER_FORMATS:
            out[f"dossier {key} {fmt}"] = (fmt, reports.render_dossier(dossier, fmt))
    report = reports.build_report(store, ACTOR, level)
    for fmt in reports.REPORT_FORMATS:
        out[f"report {fmt}"] = (fmt, reports.render_report(report, fmt))
    out["report pdf, threshold 1"] = (
        "pdf",
        reports.render_report(reports.build_report(store, ACTOR, level, threshold=1), "pdf"),
    )
    for fmt, table in (("ftm", ""), ("csv", "persons"), ("csv", "events"), ("json", "")):
        data, result = reports.export_data(store, ACTOR, level, fmt=fmt, table=table or "persons")
        assert result.redacted
        out[f"export {fmt} {table}"] = (fmt, data)
    return out


def test_no_sealed_value_reaches_a_redacted_output(store: Store, demo: DemoResult) -> None:
    sealed = sealed_values(store)
    with store.reading() as conn:
        lawyer_note = next(s for s in rows.load_sources(conn) if s.visibility is Visibility.SEALED)
    # The demo's sealed material is really in the list, so the test cannot pass vacuously.
    assert lawyer_note.sha256 in sealed
    assert "Polonenyi Hovoryt (Ukrainian online channel)" in sealed  # sealed interview event
    assert "encircled" in sealed  # a sealed capture mode
    assert "left his position after two days under shelling and gave himself up" in sealed
    outputs = redacted_outputs(store, demo)
    assert len(outputs) == 5 * 4 + 3 + 4
    for name, (fmt, data) in outputs.items():
        seen = squash(as_text(fmt, data))
        leaked = sorted(v for v in sealed if squash(v) in seen)
        assert not leaked, f"{name} shows sealed values: {leaked}"


def test_redacted_outputs_pseudonymise_record_ids(store: Store, demo: DemoResult) -> None:
    outputs = redacted_outputs(store, demo)
    ids = set(demo.person_ids.values())
    with store.reading() as conn:
        ids |= {e.id for e in rows.load_events(conn)}
    for name, (fmt, data) in outputs.items():
        if name == "export json ":
            continue  # the lossless backup format keeps record ids (see docs/reports.md)
        seen = as_text(fmt, data)
        assert not [i for i in ids if i in seen], name


def test_contact_details_are_dropped(store: Store, demo: DemoResult) -> None:
    pid = demo.person_ids["teterin"]
    redacted = reports.build_dossier(store, ACTOR, pid, Visibility.RESTRICTED)
    full = reports.build_dossier(store, ACTOR, pid, Visibility.SEALED, full=True)
    assert redacted.capture_card.as_dict()["family_address"] == "left out of redacted outputs"
    assert full.capture_card.as_dict()["family_address"] == "Kostroma region"
    text = as_text("html", reports.render_dossier(redacted, "html"))
    assert "Kostroma region" not in text
    assert "phone call from Belarus" not in text  # family_contact 'means'
    assert "phone call from Belarus" in as_text("html", reports.render_dossier(full, "html"))


def test_full_output_needs_sealed_clearance_and_is_audited(store: Store, demo: DemoResult) -> None:
    pid = demo.person_ids["dyachkov"]
    with pytest.raises(ValidationError, match="--clearance sealed"):
        reports.build_dossier(store, ACTOR, pid, Visibility.RESTRICTED, full=True)
    with pytest.raises(ValidationError, match="--clearance sealed"):
        reports.export_data(store, ACTOR, Visibility.RESTRICTED, fmt="ftm", full=True)
    full = reports.build_dossier(store, "admin", pid, Visibility.SEALED, full=True)
    text = as_text("pdf", reports.render_dossier(full, "pdf"))
    assert "Polonenyi Hovoryt" in text and "FULL" in text
    reports.export_data(store, "admin", Visibility.SEALED, fmt="ftm", full=True)
    from .test_dossier import audit_exports

    assert f"dossier-full:{pid}" in audit_exports(store)
    assert "ftm-full" in audit_exports(store)


def test_pseudonyms_are_stable_and_keyed() -> None:
    a, b = Pseudonyms(b"k" * 32), Pseudonyms(b"j" * 32)
    assert a.record("p-0123456789abcdef") == a.record("p-0123456789abcdef")
    assert a.record("p-0123456789abcdef").startswith("p.")
    assert a.record("p-0123456789abcdef") != b.record("p-0123456789abcdef")
    assert Pseudonyms(None).record("p-0123456789abcdef") == "p-0123456789abcdef"
    assert a.value("list", "36") != "36" and a.actor("ksenia") != "ksenia"


def test_store_secret_is_made_once_through_the_audited_write_path(
    store: Store, demo: DemoResult
) -> None:
    first = reports.pseudonyms(store, ACTOR, full=False)
    again = reports.pseudonyms(store, ACTOR, full=False)
    assert first == again and first.active
    from .test_dossier import audit_rows

    assert [r for r in audit_rows(store) if r[1:] == ("meta", reports.SECRET_KEY)] == [
        ("create", "meta", reports.SECRET_KEY)
    ]


def test_small_counts_are_suppressed_with_a_second_cell_when_needed() -> None:
    counts = suppress({"a": 3, "b": 7, "c": 12, "d": 0}, 5, True)
    assert counts["a"].text == "<5" and counts["b"].text == "<5"  # b hidden so a can't be derived
    assert counts["c"].text == "12" and counts["d"].text == "0"
    two = suppress({"a": 3, "b": 2, "c": 12}, 5, True)
    assert [two[k].text for k in "abc"] == ["<5", "<5", "12"]
    assert suppress({"a": 3}, 5, False)["a"].text == "3"
    assert suppress_one(4, 5, True).text == "<5" and suppress_one(5, 5, True).text == "5"
