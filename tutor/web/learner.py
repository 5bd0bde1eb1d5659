"""The learner's pages: sign-in, home, lessons, quizzes and the test-out, ask-the-policy, the policy reader,
sign-off and the receipt. Each handler calls the service layer as the Textual screens do."""

from __future__ import annotations

import re
from urllib.parse import quote

from aiohttp import web

from tutor.service.lesson_list import lesson_rows
from tutor.content.model import Citation, Question
from tutor.domain import path
from tutor.domain import status as st
from tutor.domain.identity import names_match
from tutor.service.citations import cite_label
from tutor.service.passages import best_passage
from tutor.service.sign_in import SignInRefused
from tutor.service.training import Training, TrainingRefused
from tutor.web.app import FORM, FRONT, current_session, end_session, ensure_session, render, replace_session
from tutor.web.render import lesson_html, markdown_html

CHECK_MARK, CROSS_MARK = "\u2713", "\u2717"
SIGN_IN_ERROR = getattr(web, "RequestKey", lambda name, _type: name)("tutor_sign_in_error", str)


def add_routes(app: web.Application) -> None:
    """The learner's pages, on the application."""
    app.add_routes([
        web.get("/", home),
        web.post("/sign-in", sign_in),
        web.post("/sign-in/pin", sign_in_pin),
        web.post("/sign-in/enroll", sign_in_enroll),
        web.post("/sign-in/restart", sign_in_restart),
        web.post("/sign-out", sign_out),
        web.get("/continue", continue_training),
        web.get("/lesson/{lesson}/{step:\\d+}", lesson_step),
        web.post("/lesson/{lesson}/{step:\\d+}", lesson_check),
        web.get("/quiz/{topic}", quiz_intro),
        web.post("/quiz/{topic}", quiz_start),
        web.get("/test-out", testout_intro),
        web.post("/test-out", testout_start),
        web.get("/attempt/{attempt}/result", attempt_result),
        web.get("/attempt/{attempt}/{position:\\d+}", attempt_question),
        web.post("/attempt/{attempt}/{position:\\d+}", attempt_answer),
        web.get("/ask", ask_page),
        web.post("/ask", ask_answer),
        web.get("/policy", policy_reader),
        web.get("/sign", sign_page),
        web.post("/sign", sign_check),
        web.post("/sign/confirm", sign_confirm),
        web.get("/receipt", receipt),
        web.get("/receipt/acknowledgment.html", receipt_download),
    ])


def redirect(location: str) -> web.HTTPSeeOther:
    """After a form, the browser fetches the next page with GET (reloading it never posts twice)."""
    return web.HTTPSeeOther(location)


def learner(request: web.Request) -> Training:
    """The signed-in learner's training, or back to the sign-in page."""
    _trusted_sign_in(request)
    session = current_session(request)
    if session is None or session.training is None:
        raise redirect("/")
    return session.training


def _trusted_sign_in(request: web.Request) -> None:
    """Behind an authenticating proxy (the trusted user header is configured): the header names the learner."""
    front = request.app[FRONT]
    header_name = front.settings.trusted_header() if front.settings.trusted_header else None
    if not header_name:
        return
    from tutor.serve.trusted import employee_id_from_headers

    values = request.headers.getall(header_name, [])
    employee_id = employee_id_from_headers(values) if values else None
    session = current_session(request)
    if employee_id is None:
        if session is not None and session.signed is not None and session.signed.identity == "trusted-header":
            end_session(request)  # the proxy no longer vouches for anyone on this request
        return
    if session is not None and session.signed is not None and session.signed.person.employee_id == employee_id:
        return
    try:
        signed = front.sign_in.trusted(employee_id)
    except SignInRefused as exc:
        request[SIGN_IN_ERROR] = str(exc)
        return
    _start(request, signed)


def _start(request: web.Request, signed) -> None:
    front = request.app[FRONT]
    session = replace_session(request)
    session.signed = signed
    session.training = Training(front.records, front.content, signed.person, signed.district, signed.identity,
                                front.clock, front.session_rng())
    session.training.sign_in()


