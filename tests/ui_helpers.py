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
