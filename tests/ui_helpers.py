"""Helpers for driving the app like a person and reading what the screen shows."""

from __future__ import annotations

from textual.widgets import Button, Label, Markdown, OptionList, Static


def screen_text(app) -> str:
    """The words on the current screen: messages, labels, buttons and choices."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, (Static, Label)):
            parts.append(str(widget.content))
        elif isinstance(widget, OptionList):
            parts.extend(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    return "\n".join(parts)


async def type_into(pilot, selector: str, text: str) -> None:
    await pilot.click(selector)
    widget = pilot.app.screen.query_one(selector)
    widget.value = ""
    await pilot.press(*text) if text else None
    await pilot.pause()


async def choose(pilot, number: int) -> None:
    """Press a choice number, as a learner would."""
    await pilot.press(str(number))
    await pilot.pause()


def choice_labels(app) -> list[str]:
    options = app.screen.query_one("#choices", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def choose_labelled(pilot, text: str) -> None:
    """Pick the numbered choice whose label contains `text`."""
    labels = choice_labels(pilot.app)
    for number, label in enumerate(labels, start=1):
        if text in label:
            await choose(pilot, number)
            return
    raise AssertionError(f"no choice containing {text!r} in {labels}")


async def answer_current(pilot, correct: bool = True) -> None:
    """Answer the question on screen, rightly or wrongly, by pressing its numbers."""
    screen = pilot.app.screen
    attempt = screen.attempt
    drawn = attempt.questions[attempt.next_position]
    question = pilot.app.training.question(drawn.id)
    wanted = question.answer if correct else {next(c for c in drawn.choices if c not in question.answer)}
    numbers = [drawn.choices.index(cid) + 1 for cid in wanted]
    for number in sorted(numbers):
        await choose(pilot, number)
    if question.type == "multiple":
        await choose(pilot, len(drawn.choices) + 1)  # Submit


async def read_lesson_to_end(pilot) -> None:
    """Press Next through a lesson, answering any check-yourself question with its first choice."""
    for _ in range(30):
        labels = choice_labels(pilot.app)
        if any("Take the quiz" in l or "Continue" in l for l in labels) and not any(l.startswith("1. Next") for l in labels):
            return
        if labels and labels[0].startswith("1. Next"):
            await choose(pilot, 1)
        else:
            await choose(pilot, 1)
            labels2 = choice_labels(pilot.app)
            if labels2 and any("Submit" in l for l in labels2):
                await choose(pilot, len(labels2))
    raise AssertionError("lesson did not end")


async def burst(pilot, *keys: str) -> None:
    """Press keys faster than the screen can answer: every key is queued before the first is handled.

    Pilot's own press() waits for the app to settle after each key, which a person in a hurry
    (or a bouncing key) does not.
    """
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def visible_in(widget, viewport) -> tuple[bool, bool]:
    """Whether the widget's first and last lines are inside the viewport widget's region on screen."""
    region, view = widget.region, viewport.region
    return view.y <= region.y < view.bottom, view.y < region.bottom <= view.bottom


async def read_turn(pilot, max_pages: int = 20) -> list:
    """Check the tutor's latest turn starts on screen, then page down until its last message ends on screen.

    Returns the messages of the turn. Fails if a message's first line is not shown when the turn
    appears, or if its last line cannot be reached with PgDn.
    """
    screen = pilot.app.screen
    messages = screen.query_one("#messages")
    await pilot.pause()
    turn_start = screen._turn_start
    children = list(messages.children)
    if turn_start is None or turn_start not in children:
        return []
    turn = children[children.index(turn_start):]
    first_shown, _ = visible_in(turn[0], messages)
    assert first_shown, f"the turn does not start on screen: {turn[0].region} vs {messages.region}"
    for _ in range(max_pages):
        if visible_in(turn[-1], messages)[1]:
            break
        await pilot.press("pagedown")
        await pilot.pause()
    assert visible_in(turn[-1], messages)[1], "the end of the turn cannot be reached with PgDn"
    await pilot.pause()
    hint = str(screen.query_one("#choices").border_title)
    assert "More to read" not in hint, "the choices say there is more to read, but the end is on screen"
    return turn
