"""The chat tutor driven like a person: keys and clicks, then the screen and the database."""

from __future__ import annotations

from datetime import date

from tests.factories import make_content
from tests.ui_helpers import (
    answer_current, burst, choice_labels, choose, choose_labelled, read_lesson_to_end, read_turn, screen_text,
    type_into, visible_in,
)
from tutor.domain.identity import hash_code
from tutor.store.people import Person
from tutor.ui.app import make_app
from tutor.ui.screens.chat import ChatScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.sign_in import SignInScreen
from tutor.ui.screens.sign_off import SignOffScreen


def app_for(records, clock, content=None):
    return make_app(records=records, content=content or make_content(), clock=clock, seed=11)


async def sign_in_single_user(pilot, employee_id="T-1", name="Sam Lee", district="tst"):
    await type_into(pilot, "#employee-id", employee_id)
    await type_into(pilot, "#full-name", name)
    pilot.app.screen.query_one("#district").value = district
    await pilot.click("#start")
    await pilot.pause()


async def take_quiz(pilot, wrong: int = 0) -> None:
    """Answer every question of the open quiz (the first `wrong` ones wrongly)."""
    for i in range(40):
        screen = pilot.app.screen
        if screen.attempt is None:
            return
        await answer_current(pilot, correct=i >= wrong)
        labels = choice_labels(pilot.app)
        if any("See my result" in l for l in labels):
            await choose_labelled(pilot, "See my result")
            return
        await choose_labelled(pilot, "Next question")


