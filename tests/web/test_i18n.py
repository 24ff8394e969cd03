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
KEYWORDS = {"_": None, "gettext": (2,), "N_": None, "ngettext": (1, 2)}


def extracted() -> set[str | tuple[str, ...]]:
    """Every message the web package uses: text, or (singular, plural) for ngettext."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(WEB, method_map, options, keywords=KEYWORDS)
    return {m[2] for m in found if isinstance(m[2], (str, tuple))}


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_catalogue_is_complete_and_compiled(lang: str) -> None:
    folder = i18n.LOCALE_DIR / lang / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as fh:
        catalog = read_po(fh, locale=lang)
    translated = {
        m.id: m.string
        for m in catalog
        if m.id and m.string and (isinstance(m.string, str) or all(m.string))
    }
    missing = extracted() - set(translated)
    assert not missing, f"untranslated in {lang}: {sorted(map(str, missing))}"
    assert not [m.id for m in catalog if m.fuzzy and m.id], f"{lang}: fuzzy entries left"
    with open(folder / "messages.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    forms = compiled._catalog  # type: ignore[attr-defined]

    def current(key: str | tuple[str, ...], value: str | tuple[str, ...]) -> bool:
        if isinstance(key, tuple):  # plural forms are compiled as (singular, index)
            return all(forms.get((key[0], i)) == v for i, v in enumerate(value))
        return compiled.gettext(key) == value

    stale = {k for k, v in translated.items() if not current(k, v)}
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


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_findings_are_shown_in_the_readers_language(web: Web, lang: str) -> None:
    """Rule titles, legal bases, explanations and coded values come from data, not templates:
    in Russian or Ukrainian none of their English is left on the person page or the list."""
    from html import unescape

    from powtrace.domain.visibility import Visibility
    from powtrace.web import rule_texts
    from powtrace.workflows import findings
    from powtrace.workflows.findings import catalogue

    client = signed_in(web, "lawyer")
    token = csrf_of(client, "/account")
    client.post("/account/language", data={"csrf_token": token, "locale": lang})
    shown = findings.list_findings(web.store, Visibility.SEALED)
    person = next(v.finding.person_id for v in shown if v.finding.rule_id.startswith("pay_"))
    english = [r.title for r in catalogue()] + [
        "Geneva Convention III (1949)",
        "Probable, not certain",
        "Captivity began on",
        "What would cure it",
        "interned in a camp or detention facility",
        "no_information",  # a facet's value, as stored
        "post_return_isolation",  # a custody state, as stored
    ]
    for path, rules in (
        (f"/persons/{person}", {v.finding.rule_id for v in shown if v.finding.person_id == person}),
        ("/findings?support=all", {v.finding.rule_id for v in shown}),
    ):
        page = client.get(path)
        assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
        text = unescape(page.text)
        left = [e for e in english if e in text]
        assert not left, (path, left)
        for rule_id in rules:
            assert rule_texts.rule_title(rule_id, lang) in text, (path, rule_id)
    instrument = rule_texts.language(lang).text("Geneva Convention III (1949)")
    assert instrument.startswith(("Женевская конвенция", "Женевська конвенція"))
    assert f"{instrument}, ст. 117" in text
