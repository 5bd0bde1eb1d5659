"""The plain tutor's prompts and flows, in process: what each prompt accepts, the test-out, a preview."""

from __future__ import annotations

import io
import random

import pytest

from tests.factories import make_content
from tests.test_training import certify, pass_topic
from tutor.domain import events as ev
from tutor.domain import path
from tutor.plain import conversation
from tutor.plain.app import run_plain
from tutor.plain.console import Console, GoHome, Leave, console_for
from tutor.plain.home import home
from tutor.plain.session import Session
from tutor.plain.sign_off import sign_off
from tutor.plain.text import has_control_characters
from tutor.service.sign_in import SignIn
from tutor.service.training import Training


class Replies:
    """Standard input that answers each prompt by looking at everything printed so far."""

    def __init__(self, out: io.StringIO, answer):
        self.out = out
        self.answer = answer
        self.prompts = 0

    def readline(self) -> str:
        self.prompts += 1
        reply = self.answer(self.out.getvalue())
        return "" if reply is None else reply + "\n"

    def isatty(self) -> bool:
        return False


def lines_console(*lines: str) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(io.StringIO("".join(line + "\n" for line in lines)), out, width=80), out


# Prompts --------------------------------------------------------------------------------------------
def test_a_wrong_entry_gets_one_line_and_the_same_prompt_again():
    console, out = lines_console("0", "four", "", "2")
    assert console.choose(["Yes", "No", "Maybe"], default=None) == 1
    text = out.getvalue()
    assert text.count("Type 1 to 3, or ? for help: ") == 4
    assert "\u201c0\u201d is not one of the choices: type 1 to 3.\n" in text
    assert "\u201cfour\u201d is not one of the choices: type 1 to 3.\n" in text
    assert "\u201c\u201d is not one of the choices" in text  # Enter alone picks nothing where there is no default


def test_an_empty_answer_to_a_text_prompt_gets_one_line_and_the_prompt_again():
    console, out = lines_console("", "   ", "E1")
    assert console.text("Type your employee ID", "Your ID, please.") == "E1"
    lines = out.getvalue().splitlines()
    assert lines.count("Nothing was typed. Type your employee ID, or ? for help.") == 2
    assert sum(line.startswith("Type your employee ID, or ? for help: ") for line in lines) == 3


def test_enter_alone_takes_the_default_the_prompt_names():
    console, out = lines_console("")
    assert console.choose(["Next step", "Back to home"]) == 0
    assert "Type 1 or 2 (Enter for 1), or ? for help: " in out.getvalue()


def test_help_explains_the_prompt_and_then_asks_it_again():
    console, out = lines_console("?", "help", "1")
    console.home_allowed = True
    assert console.choose(["Next step", "Back to home"], "Choose what comes next.") == 0
    text = out.getvalue()
    assert text.count("Choose what comes next. The choices are: 1. Next step; 2. Back to home.") == 2
    assert "home for the home screen (your place is saved), quit to leave" in " ".join(text.split())
    assert text.count("or ? for help: ") == 3


def test_home_and_quit_work_at_any_prompt_but_home_only_after_sign_in():
    console, out = lines_console("home", "E1")
    assert console.text("Employee ID", "Type your ID.") == "E1"
    assert "There is no home screen before you sign in." in out.getvalue()
    console, _ = lines_console("HOME")
    console.home_allowed = True
    with pytest.raises(GoHome):
        console.choose(["a", "b"])
    console, _ = lines_console("Quit")
    with pytest.raises(Leave) as left:
        console.text("Your question", "Ask.", required=False)
    assert not left.value.interrupted


def test_end_of_input_and_ctrl_c_leave_without_a_traceback():
    console, _ = lines_console()
    with pytest.raises(Leave) as left:
        console.choose(["a", "b"])
    assert not left.value.interrupted

    class Interrupted(io.StringIO):
        def readline(self, *args):
            raise KeyboardInterrupt

    console = Console(Interrupted(), io.StringIO(), width=80)
    with pytest.raises(Leave) as left:
        console.text("Employee ID", "Type your ID.")
    assert left.value.interrupted


