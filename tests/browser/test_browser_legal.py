"""In a real browser: confirm an extracted event and see its finding; dismiss with a reason."""

from __future__ import annotations

from .conftest import LAWYER_PASSWORD, Server

SCREENSHOT = "/tmp/powtrace-review.png"


def test_confirm_an_event_then_dismiss_its_finding(server: Server, browser) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/login")
    page.fill("#f-username", "lawyer")
    page.fill("#f-password", LAWYER_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The queue, then the man the article is about: a new person.
    page.click("nav >> text=Review")
    page.click(f"a[href='/review/{server.proposals['Oleksandr Hrytsenko']}']")
    assert page.locator(".source-text mark").first.inner_text() == "Oleksandr Hrytsenko"
    with page.expect_navigation():
        page.click("button:has-text('Accept as a new person')")

    # His capture, beside the words it came from, corrected to the day and confirmed.
    page.goto(f"{server.url}/review/{server.proposals['captured']}")
    assert "was captured near Vovchansk" in page.locator(".source-text mark").inner_text()
    page.fill("#f-date", "2024-05-10")
    page.select_option("#f-credibility", "2")
    page.screenshot(path=SCREENSHOT, full_page=True)
    with page.expect_navigation():
        page.click("button:has-text('Confirm the event')")

    # His page now has the finding the capture raises.
    page.fill("#top-q", "Hrytsenko")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.locator("ol.hits > li a").first.click()
    finding = page.locator("article.finding").first
    assert "Capture not notified" in finding.locator("h3").inner_text()
    assert "Geneva Convention III" in finding.inner_text()

    # Dismissing needs a reason: refused without one, the error beside the field.
    with page.expect_navigation():
        finding.locator("button:has-text('Dismiss')").click()
    error = page.locator("article.finding p.error")
    assert "Say why" in error.first.inner_text()
    finding = page.locator("article.finding").first
    finding.locator("textarea").fill("He was registered by the ICRC; the card is on file.")
    with page.expect_navigation():
        finding.locator("button:has-text('Dismiss')").click()
    assert "registered by the ICRC" in page.locator("article.finding").first.inner_text()
    assert "dismissed" in page.locator("article.finding .tags").first.inner_text()
    context.close()
