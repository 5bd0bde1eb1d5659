"""`tutor --plain` end to end through pipes: a new hire to the receipt, a failed quiz and its retake,
a kill and a resume, a scripted session from a file, Ctrl-C, and roster enrollment with a PIN.

Every run checks its whole output for escape sequences and other control characters.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plain_driver import ESCAPE_OR_CONTROL_RE, REPO, PlainRun, autopilot, drawn_question
from tutor.content.loader import load_valid_content

DISTRICT = "Capitol Region Education Council"
NAME = "Ana María Pérez"


@pytest.fixture(scope="module")
def shipped():
    return load_valid_content(None)


def rows(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def assert_plain(text: str) -> None:
    """Nothing a terminal would act on: no escape sequences, no colour, no cursor movement, no bell."""
    found = ESCAPE_OR_CONTROL_RE.search(text)
    assert found is None, f"control character {found.group(0)!r} at {found.start()}: {text[found.start() - 80:found.start() + 20]!r}"
    assert "Traceback" not in text


def test_a_new_hire_certifies_with_nothing_but_lines_of_text(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    last = autopilot(run, shipped, "E100", NAME, DISTRICT)
    assert run.close_input() == 0
    out = run.output
    assert_plain(out)
    assert_plain(run.stderr)
    # The receipt, as the app shows it.
    assert "Signed. Keep this receipt." in last
    ack_id, = [line.split(": ", 1)[1] for line in last.splitlines() if line.startswith("Record id: ")]
    assert rows(db, "SELECT ack_id, learner FROM acknowledgments") == [(ack_id, "E100")]
    # Every required lesson, every check-yourself question, every quiz: all through the same records.
    required = [l for l in shipped.lessons_for("crec") if l.required]
    completed = rows(db, "SELECT payload FROM events WHERE learner = 'E100' AND type = 'lesson.completed'")
    assert {json.loads(p)["lesson"] for p, in completed} >= {l.id for l in required}
    assert "Check yourself (not graded):" in out
    assert out.count("Passed\n") >= len(required)
    assert "Status: certified until" in last
    # The identity is self-asserted, as in the app with no roster.
    identities = {r[0] for r in rows(db, "SELECT identity FROM events WHERE learner = 'E100'")}
    assert identities == {"self-asserted"}
    # Every line fits in 80 columns.
    too_long = [line for line in out.splitlines() if len(line) > 80 and not line.startswith("Type ")]
    assert too_long == []


def test_a_failed_quiz_names_what_to_review_and_the_retake_passes(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    screen = autopilot(run, shipped, "E200", "Bo Chen", DISTRICT, wrong_quizzes=1,
                       stop=lambda s: "Not passed yet" in s)
    assert "You scored 0 of 5 (0%); the pass mark is 80%." in screen
    assert "Review these sections:" in screen
    assert "1. Retake the quiz (new questions where possible)" in screen
    assert "Not quite. The answer:" in run.output
    run.send("1")
    screen = autopilot(run, shipped, "E200", "Bo Chen", DISTRICT, stop=lambda s: "\nPassed\n" in s)
    assert "You scored 5 of 5 (100%)" in screen
    assert run.close_input() == 0
    assert_plain(run.output)
    results = rows(db, "SELECT passed FROM attempts WHERE learner = 'E200' ORDER BY started_seq")
    assert [r[0] for r in results] == [0, 1]


def test_why_quotes_the_policy_passage_behind_the_answer(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    autopilot(run, shipped, "E300", "Cy Diaz", DISTRICT, stop=lambda s: "\nQuestion 1 of 5\n" in s)
    question_id, _, _ = drawn_question(db, "E300")
    run.send("1")
    screen = run.screen()
    assert "2. Why? Show the policy passage" in screen
    run.send("2")
    screen = run.screen()
    assert "From CREC policy 4118.5/4218.5" in screen
    quoted = screen.split("\u201c", 1)[1].split("\u201d", 1)[0]
    section = shipped.section(shipped.questions[question_id].sources[0]) or next(
        shipped.section(c) for c in shipped.cites_for("crec", shipped.questions[question_id].sources))
    assert " ".join(quoted.split()) in " ".join(section.text.split())
    # Why? is offered once; going home mid-quiz keeps the quiz where it was.
    assert "1. Next question\n2. Back to home (your quiz is saved)\n" in screen
    run.send("2")
    screen = run.screen()
    assert "at question 2 of 5" in " ".join(screen.split()) and "\nHome\n" in screen
    assert run.close_input() == 0
    assert_plain(run.output)


def test_a_killed_session_resumes_at_the_same_quiz_question_and_lesson_step(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    autopilot(run, shipped, "E400", "Di Evans", DISTRICT, stop=lambda s: "\nQuestion 3 of 5\n" in s)
    question_id, _, position = drawn_question(db, "E400")
    assert position == 2
    run.kill()

    again = PlainRun(db)
    screen = autopilot(again, shipped, "E400", "Di Evans", DISTRICT, stop=lambda s: "\nHome\n" in s)
    assert "Next: Resume the quiz on" in screen and "at question 3 of 5" in " ".join(screen.split())
    again.send("1")
    screen = again.screen()
    assert "You are on question 3 of 5, with your 2 earlier answer(s) kept." in screen
    assert drawn_question(db, "E400")[:2][0] == question_id
    again.kill()
    assert_plain(run.output + again.output)


def test_a_killed_lesson_resumes_at_the_step_it_reached(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    autopilot(run, shipped, "E500", "Ed Fox", DISTRICT, stop=lambda s: "\nStep 3 of " in s)
    run.kill()
    again = PlainRun(db)
    screen = autopilot(again, shipped, "E500", "Ed Fox", DISTRICT, stop=lambda s: "\nHome\n" in s)
    first = shipped.lessons_for("crec")[0]
    steps = len(first.steps_for("crec"))
    from tutor.content.reading import lesson_words, reading_minutes

    minutes = reading_minutes(lesson_words(first, "crec"))
    assert f"{first.title} ({minutes} min to read): 3 of {steps} steps seen, in progress" in " ".join(screen.split())
    again.send("1")
    screen = again.screen()
    assert f"Welcome back. Picking up at step 3 of {steps}." in screen and f"\nStep 3 of {steps}:" in screen
    assert again.close_input() == 0
    assert_plain(run.output + again.output)


SCRIPT = """\
E600
Fay Gold
1
?
1
1
1
help
bogus
1
home
3
5
2
home
4
Can I put Dropbox on my work laptop?

