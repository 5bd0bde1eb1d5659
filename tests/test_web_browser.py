"""The HTML front end in a real browser (Debian's Chromium, driven by Playwright's Python package).

- axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no violation on any kind of page;
- a new hire certifies from sign-in to receipt with the keyboard alone, on a desktop and at 390x844;
- the accessibility tree of a lesson step has the lesson heading, and a question is a named group.

Skips, saying why, only when Chromium, Playwright or axe-playwright-python is missing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.test_serve import CHROMIUM, CHROMIUM_ARGS, needs_textual_serve, served
from tutor.content.loader import load_valid_content

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NAME = "Ana María Pérez"


@pytest.fixture(scope="module")
def browser():
    needs_textual_serve()
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        pytest.skip("the playwright Python package is missing (pip install playwright; no `playwright install`)")
    try:
        import axe_playwright_python  # noqa: F401
    except ModuleNotFoundError:
        pytest.skip("axe-playwright-python is missing (it is in the test extra)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def content():
    return load_valid_content()


class Axe:
    """axe-core on the current page, WCAG 2.x A and AA rules only; remembers which pages it checked."""

    def __init__(self):
        from axe_playwright_python.sync_playwright import Axe as AxeRunner

        self.runner = AxeRunner()
        self.checked: dict[str, str] = {}

    def check(self, page, kind: str) -> None:
        started = time.monotonic()
        results = self.runner.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{kind} ({page.url}):\n{results.generate_report()}"
        self.checked[kind] = page.url
        self.seconds = getattr(self, "seconds", 0.0) + time.monotonic() - started


def page_kind(url: str) -> str:
    path = re.sub(r"https?://[^/]+", "", url).split("?")[0].split("#")[0]
    path = re.sub(r"/attempt/[^/]+/result", "/attempt/N/result", path)
    path = re.sub(r"/attempt/[^/]+/\d+", "/attempt/N", path)
    path = re.sub(r"/lesson/[^/]+/\d+", "/lesson/N", path)
    return re.sub(r"/quiz/[^/]+", "/quiz/T", path)


# Keyboard only -----------------------------------------------------------------------------------------
def focused(page, predicate: str) -> bool:
    return page.evaluate(f"(() => {{ const e = document.activeElement; return !!(e && ({predicate})); }})()")


def tab_to(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches: how a keyboard user reaches a control."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, predicate):
            return
    raise AssertionError(f"Tab never reached {predicate} on {page.url}")


def button(text: str) -> str:
    return f"(e.tagName === 'BUTTON' || e.tagName === 'A') && e.textContent.trim().startsWith({text!r})"


def press_and_wait(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def right_answer(page, content) -> list[int]:
    """The positions of the right choices on this page (found in the content by prompt and choice ids)."""
    prompt = page.locator("legend#question").evaluate("e => e.firstChild.textContent").strip()
    ids = page.locator("input[name=choice]").evaluate_all("els => els.map(e => e.value)")
    candidates = [q for q in content.questions.values() if q.prompt == prompt]
    for lesson in content.lessons.values():
        candidates += [s.check for s in lesson.steps if s.check is not None and s.check.prompt == prompt]
    question = next(q for q in candidates if {c.id for c in q.choices} == set(ids))
    return [i for i, cid in enumerate(ids) if cid in question.answer]


def answer_by_keyboard(page, content, submit: str) -> None:
    right = right_answer(page, content)
    multiple = page.locator("input[name=choice]").first.get_attribute("type") == "checkbox"
    tab_to(page, "e.name === 'choice'")
    if multiple:
        for index in range(page.locator("input[name=choice]").count()):
            if index:
                page.keyboard.press("Tab")
            if index in right:
                page.keyboard.press("Space")
    else:
        for _ in range(right[0]):
            page.keyboard.press("ArrowDown")  # arrows move through a radio group and choose
        if right[0] == 0:
            page.keyboard.press("Space")
    tab_to(page, button(submit))
    press_and_wait(page)


def certify_by_keyboard(page, base: str, content, axe: Axe | None = None, employee_id: str = "E100") -> None:
    def look() -> None:
        if axe is not None and page_kind(page.url) not in axe.checked:
            axe.check(page, page_kind(page.url))

    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert focused(page, "e.classList.contains('skip-link')"), "the first Tab reaches the skip link"
    look()
    tab_to(page, "e.id === 'employee_id'")
    page.keyboard.type(employee_id)
    page.keyboard.press("Tab")
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    assert focused(page, "e.id === 'district'")
    page.keyboard.type("Capitol")  # type-ahead in the district list
    tab_to(page, button("Start"))
    press_and_wait(page)
    assert page.locator("h1").inner_text() == "Your training"
    for _ in range(300):
        look()
        url = page.url
        if url.endswith("/receipt"):
            break
        if url.rstrip("/") == base or url.endswith("/?"):
            tab_to(page, button("Continue") + " || " + button("Sign the acknowledgment"))
            press_and_wait(page)
        elif "/lesson/" in url:
            if page.locator("legend#question").count() and not page.locator(".feedback").count():
                answer_by_keyboard(page, content, "Check my answer")
                assert page.locator("[role=status] .feedback").count() == 1
                look_kind = "lesson check feedback"
                if axe is not None and look_kind not in axe.checked:
                    axe.check(page, look_kind)
                continue
            tab_to(page, button("Next") + " || " + button("Take the quiz now") + " || " + button("Continue"))
            press_and_wait(page)
        elif "/quiz/" in url:
            tab_to(page, button("Start the quiz"))
            press_and_wait(page)
        elif "/attempt/" in url and "/result" not in url:
            if page.locator("[role=status] .feedback").count():
                if axe is not None and "question feedback" not in axe.checked:
                    axe.check(page, "question feedback")
                tab_to(page, button("Next question") + " || " + button("See my result"))
            else:
                answer_by_keyboard(page, content, "Submit my answer")
                continue
            press_and_wait(page)
        elif "/result" in url:
            assert "Passed" in page.locator("[role=status]").inner_text()
            tab_to(page, button("Continue"))
            press_and_wait(page)
        elif url.endswith("/sign"):
            tab_to(page, "e.id === 'full_name'")
            page.keyboard.type(NAME)
            press_and_wait(page)  # Enter in the field submits its form
            assert page.locator("h1").inner_text() == "Confirm your signature"
            if axe is not None:
                axe.check(page, "sign confirm")
            tab_to(page, "e.tagName === 'BUTTON' && e.value === 'yes'")
            press_and_wait(page)
        else:
            raise AssertionError(f"unexpected page {url}")
    assert page.url.endswith("/receipt"), page.url
    assert "Signed." in page.locator("[role=status]").inner_text()


def test_a_new_hire_certifies_by_keyboard_alone_and_axe_finds_nothing(browser, content, tmp_path):
    axe = Axe()
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        started = time.monotonic()
        certify_by_keyboard(page, base, content, axe)
        walked = time.monotonic() - started
        page.screenshot(path=str(tmp_path / "receipt-desktop.png"), full_page=True)
        page.close()
    for kind in ("/", "/lesson/N", "lesson check feedback", "/quiz/T", "/attempt/N", "question feedback",
                 "/attempt/N/result", "/sign", "sign confirm", "/receipt"):
        assert kind in axe.checked, f"axe never saw {kind}: {sorted(axe.checked)}"
    print(f"keyboard walk with axe: {walked:.1f} s, of which axe {axe.seconds:.1f} s")


def test_a_new_hire_certifies_by_keyboard_on_a_phone_screen(browser, content, tmp_path):
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        started = time.monotonic()
        certify_by_keyboard(page, base, content, employee_id="E200")
        print(f"keyboard walk at 390x844: {time.monotonic() - started:.1f} s")
        # Nothing is wider than the screen: no sideways scrolling at 390 CSS pixels.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        context.close()


def _returning_learner(db: Path, content) -> None:
    """Someone who signed 340 days ago: renewal is open, so the test-out is offered."""
    import random
    from datetime import datetime, timedelta, timezone

    from tests.test_training import certify
    from tutor.domain.clock import FixedClock
    from tutor.service.sign_in import SignIn
    from tutor.service.training import Training
    from tutor.store.records import Records

    clock = FixedClock(datetime.now(timezone.utc) - timedelta(days=340))
    records = Records(db, clock)
    signed = SignIn(records, content).self_asserted("E300", "Returning Staff", "crec")
    certify(Training(records, content, signed.person, signed.district, signed.identity, clock, random.Random(3)))
    records.close()


def _sign_in(page, base: str, employee_id: str, name: str = NAME) -> None:
    page.goto(base + "/")
    page.fill("#employee_id", employee_id)
    page.fill("#full_name", name)
    page.select_option("#district", "crec")
    with page.expect_navigation():
        page.click("button:has-text('Start')")


def test_every_other_kind_of_page_passes_axe(browser, content, tmp_path):
    from tutor.service.trainer_auth import set_passphrase
    from tutor.store.records import Records

    db = tmp_path / "t.db"
    _returning_learner(db, content)
    records = Records(db)
    set_passphrase(records, "correct horse battery")
    records.close()
    axe = Axe()
    with served(tmp_path, db) as (base, _home):
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.set_content('<html lang="en"><title>t</title><main><input></main></html>')
        with pytest.raises(AssertionError, match="label"):
            axe.check(page, "a field without a label")  # the check can fail
        page.goto(base + "/")
        with page.expect_navigation():
            page.click("button:has-text('Start')")  # nothing typed: an error next to each field
        assert page.locator("#employee_id").get_attribute("aria-describedby") == "employee_id-error"
        axe.check(page, "sign-in with errors")
        _sign_in(page, base, "E100")
        page.goto(base + "/ask?back=/")
        page.fill("#question", "Can I install Dropbox on my work laptop?")
        with page.expect_navigation():
            page.click("button:has-text('Ask')")
        assert page.locator("[role=status] blockquote").count() == 1
        axe.check(page, "ask with an answer")
        page.goto(base + "/policy")
        axe.check(page, "policy reader")
        page.goto(base + "/sign")
        axe.check(page, "sign before passing")
        page.goto(base + "/quiz/passwords")
        with page.expect_navigation():
            page.click("button:has-text('Start the quiz')")
        axe.check(page, "quiz started before its lesson: refused")
        # A failed quiz: its result page, then a quiz in progress refuses typed questions (closed-book).
        lesson = next(l for l in content.lessons_for("crec") if l.topic == "acceptable-use")
        for n in range(1, len(lesson.steps_for("crec")) + 1):
            page.goto(f"{base}/lesson/{lesson.id}/{n}")
        page.goto(base + "/quiz/acceptable-use")
        with page.expect_navigation():
            page.click("button:has-text('Start the quiz')")
        while "/result" not in page.url:
            if page.locator("[role=status] .feedback").count():
                with page.expect_navigation():
                    page.click("a.button.primary")
                continue
            right = set(right_answer(page, content))
            wrong = next(i for i in range(page.locator("input[name=choice]").count()) if i not in right)
            page.locator("input[name=choice]").nth(wrong).check()
            with page.expect_navigation():
                page.click("button:has-text('Submit my answer')")
        assert "Not passed yet" in page.locator("[role=status]").inner_text()
        axe.check(page, "failed result")
        with page.expect_navigation():
            page.click("button:has-text('Retake the quiz')")
        page.goto(base + "/ask")
        assert "closed-book" in page.locator("[role=status]").inner_text()
        axe.check(page, "ask during a quiz")
        page.context.clear_cookies()
        page.goto(base + "/trainer")
        axe.check(page, "trainer sign-in")
        page.fill("#passphrase", "correct horse battery")
        with page.expect_navigation():
            page.click("button:has-text('Open')")
        assert page.locator("caption").inner_text() == "Staff and their status"
        axe.check(page, "trainer status")
        page.context.clear_cookies()
        _sign_in(page, base, "E300", "Returning Staff")
        assert page.locator("a:has-text('Take the test-out')").count() == 1
        axe.check(page, "home with the test-out offered")
        page.goto(base + "/test-out")
        axe.check(page, "test-out")
        # A form sent from a page whose session has ended.
        page.context.clear_cookies()
        with page.expect_navigation():
            page.click("button:has-text('Start the test-out')")
        assert page.locator("h1").inner_text() == "The form expired"
        axe.check(page, "expired form")
        page.close()

    records = Records(db)
    from tutor.service.roster import issue_codes
    from tutor.store.people import Person

    records.people.upsert_many([Person("E400", "Rosa Parks", district="crec", on_roster=True)])
    code = issue_codes(records, ["E400"])[0].code
    records.close()
    with served(tmp_path, db) as (base, _home):
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        page.goto(base + "/")
        axe.check(page, "roster sign-in: employee ID")
        page.fill("#employee_id", "E400")
        with page.expect_navigation():
            page.click("button:has-text('Continue')")
        page.fill("#code", "WRONG-CODE")
        page.fill("#new_pin", "4821")
        page.fill("#new_pin_again", "4821")
        with page.expect_navigation():
            page.click("button:has-text('Enroll and sign in')")
        assert "code-error" in page.locator("#code").get_attribute("aria-describedby")
        axe.check(page, "roster sign-in: enrollment with an error")
        page.fill("#code", code)
        page.fill("#new_pin", "4821")
        page.fill("#new_pin_again", "4821")
        with page.expect_navigation():
            page.click("button:has-text('Enroll and sign in')")
        assert page.locator("h1").inner_text() == "Your training"
        with page.expect_navigation():
            page.click("button:has-text('Sign out')")
        page.fill("#employee_id", "E400")
        with page.expect_navigation():
            page.click("button:has-text('Continue')")
        axe.check(page, "roster sign-in: PIN")
        page.close()


def test_the_accessibility_tree_has_the_lesson_heading_and_the_named_choice_group(browser, content, tmp_path):
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        _sign_in(page, base, "E100")
        lesson = next(l for l in content.lessons_for("crec") if l.topic == "acceptable-use")
        steps = lesson.steps_for("crec")
        number = next(i for i, s in enumerate(steps, 1) if s.check is not None)
        for n in range(1, number + 1):
            page.goto(f"{base}/lesson/{lesson.id}/{n}")
        tree = page.locator("body").aria_snapshot()
        check = steps[number - 1].check
        # Read from the accessibility tree, as a screen reader gets it (names computed by the browser).
        assert page.get_by_role("heading", level=1, name=lesson.title, exact=True).count() == 1, tree
        assert page.get_by_role("heading", level=2, name=steps[number - 1].title, exact=True).count() == 1, tree
        assert f"Step {number} of {len(steps)}" in tree
        group = page.get_by_role("group", name=check.prompt)
        assert group.count() == 1, tree
        for choice in check.choices:
            assert group.get_by_role("radio", name=choice.text, exact=True).count() == 1, tree
        assert 'link "Skip to main content"' in tree
        # Reflow (WCAG 1.4.10): at 320 CSS pixels, as at 400% zoom of a 1280-pixel window, nothing is cut
        # off and nothing needs sideways scrolling.
        page.set_viewport_size({"width": 320, "height": 640})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.set_viewport_size({"width": 1100, "height": 800})
        # The answer's feedback arrives in a status region, which screen readers announce.
        page.locator("input[name=choice]").first.check()
        with page.expect_navigation():
            page.click("button:has-text('Check my answer')")
        status = page.get_by_role("status")
        assert status.count() == 1 and ("Correct." in status.inner_text() or "Not quite." in status.inner_text())
        page.close()


def test_the_pages_work_with_javascript_turned_off(browser, content, tmp_path):
    with served(tmp_path, tmp_path / "t.db") as (base, _home):
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1100, "height": 800})
        page = context.new_page()
        _sign_in(page, base, "E500")
        assert page.locator("h1").inner_text() == "Your training"
        with page.expect_navigation():
            page.click("a:has-text('Continue')")
        assert "Step 1 of" in page.locator(".position").inner_text()
        lesson = next(l for l in content.lessons_for("crec") if l.topic == "acceptable-use")
        steps = lesson.steps_for("crec")
        number = next(i for i, s in enumerate(steps, 1) if s.check is not None)
        for _ in range(number - 1):
            with page.expect_navigation():
                page.click("a.button:has-text('Next')")
        page.locator("input[name=choice]").first.check()
        with page.expect_navigation():
            page.click("button:has-text('Check my answer')")
        assert page.get_by_role("status").inner_text().strip()
        context.close()
