"""The chat tutor driven like a person: keys and clicks, then the screen and the database."""

from __future__ import annotations



from tests.factories import make_content
from tests.ui_helpers import (
    answer_current, choice_labels, choose, choose_labelled, read_lesson_to_end, screen_text, type_into,
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
        assert "Signed. Keep this receipt." in text
        assert "Valid until: 2027-09-01" in text
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


async def test_questions_typed_during_a_graded_quiz_wait(records, clock):
    app = app_for(records, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await pilot.press("slash")
        await pilot.press(*"can I share my password?", "enter")
        await pilot.pause()
        assert "Questions can wait until the quiz ends" in screen_text(app)
        assert app.screen.attempt.next_position == 0


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
        await pilot.pause()
        text = screen_text(app)
        assert "Downloading or loading software or applications without permission" in text
        assert "CREC policy 4118.5/4218.5, \u00a7C.7" in text
        assert choice_labels(app)[0] == "1. Next"  # the lesson carries on
        await pilot.press("slash")
        await pilot.press(*"when is the staff holiday party?", "enter")
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