def test_several_answers_are_typed_as_numbers_separated_by_spaces_or_commas():
    console, out = lines_console("1,3", "2 3", "1 4", "a", "")
    assert console.choose_many(["A", "B", "C"]) == {0, 2}
    assert console.choose_many(["A", "B", "C"]) == {1, 2}
    with pytest.raises(Leave):
        console.choose_many(["A", "B", "C"])
    text = out.getvalue()
    assert "\u201c1 4\u201d is not a list of choices: type numbers from 1 to 3, such as 1 3." in text
    assert "Nothing was chosen: type one or more numbers from 1 to 3." in text


def test_a_pin_is_read_without_echo_on_a_terminal_and_as_a_plain_line_from_a_pipe(monkeypatch):
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt, stream=None: asked.append(prompt) or "4815")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = io.StringIO()
    console = console_for(Terminal(""), out)
    assert console.text("PIN (not shown)", "Type your PIN.", secret=True) == "4815"
    assert asked == ["PIN (not shown), or ? for help: "] and "4815" not in out.getvalue()

    out = io.StringIO()
    console = console_for(io.StringIO("2342\n"), out)
    assert console.text("PIN (not shown)", "Type your PIN.", secret=True) == "2342"
    assert "2342" not in out.getvalue()  # a piped answer is echoed for the transcript, but never a PIN


# Flows ----------------------------------------------------------------------------------------------
def session_for(training: Training, answer) -> tuple[Session, io.StringIO]:
    out = io.StringIO()
    console = Console(Replies(out, answer), out, width=80)
    console.home_allowed = True
    session = Session(console, training.records, training.content, training.clock, random.Random(3),
                      SignIn(training.records, training.content), training)
    return session, out


def right_or_wrong(training: Training, right_topics: set[str]):
    """Answer quiz questions right for `right_topics` and wrong otherwise; menus get "1"."""

    def answer(printed: str) -> str:
        attempt = training.progress().open_attempt
        tail = printed.rsplit("\nQuestion ", 1)[-1]
        if attempt is None or "(Enter for" in printed.rsplit("\n", 1)[-1] or "Correct." in tail or "Not quite" in tail:
            return "1"
        drawn = attempt.questions[attempt.next_position]
        question = training.question(drawn.id)
        wanted = question.answer if drawn.topic in right_topics else {
            next(c for c in drawn.choices if c not in question.answer)}
        return " ".join(str(drawn.choices.index(c) + 1) for c in drawn.choices if c in wanted)

    return answer


def test_returning_staff_are_offered_the_test_out_and_skip_only_the_topics_they_pass(training, clock):
    certify(training)
    clock.advance(days=340)
    session, out = session_for(training, right_or_wrong(training, {"alpha"}))
    assert home(session) == training.next_step()
    screen = out.getvalue()
    assert "1. Take the test-out\n2. Start the lessons instead\n" in screen
    assert "Status: expiring soon" in screen

    after = conversation.run(session, training.next_step())
    text = out.getvalue()
    assert "\nTest-out\n8 questions across 2 topics." in text
    assert "- Lesson alpha: 4 of 4, done for this cycle" in text
    assert "- Lesson beta: 0 of 4, take the lesson and quiz" in text
    assert (after.kind, after.topic) == (path.LESSON, "beta")
    assert not has_control_characters(text)


def test_a_preview_says_so_on_the_home_screen_and_before_sign_off_and_records_nothing(records, person, clock):
    content = make_content()
    content.root = "/somewhere/a-copy-of-the-content"  # not the installed content, and not approved here
    training = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(7))
    assert training.preview is not None
    for topic in training.progress().required:
        pass_topic(training, topic)  # in the preview's scratch records
    assert training.next_step().kind == path.SIGN
    session, out = session_for(training, lambda printed: "1")
    home(session)
    screen = out.getvalue()
    assert training.preview in " ".join(screen.split())
    assert "1. Sign the acknowledgment" in screen

    sign_off(session)
    text = " ".join(out.getvalue().split("Acknowledgment: Test District", 1)[1].split())
    assert text.startswith(training.preview) and "Nothing can be signed in a preview." in text
    assert "type your full name" not in text
    assert records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0
    assert records.db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == 0


