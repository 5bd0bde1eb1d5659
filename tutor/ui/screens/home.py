"""Home: status and expiry, each lesson's progress, what to do next, and Continue."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from rich.text import Text
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.domain import path
from tutor.domain import status as st
from tutor.service.lesson_list import lesson_rows


# The states in words (tutor.service.lesson_list) with the marks this screen draws for some.
MARKS = {
    "passed": "\u2713 passed",
    "passed by test-out": "\u2713 test-out",
    "done, open to review": "\u2713 done \u00b7 review",
    "optional, open to read": "optional \u00b7 open to read",
}
BAR_WIDTH = 8
TITLE_WIDTH = 34  # 80 columns: title, bar, count and the longest state ("optional, not started")


def lesson_line(title: str, seen: int, steps: int, state: str, minutes: int | None = None) -> Text:
    """One lesson as a line: title, reading minutes, a text progress bar, and its state in words."""
    filled = round(BAR_WIDTH * seen / steps) if steps else 0
    bar = "\u2588" * filled + "\u2591" * (BAR_WIDTH - filled)
    width = TITLE_WIDTH - 6 if minutes is not None else TITLE_WIDTH
    if len(title) > width:
        title = title[: width - 1] + "\u2026"
    time = f" {minutes:>2} min" if minutes is not None else ""
    return Text(f"{title:<{width}}{time} {bar} {seen:>2}/{steps:<2} {state}")


class HomeScreen(Screen):
    BINDINGS = [
        Binding("c", "continue", "Continue", id="continue", tooltip="Resume exactly where you stopped"),
        Binding("a", "ask", "Ask", id="ask", tooltip="Ask a question about the policy"),
        Binding("p", "read_policy", "Policy", id="policy", tooltip="Read the whole policy, section by section"),
        Binding("escape", "sign_out", "Sign out", id="sign-out"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static("", id="who", classes="screen-title", markup=False)
            yield Static("", id="preview", classes="preview hidden", markup=False)
            yield Static("", id="status", classes="status")
            yield Static("", id="next", classes="next")
            with Horizontal(id="home-actions"):
                yield Button("Continue", id="continue", variant="primary")
                yield Button("Start lessons instead", id="skip-testout", classes="hidden")
                yield Button("Sign the acknowledgment", id="sign", variant="success", classes="hidden")
                yield Button("Ask a question", id="ask")
                yield Button("Read the policy", id="read-policy")
            yield Static("Lessons (Enter opens one)", classes="section-title")
            yield OptionList(id="lessons")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        training = self.app.training
        progress = training.progress()
        status = training.status(progress)
        step = training.next_step(progress)
        person = training.person
        self.query_one("#who", Static).update(
            f"{person.name} ({person.employee_id}) \u00b7 {training.district.name}"
        )
        due = f" \u00b7 due by {status.due.isoformat()}" if status.due and not status.certified else ""
        self.query_one("#status", Static).update(f"Status: {status.label()}{due}")
        preview = self.query_one("#preview", Static)
        preview.update(training.preview or "")
        preview.set_class(not training.preview, "hidden")
        self.query_one("#next", Static).update(f"Next: {step.label}")
        continue_button = self.query_one("#continue", Button)
        continue_button.label = "Take the test-out" if step.kind == path.TESTOUT else "Continue"
        continue_button.disabled = step.kind == path.DONE
        self.query_one("#skip-testout").set_class(step.kind != path.TESTOUT, "hidden")
        self.query_one("#sign").set_class(step.kind != path.SIGN, "hidden")
        continue_button.set_class(step.kind == path.SIGN, "hidden")

        lessons = self.query_one("#lessons", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        self.lesson_ids = []
        # Certified (and not yet in the renewal window): every lesson was done for the signature,
        # even though the new cycle's records start empty. Lessons open to review, recording nothing.
        self.reviewing = status.state == st.CERTIFIED
        for row in lesson_rows(progress, training.district.id, certified=self.reviewing):
            lesson = row.lesson
            mark = MARKS.get(row.state, row.state)
            score = f" {row.score:.0%}" if row.score is not None else ""
            lessons.add_option(Option(lesson_line(lesson.title, row.seen, row.steps, f"{mark}{score}", row.minutes)))
            self.lesson_ids.append(lesson.id)
        if highlighted is not None and highlighted < len(self.lesson_ids):
            lessons.highlighted = highlighted

    @on(OptionList.OptionSelected, "#lessons")
    def open_lesson(self, event: OptionList.OptionSelected) -> None:
        """Open any lesson: at the saved step if unfinished, from the start to review if done."""
        from tutor.ui.screens.chat import ChatScreen

        if not self.is_current:
            return  # a second Enter while the lesson is opening
        training = self.app.training
        lesson = training.content.lessons[self.lesson_ids[event.option_index]]
        progress = training.progress()
        topic = progress.topics[lesson.topic]
        if progress.open_attempt is not None:
            self.notify("Finish the quiz you started first: press Continue.", severity="warning")
            return
        step = 0 if topic.lesson_done or self.reviewing else max(topic.step_reached, 0)
        self.app.push_screen(ChatScreen(path.NextStep(path.LESSON, topic=lesson.topic, lesson_id=lesson.id, step=step),
                                        review=self.reviewing))

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        from tutor.ui.screens.chat import ChatScreen

        if not self.is_current:
            return  # a burst of "c": the first one already opened the conversation
        training = self.app.training
        step = training.next_step()
        if step.kind == path.SIGN:
            self.action_sign()
        elif step.kind == path.DONE:
            self.notify("You are certified; nothing is due.")
        else:
            self.app.push_screen(ChatScreen(step))

    @on(Button.Pressed, "#skip-testout")
    def skip_testout(self) -> None:
        from tutor.ui.screens.chat import ChatScreen

        if not self.is_current:
            return
        training = self.app.training
        progress = training.progress()
        first = progress.required[0]
        lesson = progress.topics[first].lesson
        self.app.push_screen(ChatScreen(path.NextStep(path.LESSON, topic=first, lesson_id=lesson.id, step=0)))

    @on(Button.Pressed, "#sign")
    def action_sign(self) -> None:
        from tutor.ui.screens.sign_off import SignOffScreen

        if self.is_current:
            self.app.push_screen(SignOffScreen())

    @on(Button.Pressed, "#ask")
    def action_ask(self) -> None:
        from tutor.ui.screens.chat import ChatScreen

        if self.is_current:
            self.app.push_screen(ChatScreen(path.NextStep("ask", label="Ask a question")))

    @on(Button.Pressed, "#read-policy")
    def action_read_policy(self) -> None:
        from tutor.ui.screens.policy import PolicyScreen

        if self.is_current:
            self.app.push_screen(PolicyScreen())

    def action_sign_out(self) -> None:
        from tutor.ui.screens.sign_in import SignInScreen

        self.app.training = None
        self.app.switch_screen(SignInScreen())