quit?
2
"""


def test_a_session_scripted_from_a_file_runs_to_the_end_and_exits_0(tmp_path):
    """Sign in, read two lesson steps, ask for help, mistype, go home, read the policy, ask a question."""
    db = tmp_path / "records.db"
    script = tmp_path / "session.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    with script.open("rb") as stdin:
        done = subprocess.run([sys.executable, "-m", "tutor", "--plain", "--db", str(db)], stdin=stdin,
                              capture_output=True, cwd=REPO, timeout=300)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    assert_plain(out)
    assert "At any prompt you can also type: ? or help" in out
    assert "\u201cbogus\u201d is not one of the choices: type 1 to 3." in out
    assert "Section A: Access to School Computers" in out  # the policy reader's list
    assert "CREC policy 4118.5/4218.5, section C: Prohibited Use\nEmployees are responsible" in out  # read in full
    assert "Dropbox" in out and "From CREC policy" in out  # ask the policy
    assert "\u201cquit?\u201d is not one of the choices" in out
    assert out.rstrip().endswith("Your progress is saved. Run tutor --plain again to pick up where you stopped.")
    steps = rows(db, "SELECT payload FROM events WHERE learner = 'E600' AND type = 'lesson.step_viewed'")
    seen = [json.loads(p)["step"] for p, in steps]
    assert len(seen) >= 2 and seen == list(range(len(seen)))
    from tutor.content.loader import load_valid_content

    first = load_valid_content().lessons_for("crec")[0]
    assert f"min to read): {len(seen)} of {len(first.steps_for('crec'))} steps seen, in progress" in " ".join(out.split())


def test_input_that_is_not_utf_8_or_holds_escape_sequences_is_a_wrong_entry(tmp_path):
    script = b"E800\nNo Name\n\xff\xfe1\n\x1b[A\n1\n"
    done = subprocess.run([sys.executable, "-m", "tutor", "--plain", "--db", str(tmp_path / "r.db")], input=script,
                          capture_output=True, cwd=REPO, timeout=300)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0 and done.stderr == b""
    assert_plain(out)
    assert "\u201c\ufffd\ufffd1\u201d is not one of the choices: type 1 to 5." in out
    assert "\u201c[A\u201d is not one of the choices: type 1 to 5." in out
    assert "No Name (E800), Capitol Region Education Council" in out


def test_ctrl_c_at_a_prompt_leaves_cleanly_with_progress_saved(tmp_path, shipped):
    db = tmp_path / "records.db"
    run = PlainRun(db)
    autopilot(run, shipped, "E700", "Gil Hart", DISTRICT, stop=lambda s: "\nStep 2 of " in s)
    run.proc.send_signal(signal.SIGINT)
    assert run.wait() == 130
    assert_plain(run.output)
    assert "Traceback" not in run.stderr and "KeyboardInterrupt" not in run.stderr
    assert run.output.rstrip().endswith("pick up where you stopped.")
    steps = rows(db, "SELECT payload FROM events WHERE learner = 'E700' AND type = 'lesson.step_viewed'")
    assert len(steps) == 2


def test_roster_enrollment_and_pin_sign_in_never_show_the_pin(tmp_path, shipped):
    db = tmp_path / "records.db"
    roster = tmp_path / "staff.csv"
    roster.write_text("employee_id,name,email,school,role,hire_date,district\n"
                      "R1,Ida Jones,ida@example.org,North,teacher,2026-08-25,crec\n", encoding="utf-8")
    tutor = [sys.executable, "-m", "tutor", "--db", str(db)]
    subprocess.run([*tutor, "roster", "import", str(roster)], check=True, capture_output=True, cwd=REPO)
    codes = subprocess.run([*tutor, "roster", "codes"], check=True, capture_output=True, cwd=REPO, text=True).stdout
    code = codes.strip().splitlines()[1].split(",")[-1]

    run = PlainRun(db)
    assert run.screen().endswith("Type your employee ID, or ? for help: ")
    run.send("R1")
    assert run.screen().endswith("Type your enrollment code, or ? for help: ")
    run.send(code)
    assert run.screen().endswith("Choose a PIN of 4 to 12 digits (not shown), or ? for help: ")
    run.send("481516")
    run.screen()
    run.send("481599")
    screen = run.screen()
    assert "Not signed in: The two PINs differ." in screen and screen.endswith("Type your employee ID, or ? for help: ")
    run.send("R1")
    run.screen()
    run.send(code)
    run.screen()
    run.send("481516")
    run.screen()
    run.send("481516")
    screen = run.screen()
    assert "Ida Jones (R1), Capitol Region Education Council" in screen
    run.send("5")  # sign out
    assert run.screen().endswith("Type your employee ID, or ? for help: ")
    run.send("R1")
    assert run.screen().endswith("Type your PIN (not shown), or ? for help: ")
    run.send("000000")
    screen = run.screen()
    assert "Not signed in: That employee ID and PIN do not match." in screen
    run.send("R1")
    run.screen()
    run.send("481516")
    assert "Status: not started" in run.screen()
    assert run.close_input() == 0
    assert_plain(run.output)
    assert "481516" not in run.output and "000000" not in run.output
    identities = {r[0] for r in rows(db, "SELECT identity FROM events WHERE learner = 'R1'")}
    assert "pin" in identities and "self-asserted" not in identities


def test_tutor_help_names_plain_mode():
    done = subprocess.run([sys.executable, "-m", "tutor", "--help"], capture_output=True, text=True, cwd=REPO,
                          timeout=120)
    assert done.returncode == 0
    assert "--plain" in done.stdout and "screen readers" in " ".join(done.stdout.split())


def test_returning_staff_test_out_and_sign_again_in_plain_mode(tmp_path, shipped):
    """Certified 340 days ago (renewal is open): the test-out, passed in full, leads straight to signing."""
    import random
    from datetime import datetime, timedelta, timezone

    from tests.test_training import certify
    from tutor.domain.clock import FixedClock
    from tutor.service.sign_in import SignIn
    from tutor.service.training import Training
    from tutor.store.records import Records

    db = tmp_path / "records.db"
    last_year = FixedClock(datetime.now(timezone.utc) - timedelta(days=340))
    records = Records(db, last_year)
    signed = SignIn(records, shipped).self_asserted("E900", "Jo Kay", "crec")
    certify(Training(records, shipped, signed.person, signed.district, signed.identity, last_year, random.Random(1)))
    records.close()

    run = PlainRun(db)
    screen = autopilot(run, shipped, "E900", "Jo Kay", DISTRICT, stop=lambda s: "\nHome\n" in s)
    assert "Status: expiring soon" in screen
    assert "1. Take the test-out\n2. Start the lessons instead\n" in screen
    run.send("1")
    last = autopilot(run, shipped, "E900", "Jo Kay", DISTRICT)
    out = run.output
    assert "\nTest-out\n" in out and "done for this cycle" in out and "take the lesson and quiz" not in out
    assert "Signed. Keep this receipt." in last
    assert run.close_input() == 0
    assert_plain(run.output)
    assert len(rows(db, "SELECT ack_id FROM acknowledgments WHERE learner = 'E900'")) == 2
    assert rows(db, "SELECT kind, passed FROM attempts WHERE learner = 'E900' AND kind = 'testout'") == [("testout", 1)]
