"""Hostile input: arbitrary bytes into every importer, injection into search, huge files,
broken workbooks, zip bombs and XML entity tricks.

Whatever comes in, powtrace answers with a result or a ValidationError (a PowtraceError with a
message), never another exception, and never leaves a partial write: the store's counts and
``audit verify`` are checked after every refused input.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import re
import struct
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from powtrace.domain.errors import PowtraceError
from powtrace.domain.visibility import Visibility
from powtrace.intake import read_bytes
from powtrace.intake.lists import _ALIASES, ListFile, read_list
from powtrace.store.store import Store
from powtrace.workflows import demo, lists, registry, transfer

from .support import Runner, counts, verified

SETTINGS = settings(
    max_examples=int(os.environ.get("POWTRACE_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
HEADERS = [a for spellings in _ALIASES.values() for a in spellings.split()[:3]]
ODD = [
    "'",
    '"',
    "%",
    "_",
    "\\",
    ";",
    "--",
    "\x00",
    "\u202e",
    "\ufeff",
    "\u0301",
    "𝕏",
    "\r",
    "\n",
    "' OR '1'='1",
    "'; DROP TABLE persons; --",
    "%_%",
    "\\%",
    "ʼ",
]
cell = st.one_of(
    st.text(max_size=30), st.sampled_from(ODD), st.text(alphabet="0123456789.-/", max_size=12)
)
csv_text = st.builds(
    lambda header, rows, delim: "\n".join(delim.join(r) for r in [header, *rows]),
    st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=12)), min_size=1, max_size=6),
    st.lists(st.lists(cell, max_size=7), max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
)
list_bytes = st.one_of(
    st.binary(max_size=1500),
    csv_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    csv_text.map(lambda t: t.encode("cp1251", "replace")),
)


def _tmp_file(data: bytes, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="powtrace-fuzz-"))
    path = folder / name
    path.write_bytes(data)
    return path


@SETTINGS
@given(data=list_bytes)
def test_the_list_reader_returns_rows_or_says_why(data: bytes) -> None:
    path = _tmp_file(data, "list.csv")
    try:
        assert isinstance(read_list(path), ListFile)
    except PowtraceError as exc:
        assert str(exc)


@SETTINGS
@given(data=list_bytes)
def test_a_hostile_list_is_imported_whole_rows_or_not_at_all(store: Store, data: bytes) -> None:
    _imported_whole_rows_or_not_at_all(store, _tmp_file(data, "list.csv"))


def _imported_whole_rows_or_not_at_all(store: Store, path: Path) -> None:
    """Importing ``path`` either writes nothing (a clear error) or one person and one audit
    entry per row it reports created."""
    before = counts(store)
    try:
        result = lists.import_list_file(store, "fuzzer", path, scheme="fuzz")
    except PowtraceError:
        assert counts(store) == before
        return
    after = counts(store)
    assert after["persons"] - before["persons"] == len(result.created)
    assert after["audit_head"] - before["audit_head"] == len(result.created)


@pytest.fixture
def demo_export(store: Store, tmp_path: Path) -> dict[str, Any]:
    other = Store.init(tmp_path / "exporter")
    try:
        demo.load_demo(other)
        doc, _ = transfer.build_export(other, "exporter", full=True)
    finally:
        other.close()
    return doc


json_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        st.sampled_from(ODD),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _mutate(doc: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    """Put ``value`` somewhere inside a copy of ``doc`` (following ``path`` as far as it goes)."""
    out = json.loads(json.dumps(doc))
    node: Any = out
    for step in path:
        if isinstance(node, dict) and node:
            key = sorted(node)[step % len(node)]
            if not isinstance(node[key], (dict, list)) or not node[key]:
                node[key] = value
                return out
            node = node[key]
        elif isinstance(node, list) and node:
            i = step % len(node)
            if not isinstance(node[i], (dict, list)) or not node[i]:
                node[i] = value
                return out
            node = node[i]
    if isinstance(node, dict):
        node["extra"] = value
    elif isinstance(node, list):
        node.append(value)
    return out


@SETTINGS
@given(
    path=st.lists(st.integers(min_value=0, max_value=50), max_size=6),
    value=json_value,
    raw=st.one_of(st.none(), st.binary(max_size=300)),
)
def test_a_hostile_export_is_imported_all_or_nothing(
    store: Store, demo_export: dict[str, Any], path: list[int], value: Any, raw: bytes | None
) -> None:
    if raw is not None:
        data = raw
    else:
        data = json.dumps(_mutate(demo_export, path, value), ensure_ascii=False).encode()
    file = _tmp_file(data, "export.json")
    before = counts(store)
    try:
        transfer.import_file(store, "fuzzer", file)
    except PowtraceError:
        assert counts(store) == before
    with store.reading() as conn:
        from powtrace.store.verify import verify_store

        assert verify_store(conn).ok


MAGIC = [
    b"",
    b"%PDF-1.4\n",
    b"WARC/1.0\r\n",
    b"<html><body>",
    b"MIME-Version: 1.0\r\n",
    b"\x1f\x8b",
]


@SETTINGS
@given(
    prefix=st.sampled_from(MAGIC),
    body=st.one_of(st.binary(max_size=800), st.text(max_size=400).map(str.encode)),
    name=st.sampled_from(
        ["a.html", "a.pdf", "a.warc", "a.warc.gz", "a.txt", "a.mhtml", "../../etc/x.txt", "a"]
    ),
)
def test_intake_reads_or_refuses_any_bytes(prefix: bytes, body: bytes, name: str) -> None:
    try:
        result = read_bytes(prefix + body, name)
    except PowtraceError as exc:
        assert str(exc)
        return
    assert result.source.filename == Path(name).name  # no directories from a file's name


INJECTIONS = [
    "'",
    "''",
    '"',
    "%",
    "_",
    "\\",
    "%' OR 1=1 --",
    "'; DROP TABLE persons; --",
    "Robert'); DELETE FROM audit_log; --",
    "\x00",
    "a\x00b",
    "\u202eвонапИ",
    "Ivan\u0301",
    "ﬁ",
    "ǅ",
    "İ",
    "ß",
    "𝕀𝕧𝕒𝕟",
    "Іва́нов",
    "*",
    "?",
    "[a-z]",
    "$1",
    "%%%%",
    "___",
    " ",
    "",
    "a" * 5000,
    "Иванов" * 300,
]


@pytest.mark.parametrize("query", INJECTIONS)
def test_search_with_injection_attempts_returns_normally(store: Store, query: str) -> None:
    if query == INJECTIONS[0]:
        demo.load_demo(store)
    before = counts(store)
    try:
        hits = registry.search_persons(store, "analyst", query, Visibility.SEALED, 20)
        assert isinstance(hits, list)
    except PowtraceError as exc:  # e.g. an empty query: a message, not a crash
        assert str(exc)
    assert counts(store) == before


@SETTINGS
@given(query=st.text(max_size=60))
def test_search_with_any_text_returns_normally(store: Store, query: str) -> None:
    try:
        assert isinstance(
            registry.search_persons(store, "analyst", query, Visibility.SEALED, 10), list
        )
    except PowtraceError as exc:
        assert str(exc)


# ---- hostile workbooks (.xlsx) ---------------------------------------------------------------
SHEET = "xl/worksheets/sheet1.xml"


@functools.cache
def real_workbook() -> bytes:
    """A small list as Excel would hold it: header, two people, a date cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "Прізвище", "Ім'я", "Дата народження"])
    ws.append([1, "Гриценко", "Олександр", date(1990, 4, 12)])
    ws.append([2, "Тетерин", "Глеб", "12.03.1989"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _with(name: str, data: bytes) -> bytes:
    """The real workbook with one member replaced (or added)."""
    return _zipped(_members(real_workbook()) | {name: data})


def _flipped(at: list[int], junk: bytes) -> bytes:
    out = bytearray(real_workbook())
    for i, pos in enumerate(at):
        out[pos % len(out)] = junk[i % len(junk)]
    return bytes(out)


def _mangled_sheet(start: int, cut: int, junk: bytes) -> bytes:
    xml = _members(real_workbook())[SHEET]
    start %= len(xml)
    return _with(SHEET, xml[:start] + junk + xml[start + cut :])


xlsx_bytes = st.one_of(
    st.binary(max_size=1500),
    st.binary(max_size=600).map(lambda b: b"PK\x03\x04" + b),
    st.integers(min_value=0).map(lambda n: real_workbook()[: n % len(real_workbook())]),
    st.builds(
        _flipped,
        st.lists(st.integers(min_value=0), min_size=1, max_size=8),
        st.binary(min_size=1, max_size=8),
    ),
    st.builds(
        _mangled_sheet,
        st.integers(min_value=0),
        st.integers(min_value=0, max_value=40),
        st.one_of(st.binary(max_size=40), st.sampled_from([b"<", b"&", b"<row r='0'>", b"\x00"])),
    ),
)


@SETTINGS
@given(data=xlsx_bytes)
def test_the_list_reader_reads_or_refuses_any_workbook_bytes(data: bytes) -> None:
    path = _tmp_file(data, "обмін.xlsx")
    try:
        assert isinstance(read_list(path), ListFile)
    except PowtraceError as exc:
        assert "обмін.xlsx: " in str(exc)


@SETTINGS
@given(data=xlsx_bytes)
def test_a_hostile_workbook_is_imported_whole_rows_or_not_at_all(store: Store, data: bytes) -> None:
    _imported_whole_rows_or_not_at_all(store, _tmp_file(data, "обмін.xlsx"))


def _zip_bomb() -> bytes:
    """The real workbook and 60 MB of zeros, about 60 KB packed: within the web's 1 MiB."""
    return _with("xl/media/image1.png", bytes(60 * 1024 * 1024))


def _lying_sizes() -> bytes:
    """A worksheet of 20 MB (packed to a few KB) whose zip entries declare it 300 bytes."""
    xml = _members(real_workbook())[SHEET]
    raw = bytearray(_with(SHEET, xml.replace(b"<sheetData>", b"<sheetData>" + b" " * 20_000_000)))
    declared = struct.pack("<I", 300)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local, central
        at = raw.find(signature)
        while at != -1:
            name_len = struct.unpack_from("<H", raw, at + (26 if offset == 22 else 28))[0]
            start = at + (30 if offset == 22 else 46)
            if raw[start : start + name_len] == SHEET.encode():
                raw[at + offset : at + offset + 4] = declared
            at = raw.find(signature, at + 4)
    return bytes(raw)


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
    + b"]>"
)


def _entity_in(member: str, declaration: bytes, use: bytes) -> bytes:
    """The real workbook with a DOCTYPE in one member and the entity used in a name."""
    xml = re.sub(rb"^<\?xml[^>]*\?>", b"", _members(real_workbook())[member])
    if member == SHEET:
        xml = xml.replace("Гриценко".encode("ascii", "xmlcharrefreplace"), use)
    else:
        xml = re.sub(rb'name="[^"]*"', b'name="' + use + b'"', xml, count=1)
    return _with(member, declaration + xml)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_zip_bomb, "unpacks to 61 MB, over the limit of 50 MB"),
        (_lying_sizes, "not an Excel workbook"),
        (lambda: _entity_in(SHEET, LAUGHS, b"&lol9;"), "not an Excel workbook"),
        (lambda: _entity_in("xl/workbook.xml", LAUGHS, b"&lol9;"), "not an Excel workbook"),
        # defusedxml refuses even a harmless entity, which expat alone would expand
        (
            lambda: _entity_in(SHEET, '<!DOCTYPE x [<!ENTITY e "Гриценко">]>'.encode(), b"&e;"),
            "not an Excel workbook",
        ),
        (
            lambda: _with(
                SHEET, _members(real_workbook())[SHEET].replace(b'r="3"', b'r="9999999"')
            ),
            "more than 100000 rows",
        ),
        (lambda: _with(SHEET, b"<worksheet/>"), "the first worksheet, 'Sheet', is empty"),
    ],
    ids=["zip-bomb", "lying-sizes", "laughs-sheet", "laughs-workbook", "entity", "row", "empty"],
)
def test_a_hostile_workbook_is_refused_with_a_clear_message(
    store: Store, data: Any, problem: str
) -> None:
    path = _tmp_file(data(), "обмін.xlsx")
    before = counts(store)
    with pytest.raises(PowtraceError, match=f"^{re.escape(str(path))}: .*{re.escape(problem)}"):
        lists.import_list_file(store, "fuzzer", path, scheme="fuzz")
    assert counts(store) == before