# Sign-in ------------------------------------------------------------------------------------------------
def _sign_in_page(request: web.Request, *, errors: dict | None = None, values: dict | None = None,
                  stage: str = "id", status: int = 200) -> web.Response:
    front = request.app[FRONT]
    service = front.sign_in
    session = ensure_session(request)
    districts = sorted(front.content.districts.values(), key=lambda d: d.name)
    errors = dict(errors or {})
    if request.get(SIGN_IN_ERROR):
        errors.setdefault("form", request[SIGN_IN_ERROR])
    return render(request, "sign_in.html", {
        "page_title": "Sign in",
        "roster": service.roster_mode,
        "choose_district": service.learner_chooses_district(),
        "districts": districts,
        "stage": stage,
        "pending_id": session.pending_employee_id or "",
        "errors": errors,
        "values": values or {},
    }, status=status)


async def home(request: web.Request) -> web.Response:
    """`/`: the sign-in form (at its stage), or the signed-in learner's home page."""
    _trusted_sign_in(request)
    session = current_session(request)
    if session is None or session.training is None:
        stage = "id"
        if session is not None and session.pending_employee_id:
            stage = "enroll" if request.app[FRONT].sign_in.needs_enrollment(session.pending_employee_id) else "pin"
        return _sign_in_page(request, stage=stage)
    training = session.training
    progress = training.progress()
    status = training.status(progress)
    step = training.next_step(progress)
    lessons = []
    for row in lesson_rows(progress, training.district.id, certified=status.state == st.CERTIFIED):
        topic = progress.topics[row.lesson.topic]
        resume_at = 1 if topic.lesson_done else max(topic.step_reached, 0) + 1
        lessons.append({
            "title": row.lesson.title, "seen": row.seen, "steps": row.steps, "state": row.state,
            "minutes": row.minutes, "score": f"{row.score:.0%}" if row.score is not None else "",
            "url": f"/lesson/{quote(row.lesson.id)}/{resume_at}",
        })
    first_lesson = None
    if step.kind == path.TESTOUT and progress.required:
        first_lesson = f"/lesson/{quote(progress.topics[progress.required[0]].lesson.id)}/1"
    return render(request, "home.html", {
        "page_title": "Your training",
        "person": training.person,
        "district": training.district,
        "status": status,
        "next": step,
        "kinds": path,
        "lessons": lessons,
        "first_lesson": first_lesson,
        "quiz_open": progress.open_attempt is not None,
        "preview": training.preview,
    })


async def sign_in(request: web.Request) -> web.StreamResponse:
    """The sign-in form: ID, name and district without a roster; with one, the ID (then PIN or code)."""
    front = request.app[FRONT]
    form = request[FORM]
    service = front.sign_in
    employee_id = (form.get("employee_id") or "").strip()
    if service.roster_mode:
        if not employee_id:
            return _sign_in_page(request, errors={"employee_id": "Type your employee ID."}, status=400)
        ensure_session(request).pending_employee_id = employee_id
        raise redirect("/")
    name = form.get("full_name") or ""
    district = form.get("district") or None
    errors = {}
    if not employee_id:
        errors["employee_id"] = "Type your employee ID."
    if not name.strip():
        errors["full_name"] = "Type your full name, as on your HR record."
    if service.learner_chooses_district() and not district:
        errors["district"] = "Choose your district."
    values = {"employee_id": employee_id, "full_name": name, "district": district or ""}
    if errors:
        return _sign_in_page(request, errors=errors, values=values, status=400)
    try:
        signed = service.self_asserted(employee_id, name, district)
    except SignInRefused as exc:
        return _sign_in_page(request, errors={"form": str(exc)}, values=values, status=400)
    _start(request, signed)
    raise redirect("/")


async def sign_in_pin(request: web.Request) -> web.StreamResponse:
    """Roster sign-in, second step for an enrolled learner: the PIN."""
    front = request.app[FRONT]
    session = ensure_session(request)
    if not session.pending_employee_id:
        raise redirect("/")
    pin = request[FORM].get("pin") or ""
    if not pin:
        return _sign_in_page(request, errors={"pin": "Type your PIN."}, stage="pin", status=400)
    try:
        signed = front.sign_in.with_pin(session.pending_employee_id, pin)
    except SignInRefused as exc:
        return _sign_in_page(request, errors={"pin": str(exc)}, stage="pin", status=400)
    _start(request, signed)
    raise redirect("/")


