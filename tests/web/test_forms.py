"""A bad form value is shown beside its field, and nothing is saved half-way."""

from __future__ import annotations

from powtrace.domain.visibility import Visibility
from powtrace.workflows import registry

from .support import PASSWORD, Web, csrf_of, sign_in, signed_in


def test_a_bad_date_is_named_beside_its_field_and_nothing_is_saved(web: Web) -> None:
    client = signed_in(web, "analyst")
    before = len(registry.list_persons(web.store, "analyst", Visibility.SEALED))
    data = {
        "csrf_token": csrf_of(client, "/persons/new"),
        "name": "Новиков Артём",
        "other_names": "Artem Novikov",
        "birth_date": "2024-02-30",
        "side": "russia",
        "visibility": "sealed",  # above an analyst's clearance: refused too
    }
    response = client.post("/persons/new", data=data)
    assert response.status_code == 400
    assert 'id="e-birth_date"' in response.text and "29 days, not 30" in response.text
    assert 'id="e-visibility"' in response.text
    assert 'value="Новиков Артём"' in response.text  # what was typed comes back
    assert len(registry.list_persons(web.store, "analyst", Visibility.SEALED)) == before
    data |= {"birth_date": "1990-05", "visibility": "restricted"}
    made = client.post("/persons/new", data=data)
    assert made.status_code == 303
    page = client.get(made.headers["location"])
    assert "Artem Novikov" in page.text


def test_password_change_errors_are_beside_their_fields(web: Web) -> None:
    client = signed_in(web, "viewer")
    token = csrf_of(client, "/account")
    response = client.post(
        "/account/password",
        data={"csrf_token": token, "current": "wrong", "new": "short", "again": "other"},
    )
    assert response.status_code == 400
    for name in ("current", "new", "again"):
        assert f'id="e-{name}"' in response.text
    assert sign_in(web.client(), "viewer").status_code == 303  # unchanged
    new = "a much longer new passphrase"
    ok = client.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "new": new, "again": new},
    )
    assert ok.status_code == 303
    assert client.get("/account").status_code == 200  # this browser stays signed in
    assert sign_in(web.client(), "viewer", new).status_code == 303


def test_a_bad_username_is_named_and_no_account_is_made(web: Web) -> None:
    admin = signed_in(web, "administrator")
    response = admin.post(
        "/admin/accounts",
        data={
            "csrf_token": csrf_of(admin, "/admin/accounts"),
            "username": "Not Valid!",
            "role": "emperor",
            "locale": "en",
        },
    )
    assert response.status_code == 400
    assert 'id="e-username"' in response.text and 'id="e-role"' in response.text
    assert "Not Valid!" in response.text and "not.valid" not in response.text
