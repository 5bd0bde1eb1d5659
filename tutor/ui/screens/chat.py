"""The conversation: lesson steps, check-yourself questions, quizzes and free-text questions."""

from __future__ import annotations

from collections import Counter
from typing import Callable

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from tutor.content.model import Lesson, Question
from tutor.domain import path
from tutor.domain.progress import Attempt
from tutor.service.citations import citation_title, inline_citation, render_text
from tutor.service.passages import best_passage
from tutor.service.receipt import topic_title
from tutor.service.training import Feedback, QuizResult, TrainingRefused, correct_needed
from tutor.ui.widgets.chat_message import LearnerMessage, TutorMessage
from tutor.ui.widgets.choice_list import ChoiceItem, ChoiceList

SUBMIT = "__submit__"
# Long enough for any real question; a pasted page of text gets a message instead of a frozen screen.
MAX_QUESTION_CHARS = 500
KEEP_MESSAGES = 40  # several turns back: enough to scroll back through a lesson step and its feedback
CHOICES_TITLE = "Your choice (1-9, or arrows and Enter)"
MORE_TITLE = "\u25bc More to read above: PgDn \u00b7 then choose 1-9"


class Transcript(VerticalScroll):
    """The conversation. Says when its size changes (the choices below it grew or shrank), since
    whether there is more to read depends on its height as well as on what it holds."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class ChatScreen(Screen):
    """One conversation with the tutor, starting from a NextStep and carrying on from there."""

    BINDINGS = [
        Binding("escape", "home", "Home", id="home", tooltip="Back to the home screen; progress is saved"),
        Binding("slash", "focus_prompt", "Ask", id="type", key_display="/", tooltip="Type a question"),
        # priority: the transcript scrolls whatever has focus (the choices or the question box).
        Binding("pagedown", "read(1)", "Read on", id="read-on", key_display="PgDn", priority=True),
        Binding("pageup", "read(-1)", "Read back", id="read-back", key_display="PgUp", priority=True, show=False),
    ]

    def __init__(self, start: path.NextStep, review: bool = False):
        """`review`: a certified learner rereading a lesson; nothing is recorded and no quiz follows."""
        super().__init__()
        self.start = start
        self.review = review
        self.held_questions: list[str] = []  # typed during a quiz, answered when it ends
        self.answering = False
        self.held_done = False  # the answers being shown are to questions held during a quiz
        self._turn_start = None
        self._pinned = False  # keep the turn's first message at the top while it is laid out
        self.lesson: Lesson | None = None
        self.step_index = 0
        self.attempt: Attempt | None = None
        self.handlers: dict[str, Callable[[], None]] = {}
        self.on_answer: Callable[[frozenset[str]], None] | None = None
        self.last_feedback: Feedback | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Transcript(id="messages")
        choices = ChoiceList(id="choices")
        choices.border_title = CHOICES_TITLE
        yield choices
        yield Input(id="prompt", compact=True, placeholder="/ Type a question about the policy, then Enter",
                    max_length=2 * MAX_QUESTION_CHARS)
        yield Footer()

    def on_mount(self) -> None:
        messages = self.query_one("#messages", VerticalScroll)
        self.watch(messages, "scroll_y", self._show_more_hint, init=False)
        self.watch(messages, "virtual_size", self._transcript_grew, init=False)
        self.begin(self.start)

    # Talking -----------------------------------------------------------------------------
    @property
    def training(self):
        return self.app.training

    def say(self, markdown: str, kind: str = "") -> None:
        """Add a tutor message; the first one after the learner acts is scrolled to the top."""
        message = TutorMessage(markdown, kind)
        self._show(message)
        if self._turn_start is None:
            self._turn_start = message

    def echo(self, text: str) -> None:
        self._turn_start = None  # the learner acted: what the tutor says next is a new turn
        self._show(LearnerMessage(text))

    def _show(self, message) -> None:
        """Add a message and scroll so the tutor's reply to the learner's last act starts at the top.

        A lesson step can be taller than the screen: the learner reads it from its first line
        (PgDn reads on, and the choices' title says when there is more), never from its last.
        """
        messages = self.query_one("#messages", VerticalScroll)
        messages.mount(message)
        # The whole path is one conversation: drop the oldest messages so laying out a new one
        # never slows down as the lessons go by (what was said is in the records, not here).
        excess = len(messages.children) - KEEP_MESSAGES
        if excess > 0:
            old = [m for m in messages.children[:excess] if m is not self._turn_start]
            messages.remove_children(old)
        self._pinned = True
        self.call_after_refresh(self._scroll_to_turn)

    def _scroll_to_turn(self) -> None:
        if not self.is_attached or self._turn_start is None or not self._turn_start.is_attached:
            return
        self._turn_start.scroll_visible(animate=False, top=True)

    def _transcript_grew(self, *_) -> None:
        # Markdown lays itself out over several refreshes: keep the turn's start at the top until
        # the learner scrolls, so a long step is never left showing its middle.
        if self._pinned:
            self._scroll_to_turn()
        self._show_more_hint()

    @on(Transcript.Resized)
    def _show_more_hint(self, *_) -> None:
        """Say in the choices' title when the transcript goes on below what is shown."""
        messages, choices = self.query("#messages"), self.query("#choices")
        if not messages or not choices:
            return  # the screen is closing
        more = messages.first().scroll_y < messages.first().max_scroll_y
        choices.first().border_title = MORE_TITLE if more else CHOICES_TITLE

    def action_read(self, pages: int) -> None:
        self._pinned = False
        messages = self.query_one("#messages", VerticalScroll)
        if pages > 0:
            messages.scroll_page_down(animate=False)
        else:
            messages.scroll_page_up(animate=False)

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

    def on_key(self, event: events.Key) -> None:
        """Number keys pick a choice whatever has focus (the question box keeps its digits)."""
        if len(event.key) == 1 and event.key in "123456789":
            event.stop()
            event.prevent_default()
            self.query_one("#choices", ChoiceList).pick(int(event.key), event.time)

    @on(ChoiceList.Chosen)
    def chosen(self, event: ChoiceList.Chosen) -> None:
        choices = self.query_one("#choices", ChoiceList)
        if event.round != choices.round:
            return  # picked from choices that have since been replaced: not an answer to what is shown
        if self.on_answer is not None:
            picked = frozenset(choices.ticked) if event.key == SUBMIT else frozenset({event.key})
            if not picked:
                self.notify("Tick at least one answer (Enter or its number), then Submit.", severity="warning")
                choices.rearm()
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
            choices.pick(int(text), event.time)
            return
        if len(text) > MAX_QUESTION_CHARS:
            self.notify(f"That is {len(text):,} characters: please ask in at most {MAX_QUESTION_CHARS} "
                        "(a sentence or two).", title="Question too long", severity="warning", timeout=8)
            event.input.value = text[:MAX_QUESTION_CHARS]
            return
        if self.answering:
            event.input.value = text
            self.notify("One moment: I'm still answering your last question.", severity="warning")
            return
        self.echo(text)
        if self.attempt is not None and self.attempt.is_open:
            self.held_questions.append(text)
            self.say("I'll answer that when the quiz ends: graded quizzes are closed-book. "
                     "Choose your answer below (keys 1-9, or arrows and Enter).")
            choices.focus()
            return
        self.answer_free_text([text])
        choices.focus()

    def answer_free_text(self, questions: list[str]) -> None:
        """Answer typed questions in order, off the screen's thread so it never freezes."""
        self.answering = True
        self._answer_in_background(list(questions), self.training.district.id)

    @work(thread=True, group="ask")
    def _answer_in_background(self, questions: list[str], district: str) -> None:
        answerer = self.app.answerer  # built on first use: indexing the policies takes a moment
        replies = [(q, answerer.answer(q, district=district) if answerer else None) for q in questions]
        self.app.call_from_thread(self._show_answers, replies)

    def _show_answers(self, replies) -> None:
        self.answering = False
        if not self.is_attached:
            return
        if self.held_done:
            self.say("Now the question" + ("s" if len(replies) > 1 else "") + " you asked during the quiz:")
        for question, reply in replies:
            if self.held_done:
                self._show(LearnerMessage(question))  # the question again, right above its answer
            if reply is None:
                self.say("I can't answer typed questions yet. Ask your trainer, and carry on.")
            else:
                self.say(format_answer(self.training.content, reply), kind="answer")
        self.held_done = False

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_focus_prompt(self) -> None:
        self.query_one("#prompt", Input).focus()

    def answer_held_questions(self) -> None:
        """The questions typed during the quiz, now that it has ended."""
        if self.held_questions:
            held, self.held_questions = self.held_questions, []
            self.held_done = True
            self.answer_free_text(held)

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
        if self.review:
            intro = f"Reviewing **{self.lesson.title}** ({len(steps)} steps). Nothing is recorded while you review."
        elif step == 0:
            intro = (f"**{self.lesson.title}** \u00b7 {len(steps)} short steps. Type a question any time; "
                     "I'll answer from the policy.")
        else:
            intro = f"Welcome back to **{self.lesson.title}**. Picking up at step {step + 1} of {len(steps)}."
        self.show_step(step, intro)

    def show_step(self, index: int, intro: str = "") -> None:
        """One step as one message (with its check-yourself question), so it reads top to bottom."""
        training = self.training
        steps = self.lesson.steps_for(training.district.id)
        self.step_index = index
        step = steps[index]
        if not self.review:
            try:
                training.view_step(self.lesson.id, index)
            except TrainingRefused as exc:
                self.refused(exc)
                return
        body = render_text(training.content, step.body, training.district.id, cite=inline_citation)
        parts = [intro] if intro else []
        parts.append(f"**Step {index + 1} of {len(steps)} \u00b7 {step.title}**")
        if body:
            parts.append(body)
        check = step.check
        if check is not None:
            parts.append(f"**Check yourself** (not graded)\n\n{check.prompt}" + _all_that_apply(check))
        self.say("\n\n".join(parts))
        if check is not None:
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
        # The progress the last step's write returned; a review writes nothing, so it reads afresh.
        progress = self.training.latest_progress if not self.review else None
        topic = (progress or self.training.progress()).topics.get(self.lesson.topic)
        self.say(f"That's the end of **{self.lesson.title}**.", kind="result")
        if self.review:
            self.offer([("home", "Back to home", self.action_home)])
        elif topic is not None and not topic.passed:
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
        title = next(l.title for l in self.training.content.lessons_for(self.training.district.id)
                     if l.topic == topic)
        total = len(attempt.questions)
        self.run_attempt(attempt, f"**Quiz: {title}** \u00b7 {total} questions; you pass with "
                         f"{correct_needed(total, attempt.pass_mark)} of {total} right ({attempt.pass_mark:.0%}). "
                         "Closed-book: questions you type are answered when the quiz ends.")

    def start_testout(self) -> None:
        try:
            attempt = self.training.start_testout()
        except TrainingRefused as exc:
            self.refused(exc)
            return
        self.run_attempt(attempt, f"**Test-out** \u00b7 {len(attempt.questions)} questions across "
                         f"{len(attempt.topics)} topics. {testout_rule(attempt)} You'll take only the other "
                         "lessons and quizzes. One try per renewal cycle.")

    def resume(self, attempt: Attempt) -> None:
        what = "test-out" if attempt.kind == "testout" else "quiz"
        kept = f", with your {len(attempt.answers)} earlier answer(s) kept" if attempt.answers else ""
        self.run_attempt(attempt, f"Welcome back. Your {what} is saved: you're on question "
                         f"{attempt.next_position + 1} of {len(attempt.questions)}{kept}.")

    def run_attempt(self, attempt: Attempt, intro: str = "") -> None:
        self.attempt = attempt
        self.show_question(intro)

    def show_question(self, intro: str = "") -> None:
        attempt = self.attempt
        position = attempt.next_position
        drawn = attempt.questions[position]
        try:
            question = self.training.question(drawn.id)
        except TrainingRefused as exc:
            self.refused(exc)
            return
        lead = f"{intro}\n\n" if intro else ""
        self.say(f"{lead}**Question {position + 1} of {len(attempt.questions)}**\n\n{question.prompt}"
                 + _all_that_apply(question))
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
        self.attempt = feedback.attempt  # as the answer left it: no second read of the records
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
        self.say(f"> {passage}\n\n\u2014 {citation_title(training.content, citation)}", kind="quote")

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
                title = topic_title(training.content, training.district.id, topic)
                lines.append(f"- {title}: {r['correct']} of {r['total']} \u2014 {mark}")
        if result.review:
            from tutor.content.model import Citation

            lines.append("**Review these sections:**\n\n" + "\n".join(
                f"- {citation_title(training.content, Citation.parse(ref))}" for ref in result.review))
        progress = self.last_feedback.progress if self.last_feedback is not None else None
        progress = progress or training.latest_progress or training.progress()
        if not result.passed and result.kind == "quiz" and not result.lesson_again:
            tries = training.tries_left(next(iter(result.topic_results)), progress)
            if tries:
                lines.append(f"You have {tries} more {'try' if tries == 1 else 'tries'} at this quiz before "
                             "the lesson must be done again.")
        if not result.passed and result.kind == "quiz":
            due = training.status(progress).due
            if due is not None:
                lines.append(f"Your training is due by {due.isoformat()}.")
        if result.lesson_again:
            lines.append("That was the third try without passing, so the next step is to go through the lesson "
                         "again before another quiz.")
        self.say("\n\n".join(lines), kind="result")
        self.answer_held_questions()
        if result.passed or result.kind == "testout":
            self.offer([("continue", "Continue", self.carry_on), ("home", "Back to home", self.action_home)])
            return
        topic = next(iter(result.topic_results))
        lesson_id = progress.topics[topic].lesson.id
        if result.lesson_again:
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
    source = citation_title(training.content, own[0]) if own else ""
    return f"{head}\n\n{question.explanation}\n\n*Source: {source}*"


def format_answer(content, reply) -> str:
    """An ask-the-policy answer: the plain answer, the quoted passage and its citation, or whom to ask."""
    from tutor.content.model import Citation

    if reply.abstained:
        return reply.text
    parts = [reply.text]
    for cited in reply.citations[:1]:
        parts.append(f"> {cited.quote}")
        parts.append(f"\u2014 {citation_title(content, Citation(cited.district, cited.section))}")
    if reply.contact:
        parts.append(f"*Still unsure? Ask {reply.contact}.*")
    return "\n\n".join(parts)


def testout_rule(attempt: Attempt) -> str:
    """What it takes to pass a topic of the test-out, worked out from the pass mark and the count."""
    per_topic = sorted(set(Counter(q.topic for q in attempt.questions).values()))
    if len(per_topic) != 1:
        return (f"A topic counts as done for this year when you get {attempt.pass_mark:.0%} of its questions "
                "right.")
    total = per_topic[0]
    needed = correct_needed(total, attempt.pass_mark)
    what = f"all {total}" if needed == total else f"at least {needed} of {total}"
    return (f"Each topic has {total} questions; it counts as done for this year when you get {what} right "
            f"(pass mark {attempt.pass_mark:.0%}).")