@pytest.mark.parametrize("member", [SHEET, "xl/workbook.xml"])
def test_a_workbook_cannot_read_a_file_through_an_external_entity(
    tmp_path: Path, member: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711", encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'.encode()
    path = _tmp_file(_entity_in(member, doctype, b"&e;"), "обмін.xlsx")
    try:
        found = read_list(path)
    except PowtraceError as exc:
        assert "TOPSECRET" not in str(exc)
        return
    assert "TOPSECRET" not in repr(found)


def test_openpyxl_parses_worksheets_with_defusedxml() -> None:
    from defusedxml import ElementTree as defused
    from openpyxl.worksheet import _reader
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML and _reader.iterparse is defused.iterparse


def test_a_zip_bomb_is_refused_by_the_cli_and_nothing_is_written(
    run: Runner, tmp_path: Path
) -> None:
    assert run("init")[0] == 0
    home = tmp_path / "home"
    before = verified(home, None)
    bomb = tmp_path / "обмін.xlsx"
    bomb.write_bytes(_zip_bomb())
    code, _, err = run("person", "import", bomb)
    assert code == 1 and "обмін.xlsx: the workbook unpacks to 61 MB" in err
    assert verified(home, None) == before


# ---- files too big, links out of a folder ---------------------------------------------------
def _huge(path: Path) -> Path:
    with path.open("wb") as fh:  # sparse: 60 MB on paper, nothing on disk
        fh.truncate(60 * 1024 * 1024)
    return path


def test_files_over_the_limit_are_refused_with_a_clear_message(run: Runner, tmp_path: Path) -> None:
    assert run("init")[0] == 0
    home = tmp_path / "home"
    before = verified(home, None)
    big = _huge(tmp_path / "big.txt")
    code, _, err = run("source", "add", big)
    assert code == 1 and "more than" in err and "allowed" in err
    code, _, err = run("ingest", big)
    assert code == 1 and "more than" in err and "allowed" in err
    folder = tmp_path / "inbox"
    folder.mkdir()
    _huge(folder / "big.html")
    (folder / "ok.txt").write_text("Ivan Petrov was captured near Bakhmut in May 2024.\n")
    outside = tmp_path / "secret.txt"
    outside.write_text("The key to everything is under the mat, said Ivan Petrov in 2024.\n")
    (folder / "link.txt").symlink_to(outside)
    code, out, err = run("ingest", folder)
    assert code == 1  # some files were not ingested …
    assert "big.html" in err and "more than" in err
    assert "link.txt" in err and "outside" in err
    after = verified(home, None)
    assert after["sources"] == before["sources"] + 1  # … and the good one was
    code, out, _ = run("source", "list", "--json")
    assert "secret" not in out and "link.txt" not in out


# ---- secrets never reach the terminal or a log ----------------------------------------------
def test_keys_and_sealed_details_stay_out_of_output_and_logs(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # everything any logger says, at DEBUG
    assert run("init")[0] == 0
    home = tmp_path / "home"
    key = (home / "powtrace.key").read_text().strip()
    sealed = "SEALEDDETAIL4711"
    pid = json.loads(run("person", "add", "Тетерин Олег", "--json")[1])["id"]
    texts = []
    # Error paths, each with a secret in reach: a bad date next to a sealed detail, a
    # conflicting import of sealed data, a wrong key, an unreachable server with a password.
    detail = f"circumstances={sealed}"
    texts += run("event", "add", pid, "captured", "--detail", detail, "--date", "2024-13")
    texts += run("event", "add", "p-nobody", "captured", "--detail", detail)
    assert run("event", "add", pid, "captured", "--detail", detail, "--review", "confirmed")[0] == 0
    texts += run("--clearance", "restricted", "timeline", pid, "--json")
    export = tmp_path / "x.json"
    assert run("export", export, "--full")[0] == 0
    doc = json.loads(export.read_text())
    doc["events"][0]["place"] = "elsewhere"
    export.write_text(json.dumps(doc))
    texts += run("import", export)
    wrong = "0" * 64 if key != "0" * 64 else "1" * 64
    monkeypatch.setenv("POWTRACE_KEY", wrong)
    texts += run("person", "list")
    monkeypatch.delenv("POWTRACE_KEY")
    texts += run(
        "--db-url", "postgresql+psycopg://spy:hunter2secret@127.0.0.1:1/x", "person", "list"
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    everything = "\n".join(str(t) for t in texts) + logged
    assert "error:" in everything
    for secret in (key, wrong, sealed, "hunter2secret"):
        assert secret not in everything, secret
