"""List import: upload (size limit, no path tricks), column mapping, import, match review."""

from __future__ import annotations

import re

from powtrace.domain.visibility import Visibility
from powtrace.store.verify import verify_store
from powtrace.web.csrf import MAX_LIST_BYTES
from powtrace.workflows import registry

from .support import Web, csrf_of, signed_in

LIST = (
    "№;Прізвище;Ім'я;По батькові;Дата народження;Військове звання;Позивний\n"
    "1;Гриценко;Олександр;Петрович;12.04.1990;солдат;Сапер\n"
    "2;Тетерин;Глеб;Андреевич;12.03.1989;рядовой;\n"
    "3;;;;;;x\n"
    "4;Іванов;Іван;;31.02.1990;;\n"
)


def _upload(client, name: str, content: bytes, **fields: str):
    data = {"csrf_token": csrf_of(client, "/lists/import"), "encoding": "utf-8-sig"} | fields
    return client.post("/lists/upload", data=data, files={"file": (name, content, "text/csv")})


def test_upload_refuses_path_tricks_and_large_files(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    for name in ("../../etc/passwd.csv", "..\\lists\\x.csv", ".hidden.csv", "list.exe"):
        refused = _upload(analyst, name, LIST.encode())
        assert refused.status_code == 400 and 'id="e-file"' in refused.text, name
    big = _upload(analyst, "big.csv", b"a;b\n" + b"x;y\n" * (MAX_LIST_BYTES // 4))
    assert big.status_code == 413
    binary = _upload(analyst, "list.csv", b"\x00\x01\x02")
    assert binary.status_code == 400 and "binary file" in binary.text
    assert signed_in(web, "viewer").get("/lists/import").status_code == 403


def test_a_list_is_mapped_imported_and_reviewed_against_the_registry(web: Web) -> None:
    analyst = signed_in(web, "analyst")
    mapping = _upload(analyst, "обмін-2025.csv", LIST.encode(), side="ukraine")
    assert mapping.status_code == 200
    assert "Військове звання" in mapping.text and "Позивний" in mapping.text
    form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', mapping.text))
    assert form["list_name"] == "обмін-2025" and len(form["content"]) > 100
    cols = re.findall(r'<select id="f-(col-\d+)"', mapping.text)
    assert len(cols) == 2  # the rank and the call sign are not recognised by name
    twice = analyst.post(
        "/lists/import",
        data=form | {cols[0]: "rank", cols[1]: "rank"},
        files={"none": ("", b"")},
    )
    assert twice.status_code == 400 and f'id="e-{cols[1]}"' in twice.text
    done = analyst.post("/lists/import", data=form | {cols[0]: "rank"}, files={"none": ("", b"")})
    assert done.status_code == 200
    assert re.search(r"New persons</dt><dd><strong>2</strong>", done.text)
    assert ">4<" in done.text and ">5<" in done.text  # the bad rows, by their line
    assert "the name is empty" in done.text and "28 days, not 31" in done.text, done.text[-3000:]
    again = analyst.post("/lists/import", data=form | {cols[0]: "rank"}, files={"none": ("", b"")})
    assert re.search(r"Imported before</dt><dd>2</dd>", again.text)

    scheme = "list:обмін-2025"
    review = analyst.get("/lists/matches", params={"scheme": scheme})
    assert review.status_code == 200
    assert "Тетерин Глеб Андреевич" in review.text  # the registry's man is row 2's candidate
    assert "birth date" in review.text  # a per-field reason
    row2 = registry.search_persons(web.store, "Тетерин Глеб", Visibility.SEALED)
    teterin = next(h for h in row2 if h.id == web.restricted_person)
    judged = analyst.post(
        "/lists/matches/judge",
        data={
            "csrf_token": csrf_of(analyst, "/lists/import"),
            "scheme": scheme,
            "row": "2",
            "candidate": teterin.id,
            "decision": "same",
            "next": f"/lists/matches?scheme={scheme}",
        },
    )
    assert judged.status_code == 303
    view = registry.view_person(web.store, "t", teterin.id, Visibility.SEALED)
    assert any(x.scheme == scheme and x.value == "2" for x in view.person.external_ids)
    after = analyst.get("/lists/matches", params={"scheme": scheme})
    assert "1 row(s) to review; 1 already judged" in after.text
    assert analyst.get("/lists/matches", params={"scheme": "list:nothing"}).status_code == 404
    with web.store.reading() as conn:
        assert verify_store(conn).ok