async def sign_in_enroll(request: web.Request) -> web.StreamResponse:
    """Roster sign-in, first time: the enrollment code from the trainer and a new PIN, twice."""
    front = request.app[FRONT]
    session = ensure_session(request)
    if not session.pending_employee_id:
        raise redirect("/")
    form = request[FORM]
    code, pin, again = (form.get(k) or "" for k in ("code", "new_pin", "new_pin_again"))
    errors = {}
    if not code.strip():
        errors["code"] = "Type the enrollment code from your trainer."
    if not pin:
        errors["new_pin"] = "Choose a PIN of 4 to 12 digits."
    if pin and pin != again:
        errors["new_pin_again"] = "The two PINs differ. Type the same PIN twice."
    if errors:
        return _sign_in_page(request, errors=errors, values={"code": code}, stage="enroll", status=400)
    try:
        signed = front.sign_in.enroll(session.pending_employee_id, code, pin, again)
    except SignInRefused as exc:
        field = "new_pin" if "PIN" in str(exc) and "code" not in str(exc) else "code"
        return _sign_in_page(request, errors={field: str(exc)}, values={"code": code}, stage="enroll", status=400)
    _start(request, signed)
    raise redirect("/")


async def sign_in_restart(request: web.Request) -> web.StreamResponse:
    """Back to the employee ID (someone else at this computer)."""
    ensure_session(request).pending_employee_id = None
    raise redirect("/")


async def sign_out(request: web.Request) -> web.StreamResponse:
    """End the session; progress is in the records already."""
    end_session(request)
    session = ensure_session(request)
    session.note("You are signed out. Your progress is saved.")
    raise redirect("/")


# Where to go next -----------------------------------------------------------------------------------------
def step_url(step: path.NextStep) -> str:
    """The page for the path's next step."""
    if step.kind == path.LESSON:
        return f"/lesson/{quote(step.lesson_id)}/{step.step + 1}"
    if step.kind == path.QUIZ:
        return f"/quiz/{quote(step.topic)}"
    if step.kind == path.RESUME:
        return f"/attempt/{step.attempt.id}/{step.attempt.next_position + 1}"
    if step.kind == path.TESTOUT:
        return "/test-out"
    if step.kind == path.SIGN:
        return "/sign"
    return "/"


async def continue_training(request: web.Request) -> web.StreamResponse:
    """`/continue`: wherever the training path says to go next (a quiz left open comes first)."""
    training = learner(request)
    step = training.next_step()
    if step.kind == path.DONE:
        current_session(request).note("You are certified; nothing is due.")
    raise redirect(step_url(step))


def refused(request: web.Request, message: str, status: int = 409) -> web.Response:
    """A page saying why the training does not allow this now, with a way home."""
    return render(request, "refused.html", {"page_title": "Not now", "message": message}, status=status)


# Lessons ------------------------------------------------------------------------------------------------
def _lesson_and_step(request: web.Request, training: Training):
    lesson = training.content.lessons.get(request.match_info["lesson"])
    if lesson is None or not lesson.applies_to(training.district.id):
        raise web.HTTPNotFound(text="There is no such lesson for your district.")
    steps = lesson.steps_for(training.district.id)
    number = int(request.match_info["step"])
    if not 1 <= number <= len(steps):
        raise web.HTTPNotFound(text="That lesson has no such step.")
    return lesson, steps, number


def _render_step(request: web.Request, training: Training, lesson, steps, number: int, *,
                 chosen: frozenset[str] = frozenset(), error: str = "", status: int = 200,
                 progress=None) -> web.Response:
    step = steps[number - 1]
    check = step.check
    feedback = None
    if check is not None and chosen:
        feedback = _feedback(training, check, chosen, chosen == check.answer, check.sources)
    last = number == len(steps)
    topic = (progress or training.progress()).topics.get(lesson.topic) if last else None
    return render(request, "lesson_step.html", {
        "page_title": f"Step {number} of {len(steps)}: {step.title} \u2013 {lesson.title}",
        "lesson": lesson,
        "step": step,
        "number": number,
        "total": len(steps),
        "body": lesson_html(training.content, step.body, training.district.id) if step.body.strip() else "",
        "check": _question_view(check, tuple(c.id for c in check.choices), chosen) if check else None,
        "feedback": feedback,
        "error": error,
        "next_url": f"/lesson/{quote(lesson.id)}/{number + 1}" if not last else None,
        "quiz_url": f"/quiz/{quote(lesson.topic)}" if last and topic is not None and not topic.passed else None,
        "back": request.path,
    }, status=status)