async def test_new_hire_completes_every_lesson_fails_once_retakes_passes_and_signs(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Status: not started" in screen_text(app)
        assert "Next: Start the lesson" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert "Step 1 of 3" in screen_text(app)
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        assert "Question 1 of 5" in screen_text(app)
        await take_quiz(pilot, wrong=3)
        text = screen_text(app)
        assert "Not passed yet" in text and "2 of 5" in text
        assert "Review these sections" in text and "TST policy 9.99, \u00a7A Section A" in text
        await choose_labelled(pilot, "Retake the quiz")
        await take_quiz(pilot)
        assert "\u2713 Passed" in screen_text(app)
        await choose_labelled(pilot, "Continue")
        assert "Lesson beta" in screen_text(app)
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await take_quiz(pilot)
        await choose_labelled(pilot, "Continue")
        assert "sign the acknowledgment" in screen_text(app).lower()
        await choose_labelled(pilot, "Sign the acknowledgment")
        assert isinstance(app.screen, SignOffScreen)
        assert "I have read the policy." in screen_text(app)
        await type_into(pilot, "#signature", "sam lee")
        await pilot.click("#sign")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        text = screen_text(app)
        assert "Signed. Keep this receipt" in text
        assert "Valid until: 2027-09-01" in text
        assert "Lesson alpha 100%" in text and "\nalpha " not in text and " alpha 100%" not in text.replace("Lesson alpha", "")
    attempts = records.db.execute("SELECT passed FROM attempts ORDER BY started_at").fetchall()
    assert [a[0] for a in attempts] == [0, 1, 1]
    ack = records.db.execute("SELECT learner, name, valid_until FROM acknowledgments").fetchone()
    assert ack[0] == "T-1" and ack[1] == "sam lee" and ack[2].startswith("2027-09-01")
    identities = {r[0] for r in records.db.execute("SELECT DISTINCT identity FROM events WHERE learner IS NOT NULL")}
    assert identities == {"self-asserted"}


async def test_quitting_mid_quiz_resumes_at_the_same_question_with_answers_kept(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        for _ in range(2):
            await answer_current(pilot, correct=True)
            await choose_labelled(pilot, "Next question")
        third = app.screen.attempt.questions[2].id
        await pilot.press("ctrl+q")
    assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2

    again = app_for(records, clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert "Resume the quiz on \u201cLesson alpha\u201d at question 3 of 5" in screen_text(again)
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(again)
        assert "you're on question 3 of 5, with your 2 earlier answer(s) kept" in text and "Question 3 of 5" in text
        assert again.screen.attempt.questions[2].id == third
        assert again.training.question(third).prompt in text
    assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2


async def test_sign_off_cannot_be_reached_before_passing(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert not app.screen.query_one("#sign").display or "hidden" in app.screen.query_one("#sign").classes
        app.push_screen(SignOffScreen())
        await pilot.pause()
        text = screen_text(app)
        assert "can be signed only after you pass every required quiz" in text
        assert not app.screen.query("#signature")
    assert records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0


async def test_a_question_typed_during_a_graded_quiz_is_answered_when_the_quiz_ends(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await pilot.press("slash")
        await pilot.press(*"can I share my password?", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "I'll answer that when the quiz ends" in text and "Choose your answer below" in text
        assert "above" not in text
        assert app.screen.attempt.next_position == 0
        assert not app.screen.query(".answer")  # closed-book: nothing answered yet
        await take_quiz(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        transcript = [w for w in app.screen.query("#messages > *")]
        result_at = next(i for i, w in enumerate(transcript) if "result" in w.classes)
        after = transcript[result_at + 1:]
        assert any(str(getattr(w, "content", "")) == "can I share my password?" for w in after)
        assert any("answer" in w.classes for w in after)


async def test_roster_sign_in_uses_code_then_pin_and_shows_no_staff_names(records, clock):
    records.people.upsert_many([
        Person("1001", "Jordan Smith", district="tst", on_roster=True),
        Person("1002", "Riley Jones", district="tst", on_roster=True),
    ])
    records.people.issue_code("1001", hash_code("ABCD-EFGH"))
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        text = screen_text(app)
        assert "Riley" not in text and "Jordan" not in text
        await type_into(pilot, "#employee-id", "1001")
        await pilot.click("#continue")
        await pilot.pause()
        await type_into(pilot, "#code", "abcd-efgh")
        await type_into(pilot, "#new-pin", "583920")
        await type_into(pilot, "#new-pin-again", "583920")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Jordan Smith (1001)" in screen_text(app)
        assert "Riley" not in screen_text(app)
    second = app_for(records, clock)
    async with second.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#employee-id", "1001")
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, "#pin", "000000")
        await pilot.press("enter")
        await pilot.pause()
        assert "do not match" in screen_text(second)
        assert isinstance(second.screen, SignInScreen)
        error = second.screen.query_one("#sign-in-error")
        assert visible_in(error, second.screen.query_one("#sign-in")) == (True, True)
        await type_into(pilot, "#pin", "583920")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(second.screen, HomeScreen)
    identities = [r[0] for r in records.db.execute("SELECT identity FROM events WHERE learner IS NOT NULL ORDER BY seq")]
    assert identities[0] == "enrollment-code" and set(identities[1:]) == {"pin"}


async def test_a_returning_teacher_tests_out_of_some_topics(records, clock, content):
    from tests.test_training import certify
    from tutor.domain import events as ev
    from tutor.service.training import Training

    person = Person("T-9", "Pat Kim", district="tst")
    records.people.upsert_many([person])
    certify(Training(records, content, person, "tst", ev.IDENTITY_SELF_ASSERTED, clock))
    clock.advance(days=345)
    app = app_for(records, clock, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "T-9", "Pat Kim")
        assert "Take the test-out" in screen_text(app)
        assert "expiring soon" in screen_text(app)
        await pilot.click("#continue")
        await pilot.pause()
        assert "Test-out" in screen_text(app)
        for i in range(40):
            screen = app.screen
            if screen.attempt is None:
                break
            drawn = screen.attempt.questions[screen.attempt.next_position]
            await answer_current(pilot, correct=drawn.topic == "alpha")
            labels = choice_labels(app)
            if any("See my result" in l for l in labels):
                await choose_labelled(pilot, "See my result")
                break
            await choose_labelled(pilot, "Next question")
        text = screen_text(app)
        assert "alpha: 4 of 4" in text and "done for this cycle" in text
        assert "beta: 0 of 4" in text and "take the lesson and quiz" in text
        await choose_labelled(pilot, "Continue")
        assert "Lesson beta" in screen_text(app)


async def test_names_with_markup_are_shown_literally(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "X-1", "[bold red]Robert'); DROP TABLE people;--")
        text = screen_text(app)
        assert "[bold red]Robert'); DROP TABLE people;-- (X-1)" in text
    assert records.people.get("X-1").name == "[bold red]Robert'); DROP TABLE people;--"


async def test_any_lesson_opens_from_the_home_list_including_optional_ones(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        lessons = app.screen.query_one("#lessons")
        assert "optional, not started" in screen_text(app)
        assert "0/3" in screen_text(app) and "not started" in screen_text(app)
        lessons.focus()
        lessons.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert "Lesson gamma" in screen_text(app) and "Step 1 of 3" in screen_text(app)
        await choose_labelled(pilot, "Next")
        await pilot.press("escape")
        await pilot.pause()
        assert "2/3" in screen_text(app) and "in progress" in screen_text(app)


async def test_a_new_turn_is_shown_from_its_first_line(records, clock):
    """A lesson step taller than the screen is read from the top, not from its last line."""
    from dataclasses import replace

    from tutor.content.model import Step

    # Shipped steps are kept short enough for one screen, so the tall step is made here.
    content = make_content()
    alpha = content.lessons["alpha"]
    tall = Step("alpha step 2", "\n\n".join(f"Paragraph {i} of a long step [tst:A]." for i in range(30)))
    content.lessons["alpha"] = replace(alpha, steps=(alpha.steps[0], tall, *alpha.steps[2:]))
    app = make_app(records=records, content=content, clock=clock, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "N-1", "New Hire")
        await pilot.press("c")
        await pilot.pause()
        await choose(pilot, 1)  # Next
        await pilot.pause(0.2)
        messages = app.screen.query_one("#messages")
        turn = app.screen._turn_start
        assert messages.scroll_y > 0
        assert turn.region.y == messages.region.y  # the learner's "Next" sits at the top
        assert "Step 2 of" in screen_text(app)


async def test_a_question_typed_during_a_lesson_is_answered_from_the_policy_then_the_lesson_goes_on(records, clock):
    from tutor.content.loader import load_valid_content

    app = make_app(records=records, content=load_valid_content(), clock=clock, seed=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "N-2", "New Hire", district="crec")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.press(*"is it OK to put Dropbox on my work computer?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Downloading or loading software or applications without permission" in text
        assert "CREC policy 4118.5/4218.5, \u00a7C.7" in text
        assert choice_labels(app)[0] == "1. Next"  # the lesson carries on
        await pilot.press("slash")
        await pilot.press(*"when is the staff holiday party?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "doesn't cover" in screen_text(app)


async def test_why_quotes_the_cited_passage_word_for_word(records, clock):
    from tutor.content.quotes import quote_appears

    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await answer_current(pilot, correct=False)
        await choose_labelled(pilot, "Why?")
        quote = app.screen.query(".quote").last().source
        assert quote.startswith("> ") and "TST policy 9.99, \u00a7A Section A" in quote
        passage = quote.splitlines()[0][2:]
        assert quote_appears(passage, app.content.section(app.content.questions["alpha-0"].sources[0]).text)
        assert choice_labels(app) == ["1. Next question"]


# Bursts of keys: a choice belongs to the choices on screen when the key was pressed ---------------
def answers_recorded(records) -> int:
    return records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]


async def test_a_burst_on_next_question_shows_the_next_question_and_answers_nothing(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await answer_current(pilot)
        assert choice_labels(app)[0] == "1. Next question"
        await burst(pilot, "1", "1", "1")
        assert "Question 2 of 5" in screen_text(app)
        assert app.screen.attempt.next_position == 1
        assert answers_recorded(records) == 1  # question 2 was never answered by the burst
        assert app.is_running


async def test_a_burst_on_a_quiz_question_records_one_answer(records, clock):
    app = app_for(records, clock, make_content(questions_per_topic=7))  # single-answer questions only
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await burst(pilot, "2", "2", "1", "enter", "enter")
        assert answers_recorded(records) == 1
        assert app.screen.attempt.next_position == 1
        assert choice_labels(app)[0] == "1. Next question"  # the feedback's choices, not a second answer


async def test_a_burst_on_a_lesson_moves_one_step_and_answers_the_check_once(records, clock, content):
    from dataclasses import replace

    from tutor.content.model import Choice, Question

    check = Question(id="chk", type="single", prompt="Check?", choices=(Choice("y", "Yes"), Choice("n", "No")),
                     answer=frozenset({"y"}), explanation="Yes.", sources=content.lessons["alpha"].sources,
                     topic="alpha")
    alpha = content.lessons["alpha"]
    steps = (alpha.steps[0], replace(alpha.steps[1], check=check), alpha.steps[2])
    content.lessons["alpha"] = replace(alpha, steps=steps)
    app = app_for(records, clock, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await burst(pilot, "1", "1", "1")  # Next on step 1: the check of step 2 must not be answered
        assert "Step 2 of 3" in screen_text(app) and "Step 3 of 3" not in screen_text(app)
        assert choice_labels(app) == ["1. Yes", "2. No"]
        await burst(pilot, "2", "1", "1")  # answer the check once; "Next" is not pressed for the learner
        assert len(app.screen.query(".wrong")) == 1 and not app.screen.query(".right")
        assert choice_labels(app)[0] == "1. Next" and "Step 3 of 3" not in screen_text(app)
    steps_viewed = records.db.execute("SELECT COUNT(*) FROM events WHERE type = 'lesson.step_viewed'").fetchone()[0]
    assert steps_viewed == 2


async def test_a_burst_on_the_result_and_back_to_home_leaves_one_screen(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        for _ in range(4):
            await answer_current(pilot)
            await choose_labelled(pilot, "Next question")
        await answer_current(pilot)
        await burst(pilot, "2", "2", "2")  # See my result, then nothing else
        assert "\u2713 Passed" in screen_text(app)
        assert choice_labels(app) == ["1. Continue", "2. Back to home"]
        await burst(pilot, "2", "2", "2")  # Back to home once, never past it
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2  # Textual's default, home
        await burst(pilot, "c", "c", "c")  # Continue opens one conversation
        assert isinstance(app.screen, ChatScreen)
        assert len(app.screen_stack) == 3  # Textual's default screen, home and one conversation
        assert app.is_running


async def test_a_burst_on_the_test_out_records_one_answer_per_question_shown(records, clock, content):
    from tests.test_training import certify
    from tutor.domain import events as ev
    from tutor.service.training import Training

    person = Person("T-9", "Pat Kim", district="tst")
    records.people.upsert_many([person])
    certify(Training(records, content, person, "tst", ev.IDENTITY_SELF_ASSERTED, clock))
    clock.advance(days=345)
    app = app_for(records, clock, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "T-9", "Pat Kim")
        await burst(pilot, "c", "c", "1", "1")
        assert "Question 1 of 8" in screen_text(app)
        assert len(app.screen_stack) == 3
        before = answers_recorded(records)
        await burst(pilot, "1", "1", "1")
        assert answers_recorded(records) == before + 1
        assert app.screen.attempt.next_position == 1


async def test_a_burst_of_enter_on_sign_off_signs_once(records, clock):
    from tests.test_training import pass_topic

    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        for topic in ("alpha", "beta"):
            pass_topic(app.training, topic)
        app.screen.refresh_view()
        await pilot.pause()
        await pilot.click("#sign")
        await pilot.pause()
        await type_into(pilot, "#signature", "Sam Lee")
        await burst(pilot, "enter", "enter", "enter")
        assert len(app.screen_stack) == 4  # Textual's default screen, home, sign-off, one confirm step
        await burst(pilot, "enter", "enter", "enter")  # Sign (focused), pressed three times
        assert isinstance(app.screen, SignOffScreen)
        assert "Signed. Keep this receipt" in screen_text(app)
        assert app.is_running
    assert records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 1


async def test_number_keys_pick_whatever_has_focus_but_the_question_box_keeps_digits(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#messages").focus()
        await pilot.press("1")
        assert "Step 2 of 3" in screen_text(app)
        app.screen.query_one("#prompt").focus()
        await pilot.press("1")
        assert app.screen.query_one("#prompt").value == "1" and "Step 3 of 3" not in screen_text(app)
        await pilot.press("enter")  # a lone number typed in the box picks too
        await pilot.pause()
        assert "Step 3 of 3" in screen_text(app)


async def sign_with_all_passed(pilot):
    from tests.test_training import pass_topic

    app = pilot.app
    await sign_in_single_user(pilot)
    for topic in ("alpha", "beta"):
        pass_topic(app.training, topic)
    app.screen.refresh_view()
    await pilot.pause()
    await pilot.click("#sign")
    await pilot.pause()
    await type_into(pilot, "#signature", "Sam Lee")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.click("#yes")
    await pilot.pause()


async def test_the_receipt_is_saved_as_a_private_html_file_in_downloads_without_overwriting(
    records, clock, tmp_path, monkeypatch
):
    downloads = tmp_path / "Downloads"
    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: downloads)
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_with_all_passed(pilot)
        text = screen_text(app)
        assert "Policy:      TST policy 9.99 (Test District)" in text
        assert "Date:        2026-09-01" in text
        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#save-receipt")
        await pilot.pause()
        saved = sorted(p.name for p in downloads.iterdir())
        assert saved == ["tutor-receipt-2026-09-01 (2).html", "tutor-receipt-2026-09-01.html"]
        assert "Saved a copy to" in screen_text(app) and "(2).html" in screen_text(app)
        saved_line = app.screen.query_one("#saved")
        assert visible_in(saved_line, app.screen.query_one("#sign-off")) == (True, True)
    page = (downloads / "tutor-receipt-2026-09-01.html").read_text()
    ack_id = records.db.execute("SELECT ack_id FROM acknowledgments").fetchone()[0]
    assert ack_id in page and "Lesson alpha" in page and "Sam Lee" in page
    assert oct((downloads / "tutor-receipt-2026-09-01.html").stat().st_mode & 0o777) == "0o600"


async def test_the_receipt_goes_to_the_browser_when_served(records, clock, tmp_path, monkeypatch):
    from tutor.ui.app import TutorApp

    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: tmp_path / "never")
    monkeypatch.setattr(TutorApp, "is_web", property(lambda self: True))
    delivered = []
    app = app_for(records, clock)
    monkeypatch.setattr(app, "deliver_text", lambda data, **kw: delivered.append((data.read(), kw)))
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_with_all_passed(pilot)
        assert "your browser's downloads" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
    assert len(delivered) == 1
    page, options = delivered[0]
    assert options["save_filename"] == "tutor-receipt-2026-09-01.html" and options["mime_type"] == "text/html"
    assert "<!doctype html>" in page and "Sam Lee" in page
    assert not (tmp_path / "never").exists()  # nothing left on the server


async def test_sign_off_wrong_name_error_is_on_screen_at_80x24(records, clock):
    from tests.test_training import pass_topic

    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        for topic in ("alpha", "beta"):
            pass_topic(app.training, topic)
        app.screen.refresh_view()
        await pilot.pause()
        await pilot.click("#sign")
        await pilot.pause()
        await type_into(pilot, "#signature", "Someone Else")
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#sign-error")
        assert "Type your name as it is on your record" in str(error.content)
        assert visible_in(error, app.screen.query_one("#sign-off")) == (True, True)


async def test_enrollment_errors_are_on_screen_at_80x24(records, clock):
    records.people.upsert_many([Person("1001", "Jordan Smith", district="tst", on_roster=True)])
    records.people.issue_code("1001", hash_code("ABCD-EFGH"))
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_into(pilot, "#employee-id", "1001")
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, "#code", "WRONG-CODE")
        await type_into(pilot, "#new-pin", "583920")
        await type_into(pilot, "#new-pin-again", "583921")
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#sign-in-error")
        assert str(error.content).startswith("\u2717 ")
        assert visible_in(error, app.screen.query_one("#sign-in")) == (True, True)


async def test_home_after_certifying_shows_lessons_done_and_open_to_review(records, clock):
    from tests.test_training import pass_topic

    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        for topic in ("alpha", "beta"):
            pass_topic(app.training, topic)
        app.training.sign("Sam Lee", confirmed=True)
        app.screen.refresh_view()
        await pilot.pause()
        text = screen_text(app)
        assert "not started" not in text and text.count("0/3") == 1  # only the optional lesson, never read
        assert text.count("\u2713 done \u00b7 review") == 2 and "optional \u00b7 open to read" in text
        events_before = records.events.count()
        lessons = app.screen.query_one("#lessons")
        lessons.focus()
        lessons.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "Reviewing **Lesson alpha**" in screen_text(app)
        await choose(pilot, 1)
        await choose(pilot, 1)
        assert "Step 3 of 3" in screen_text(app)
        assert choice_labels(app) == ["1. Back to home"]  # no quiz pushed on a certified learner
    assert records.events.count() == events_before  # reviewing records nothing


async def test_a_failed_quiz_says_how_many_tries_are_left_and_when_training_is_due(records, clock):
    records.people.upsert_many([Person("T-1", "Sam Lee", district="tst", hire_date=date(2026, 8, 25))])
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        assert "due by 2026-09-24" in screen_text(app)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        assert "you pass with 4 of 5 right (80%)" in screen_text(app)
        await take_quiz(pilot, wrong=5)
        text = screen_text(app)
        assert "You have 2 more tries at this quiz" in text and "due by 2026-09-24" in text
        await pilot.press("escape")
        await pilot.pause()
        assert "quiz: 2 tries left" in screen_text(app)


async def test_the_test_out_says_what_passing_a_topic_takes(records, clock, content):
    from tests.test_training import certify
    from tutor.domain import events as ev
    from tutor.service.training import Training

    person = Person("T-9", "Pat Kim", district="tst")
    records.people.upsert_many([person])
    certify(Training(records, content, person, "tst", ev.IDENTITY_SELF_ASSERTED, clock))
    clock.advance(days=345)
    app = app_for(records, clock, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "T-9", "Pat Kim")
        await pilot.click("#continue")
        await pilot.pause()
        text = screen_text(app)
        assert "Each topic has 4 questions; it counts as done for this year when you get all 4 right" in text
        assert "80% or more" not in text


async def test_a_very_long_typed_question_gets_a_message_and_is_not_answered(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt")
        prompt.focus()
        prompt.value = "is this allowed? " * 60_000  # about 1 MB, as if pasted
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query(".answer") and not app.screen.query(".learner")
        assert any("please ask in at most 500" in str(n.message) for n in app._notifications)
        assert len(prompt.value) <= 500  # kept, shortened, to edit
        prompt.value = "can I install Dropbox?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query(".answer")


# A new hire at 80x24, from sign-in to receipt, in a hurry ------------------------------------------
async def test_a_new_hire_at_80x24_reads_every_message_to_its_last_line_and_bursts_record_nothing_extra(records, clock):
    """The shipped lessons and quizzes, keys pressed in bursts: every turn starts on screen, its end is
    reached with PgDn, and each burst does exactly one thing."""
    from tutor.content.loader import load_valid_content

    app = make_app(records=records, content=load_valid_content(), clock=clock, seed=5)
    intended_answers = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot, "N-9", "Nia Hart", district="crec")
        await burst(pilot, "c", "c")
        for _ in range(400):
            screen = app.screen
            if isinstance(screen, SignOffScreen):
                break
            await read_turn(pilot)
            labels = choice_labels(app)
            attempt = screen.attempt
            if screen.on_answer is not None and attempt is not None and attempt.is_open:
                drawn = attempt.questions[attempt.next_position]
                question = app.training.question(drawn.id)
                numbers = sorted(drawn.choices.index(c) + 1 for c in question.answer)
                if question.type == "multiple":
                    for n in numbers:
                        await choose(pilot, n)
                    await burst(pilot, str(len(drawn.choices) + 1), "1")
                else:
                    await burst(pilot, str(numbers[0]), str(numbers[0]), "1")
                intended_answers += 1
                assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == intended_answers
            elif screen.on_answer is not None:  # a check-yourself question
                if any("Submit" in label for label in labels):
                    await choose(pilot, 1)
                    await burst(pilot, str(len(labels)), "1")
                else:
                    await burst(pilot, "1", "1")
            else:
                wanted = next(w for w in ("Next question", "See my result", "Take the quiz now", "Sign the acknowledgment",
                                          "Continue", "Next") if any(w in label for label in labels))
                number = next(i for i, label in enumerate(labels, start=1) if wanted in label)
                before = records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
                await burst(pilot, str(number), str(number), "1")
                assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == before
        assert isinstance(app.screen, SignOffScreen)
        await type_into(pilot, "#signature", "Nia Hart")
        await burst(pilot, "enter", "enter")
        await burst(pilot, "enter", "enter")
        receipt = app.screen.query_one("#receipt")
        assert "Signed. Keep this receipt" in str(receipt.content)
        assert visible_in(receipt, app.screen.query_one("#sign-off")) == (True, True)
        assert "(s) puts it in your Downloads folder" in str(receipt.content)
    assert records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 1
    assert records.db.execute("SELECT COUNT(*) FROM attempts WHERE passed = 1").fetchone()[0] == 7
    assert records.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == intended_answers == 35


def longest_steps():
    """For each lesson, the district and step index whose text (with its check question) is longest."""
    from tutor.content.loader import load_valid_content

    content = load_valid_content()
    picked = []
    for lesson in sorted(content.lessons.values(), key=lambda l: l.order):
        candidates = []
        for district in content.districts:
            if not lesson.applies_to(district):
                continue
            for index, step in enumerate(lesson.steps_for(district)):
                words = len(step.body.split()) + (len(step.check.prompt.split()) + sum(
                    len(c.text.split()) for c in step.check.choices) if step.check else 0)
                candidates.append((words, district, index))
        words, district, index = max(candidates)
        picked.append((lesson.id, district, index))
    return picked


async def open_step(pilot, lesson_id: str, district: str, index: int, employee_id: str = "L-1"):
    """Sign in and open a lesson at a step, as Continue does after a break."""
    from tutor.domain import path

    app = pilot.app
    await sign_in_single_user(pilot, employee_id, "Lee Long", district=district)
    lesson = app.content.lessons[lesson_id]
    app.push_screen(ChatScreen(path.NextStep(path.LESSON, topic=lesson.topic, lesson_id=lesson_id, step=index)))
    await pilot.pause()


async def test_the_longest_step_of_every_lesson_starts_on_screen_and_its_end_is_reached_at_80x24(records, clock):
    from tutor.content.loader import load_valid_content

    content = load_valid_content()
    for number, (lesson_id, district, index) in enumerate(longest_steps()):
        app = make_app(records=records, content=content, clock=clock, seed=1)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_step(pilot, lesson_id, district, index, employee_id=f"L-{number}")
            turn = await read_turn(pilot)
            step_title = content.lessons[lesson_id].steps_for(district)[index].title
            assert f"Step {index + 1} of" in turn[0].source and step_title in turn[0].source
            # The hint in the choices' title goes once the end is on screen.
            assert "More to read" not in str(app.screen.query_one("#choices").border_title)


async def test_the_screen_keeps_answering_keys_while_a_typed_question_is_being_answered(records, clock):
    import threading

    release = threading.Event()

    class SlowAnswerer:
        def answer(self, text, district=None):
            release.wait(30)  # an answer that takes as long as the test wants
            from types import SimpleNamespace

            return SimpleNamespace(abstained=True, text="The policy doesn't cover that.", citations=[], contact="")

    app = app_for(records, clock)
    app._answerer = SlowAnswerer()
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("slash", *"what about my phone?", "enter")
        await pilot.pause()
        assert not app.screen.query(".answer") and app.screen.answering
        await choose(pilot, 1)
        assert "Step 2 of 3" in screen_text(app)  # the lesson moved on while the answer was pending
        await pilot.press("slash", *"and my tablet?", "enter")
        await pilot.pause()
        assert any("still answering" in str(n.message) for n in app._notifications)
        assert app.screen.query_one("#prompt").value == "and my tablet?"  # kept to send again
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.query(".answer")) == 1 and not app.screen.answering


async def test_more_to_read_is_said_only_when_the_message_goes_on_below(records, clock, content):
    from dataclasses import replace

    from tutor.content.model import Step

    alpha = content.lessons["alpha"]
    tall = Step("alpha step 2", "\n\n".join(f"Paragraph {i} of a long step [tst:A]." for i in range(30)))
    content.lessons["alpha"] = replace(alpha, steps=(alpha.steps[0], tall, *alpha.steps[2:]))
    app = app_for(records, clock, content)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        assert "More to read" not in str(choices.border_title)  # step 1 fits
        await choose(pilot, 1)
        await pilot.pause()
        assert "More to read" in str(choices.border_title)  # step 2 does not
        await read_turn(pilot)
        assert "Paragraph 29" in screen_text(app)