def test_sign_off_asks_for_the_name_on_record_then_a_confirmation_and_cancel_records_nothing(training):
    for topic in training.progress().required:
        pass_topic(training, topic)
    replies = iter(["Ana Perez", "ana   maría PÉREZ", "2"])
    session, out = session_for(training, lambda printed: next(replies))
    sign_off(session)
    text = out.getvalue()
    assert "I have read the policy." in text
    assert "That does not match the name on your record. Type it as shown: Ana María Pérez" in text
    assert "1. Sign\n2. Cancel\n" in text and "Not signed. Nothing was recorded." in text
    assert training.records.db.execute("SELECT COUNT(*) FROM acknowledgments").fetchone()[0] == 0

    replies = iter(["Ana María Pérez", "1"])
    session, out = session_for(training, lambda printed: next(replies))
    sign_off(session)
    text = out.getvalue()
    ack_id = training.records.db.execute("SELECT ack_id FROM acknowledgments").fetchone()[0]
    assert f"Signed. Keep this receipt.\nRecord id: {ack_id}\nSigned by: Ana María Pérez\n" in text
    assert "Scores: alpha 100%, beta 100%" in text


def test_sign_off_before_the_quizzes_are_passed_is_refused_in_words(training):
    session, out = session_for(training, lambda printed: pytest.fail("nothing should be asked"))
    sign_off(session)
    assert "can be signed only after you pass every required quiz" in out.getvalue()


def test_a_whole_run_on_piped_lines_signs_out_and_ends_cleanly(records, content, clock):
    script = "E9\nZed Young\n1\nquit\n"
    out = io.StringIO()
    assert run_plain(records, content, clock, io.StringIO(script), out, seed=1) == 0
    text = out.getvalue()
    assert "Zed Young (E9), Test District" in text
    assert text.rstrip().endswith("pick up where you stopped.")
    assert records.people.get("E9").name == "Zed Young"

    out = io.StringIO()
    assert run_plain(records, content, clock, io.StringIO("E9\nZed Young\n1\n5\n"), out, seed=1) == 0
    assert "Signed out. Your progress is saved." in out.getvalue()
    assert out.getvalue().rstrip().endswith("Goodbye.")


def test_the_policy_reader_lists_every_section_of_the_districts_policy_in_order_with_its_number():
    from tutor.content.loader import load_valid_content
    from tutor.plain.policy_reader import policy_sections

    shipped = load_valid_content(None)
    for district in shipped.districts.values():
        sections = policy_sections(shipped, district.id)
        policy = shipped.policies[district.sources[0]]
        assert [s.text for s in sections] == [s.text for s in policy.sections]
    crec = {s.short: s.label for s in policy_sections(shipped, "crec")}
    assert crec["Section C.7: Installing software without permission"] == (
        "CREC policy 4118.5/4218.5, section C.7: Installing software without permission")
    assert crec["About these regulations"] == "CREC policy 4118.5/4218.5: About these regulations"


def test_plain_mode_runs_without_loading_textual(tmp_path):
    """Over SSH or on a braille display the full-screen toolkit is never needed, so never loaded."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from tutor.cli.main import cli\n"
        "try:\n"
        f"    cli(['--plain', '--db', {str(tmp_path / 'r.db')!r}], prog_name='tutor')\n"
        "except SystemExit as done:\n"
        "    sys.stderr.write(f'exit={done.code} textual={\"textual\" in sys.modules} rich={\"rich\" in sys.modules}')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], input="E1\nAl Bo\n1\n1\n2\n", capture_output=True,
                          text=True, timeout=120)
    assert done.stderr == "exit=0 textual=False rich=False", done.stderr
    assert "Step 1 of" in done.stdout