async def lesson_step(request: web.Request) -> web.StreamResponse:
    """One lesson step; reaching it is saved (reaching the last step completes the lesson)."""
    training = learner(request)
    lesson, steps, number = _lesson_and_step(request, training)
    progress = training.progress()
    if progress.open_attempt is not None:
        current_session(request).note("Finish the quiz you started first.")
        raise redirect(step_url(training.next_step(progress)))
    topic = progress.topics.get(lesson.topic)
    reachable = len(steps) if topic is None or topic.lesson_done else topic.step_reached + 2
    if number > reachable:
        # Steps come in order: a later step's address opens the first one not yet read.
        raise redirect(f"/lesson/{quote(lesson.id)}/{max(1, reachable)}")
    try:
        training.view_step(lesson.id, number - 1)
    except TrainingRefused as exc:
        return refused(request, str(exc))
    # Viewing the last step completes the lesson, so only then is the progress read afresh.
    return _render_step(request, training, lesson, steps, number,
                        progress=None if number == len(steps) else progress)


async def lesson_check(request: web.Request) -> web.StreamResponse:
    """A check-yourself answer: feedback on the same page; nothing is recorded (it is not graded)."""
    training = learner(request)
    lesson, steps, number = _lesson_and_step(request, training)
    check = steps[number - 1].check
    if check is None:
        raise redirect(request.path)
    chosen = frozenset(request[FORM].getall("choice", [])) & {c.id for c in check.choices}
    if not chosen:
        return _render_step(request, training, lesson, steps, number, status=400,
                            error="Choose an answer, then press Check my answer.")
    if check.type != "multiple" and len(chosen) != 1:
        return _render_step(request, training, lesson, steps, number, status=400, error="Choose one answer.")
    return _render_step(request, training, lesson, steps, number, chosen=chosen)


# Questions and feedback ---------------------------------------------------------------------------------
def _question_view(question: Question, order: tuple[str, ...], chosen: frozenset[str] = frozenset()) -> dict:
    return {
        "prompt": question.prompt,
        "multiple": question.type == "multiple",
        "choices": [{"id": cid, "text": question.choice(cid).text, "checked": cid in chosen} for cid in order],
    }


def _feedback(training: Training, question: Question, chosen: frozenset[str], correct: bool, citations) -> dict:
    """Right or wrong in words, the right answer, the explanation, the source and the Why? passage."""
    own = training.own_citations(citations)
    content = training.content
    why = _why(content, question, own[0]) if own else None
    return {
        "correct": correct,
        "mark": CHECK_MARK if correct else CROSS_MARK,
        "verdict": "Correct." if correct else "Not quite.",
        "right": "; ".join(c.text for c in question.choices if c.id in question.answer),
        "chosen": "; ".join(c.text for c in question.choices if c.id in chosen),
        "explanation": question.explanation,
        "source": cite_label(content, own[0]) if own else "",
        "why": why,
    }


_WHY: dict[tuple[int, str, str], str | None] = {}


def _why(content, question: Question, citation: Citation) -> str | None:
    """The quoted passage behind "Why?" (the same for every learner: kept once found)."""
    key = (id(content), question.id, citation.ref)
    if key not in _WHY:
        section = content.section(citation)
        if len(_WHY) > 8192:
            _WHY.clear()
        _WHY[key] = best_passage(section, question.explanation + " " + question.prompt) if section else None
    return _WHY[key]


# Quizzes and the test-out -------------------------------------------------------------------------------
def _topic(training: Training, topic_id: str):
    topic = training.progress().topics.get(topic_id)
    if topic is None:
        raise web.HTTPNotFound(text="There is no such quiz for your district.")
    return topic


async def quiz_intro(request: web.Request) -> web.StreamResponse:
    """What the quiz is (length, pass mark, closed-book) and a Start button."""
    training = learner(request)
    progress = training.progress()
    if progress.open_attempt is not None:
        raise redirect(step_url(training.next_step(progress)))
    topic = _topic(training, request.match_info["topic"])
    from tutor.domain.quiz import DEFAULT_QUIZ_LENGTH

    return render(request, "quiz_intro.html", {
        "page_title": f"Quiz: {topic.lesson.title}",
        "title": f"Quiz: {topic.lesson.title}",
        "topic": topic,
        "length": min(DEFAULT_QUIZ_LENGTH, len(training.content.questions_for(training.district.id, topic.topic))),
        "pass_mark": training.district.pass_mark,
        "lesson_url": f"/lesson/{quote(topic.lesson.id)}/1",
        "action": request.path,
    })


