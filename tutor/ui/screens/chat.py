"""The conversation: lesson steps, check-yourself questions, quizzes and free-text questions."""

from __future__ import annotations

from typing import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from tutor.content.model import Lesson, Question
from tutor.domain import path
from tutor.domain.progress import Attempt
from tutor.service.citations import cite_label, render_text
from tutor.service.passages import best_passage
from tutor.service.training import Feedback, QuizResult, TrainingRefused
from tutor.ui.widgets.chat_message import LearnerMessage, TutorMessage
from tutor.ui.widgets.choice_list import ChoiceItem, ChoiceList

SUBMIT = "__submit__"


class ChatScreen(Screen):
    """One conversation with the tutor, starting from a NextStep and carrying on from there."""

    BINDINGS = [
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen; progress is saved"),
        Binding("slash", "focus_prompt", "Type a question", id="type", key_display="/"),
    ]

    def __init__(self, start: path.NextStep):
        super().__init__()
        self.start = start
        self.lesson: Lesson | None = None
        self.step_index = 0
        self.attempt: Attempt | None = None
        self.handlers: dict[str, Callable[[], None]] = {}
        self.on_answer: Callable[[frozenset[str]], None] | None = None
        self.last_feedback: Feedback | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="messages")
        choices = ChoiceList(id="choices")
        choices.border_title = "Your choice (1-9, or arrows and Enter)"
        yield choices
        yield Input(id="prompt", compact=True, placeholder="/ Type a question about the policy, then Enter")
        yield Footer()

    def on_mount(self) -> None:
        self.begin(self.start)

    # Talking -----------------------------------------------------------------------------
    @property
    def training(self):
        return self.app.training

    def say(self, markdown: str, kind: str = "", new_turn: bool = False) -> None:
        """Add a tutor message; `new_turn` makes it the one scrolled to the top (a question)."""
        if new_turn:
            self._turn_start = None
        self._show(TutorMessage(markdown, kind))

    def echo(self, text: str) -> None:
        self._turn_start = None  # the learner acted: what follows is a new turn
        self._show(LearnerMessage(text))

    def _show(self, message) -> None:
        """Add a message and scroll so the start of this turn is in view.

        A lesson step can be taller than the screen; keeping the turn's first message at the
        top means the learner reads it from its first line, not from its last.
        """
        messages = self.query_one("#messages", VerticalScroll)
        messages.mount(message)
        if getattr(self, "_turn_start", None) is None:
            self._turn_start = message
        # After the new message is laid out, bring the turn's first message to the top.
        self.call_after_refresh(self._turn_start.scroll_visible, animate=False, top=True)

    def offer(self, items: list[tuple[str, str, Callable[[], None]]]) -> None:
        """Show plain choices, each with what to do when picked."""
        self.on_answer = None
        self.handlers = {key: handler for key, _, handler in items}
        self._labels = {key: label for key, label, _ in items}
        choices = self.query_one("#choices", ChoiceList)
        choices.show([ChoiceItem(key, label) for key, label, _ in items])
        choices.focus()

    def ask_question(self, question: Question, order: tuple[str, ...], on_answer: Callable[[frozenset[str]], None]) -> None:
        """Show a question's choices; multiple-answer questions get tick boxes and a Submit."""
        multiple = question.type == "multiple"
        items = [ChoiceItem(cid, question.choice(cid).text, toggle=multiple) for cid in order]
        if multiple:
            items.append(ChoiceItem(SUBMIT, "Submit my answer"))
        self.handlers = {}
        self._labels = {cid: question.choice(cid).text for cid in order}
        self.on_answer = on_answer
        choices = self.query_one("#choices", ChoiceList)
        choices.show(items)
        choices.focus()

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        choices = self.query_one("#choices", ChoiceList)
        if self.on_answer is not None:
            picked = frozenset(choices.ticked) if event.key == SUBMIT else frozenset({event.key})
            if not picked:
                self.notify("Tick at least one answer (Enter or its number), then Submit.", severity="warning")
                return
            handler, self.on_answer = self.on_answer, None
            self.echo("; ".join(self._labels[c] for c in picked))
            handler(picked)
            return
        handler = self.handlers.get(event.key)
        if handler is not None:
            self.echo(self._labels[event.key])
            handler()

    @on(Input.Submitted, "#prompt")
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        choices = self.query_one("#choices", ChoiceList)
        if text.isdigit() and len(text) == 1:
            choices.action_pick(int(text))
            return
        self.echo(text)
        if self.attempt is not None and self.attempt.is_open:
            self.say("Questions can wait until the quiz ends: graded quizzes are closed-book. "
                     "Pick an answer above (keys 1-9, or arrows and Enter).")
            return
        self.answer_free_text(text)
        choices.focus()

    def answer_free_text(self, text: str) -> None:
        answerer = self.app.answerer
        if answerer is None:
            self.say("I can't answer typed questions yet. Ask your trainer, and carry on with the lesson.")
            return
        reply = answerer.answer(text, district=self.training.district.id)
        self.say(format_answer(self.training.content, reply), kind="answer")

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_focus_prompt(self) -> None:
        self.query_one("#prompt", Input).focus()

    def refused(self, exc: TrainingRefused) -> None:
        self.say(f"\u2717 {exc}", kind="wrong")
        self.offer([("home", "Back to home", self.action_home)])

    # Where to go -------------------------------------------------------------------------
    def begin(self, step: path.NextStep) -> None:
        if step.kind == path.LESSON:
            self.start_lesson(step.lesson_id, step.step)
        elif step.kind == path.QUIZ:
            self.start_quiz(step.topic)
        elif step.kind == path.RESUME:
            self.resume(step.attempt)
        elif step.kind == path.TESTOUT:
            self.start_testout()
        elif step.kind == path.SIGN:
            self.say("You have passed every required quiz. The last step is to sign the acknowledgment.")
            self.offer([("sign", "Sign the acknowledgment", self.go_sign), ("home", "Back to home", self.action_home)])
        elif step.kind == path.DONE:
            self.say(f"You are certified. {self.training.status().label().capitalize()}.")
            self.offer([("home", "Back to home", self.action_home)])
        else:
            self.say("Ask me anything about the acceptable use policy: type your question below and press Enter.")
            self.offer([("home", "Back to home", self.action_home)])
            self.query_one("#prompt", Input).focus()

    def carry_on(self) -> None:
        self.begin(self.training.next_step())

    def go_sign(self) -> None:
        from tutor.ui.screens.sign_off import SignOffScreen

        self.app.switch_screen(SignOffScreen())

    # Lessons -----------------------------------------------------------------------------
    def start_lesson(self, lesson_id: str, step: int) -> None:
        self.attempt = None
        self.lesson = self.training.content.lessons[lesson_id]
        steps = self.lesson.steps_for(self.training.district.id)
        if step == 0:
            self.say(f"**{self.lesson.title}**\n\n{len(steps)} short steps. Type a question any time; "
                     "I'll answer from the policy.")
        else:
            self.say(f"Welcome back to **{self.lesson.title}**. Picking up at step {step + 1} of {len(steps)}.")
        self.show_step(step)

    def show_step(self, index: int) -> None:
        training = self.training
        steps = self.lesson.steps_for(training.district.id)
        self.step_index = index
        step = steps[index]
        try:
            training.view_step(self.lesson.id, index)
        except TrainingRefused as exc:
            self.refused(exc)
            return
        body = render_text(training.content, step.body, training.district.id)
        heading = f"**Step {index + 1} of {len(steps)} \u00b7 {step.title}**"
        if body:
            self.say(f"{heading}\n\n{body}")
        if step.check is not None:
            check = step.check
            lead = f"{heading}\n\n" if not body else ""
            self.say(f"{lead}**Check yourself** (not graded)\n\n{check.prompt}" + _all_that_apply(check),
                     new_turn=bool(body))
            self.ask_question(check, tuple(c.id for c in check.choices), lambda chosen: self.checked(check, chosen))
        else:
            self.offer_after_step()

    def checked(self, question: Question, chosen: frozenset[str]) -> None:
        self.say(feedback_text(self.training, question, chosen == question.answer, question.sources),
                 kind="right" if chosen == question.answer else "wrong")
        self.offer_after_step()

    def offer_after_step(self) -> None:
        steps = self.lesson.steps_for(self.training.district.id)
        if self.step_index + 1 < len(steps):
            self.offer([
                ("next", "Next", lambda: self.show_step(self.step_index + 1)),
                ("home", "Back to home (your place is saved)", self.action_home),
            ])
            return
        topic = self.training.progress().topics.get(self.lesson.topic)
        self.say(f"That's the end of **{self.lesson.title}**.", kind="result")
        if topic is not None and not topic.passed:
            self.offer([
                ("quiz", "Take the quiz now", lambda: self.start_quiz(self.lesson.topic)),
                ("home", "Back to home", self.action_home),
            ])
        else:
            self.offer([("continue", "Continue", self.carry_on), ("home", "Back to home", self.action_home)])

    # Quizzes -----------------------------------------------------------------------------
    def start_quiz(self, topic: str) -> None:
        try:
            attempt = self.training.start_quiz(topic)
        except TrainingRefused as exc:
            self.refused(exc)
            return
        title = self.training.progress().topics[topic].lesson.title
        self.say(f"**Quiz: {title}**\n\n{len(attempt.questions)} questions; you pass with "
                 f"{attempt.pass_mark:.0%}. The quiz is closed-book: questions to the tutor wait until it ends.")
        self.run_attempt(attempt)

    def start_testout(self) -> None:
        try:
            attempt = self.training.start_testout()
        except TrainingRefused as exc:
            self.refused(exc)
            return
        self.say(f"**Test-out**\n\n{len(attempt.questions)} questions across {len(attempt.topics)} topics. "
                 f"Each topic where you score {attempt.pass_mark:.0%} or more counts as done for this year; "
                 "you'll take only the other lessons and quizzes. One try per renewal cycle.")
        self.run_attempt(attempt)

    def resume(self, attempt: Attempt) -> None:
        what = "test-out" if attempt.kind == "testout" else "quiz"
        kept = f", with your {len(attempt.answers)} earlier answer(s) kept" if attempt.answers else ""
        self.say(f"Welcome back. Your {what} is saved: you're on question {attempt.next_position + 1} "
                 f"of {len(attempt.questions)}{kept}.")
        self.run_attempt(attempt)

    def run_attempt(self, attempt: Attempt) -> None:
        self.attempt = attempt
        self.show_question()

    def show_question(self) -> None:
        attempt = self.attempt
        position = attempt.next_position
        drawn = attempt.questions[position]
        try:
            question = self.training.question(drawn.id)
        except TrainingRefused as exc:
            self.refused(exc)
            return
        self.say(f"**Question {position + 1} of {len(attempt.questions)}**\n\n{question.prompt}" + _all_that_apply(question),
                 new_turn=True)
        self.ask_question(question, drawn.choices, lambda chosen: self.answered(position, chosen))

    def answered(self, position: int, chosen: frozenset[str]) -> None:
        try:
            feedback = self.training.answer(self.attempt.id, position, chosen)
        except TrainingRefused as exc:
            self.refused(exc)
            return
        self.last_feedback = feedback
        self.say(feedback_text(self.training, feedback.question, feedback.correct, feedback.citations),
                 kind="right" if feedback.correct else "wrong")
        self.attempt = next(a for a in self.training.progress().attempts if a.id == self.attempt.id)
        if feedback.finished is not None:
            self.offer([("why", "Why? Show the policy passage", self.why_then_result),
                        ("result", "See my result", lambda: self.show_result(feedback.finished))])
        else:
            self.offer([("next", "Next question", self.show_question),
                        ("why", "Why? Show the policy passage", self.why_then_next)])

    def why(self) -> None:
        feedback = self.last_feedback
        training = self.training
        citation = feedback.citations[0]
        section = training.content.section(citation)
        passage = best_passage(section, feedback.question.explanation + " " + feedback.question.prompt)
        self.say(f"> {passage}\n\n\u2014 {cite_label(training.content, citation)}", kind="quote")

    def why_then_next(self) -> None:
        self.why()
        self.offer([("next", "Next question", self.show_question)])

    def why_then_result(self) -> None:
        self.why()
        self.offer([("result", "See my result", lambda: self.show_result(self.last_feedback.finished))])

    def show_result(self, result: QuizResult) -> None:
        self.attempt = None
        training = self.training
        verdict = "\u2713 Passed" if result.passed else "\u2717 Not passed yet"
        lines = [f"**{verdict}**",
                 f"You scored **{result.correct} of {result.total}** ({result.score:.0%}); "
                 f"the pass mark is {result.pass_mark:.0%}."]
        if result.kind == "testout":
            for topic, r in result.topic_results.items():
                mark = "\u2713 done for this cycle" if r["passed"] else "\u2717 take the lesson and quiz"
                lines.append(f"- {topic}: {r['correct']} of {r['total']} \u2014 {mark}")
        if result.review:
            from tutor.content.model import Citation

            lines.append("\n**Review these sections:** " + "; ".join(
                cite_label(training.content, Citation.parse(ref)) for ref in result.review))
        self.say("\n\n".join(lines), kind="result")
        if result.passed or result.kind == "testout":
            self.offer([("continue", "Continue", self.carry_on), ("home", "Back to home", self.action_home)])
            return
        topic = next(iter(result.topic_results))
        lesson_id = training.progress().topics[topic].lesson.id
        if result.lesson_again:
            self.say("That was the third try without passing, so the next step is to go through the lesson again "
                     "before another quiz.")
            self.offer([("lesson", "Go through the lesson again", lambda: self.start_lesson(lesson_id, 0)),
                        ("home", "Back to home", self.action_home)])
        else:
            self.offer([("retake", "Retake the quiz (new questions where possible)", lambda: self.start_quiz(topic)),
                        ("review", "Review the lesson first", lambda: self.start_lesson(lesson_id, 0)),
                        ("home", "Back to home", self.action_home)])


def _all_that_apply(question: Question) -> str:
    return "\n\n*Choose all that apply, then Submit.*" if question.type == "multiple" else ""


def feedback_text(training, question: Question, correct: bool, citations) -> str:
    """Right or wrong in words (never colour alone), the right answer, the explanation, the source."""
    own = training.own_citations(citations)
    right = "; ".join(c.text for c in question.choices if c.id in question.answer)
    head = "\u2713 **Correct.**" if correct else f"\u2717 **Not quite.** The answer: {right}."
    source = cite_label(training.content, own[0]) if own else ""
    return f"{head}\n\n{question.explanation}\n\n*Source: {source}*"


def format_answer(content, reply) -> str:
    """An ask-the-policy answer: the plain answer, the quoted passage and its citation, or whom to ask."""
    from tutor.content.model import Citation

    if reply.abstained:
        return reply.text
    parts = [reply.text]
    for cited in reply.citations[:1]:
        parts.append(f"> {cited.quote}")
        parts.append(f"\u2014 {cite_label(content, Citation(cited.district, cited.section))}")
    if reply.contact:
        parts.append(f"*Still unsure? Ask {reply.contact}.*")
    return "\n\n".join(parts)
