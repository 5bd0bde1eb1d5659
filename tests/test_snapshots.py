"""Screen snapshots at 80x24 of the screens a learner sees (update only after reading the report)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.factories import make_content
from tests.test_app import sign_in_single_user, take_quiz
from tests.ui_helpers import answer_current, choose_labelled, read_lesson_to_end, type_into
from tutor.domain.clock import FixedClock
from tutor.store.records import Records
from tutor.ui.app import make_app

SIZE = (80, 24)


async def settle(pilot) -> None:
    """Let scrolling and other animations finish, so a busy machine takes the same picture."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.fixture
def snap_app(tmp_path):
    clock = FixedClock(datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc))
    records = Records(tmp_path / "snap.db", clock)
    return make_app(records=records, content=make_content(), clock=clock, seed=5)


def test_sign_in(snap_app, snap_compare):
    assert snap_compare(snap_app, terminal_size=SIZE)


def test_home(snap_app, snap_compare):
    async def run_before(pilot):
        await sign_in_single_user(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=run_before)


def test_lesson_step(snap_app, snap_compare):
    async def run_before(pilot):
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=run_before)


def test_answer_feedback(snap_app, snap_compare):
    async def run_before(pilot):
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await answer_current(pilot, correct=False)
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=run_before)


def test_quiz_result(snap_app, snap_compare):
    async def run_before(pilot):
        await sign_in_single_user(pilot)
        await pilot.press("c")
        await read_lesson_to_end(pilot)
        await choose_labelled(pilot, "Take the quiz now")
        await take_quiz(pilot, wrong=2)
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=run_before)


def test_sign_off(snap_app, snap_compare):
    async def run_before(pilot):
        from tests.test_training import pass_topic

        await sign_in_single_user(pilot)
        for topic in ("alpha", "beta"):
            pass_topic(pilot.app.training, topic)
        await pilot.press("escape")  # sign out and back in to refresh
        await sign_in_single_user(pilot)
        await pilot.click("#sign")
        await pilot.pause()
        await type_into(pilot, "#signature", "Sam Lee")
        await settle(pilot)

    assert snap_compare(snap_app, terminal_size=SIZE, run_before=run_before)


# The longest step of each lesson (chosen from the content, so it follows the lessons as they change),
# read to its end with PgDn: the snapshot shows the step's last line above the choices.
from tests.test_app import longest_steps, open_step  # noqa: E402
from tests.ui_helpers import read_turn  # noqa: E402


@pytest.mark.parametrize("lesson_id, district, index", longest_steps(), ids=[l for l, _, _ in longest_steps()])
def test_longest_step_read_to_its_end(tmp_path, snap_compare, lesson_id, district, index):
    from tutor.content.loader import load_valid_content

    clock = FixedClock(datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc))
    app = make_app(records=Records(tmp_path / "snap.db", clock), content=load_valid_content(), clock=clock, seed=5)

    async def run_before(pilot):
        await open_step(pilot, lesson_id, district, index)
        await read_turn(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
