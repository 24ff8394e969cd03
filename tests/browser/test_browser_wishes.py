"""In a real browser: a lawyer records a relative's request to keep a man out of an exchange
(refused first, with what is missing beside each field), then a list naming him raises the
blocking alert on the match review page, where she accepts the match."""

from __future__ import annotations

from .conftest import LAWYER_PASSWORD, Server

SCREENSHOT = "/tmp/powtrace-wish-alert.png"
LIST = (
    "№;Прізвище;Ім'я;По батькові;Дата народження\n"
    "1;Гриценко;Олександр;Петрович;12.04.1990\n"
    "2;Тетерин;Глеб;Андреевич;12.03.1989\n"
)
WORDS = "Мой сын, Тетерин Глеб Андреевич, 1989 года рождения"


def test_a_recorded_wish_raises_the_alert_on_a_list(server: Server, browser) -> None:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(server.url + "/login")
    page.fill("#f-username", "lawyer")
    page.fill("#f-password", LAWYER_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Teterin's page has the sealed section; an empty form is refused field by field.
    page.fill("#top-q", "Teterin Gleb")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.locator("ol.hits > li a").first.click()
    section = page.locator("section#wishes")
    assert "No wish is recorded." in section.inner_text()
    with page.expect_navigation():
        section.locator("button:has-text('Record the wish')").click()
    assert page.locator("#w-e-date").is_visible() and page.locator("#w-e-consent").is_visible()
    assert "nothing was saved" in page.locator("section#wishes p.problem").inner_text()

    # A relative's request, citing the mother's appeal cited on his page.
    page.select_option("#w-f-kind", "relative")
    page.fill("#w-f-relative", "Нина Павловна Тетерина")
    page.select_option("#w-f-relationship", "mother")
    page.fill("#w-f-date", "2025-06")
    source = page.locator("#w-f-source option", has_text="Обращение матери").get_attribute("value")
    page.select_option("#w-f-source", source)
    page.fill("#w-f-excerpt", WORDS)
    page.check("#w-f-consent")
    page.select_option("#w-f-obtained_via", "letter")
    with page.expect_navigation():
        page.locator("section#wishes button:has-text('Record the wish')").click()
    wish = page.locator("section#wishes article.wish")
    assert "a relative's request" in wish.inner_text() and WORDS in wish.inner_text()

    # A list naming him: imported, then reviewed; the alert stands at the top.
    page.click("nav >> text=Import a list")
    upload = {"name": "swap-june.csv", "mimeType": "text/csv", "buffer": LIST.encode()}
    page.set_input_files("#f-file", files=[upload])
    with page.expect_navigation():
        page.click("button:has-text('Read the columns')")
    with page.expect_navigation():
        page.click("button:has-text('Import the list')")
    # The import runs in the background; its page refreshes itself until the result is shown.
    review = "button:has-text('Review the rows against the registry')"
    page.wait_for_selector(review, timeout=30_000)
    with page.expect_navigation():
        page.click(review)
    alert = page.locator("section.blocking-alert")
    assert alert.is_visible()
    text = alert.inner_text()
    assert "do not want to be repatriated" in text
    assert "Тетерин Глеб Андреевич" in text and "a relative's request" in text
    assert "June 2025" in text and "Art. 109(3)" in text
    assert page.locator("tr.alerted").count() == 1
    page.screenshot(path=SCREENSHOT, full_page=True)

    # Accept the match: the row's record joins the registry person and leaves the queue.
    row = page.locator("tr.alerted")
    row_id = row.get_attribute("id")
    assert row.locator("td").nth(2).inner_text() == "Тетерин Глеб Андреевич"
    with page.expect_navigation():
        row.locator("button:has-text('same person')").click()
    assert page.locator(f"tr#{row_id}").count() == 0
    assert "1 already judged the same" in page.locator("main").inner_text()
    context.close()
