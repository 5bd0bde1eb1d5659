"""Is every record backed by what it claims? A replay of the whole log under the approved rules.

The hash chain proves events were not changed after they were written; it cannot prove that an
event should have been written. Someone with the database and the package's own event-log API
can append a well-chained acknowledgment for a learner who never passed. This check replays the
log and asks of every record what the app would have asked before writing it:

- an approval carries whole rules whose digest matches;
- an attempt cites approved rules, uses their pass mark, and draws the right number of questions
  from their bank for its topics;
- an answer belongs to an open attempt, at the next position, to the question drawn there, from
  the choices shown, and is marked right exactly when the approved answer key says so;
- a finished attempt counts its answers, scores and passes them as its rules say;
- an acknowledgment cites approved rules and is backed by a passed quiz or test-out topic for
  every required topic in the learner's current cycle, and expires when the rules say;
- a correction (a voided record) was made with the trainer passphrase and names a finished
  attempt, an acknowledgment or a lesson completion of that learner, not voided before. From then
  on the record backs nothing: a voided pass backs no later acknowledgment, and a voided
  acknowledgment no longer ends the cycle, so the passes it spent count again.

Each problem names the event. Events written before rules were recorded (no `rules` field)
are checked only for what they carry themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Iterable

from tutor.domain import corrections
from tutor.domain import events as ev
from tutor.domain import payloads as pl
from tutor.domain import quiz
from tutor.domain.clock import iso, parse_iso
from tutor.domain.events import Event
from tutor.domain.quiz import DrawnQuestion
from tutor.domain.rules import Rules
from tutor.domain.status import valid_until


@dataclass
class _Attempt:
    event: Event
    kind: str
    learner: str | None
    topics: list[str]
    questions: list[DrawnQuestion]
    pass_mark: float
    policy_version: str
    rules: Rules | None
    legacy: bool = False  # started before these records approved any rules
    answers: dict[int, bool] = field(default_factory=dict)
    finished: Event | None = None


@dataclass
class _Learner:
    # topic -> (attempt id, finished event, policy version, under approved or pre-approval rules)
    passes: dict[str, list[tuple[str, Event, str, bool]]] = field(default_factory=dict)
    acknowledgments: dict[str, int] = field(default_factory=dict)  # ack id -> seq
    voided: set[str] = field(default_factory=set)
    history: list[Event] = field(default_factory=list)  # the learner's events so far

    @property
    def cycle_start(self) -> int:
        """The seq of the latest acknowledgment still standing."""
        return max((seq for ack, seq in self.acknowledgments.items() if ack not in self.voided), default=0)


def _name(event: Event) -> str:
    who = f", {event.learner}" if event.learner else ""
    return f"event {event.seq} ({event.type}{who})"


def check_backing(events: Iterable[Event]) -> list[str]:
    """Problems with what the log claims, one line per problem, each naming its event."""
    problems: list[str] = []
    approved: dict[tuple[str, str], Rules] = {}
    attempts: dict[str, _Attempt] = {}
    learners: dict[str, _Learner] = {}
    rules_seen = False

    for event in events:
        def say(text: str, event: Event = event) -> None:
            problems.append(f"{_name(event)}: {text}")

        if not isinstance(event.payload, dict):
            say("its payload is not an object")
            continue
        try:
            p = event.data
            if event.learner is not None and not isinstance(p, pl.RecordVoided):
                learners.setdefault(event.learner, _Learner()).history.append(event)
            if isinstance(p, pl.ContentApproved):
                approved_rules = Rules.from_payload(p.rules)
                if approved_rules.digest != p.rules_digest or approved_rules.district != p.district:
                    say("the approved rules do not match the digest or district it names")
                    continue
                if event.identity not in (ev.IDENTITY_TRAINER, ev.IDENTITY_INSTALLED):
                    say(f"an approval made as '{event.identity}', not by the trainer or the installed content")
                    continue
                approved.setdefault((approved_rules.district, approved_rules.digest), approved_rules)
                rules_seen = True

            elif isinstance(p, pl.AttemptStarted):
                digest = p.rules
                rules: Rules | None = approved.get((p.district, digest)) if digest else None
                if digest and rules is None:
                    say(f"the attempt cites rules {digest} that were not approved for {p.district} before it")
                elif digest is None and rules_seen:
                    say("the attempt cites no rules, although these records approve rules")
                started = _Attempt(event, p.kind, event.learner, list(p.topics), list(p.questions),
                                   p.pass_mark, p.policy_version, rules, legacy=digest is None and not rules_seen)
                if p.attempt in attempts:
                    say(f"attempt {p.attempt} was already started")
                    continue
                attempts[p.attempt] = started
                if rules is not None:
                    problems.extend(f"{_name(event)}: {text}" for text in _drawn_problems(started, rules))

            elif isinstance(p, pl.AnswerRecorded):
                answering = attempts.get(p.attempt)
                if answering is None or answering.learner != event.learner:
                    say(f"an answer to attempt {p.attempt}, which this learner never started")
                    continue
                if answering.finished is not None:
                    say(f"an answer to attempt {p.attempt} after it finished")
                    continue
                position = p.position
                if position != len(answering.answers) or position >= len(answering.questions):
                    say(f"an answer at position {position + 1}, not the next question of attempt {p.attempt}")
                    continue
                drawn = answering.questions[position]
                chosen = list(p.chosen)
                if p.question != drawn.id:
                    say(f"answers question {p.question}, but {drawn.id} was shown at position {position + 1}")
                elif not chosen or not set(chosen) <= set(drawn.choices):
                    say(f"chooses {chosen}, which are not among the choices shown")
                elif answering.rules is not None and p.correct != answering.rules.is_right(drawn.id, chosen):
                    say(f"is marked {'right' if p.correct else 'wrong'}, but the approved answer key says otherwise")
                answering.answers[position] = p.correct

            elif isinstance(p, pl.AttemptFinished):
                finishing = attempts.get(p.attempt)
                if finishing is None or finishing.learner != event.learner:
                    say(f"finishes attempt {p.attempt}, which this learner never started")
                    continue
                if finishing.finished is not None:
                    say(f"finishes attempt {p.attempt} a second time")
                    continue
                finishing.finished = event
                problems.extend(f"{_name(event)}: {text}" for text in _result_problems(finishing, p))
                learner = learners.setdefault(event.learner or "", _Learner())
                for topic in _topics_passed(finishing, p):
                    learner.passes.setdefault(topic, []).append(
                        (p.attempt, event, finishing.policy_version, finishing.rules is not None or finishing.legacy)
                    )

            elif isinstance(p, pl.Acknowledged):
                learner = learners.setdefault(event.learner or "", _Learner())
                problems.extend(f"{_name(event)}: {text}" for text in _ack_problems(event, p, approved, learner, rules_seen))
                learner.acknowledgments[p.ack_id] = event.seq

            elif isinstance(p, pl.RecordVoided):
                learner = learners.setdefault(event.learner or "", _Learner())
                problem = _void_problem(event, p, learner)
                if problem:
                    say(problem)
                else:
                    learner.voided.add(p.record)
                learner.history.append(event)
        except (KeyError, TypeError, ValueError) as exc:
            say(f"a field is missing or malformed ({exc.__class__.__name__}: {exc})")
    return problems


def _void_problem(event: Event, p: pl.RecordVoided, learner: _Learner) -> str | None:
    if event.identity != ev.IDENTITY_TRAINER:
        return f"a correction made as '{event.identity}', not with the trainer passphrase"
    problem = corrections.reason_problem(p.reason)
    if problem:
        return f"a correction whose reason is not acceptable ({problem})"
    kind, refusal = corrections.voidable(learner.history, p.record)
    if refusal:
        return f"a correction that cannot stand: {refusal}"
    if kind != p.kind:
        return f"a correction that calls {p.record} a {p.kind}, but it is a {corrections.kind_name(kind or '')}"
    return None


def _drawn_problems(attempt: _Attempt, rules: Rules) -> list[str]:
    out: list[str] = []
    if abs(attempt.pass_mark - rules.pass_mark) > 1e-9:
        out.append(f"pass mark {attempt.pass_mark:.0%}, but the approved rules say {rules.pass_mark:.0%}")
    if attempt.kind == "quiz":
        if len(attempt.topics) != 1:
            out.append("a quiz on more than one topic")
            return out
        wanted = {attempt.topics[0]: rules.quiz_size(attempt.topics[0])}
    elif attempt.kind == "testout":
        if sorted(attempt.topics) != sorted(rules.required):
            out.append("a test-out that does not cover exactly the required topics")
        wanted = {topic: rules.testout_size(topic) for topic in attempt.topics}
    else:
        return out + [f"an attempt of unknown kind '{attempt.kind}'"]
    counts: dict[str, int] = {}
    for drawn in attempt.questions:
        entry = rules.bank.get(drawn.id)
        if entry is None or entry["topic"] != drawn.topic or drawn.topic not in wanted:
            out.append(f"question {drawn.id} is not in the approved bank for its topic")
        counts[drawn.topic] = counts.get(drawn.topic, 0) + 1
    if len({d.id for d in attempt.questions}) != len(attempt.questions):
        out.append("the same question was drawn twice")
    for topic, size in wanted.items():
        if counts.get(topic, 0) != size:
            out.append(f"{counts.get(topic, 0)} question(s) on {topic}, but the approved rules draw {size}")
    return out


def _result_problems(attempt: _Attempt, p: pl.AttemptFinished) -> list[str]:
    out: list[str] = []
    total = len(attempt.questions)
    if len(attempt.answers) != total:
        out.append(f"finishes with {len(attempt.answers)} of {total} questions answered")
        return out
    correct = sum(attempt.answers.values())
    if p.correct != correct or p.total != total:
        out.append(f"claims {p.correct} of {p.total} right; its answers give {correct} of {total}")
    if abs(p.score - quiz.score(correct, total)) > 1e-6:
        out.append(f"claims a score of {p.score}; its answers give {quiz.score(correct, total)}")
    if p.passed != quiz.passes(correct, total, attempt.pass_mark):
        out.append(f"claims {'a pass' if p.passed else 'a fail'}; {correct} of {total} at "
                   f"{attempt.pass_mark:.0%} is {'a pass' if quiz.passes(correct, total, attempt.pass_mark) else 'a fail'}")
    for topic, result in p.topic_results.items():
        positions = [i for i, q in enumerate(attempt.questions) if q.topic == topic]
        c = sum(1 for i in positions if attempt.answers[i])
        if result.correct != c or result.total != len(positions) or result.passed != quiz.passes(
            c, len(positions), attempt.pass_mark
        ):
            out.append(f"its result for {topic} does not follow from its answers")
    return out


def _topics_passed(attempt: _Attempt, p: pl.AttemptFinished) -> list[str]:
    """The topics this finished attempt passes, judged from its answers, not from its claims."""
    if len(attempt.answers) != len(attempt.questions):
        return []
    if attempt.kind == "quiz":
        correct = sum(attempt.answers.values())
        return attempt.topics[:1] if quiz.passes(correct, len(attempt.questions), attempt.pass_mark) else []
    if attempt.kind == "testout":
        passed = []
        for topic in attempt.topics:
            positions = [i for i, q in enumerate(attempt.questions) if q.topic == topic]
            c = sum(1 for i in positions if attempt.answers[i])
            if positions and quiz.passes(c, len(positions), attempt.pass_mark):
                passed.append(topic)
        return passed
    return []


def _ack_problems(
    event: Event, p: pl.Acknowledged, approved: dict[tuple[str, str], Rules], learner: _Learner, rules_seen: bool
) -> list[str]:
    digest = p.rules
    if digest is None:
        return ["the acknowledgment cites no rules, although these records approve rules"] if rules_seen else []
    rules = approved.get((p.district, digest))
    if rules is None:
        return [f"the acknowledgment cites rules {digest} that were not approved for {p.district} before it"]
    out: list[str] = []
    signed = parse_iso(event.ts)
    oldest = signed - timedelta(days=rules.renewal_days)
    missing = []
    cycle_start = learner.cycle_start
    for topic in rules.required:
        backed = [
            e for attempt, e, version, counts in learner.passes.get(topic, [])
            if version == p.policy_version and counts and attempt not in learner.voided
            and parse_iso(e.ts) >= oldest and e.seq > cycle_start
        ]
        if not backed:
            missing.append(topic)
    if missing:
        out.append("no passed quiz or test-out backs the acknowledgment for " + ", ".join(missing))
    # The app computes the expiry a moment before the log stamps the event: allow that moment.
    expected = valid_until(signed, rules.renewal_days)
    if abs(parse_iso(p.valid_until) - expected) > timedelta(minutes=5):
        out.append(f"valid until {p.valid_until}, but the approved rules give {iso(expected)}")
    return out