async def quiz_start(request: web.Request) -> web.StreamResponse:
    """Draw a fresh quiz for the topic and open its first question."""
    training = learner(request)
    topic = _topic(training, request.match_info["topic"])
    try:
        attempt = training.start_quiz(topic.topic)
    except TrainingRefused as exc:
        return refused(request, str(exc))
    raise redirect(f"/attempt/{attempt.id}/1")


async def testout_intro(request: web.Request) -> web.StreamResponse:
    """What the test-out is, for returning staff once per renewal cycle, and a Start button."""
    training = learner(request)
    progress = training.progress()
    if progress.open_attempt is not None:
        raise redirect(step_url(training.next_step(progress)))
    if not training.testout_offered(progress):
        return refused(request, "The test-out is for returning staff, once per renewal cycle, before starting "
                                "the lessons.")
    from tutor.domain.quiz import TESTOUT_PER_TOPIC

    return render(request, "testout_intro.html", {
        "page_title": "Test-out",
        "topics": [progress.topics[t].lesson.title for t in progress.required],
        "per_topic": TESTOUT_PER_TOPIC,
        "pass_mark": training.district.pass_mark,
        "first_lesson": f"/lesson/{quote(progress.topics[progress.required[0]].lesson.id)}/1",
    })


async def testout_start(request: web.Request) -> web.StreamResponse:
    """Draw the test-out and open its first question."""
    training = learner(request)
    try:
        attempt = training.start_testout()
    except TrainingRefused as exc:
        return refused(request, str(exc))
    raise redirect(f"/attempt/{attempt.id}/1")


def _attempt(training: Training, attempt_id: str, progress=None):
    """The attempt by id, and the progress it was read from (one read of the learner's events, not two)."""
    progress = progress or training.progress()
    attempt = next((a for a in progress.attempts if a.id == attempt_id), None)
    if attempt is None:
        raise web.HTTPNotFound(text="There is no such quiz.")
    return attempt, progress


def _attempt_title(attempt, progress) -> str:
    if attempt.kind == "testout":
        return "Test-out"
    topic = progress.topics.get(attempt.topics[0])
    return f"Quiz: {topic.lesson.title}" if topic else "Quiz"


def _render_question(request: web.Request, training: Training, attempt, progress, position: int, *,
                     error: str = "", status: int = 200) -> web.Response:
    drawn = attempt.questions[position]
    try:
        question = training.question(drawn.id)
    except TrainingRefused as exc:
        return refused(request, str(exc))
    answered = attempt.answers.get(position)
    feedback = None
    chosen = frozenset()
    if answered is not None:
        chosen = frozenset(answered.chosen)
        feedback = _feedback(training, question, chosen, answered.correct, question.sources)
    total = len(attempt.questions)
    title = _attempt_title(attempt, progress)
    last = position + 1 == total
    return render(request, "question.html", {
        "page_title": f"Question {position + 1} of {total} \u2013 {title}",
        "title": title,
        "attempt": attempt,
        "position": position,
        "number": position + 1,
        "total": total,
        "question": _question_view(question, drawn.choices, chosen),
        "answered": answered is not None,
        "feedback": feedback,
        "error": error,
        "next_url": (f"/attempt/{attempt.id}/result" if last else f"/attempt/{attempt.id}/{position + 2}")
        if answered is not None else None,
        "next_label": "See my result" if last else "Next question",
    }, status=status)


async def attempt_question(request: web.Request) -> web.StreamResponse:
    """A question: its form if unanswered, its feedback once answered (never one further on)."""
    training = learner(request)
    attempt, progress = _attempt(training, request.match_info["attempt"])
    position = int(request.match_info["position"]) - 1
    if not 0 <= position < len(attempt.questions):
        raise web.HTTPNotFound(text="That quiz has no such question.")
    if position > attempt.next_position:
        # No peeking ahead: a later question opens only after the current one is answered.
        raise redirect(f"/attempt/{attempt.id}/{attempt.next_position + 1}")
    return _render_question(request, training, attempt, progress, position)


