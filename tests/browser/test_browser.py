"""The site in a real browser: two-factor sign-in, search in two scripts, a refused viewer."""

from __future__ import annotations

import time

import pyotp

from .conftest import VIEWER_PASSWORD, Server

SCREENSHOT = "/tmp/powtrace-search.png"


def _sign_in(page, server: Server, username: str, password: str) -> None:
    page.goto(server.url + "/")
    assert "/login" in page.url
    page.fill("#f-username", username)
    page.fill("#f-password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the keyboard alone submits the form


def test_two_factor_search_and_refusal(server: Server, browser) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    _sign_in(page, server, "admin", server.admin_password)
    assert page.locator("h1").inner_text() == "Dashboard"

    # Enrol two-factor through the account page.
    page.click("text=Turn it on")
    with page.expect_navigation():
        page.click("button:has-text('Set up two-factor')")
    assert page.locator(".qr svg").count() == 1
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    # Confirm with the previous step's code, so the current one is still unused for sign-in.
    page.fill("#f-code", totp.at(time.time() - 30))
    page.click("button:has-text('Turn two-factor on')")
    assert "/account" in page.url and "two-factor" in page.content().lower()
    page.click("button:has-text('Sign out')")

    # Sign in again: password, then the code.
    _sign_in(page, server, "admin", server.admin_password)
    assert "/login/totp" in page.url
    page.fill("#f-code", totp.now())
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text() == "Dashboard"
    assert page.locator("svg.chart").count() == 4

    # Search in Cyrillic and in Latin: the same man, every name form shown.
    for query in ("Тетерин Глеб", "teterin gleb"):
        page.fill("#top-q", query)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        first = page.locator("ol.hits > li").first
        assert first.locator("a").first.inner_text() == "Тетерин Глеб Андреевич"
        forms = first.locator("ul.forms li").all_inner_texts()
        assert {"Gleb Teterin", "TETERIN GLEB", "Тетерін Гліб Андрійович"} <= set(forms)
    page.screenshot(path=SCREENSHOT, full_page=True)

    # The person page: timeline with sources, then a source with highlighted spans.
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("ol.timeline > li").count() > 5
    page.locator("ul.citations a").first.click()
    page.wait_for_load_state()
    assert page.locator(".source-text mark").count() >= 1
    assert len(page.locator("code.hash").inner_text()) == 64
    context.close()


def test_a_viewer_is_refused_a_sealed_record(server: Server, browser) -> None:
    context = browser.new_context(extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    _sign_in(page, server, "viewer", VIEWER_PASSWORD)
    assert page.locator("html").get_attribute("lang") == "ru"
    response = page.goto(f"{server.url}/persons/{server.sealed_person}")
    assert response is not None and response.status == 404
    assert "Засекреченный" not in page.content()
    assert "Нет такой записи" in page.content()
    context.close()
