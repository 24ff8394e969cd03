"""Three languages: chosen by Accept-Language before sign-in and by the account after it;
the catalogues are complete and their compiled .mo files up to date."""

from __future__ import annotations

import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from powtrace.web import i18n

from .support import Web, csrf_of, signed_in

WEB = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "gettext": (2,), "N_": None, "ngettext": (1, 2)}


def extracted() -> set[str | tuple[str, ...]]:
    """Every message the interface shows: the web package's, and those the other catalogued
    packages mark (error templates, report words); text, or (singular, plural) for ngettext."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    messages: set[str | tuple[str, ...]] = set()
    for package in i18n.CATALOGUED:
        found = extract_from_dir(WEB.parent / package, method_map, options, keywords=KEYWORDS)
        messages |= {m[2] for m in found if isinstance(m[2], (str, tuple))}
    return messages


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


def _reader_in(web: Web, lang: str, role: str = "lawyer") -> TestClient:
    """A signed-in client whose account language is ``lang``."""
    client = signed_in(web, role)
    token = csrf_of(client, "/account")
    client.post("/account/language", data={"csrf_token": token, "locale": lang})
    return client


def _field_error(page: str, name: str) -> str:
    """The text of the error shown beside a form field."""
    found = re.search(rf'<p class="error" id="e-{name}">(.*?)</p>', page, flags=re.S)
    assert found, f"no error beside {name}"
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", found.group(1))
    return unescape(re.sub(r"<[^>]+>", "", shown)).strip()


BAD_DATES = {  # what is typed -> what the message must say, by language
    "2024-02-30": {
        "en": "'2024-02-30': February 2024 has 29 days, not 30",
        "ru": "«2024-02-30»: в этом месяце нет 30-го числа (последний день — 29).",
        "uk": "«2024-02-30»: у цьому місяці немає 30-го числа (останній день — 29).",
    },
    "12.04.1990": {
        "en": "'12.04.1990' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
        "ru": "«12.04.1990» — не дата: укажите ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД",
        "uk": "«12.04.1990» — не дата: вкажіть РРРР, РРРР-ММ або РРРР-ММ-ДД",
    },
    "2024-13": {
        "en": "'2024-13': month 13 does not exist",
        "ru": "«2024-13»: месяца 13 не существует.",
        "uk": "«2024-13»: місяця 13 не існує.",
    },
}


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_a_bad_birth_date_is_named_in_the_readers_language(web: Web, lang: str) -> None:
    client = _reader_in(web, lang)
    for typed, expected in BAD_DATES.items():
        data = {
            "csrf_token": csrf_of(client, "/persons/new"),
            "name": "Новиков Артём",
            "birth_date": typed,
            "side": "russia",
            "visibility": "restricted",
        }
        response = client.post("/persons/new", data=data)
        assert response.status_code == 400 and f'<html lang="{lang}">' in response.text
        shown = _field_error(response.text, "birth_date")
        assert shown.startswith(expected[lang]), (typed, shown)
        if lang != "en":
            assert "does not exist" not in shown and "is not a date" not in shown


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_list_upload_and_export_errors_are_translated(web: Web, lang: str) -> None:
    client = _reader_in(web, lang, "analyst")
    token = csrf_of(client, "/lists/import")
    data = {"csrf_token": token, "encoding": "utf-8-sig"}
    binary = client.post("/lists/upload", data=data, files={"file": ("l.csv", b"\x00\x01")})
    cp1251 = client.post(
        "/lists/upload", data=data, files={"file": ("l.csv", "Прізвище\nІванов\n".encode("cp1251"))}
    )
    words = {
        "ru": ("двоичный файл", "не в кодировке utf-8-sig"),
        "uk": ("двійковий файл", "не в кодуванні utf-8-sig"),
    }
    for response, expected in zip((binary, cp1251), words[lang], strict=True):
        assert response.status_code == 400
        shown = _field_error(response.text, "file")
        assert shown.startswith("l.csv: ") and expected in shown, shown
        assert "binary" not in shown and "encoding" not in shown


def test_a_domain_error_falls_back_to_its_english() -> None:
    """A message no catalogue has is shown as raised; so is one whose values do not fit."""
    from powtrace.domain.errors import N_, NotFoundError, ValidationError

    plain = ValidationError("something only the CLI says")
    assert i18n.error_message(plain, "ru") == "something only the CLI says"
    assert i18n.error_message(NotFoundError(), "uk") == ""
    dated = ValidationError(N_("'%(text)s': year 0 does not exist"), text="0000")
    assert str(dated) == "'0000': year 0 does not exist"  # the CLI's English, values filled in
    assert i18n.error_message(dated, "en") == str(dated)
    assert i18n.error_message(dated, "uk") == "«0000»: року 0 не існує."
    wrapped = ValidationError(N_("unknown encoding '%(encoding)s'"), encoding=dated)
    assert (
        i18n.error_message(wrapped, "ru")
        == "Неизвестная кодировка ««0000»: года 0 не существует.»."
    )
    lacking = ValidationError(N_("'%(text)s': year 0 does not exist"), other="x")
    assert i18n.error_message(lacking, "ru") == str(lacking)


def test_a_domain_error_page_is_in_the_readers_language(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    from powtrace.domain.errors import N_, ValidationError
    from powtrace.workflows import reports

    def nothing(*_args: object, **_kwargs: object) -> None:
        raise ValidationError(N_("nothing to report: there is no person you may see in the store"))

    monkeypatch.setattr(reports, "build_report", nothing)
    page = _reader_in(web, "uk").get("/reports.pdf")
    assert page.status_code == 400 and '<html lang="uk">' in page.text
    assert "Звіт нема з чого скласти: у сховищі немає жодної особи" in unescape(page.text)
    english = signed_in(web, "analyst").get("/reports.pdf")
    assert "nothing to report: there is no person you may see in the store" in english.text