async def attempt_answer(request: web.Request) -> web.StreamResponse:
    """Record one answer. The form names its attempt and position: a second press, a reload or an old tab
    can only ever answer the question it showed, and a repeat is reported, never applied to the next one."""
    training = learner(request)
    attempt, progress = _attempt(training, request.match_info["attempt"])
    position = int(request.match_info["position"]) - 1
    form = request[FORM]
    if form.get("attempt") != attempt.id or form.get("position") != str(position + 1):
        raise web.HTTPBadRequest(text="This answer form does not match its question. Reload the page.")
    if not 0 <= position < len(attempt.questions):
        raise web.HTTPNotFound(text="That quiz has no such question.")
    if position in attempt.answers:
        current_session(request).note(f"Your first answer to question {position + 1} was already recorded; "
                                      "the second was not.")
        raise redirect(f"/attempt/{attempt.id}/{position + 1}#feedback")
    chosen = frozenset(form.getall("choice", []))
    question = training.question(attempt.questions[position].id)
    if not chosen:
        return _render_question(request, training, attempt, progress, position, status=400,
                                error="Choose an answer, then press Submit my answer.")
    if question.type != "multiple" and len(chosen) != 1:
        return _render_question(request, training, attempt, progress, position, status=400,
                                error="Choose one answer.")
    try:
        training.answer(attempt.id, position, chosen)
    except TrainingRefused as exc:
        attempt, progress = _attempt(training, attempt.id)
        if position in attempt.answers:  # another tab answered it a moment ago
            raise redirect(f"/attempt/{attempt.id}/{position + 1}#feedback") from None
        return _render_question(request, training, attempt, progress, position, status=409,
                                error=str(exc).capitalize())
    raise redirect(f"/attempt/{attempt.id}/{position + 1}#feedback")


async def attempt_result(request: web.Request) -> web.StreamResponse:
    """The result of a finished quiz or test-out, and what to do next."""
    training = learner(request)
    attempt, progress = _attempt(training, request.match_info["attempt"])
    if attempt.is_open:
        raise redirect(f"/attempt/{attempt.id}/{attempt.next_position + 1}")
    result = training.result(attempt.id, progress)
    review = [cite_label(training.content, Citation.parse(ref)) for ref in result.review]
    topics = []
    if result.kind == "testout":
        for topic_id, r in result.topic_results.items():
            topic = progress.topics.get(topic_id)
            topics.append({"title": topic.lesson.title if topic else topic_id, **r})
    topic_id = attempt.topics[0]
    topic = progress.topics.get(topic_id)
    return render(request, "result.html", {
        "page_title": f"Result \u2013 {_attempt_title(attempt, progress)}",
        "title": _attempt_title(attempt, progress),
        "result": result,
        "topics": topics,
        "review": review,
        "retake_url": f"/quiz/{quote(topic_id)}" if result.kind == "quiz" and not result.passed and topic else None,
        "lesson_url": f"/lesson/{quote(topic.lesson.id)}/1" if topic else None,
    })


# Ask the policy -----------------------------------------------------------------------------------------
def _local_path(value: str | None) -> str:
    """Only a path on this site (never //elsewhere or a full URL): where "back" may lead."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


async def ask_page(request: web.Request) -> web.StreamResponse:
    """The ask-the-policy form (or, during a quiz, why it must wait)."""
    training = learner(request)
    return _render_ask(request, training, back=_local_path(request.query.get("back")))


def _render_ask(request, training, *, back: str, question: str = "", answer=None, error: str = "",
                status: int = 200) -> web.Response:
    closed_book = training.progress().open_attempt is not None
    return render(request, "ask.html", {
        "page_title": "Ask a question about the policy",
        "back": back,
        "question": question,
        "answer": answer,
        "error": error,
        "closed_book": closed_book,
    }, status=status)


async def ask_answer(request: web.Request) -> web.StreamResponse:
    """An answer quoted and cited from the learner's district's policy, or whom to ask."""
    training = learner(request)
    form = request[FORM]
    back = _local_path(form.get("back"))
    text = (form.get("question") or "").strip()
    if training.progress().open_attempt is not None:
        return _render_ask(request, training, back=back, status=409)
    if not text:
        return _render_ask(request, training, back=back, error="Type your question, then press Ask.", status=400)
    if len(text) > 500:
        return _render_ask(request, training, back=back, question=text[:500], status=400,
                           error="Keep the question under 500 characters.")
    reply = request.app[FRONT].answerer.answer(text, district=training.district.id)
    answer = {"abstained": reply.abstained, "text": reply.text, "contact": reply.contact, "quote": None, "cite": ""}
    if not reply.abstained and reply.citations:
        cited = reply.citations[0]
        answer["quote"] = cited.quote
        answer["cite"] = cite_label(training.content, Citation(cited.district, cited.section))
    return _render_ask(request, training, back=back, question=text, answer=answer)


# The policy reader --------------------------------------------------------------------------------------
async def policy_reader(request: web.Request) -> web.StreamResponse:
    """`/policy`: the district's full policy, section by section."""
    training = learner(request)
    from tutor.service.policy_reader import policy_sections

    text = policy_sections(training.content, training.district.id)
    if text is None:
        return refused(request, "Your district's policy text is not in the training content. Ask your trainer.",
                       status=404)
    training.open_policy()  # the records show the learner opened the full text (once a cycle)
    return render(request, "policy.html", {"page_title": f"{text.title} \u2013 {text.district_name}",
                                           "policy": text})


