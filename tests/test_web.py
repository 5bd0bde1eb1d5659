"""The HTML front end, in process: the flows a learner and a trainer take, and the promises about safety."""

from __future__ import annotations

import re


from tests.web_helpers import Page, certify, get, post, right_choices, sign_in_self, web_client


# Sign-in -------------------------------------------------------------------------------------------------
async def test_the_sign_in_form_is_labelled_as_in_the_app(records, content, clock):
    async with web_client(records, content, clock) as client:
        where, page = await get(client, "/")
        assert page.h1() == "Sign in" and page.title.startswith("Sign in")
        for label in ("Employee ID", "Full name", "District"):
            assert re.search(rf'<label for="[a-z_]+">{label}</label>', page.html), label
        assert ">Start</button>" in page.html
        assert '<html lang="en">' in page.html


async def test_a_self_asserted_learner_reaches_home_with_progress_and_due_date(records, content, clock):
    async with web_client(records, content, clock) as client:
        page = await sign_in_self(client, district="tst")
        assert page.h1() == "Your training"
        text = page.text()
        assert "Status not started" in text and "Lesson alpha" in text
        assert "Due" not in text, "no hire date is known for a self-asserted learner"
        assert "0 of 3 steps" in text
        events = records.events.for_learner("E100")
        assert events[-1].type == "learner.signed_in" and events[-1].identity == "self-asserted"


async def test_missing_fields_are_reported_next_to_each_field(records, content, clock):
    async with web_client(records, content, clock) as client:
        _, page = await get(client, "/")
        status, _, page = await post(client, "/sign-in", page, employee_id="", full_name="")
        assert status == 400
        assert 'id="employee_id-error"' in page.html and 'aria-describedby="employee_id-error"' in page.html
        assert 'aria-describedby="full_name-hint full_name-error"' in page.html
        assert 'aria-invalid="true"' in page.html


async def test_roster_sign_in_is_enrollment_code_then_pin(records, content, clock):
    from datetime import date

    from tutor.store.people import Person

    records.people.upsert_many([Person("E200", "Bo Li", hire_date=date(2026, 8, 25), district="tst", on_roster=True)])
    from tutor.service.roster import issue_codes

    code = issue_codes(records, ["E200"])[0].code
    async with web_client(records, content, clock) as client:
        _, page = await get(client, "/")
        assert "Full name" not in page.text()
        status, where, page = await post(client, "/sign-in", page, employee_id="E200")
        assert "Enrollment code" in page.text()
        status, _, page = await post(client, "/sign-in/enroll", page, code="WRONG-CODE", new_pin="4821",
                                     new_pin_again="4821")
        assert status == 400 and 'aria-describedby="code-error"' in page.html
        status, where, page = await post(client, "/sign-in/enroll", page, code=code, new_pin="4821",
                                         new_pin_again="4821")
        assert page.h1() == "Your training", page.text()
        assert "Due 2026-09-24" in page.text(), "hired 2026-08-25, 30 days to certify"
        _, page = await get(client, "/")
        status, _, page = await post(client, "/sign-out", page)
        assert "signed out" in page.status_text()
        status, _, page = await post(client, "/sign-in", page, employee_id="E200")
        assert "PIN" in page.text() and "Enrollment code" not in page.text()
        status, _, page = await post(client, "/sign-in/pin", page, pin="0000")
        assert status == 400 and "do not match" in page.text()
        status, _, page = await post(client, "/sign-in/pin", page, pin="4821")
        assert page.h1() == "Your training"


async def test_the_trusted_header_signs_in_only_when_configured(records, content, clock, person):
    async with web_client(records, content, clock, trusted_header=lambda: records.settings.get(
            "trusted_user_header")) as client:
        page = Page(await (await client.get("/", headers={"X-Remote-User": "E100"})).text())
        assert page.h1() == "Sign in"  # not configured: the header means nothing
        records.settings.set("trusted_user_header", "X-Remote-User")
        page = Page(await (await client.get("/", headers={"X-Remote-User": "E100"})).text())
        assert page.h1() == "Your training" and person.name in page.text()
        page = Page(await (await client.get("/")).text())
        assert page.h1() == "Sign in", "without the header the proxy vouches for nobody"


