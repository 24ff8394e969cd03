"""Three languages: chosen by Accept-Language before sign-in and by the account after it;
the catalogues are complete and their compiled .mo files up to date."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from powtrace.web import i18n

from .support import Web, csrf_of, signed_in

WEB = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "gettext": (2,), "N_": None}


def extracted() -> set[str]:
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(WEB, method_map, options, keywords=KEYWORDS)
    return {m[2] for m in found if isinstance(m[2], str)}


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_catalogue_is_complete_and_compiled(lang: str) -> None:
    folder = i18n.LOCALE_DIR / lang / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {m.id: m.string for m in catalog if m.id and m.string}
    missing = extracted() - set(translated)
    assert not missing, f"untranslated in {lang}: {sorted(missing)}"
    with open(folder / "messages.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = {k for k, v in translated.items() if compiled.gettext(k) != v}
    assert not stale, f"{lang}: messages.mo is older than messages.po; run pybabel compile"


def test_accept_language_chooses_before_sign_in(web: Web) -> None:
    client = web.client()
    ru = client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert '<html lang="ru">' in ru.text and "Вход" in ru.text
    uk = client.get("/login", headers={"Accept-Language": "uk"})
    assert '<html lang="uk">' in uk.text and "Вхід" in uk.text
    de = client.get("/login", headers={"Accept-Language": "de-DE"})
    assert '<html lang="en">' in de.text and "Sign in" in de.text


def test_the_account_language_wins_after_sign_in(web: Web) -> None:
    client = signed_in(web, "lawyer")
    token = csrf_of(client, "/account")
    assert (
        client.post("/account/language", data={"csrf_token": token, "locale": "uk"}).status_code
        == 303
    )
    page = client.get(f"/persons/{web.restricted_person}", headers={"Accept-Language": "ru"})
    assert '<html lang="uk">' in page.text and "Хронологія" in page.text
    assert "серпня 2024" in page.text  # 9 August 2024, in Ukrainian
    bad = client.post("/account/language", data={"csrf_token": token, "locale": "xx"})
    assert bad.status_code == 400 and 'id="e-locale"' in bad.text