# Sign-off -----------------------------------------------------------------------------------------------
def _render_sign(request, training: Training, *, error: str = "", typed: str = "", status: int = 200):
    allowed = training.next_step().kind == path.SIGN
    front = request.app[FRONT]
    drafted = training.district.acknowledgment.drafted and not front.records.settings.get(
        f"acknowledgment.{training.district.id}")
    return render(request, "sign.html", {
        "page_title": "Sign the acknowledgment",
        "allowed": allowed,
        "district": training.district,
        "paragraphs": [p for p in training.ack_text.strip().split("\n\n") if p.strip()],
        "drafted": drafted,
        "preview": training.preview,
        "person": training.person,
        "error": error,
        "typed": typed,
    }, status=status)


async def sign_page(request: web.Request) -> web.StreamResponse:
    """The acknowledgment text and the name field, once every required quiz is passed."""
    return _render_sign(request, learner(request))


async def sign_check(request: web.Request) -> web.StreamResponse:
    """The typed name first; then a confirm page, the deliberate second step before anything is written."""
    training = learner(request)
    typed = request[FORM].get("full_name") or ""
    if training.next_step().kind != path.SIGN:
        return _render_sign(request, training, status=409)
    if not names_match(typed, training.person.name):
        return _render_sign(request, training, typed=typed, status=400,
                            error=f"Type your name as it is on your record: {training.person.name}")
    return render(request, "sign_confirm.html", {"page_title": "Confirm your signature",
                                                 "typed": " ".join(typed.split())})


async def sign_confirm(request: web.Request) -> web.StreamResponse:
    """Record the signature (only with the confirm button), then show the receipt."""
    training = learner(request)
    form = request[FORM]
    typed = form.get("full_name") or ""
    if form.get("confirm") != "yes":
        current_session(request).note("Not signed. Nothing was recorded.")
        raise redirect("/sign")
    try:
        training.sign(typed, confirmed=True)
    except TrainingRefused as exc:
        return _render_sign(request, training, typed=typed, error=str(exc).capitalize(), status=409)
    raise redirect("/receipt")


async def receipt(request: web.Request) -> web.StreamResponse:
    """The latest acknowledgment's receipt: record id, date, validity, scores and hash."""
    training = learner(request)
    ack = training.progress().latest_acknowledgment
    if ack is None:
        return refused(request, "You have not signed the acknowledgment yet.", status=404)
    scores = []
    for topic_id, score in ack.scores.items():
        topic = training.progress().topics.get(topic_id)
        scores.append({"title": topic.lesson.title if topic else topic_id,
                       "score": "" if score is None else f"{score:.0%}"})
    return render(request, "receipt.html", {
        "page_title": "Your receipt",
        "ack": ack,
        "signed_at": f"{ack.signed_at[:10]} {ack.signed_at[11:19]} UTC",
        "valid_until": ack.valid_until[:10],
        "scores": scores,
        "district": training.district,
    })


async def receipt_download(request: web.Request) -> web.StreamResponse:
    """The printable acknowledgment record (the one `tutor certificate` writes), saved by the browser."""
    training = learner(request)
    front = request.app[FRONT]
    from tutor.service.certificate import CertificateUnavailable, certificate_data, render_html

    try:
        data = certificate_data(front.records, front.content, training.person.employee_id, front.clock)
    except CertificateUnavailable as exc:
        return refused(request, str(exc), status=404)
    safe_id = re.sub(r"[^A-Za-z0-9._-]", "_", training.person.employee_id)
    name = f"acknowledgment-{safe_id}.html"
    return web.Response(
        text=render_html(data), content_type="text/html", charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"',
                 "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
    )


__all__ = ["add_routes", "markdown_html"]