# The flow ------------------------------------------------------------------------------------------------
async def test_a_new_hire_certifies_from_sign_in_to_receipt(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        receipt = await certify(client, content)
        assert receipt.h1() == "Your receipt"
        assert "Signed." in receipt.status_text()
        ack = [e for e in records.events.for_learner("E100") if e.type == "acknowledgment.signed"]
        assert len(ack) == 1 and ack[0].payload["ack_id"] in receipt.text()
        response = await client.get("/receipt/acknowledgment.html")
        assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
        assert "Ana María Pérez" in await response.text()
        _, home = await get(client, "/")
        assert "certified until" in home.text()


async def test_a_lesson_step_says_where_it_is_and_cannot_skip_ahead(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        where, page = await get(client, "/lesson/alpha/3")
        assert where == "/lesson/alpha/1", "a later step opens the first one not yet read"
        assert page.h1() == "Lesson alpha" and "Step 1 of 3" in page.text()
        assert page.title.startswith("Step 1 of 3: alpha step 1")
        assert ("h2", "alpha step 1") in page.headings
        assert "(TST 9.99 §A)" in page.text(), "citation tokens are shown in words"


async def test_lesson_text_is_never_interpreted_as_html(records, clock):
    from dataclasses import replace

    from tests.factories import make_content
    from tutor.content.model import Step

    content = make_content()
    lesson = content.lessons["alpha"]
    content.lessons["alpha"] = replace(lesson, steps=(Step("Markup", "<script>alert(1)</script> **bold**"),
                                                      *lesson.steps[1:]))
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, name="<b>Eve</b>", district="tst")
        _, page = await get(client, "/lesson/alpha/1")
        assert "<script>alert(1)</script>" not in page.html and "&lt;script&gt;" in page.html
        assert "<strong>bold</strong>" in page.html
        assert "&lt;b&gt;Eve&lt;/b&gt;" in page.html and "<b>Eve</b>" not in page.html


async def test_quiz_feedback_is_a_status_message_with_why(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        for n in (1, 2, 3):
            await get(client, f"/lesson/alpha/{n}")
        where, page = await get(client, "/quiz/alpha")
        status, where, page = await post(client, "/quiz/alpha", page)
        assert where.endswith("/1") and "Question 1 of 5" in page.text()
        assert '<fieldset class="question"' in page.html and '<legend id="question">' in page.html
        status, where, page = await post(client, where, page, choice="wrong")
        assert "Not quite." in page.status_text() and "The answer: Right." in page.status_text()
        assert "Why? Show the policy passage" in page.html and "Rule text for A." in page.html


async def test_a_double_submit_never_answers_the_next_question(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        for n in (1, 2, 3):
            await get(client, f"/lesson/alpha/{n}")
        _, page = await get(client, "/quiz/alpha")
        _, where, question_page = await post(client, "/quiz/alpha", page)
        first = await post(client, where, question_page, choice=right_choices(content, question_page))
        second = await post(client, where, question_page, choice="wrong")  # the same form again
        assert first[0] == 200
        assert second[1] == where and "already recorded" in second[2].status_text()
        answers = [e for e in records.events.for_learner("E100") if e.type == "attempt.answered"]
        assert len(answers) == 1 and answers[0].payload["position"] == 0 and answers[0].payload["correct"]
        # A form that claims another position than its address is refused outright.
        response = await client.post(where, data={**question_page.form(where)["fields"], "position": "2",
                                                  "choice": "right"})
        assert response.status == 400
        assert len([e for e in records.events.for_learner("E100") if e.type == "attempt.answered"]) == 1


async def test_quizzes_are_closed_book(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        for n in (1, 2, 3):
            await get(client, f"/lesson/alpha/{n}")
        _, page = await get(client, "/quiz/alpha")
        _, where, question_page = await post(client, "/quiz/alpha", page)
        assert "Ask a question about the policy" not in [t for _, t in question_page.headings]
        _, page = await get(client, "/ask")
        assert "closed-book" in page.status_text() and "<textarea" not in page.html


async def test_ask_the_policy_from_a_lesson(records, clock):
    from tutor.content.loader import load_valid_content

    content = load_valid_content()
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="crec")
        _, page = await get(client, "/lesson/acceptable-use/1")
        status, where, page = await post(client, "/ask", page, question="Can I install Dropbox on my work laptop?")
        assert status == 200 and "CREC policy" in page.status_text() and "<blockquote>" in page.html
        assert page.link("Back to the lesson") == "/lesson/acceptable-use/1"


async def test_the_policy_reader_shows_every_section(records, clock):
    from tutor.content.loader import load_valid_content
    from tutor.service.policy_reader import policy_sections

    content = load_valid_content()
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="crec")
        _, page = await get(client, "/policy")
        sections = policy_sections(content, "crec").sections
        headings = [text for tag, text in page.headings if tag in ("h2", "h3")]
        assert all(f"§{s.id} {s.title}" in headings for s in sections)
        assert "Reasonable personal use" in page.text()
        from tutor.domain import events as ev

        opened = [e for e in records.events.for_learner("E100") if e.type == ev.POLICY_OPENED]
        assert len(opened) == 1, "opening the full policy is recorded (it shows on the acknowledgment record)"
        await get(client, "/policy")
        assert len([e for e in records.events.for_learner("E100") if e.type == ev.POLICY_OPENED]) == 1


async def test_sign_off_needs_the_name_on_record_and_a_confirm_step(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        _, page = await get(client, "/sign")
        assert "only after you pass every required quiz" in page.text()
        status, _, page = await post(client, "/sign/confirm", Page(
            '<form action="/sign/confirm"><input name="csrf" value="%s"></form>' % page.csrf),
            full_name="Ana María Pérez", confirm="yes")
        assert status == 409
        assert not [e for e in records.events.for_learner("E100") if e.type == "acknowledgment.signed"]


async def test_testout_is_offered_to_returning_staff(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        await certify(client, content)
    clock.advance(days=350)  # within 30 days of expiry: renewal is open
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        _, home = await get(client, "/")
        assert home.link("Take the test-out") == "/test-out"
        _, page = await get(client, "/test-out")
        _, where, page = await post(client, "/test-out", page)
        assert page.h1() == "Test-out" and "Question 1 of" in page.text()


# Safety --------------------------------------------------------------------------------------------------
async def test_a_form_without_the_csrf_token_changes_nothing(records, content, clock):
    async with web_client(records, content, clock) as client:
        response = await client.post("/sign-in", data={"employee_id": "E9", "full_name": "Mallory", "district": "tst"})
        assert response.status == 403 and "The form expired" in await response.text()
        assert records.people.get("E9") is None


async def test_a_host_name_not_configured_is_refused(records, content, clock):
    async with web_client(records, content, clock) as client:
        response = await client.get("/", headers={"Host": "evil.example"})
        assert response.status == 421
        response = await client.get("/", headers={"Host": f"localhost:{client.port}"})
        assert response.status == 200


async def test_the_session_cookie_is_signed_httponly_and_samesite_strict(records, content, clock):
    async with web_client(records, content, clock) as client:
        response = await client.get("/")
        cookie = response.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain http on loopback
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp and "form-action 'self'" in csp
        value = cookie.split(";")[0].split("=", 1)[1]
        forged = value.rsplit(".", 1)[0] + ".0123456789abcdef0123456789abcdef"
        client.session.cookie_jar.clear()
        response = await client.get("/", cookies={"tutor_session": forged})
        assert "tutor_session=" in response.headers.get("Set-Cookie", ""), "a forged cookie gets a new session"
    async with web_client(records, content, clock, public_url="https://aup.example.org") as client:
        response = await client.get("/", headers={"Host": "aup.example.org"})
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("__Host-tutor_session=") and "Secure" in cookie


async def test_sign_in_gives_a_new_session_id(records, content, clock):
    async with web_client(records, content, clock) as client:
        response = await client.get("/")
        before = response.cookies["tutor_session"].value
        await sign_in_self(client, district="tst")
        after = client.session.cookie_jar.filter_cookies(client.make_url("/"))["tutor_session"].value
        assert before != after


async def test_every_form_carries_a_csrf_token(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        for url in ("/", "/lesson/alpha/1", "/ask", "/sign"):
            _, page = await get(client, url)
            for form in page.forms:
                if form["method"] == "post":
                    assert form["fields"].get("csrf"), (url, form["action"])


# Trainer -------------------------------------------------------------------------------------------------
async def test_trainer_pages_need_the_passphrase_and_export_downloads(records, content, clock, person, tmp_path):
    from tutor.service.trainer_auth import set_passphrase

    set_passphrase(records, "correct horse battery")
    async with web_client(records, content, clock) as client:
        response = await client.get("/trainer/export/status.csv", allow_redirects=False)
        assert response.status == 303
        _, page = await get(client, "/trainer")
        status, _, page = await post(client, "/trainer", page, passphrase="wrong guess")
        assert status == 403 and "not right" in page.text()
        before = client.session.cookie_jar.filter_cookies(client.make_url("/"))["tutor_session"].value
        status, where, page = await post(client, "/trainer", page, passphrase="correct horse battery")
        assert page.h1() == "Staff status" and person.name in page.text()
        after = client.session.cookie_jar.filter_cookies(client.make_url("/"))["tutor_session"].value
        assert before != after, "unlocking the trainer pages gives the browser a new session id"
        assert "<caption" in page.html and "1 of 1 people shown" in page.status_text()
        _, page = await get(client, "/trainer?search=nobody")
        assert "0 of 1 people shown" in page.status_text()
        response = await client.get("/trainer/export/status.csv?search=E100")
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert "E100" in await response.text()
        for name in ("records.csv", "records.json", "xapi.json"):
            response = await client.get(f"/trainer/export/{name}")
            assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
    assert not list(tmp_path.rglob("tutor-status-*"))


async def test_a_missing_page_is_a_page_with_a_way_home(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        response = await client.get("/lesson/no-such-lesson/1")
        page = Page(await response.text())
        assert response.status == 404 and page.h1() == "Page not found"
        assert ("/", "Back to home") in page.links


async def test_a_finished_quiz_has_a_result_page_with_what_to_do_next(records, content, clock):
    async with web_client(records, content, clock) as client:
        await sign_in_self(client, district="tst")
        for n in (1, 2, 3):
            await get(client, f"/lesson/alpha/{n}")
        _, page = await get(client, "/quiz/alpha")
        _, where, page = await post(client, "/quiz/alpha", page)
        for _ in range(5):
            _, where, page = await post(client, where, page, choice="wrong")
            where, page = await get(client, page.link("Next question") if "Next question" in page.text()
                                    else page.link("See my result"))
        assert where.endswith("/result") and page.h1() == "Result: Quiz: Lesson alpha"
        assert "Not passed yet" in page.status_text() and "0 of 5" in page.status_text()
        assert "Retake the quiz" in page.text() and "TST policy 9.99, §A Section A" in page.text()


async def test_home_says_when_the_content_is_only_a_preview_and_gives_reading_minutes(records, content, clock):
    """Content no trainer approved is a preview on the web too; each lesson says how long it takes to read."""
    from dataclasses import replace

    loose = replace(content, root="/srv/an/edited/copy",
                    districts={"tst": replace(content.districts["tst"], pass_mark=0.6)})
    async with web_client(records, loose, clock) as client:
        page = await sign_in_self(client, district="tst")
        assert "Preview only" in page.text() and "nothing you do here is saved" in page.text()
        assert "min to read" in page.text()
    assert records.conn.execute("SELECT COUNT(*) FROM events WHERE learner IS NOT NULL").fetchone()[0] == 0
