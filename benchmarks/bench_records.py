"""Performance evidence for tutor: prints a table of measures against their targets.

    python benchmarks/bench_records.py           # full run (10,000 staff; a few minutes)
    python benchmarks/bench_records.py --quick   # smaller run (1,000 staff; under a minute)

Measures (see benchmarks/README.md):
  a. answer commit latency, p50/p99, through Training.answer on a file database
  b. cold start to the sign-in screen, tutor vs a minimal Textual app started the same way
  c. peak memory (max RSS) of a headless run through sign-in to the home screen
  d. a generated district of 10,000 staff with three years of attempts: `tutor report --format
     csv` and `tutor export --format csv` against the sqlite3 shell's CSV dump of the same rows
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYCACHE = Path(tempfile.gettempdir()) / "tutor-bench-pycache"  # bytecode of measured processes
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass
class Row:
    measure: str
    value: str
    target: str
    ok: bool | None  # None: informational

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("pass" if self.ok else "FAIL")


# Environment ------------------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def environment(started: datetime, load_before: str) -> list[tuple[str, str]]:
    import textual

    return [
        ("date", started.strftime("%Y-%m-%d %H:%M UTC")),
        ("python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("cpu", cpu_model()),
        ("cores", str(os.cpu_count())),
        ("sqlite", sqlite3.sqlite_version),
        ("textual", textual.__version__),
        ("platform", platform.platform()),
        ("load avg", f"{load_before} before, {load_average()} after (1/5/15 min; other load skews the ratios)"),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


# Content ------------------------------------------------------------------------------------------
REQUIRED = ("prohibited-uses", "privacy", "passwords", "supervising-students", "copyright")
DISTRICTS = ("crec", "thomaston", "clinton", "ces", "stafford")


def write_minimal_content(root: Path) -> None:
    """The shipped policies and districts with one tiny lesson and five questions per required topic."""
    for folder in ("policies", "districts", "lessons", "quizzes"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for district in DISTRICTS:
        shutil.copy(REPO / "policies" / f"{district}.yaml", root / "policies")
        shutil.copy(REPO / "districts" / f"{district}.yaml", root / "districts")
    for order, topic in enumerate(REQUIRED):
        (root / "lessons" / f"{order:02d}-{topic}.md").write_text(
            f"---\nid: {topic}\ntitle: About {topic}\ntopic: {topic}\norder: {order * 10}\nrequired: true\n"
            "sources: [ces:network-security]\n---\n\n## Your account is yours\n\n"
            "Accounts are used only by their owner [ces:network-security].\n", encoding="utf-8")
        questions = "".join(
            f"  - id: {topic}-{n}\n    type: single\n    prompt: Question {n} about {topic}?\n"
            "    choices:\n      - id: lend\n        text: Lend it\n      - id: refuse\n        text: Refuse\n"
            "    answer: refuse\n    explanation: Accounts are only for their owner.\n"
            f"    sources: [ces:network-security]\n    districts: [{', '.join(DISTRICTS)}]\n"
            for n in range(5))
        (root / "quizzes" / f"{topic}.yaml").write_text(f"topic: {topic}\nquestions:\n{questions}", encoding="utf-8")


def content_dir(work: Path) -> tuple[Path, str]:
    """The shipped content when it validates, else a generated minimal tree."""
    from tutor.content.loader import default_content_dir, load_content

    shipped = default_content_dir()
    if not load_content(shipped).errors:
        return shipped, "shipped content"
    tree = work / "content"
    write_minimal_content(tree)
    return tree, "generated minimal content (the shipped content has errors right now)"


# a. Answer commit latency ----------------------------------------------------------------------------
def bench_answers(work: Path, answers: int) -> list[Row]:
    from tests.factories import make_content
    from tutor.domain import events as ev
    from tutor.domain.clock import SystemClock
    from tutor.service.training import Training
    from tutor.store.people import Person
    from tutor.store.records import Records

    content = make_content()
    clock = SystemClock()
    records = Records(work / "answers.db", clock)
    rng = random.Random(1)
    timings: list[float] = []
    learner = 0
    while len(timings) < answers:
        person = Person(f"A{learner:05d}", f"Learner {learner}", district="tst", on_roster=True)
        learner += 1
        records.people.upsert_many([person])
        training = Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, rng)
        for topic in ("alpha", "beta"):
            lesson = content.lessons[topic]
            for step in range(len(lesson.steps_for("tst"))):
                training.view_step(lesson.id, step)
            attempt = training.start_quiz(topic)
            for position, drawn in enumerate(attempt.questions):
                question = training.question(drawn.id)
                chosen = question.answer if rng.random() < 0.8 else {next(c for c in drawn.choices if c not in question.answer)}
                started = time.perf_counter()
                training.answer(attempt.id, position, chosen)
                timings.append((time.perf_counter() - started) * 1000)
    records.close()
    p50, p99 = percentile(timings, 50), percentile(timings, 99)
    return [
        Row(f"a. answer commit p50 ({len(timings)} answers, {learner} learners)", f"{p50:.2f} ms", "", None),
        Row("a. answer commit p99", f"{p99:.2f} ms", "< 5 ms", p99 < 5),
        Row("a. answer commit max", f"{max(timings):.2f} ms", "", None),
    ]


# b and c. Cold start and memory ------------------------------------------------------------------------
TUTOR_CHILD = textwrap.dedent("""
    import os, resource, sys, time
    mode, db, content_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    import tutor.cli.main  # the `tutor` command imports its CLI first
    from tutor.ui.app import make_app
    from tutor.ui.screens.sign_in import SignInScreen

    # As `tutor` itself starts: validated content (from the content cache when unchanged).
    app = make_app(db_path=db, content_dir=content_dir or None)

    async def auto_pilot(pilot):
        while not isinstance(pilot.app.screen, SignInScreen):
            await pilot.pause()
        await pilot.pause()
        ready = time.time()
        if mode == "memory":
            from textual.widgets import Input, Select
            from tutor.ui.screens.home import HomeScreen
            screen = pilot.app.screen
            screen.query_one("#employee-id", Input).value = "M-1"
            screen.query_one("#full-name", Input).value = "Morgan Lee"
            for select in screen.query("#district"):
                select.value = sorted(pilot.app.content.districts)[0]
            await pilot.click("#start")
            for _ in range(200):
                if isinstance(pilot.app.screen, HomeScreen):
                    break
                await pilot.pause()
            await pilot.pause()
            assert isinstance(pilot.app.screen, HomeScreen), type(pilot.app.screen).__name__
        os.write(int(os.environ["READY_FD"]), f"{ready} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n".encode())
        pilot.app.exit()

    app.run(headless=True, auto_pilot=auto_pilot)
""")

MINIMAL_CHILD = textwrap.dedent("""
    import os, resource, sys, time
    from textual.app import App
    from textual.widgets import Button, Footer, Header, Input, Label, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Acceptable Use Policy training")
            yield Label("Employee ID")
            yield Input()
            yield Button("Start")
            yield Footer()

    async def auto_pilot(pilot):
        await pilot.pause()
        await pilot.pause()
        os.write(int(os.environ["READY_FD"]), f"{time.time()} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n".encode())
        pilot.app.exit()

    Minimal().run(headless=True, auto_pilot=auto_pilot)
""")


def child_env(**extra: str) -> dict[str, str]:
    """The environment for measured processes: bytecode is cached, as after `pip install`.

    Some shells set PYTHONDONTWRITEBYTECODE, which would make every run recompile tutor's
    modules from source; the cache goes to a private folder so the checkout stays clean.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env | extra


def tutor_command() -> list[str]:
    """The installed `tutor` command beside this Python when there is one, else `python -m tutor`."""
    script = Path(sys.executable).with_name("tutor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tutor"]


def run_child(script: Path, args: list[str]) -> tuple[float, float]:
    """(seconds from spawning the process until its first screen was ready, max RSS in MB)."""
    read_fd, write_fd = os.pipe()
    env = child_env(PYTHONPATH=str(REPO), READY_FD=str(write_fd))
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, str(script), *args], cwd=REPO, env=env, pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as reader:
        line = reader.read().strip()
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or not line:
        raise RuntimeError(f"{script.name} failed ({proc.returncode}):\n{err.decode(errors='replace')[-3000:]}")
    ready, rss_kb = line.split()
    return float(ready) - started, int(rss_kb) / 1024


def bench_startup(work: Path, runs: int, content: Path) -> list[Row]:
    tutor_script = work / "tutor_child.py"
    minimal_script = work / "minimal_child.py"
    tutor_script.write_text(TUTOR_CHILD)
    minimal_script.write_text(MINIMAL_CHILD)
    db = work / "startup.db"
    from tutor.store.records import Records

    Records(db).close()  # an existing records database, as on every start after the first
    run_child(tutor_script, ["start", str(db), str(content)])  # warm the OS file cache and .pyc files
    run_child(minimal_script, [])
    tutor_times, minimal_times = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        tutor_times.append(run_child(tutor_script, ["start", str(db), str(content)])[0])
        minimal_times.append(run_child(minimal_script, [])[0])
    t, m = statistics.median(tutor_times), statistics.median(minimal_times)
    ratio = t / m
    memory = [run_child(tutor_script, ["memory", str(db), str(content)])[1] for _ in range(3)]
    minimal_rss = run_child(minimal_script, [])[1]
    return [
        Row(f"b. cold start to sign-in screen, tutor (median of {runs})", f"{t * 1000:.0f} ms", "", None),
        Row(f"b. cold start, minimal Textual app (median of {runs})", f"{m * 1000:.0f} ms", "", None),
        Row("b. cold start ratio tutor / minimal", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
        Row("c. max RSS, sign-in to home screen (max of 3)", f"{max(memory):.1f} MB", "< 80 MB", max(memory) < 80),
        Row("c. max RSS, minimal Textual app (for scale)", f"{minimal_rss:.1f} MB", "", None),
    ]


# d. A generated district ---------------------------------------------------------------------------
class QueueClock:
    """Hands out the timestamps the generator planned, one per event, in order."""

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.index = 0

    def plan(self, times: list[datetime]) -> None:
        self.times, self.index = times, 0

    def now(self) -> datetime:
        if self.index < len(self.times):
            moment = self.times[self.index]
            self.index += 1
            return moment
        return datetime.now(timezone.utc)


def generate_district(db: Path, content_root: Path, staff: int, seed: int = 7) -> dict:
    """`staff` people with up to three years of lessons, quizzes, test-outs and acknowledgments.

    Events go through EventLog.append_all in large batches, so the chain and the derived
    tables are the real ones; only the service layer's per-answer replay is skipped.
    """
    from tutor.content.loader import load_content
    from tutor.content.versions import content_revision, policy_version
    from tutor.domain import events as ev
    from tutor.domain.events import NewEvent
    from tutor.store.people import Person
    from tutor.store.records import Records

    rng = random.Random(seed)
    content = load_content(content_root)
    clock = QueueClock()
    records = Records(db, clock)
    now = datetime.now(timezone.utc)
    start = now - timedelta(days=3 * 365)
    districts = sorted(content.districts)
    versions = {d: policy_version(content, d, content.districts[d].acknowledgment.text) for d in districts}
    revisions = {d: content_revision(content, d) for d in districts}
    ack_texts = {d: content.districts[d].acknowledgment.text.strip() for d in districts}
    required = {d: list(dict.fromkeys(l.topic for l in content.lessons_for(d) if l.required)) for d in districts}
    pools = {(d, t): content.questions_for(d, t) for d in districts for t in required[d]}
    schools = [f"{name} School" for name in ("Lincoln", "Central", "Oak Hill", "Riverside", "Maple", "Harbor")]
    roles = ["teacher", "paraprofessional", "administrator", "clerk", "counselor", "custodian"]

    people = []
    for n in range(staff):
        years = rng.choices([3, 2, 1, 0], weights=[60, 20, 15, 5])[0]
        hire = (now - timedelta(days=years * 365 + rng.randint(0, 300))).date() if years else (now - timedelta(days=rng.randint(0, 40))).date()
        left = (now - timedelta(days=rng.randint(1, 200))).date() if years and rng.random() < 0.04 else None
        people.append((Person(
            employee_id=f"{100000 + n}", name=f"Staff Member {n:05d}", email=f"staff{n}@example.org",
            school=rng.choice(schools), role=rng.choice(roles), hire_date=hire, end_date=left,
            district=districts[n % len(districts)], on_roster=True,
        ), years))
    records.people.upsert_many([p for p, _ in people])

    def attempt_events(p: Person, kind: str, topics: list[str], per_topic: int, pass_it: bool) -> list[tuple[str, dict]]:
        attempt = str(uuid.UUID(int=rng.getrandbits(128)))
        drawn = []
        for topic in topics:
            pool = pools[(p.district, topic)]
            drawn += [(q, topic) for q in rng.sample(pool, min(per_topic, len(pool)))]
        out = [(ev.ATTEMPT_STARTED, {
            "attempt": attempt, "kind": kind, "district": p.district, "topics": topics,
            "lesson": topics[0] if kind == "quiz" else None,
            "questions": [{"id": q.id, "topic": t, "choices": [c.id for c in q.choices]} for q, t in drawn],
            "pass_mark": 0.8, "policy_version": versions[p.district], "content_revision": revisions[p.district],
        })]
        results = []
        for position, (q, topic) in enumerate(drawn):
            right = pass_it if rng.random() < 0.9 else rng.random() < 0.5
            chosen = sorted(q.answer) if right else [next(c.id for c in q.choices if c.id not in q.answer)]
            results.append((topic, right))
            out.append((ev.ANSWER_RECORDED, {"attempt": attempt, "position": position, "question": q.id,
                                             "chosen": chosen, "correct": right}))
        correct = sum(r for _, r in results)
        topic_results = {}
        for topic in topics:
            c = sum(r for t, r in results if t == topic)
            total = sum(1 for t, _ in results if t == topic)
            topic_results[topic] = {"correct": c, "total": total, "score": round(c / total, 4), "passed": c / total >= 0.8 - 1e-9}
        out.append((ev.ATTEMPT_FINISHED, {
            "attempt": attempt, "correct": correct, "total": len(drawn), "score": round(correct / len(drawn), 4),
            "passed": correct / len(drawn) >= 0.8 - 1e-9, "duration_s": round(rng.uniform(60, 400), 3),
            "topic_results": topic_results,
        }))
        return out

    def session(p: Person, first_year: bool, finish: bool) -> list[tuple[str, dict]]:
        out = [(ev.SIGNED_IN, {"district": p.district, "name": p.name})]
        topics = required[p.district]
        todo = list(topics)
        if not first_year:
            testout = attempt_events(p, "testout", topics, 4, rng.random() < 0.8)
            out += testout
            passed = {t for t, r in testout[-1][1]["topic_results"].items() if r["passed"]}
            todo = [t for t in topics if t not in passed]
        if not finish:
            todo = todo[: rng.randint(0, max(0, len(todo) - 1))]
        scores = {}
        for topic in todo:
            out.append((ev.LESSON_COMPLETED, {"lesson": topic}))
            for _ in range(4):
                events = attempt_events(p, "quiz", [topic], 5, rng.random() < 0.9)
                out += events
                scores[topic] = events[-1][1]["score"]
                if events[-1][1]["passed"]:
                    break
        if finish:
            out.append((ev.ACKNOWLEDGED, {
                "ack_id": str(uuid.UUID(int=rng.getrandbits(128))), "district": p.district, "name": p.name,
                "name_on_record": p.name, "text": ack_texts[p.district],
                "text_hash": hashlib.sha256(ack_texts[p.district].encode()).hexdigest(),
                "policy_version": versions[p.district], "content_revision": revisions[p.district],
                "valid_until": None, "scores": {t: scores.get(t, 1.0) for t in topics},
            }))
        return out

    total_events = 0
    batch: list[NewEvent] = []
    times: list[datetime] = []

    def flush() -> None:
        nonlocal total_events
        if batch:
            clock.plan(times)
            records.events.append_all(batch)
            total_events += len(batch)
            batch.clear()
            times.clear()

    for year in range(3):
        year_start = start + timedelta(days=365 * year)
        active = [(p, years) for p, years in people if years >= 3 - year]
        rng.shuffle(active)
        for rank, (p, years) in enumerate(active):
            first_year = years == 3 - year
            last_year = year == 2
            finish = not last_year or rng.random() < 0.8
            if last_year and rng.random() < 0.1:
                continue  # not back yet this cycle: expired or expiring
            at = year_start + timedelta(days=300 * rank / max(1, len(active)), minutes=rng.randint(0, 600))
            for type_, payload in session(p, first_year, finish):
                at += timedelta(seconds=rng.randint(5, 90))
                if type_ == ev.ACKNOWLEDGED:
                    payload["valid_until"] = (at + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
                batch.append(NewEvent(type_, p.employee_id, payload, ev.IDENTITY_PIN))
                times.append(at)
            if len(batch) >= 20_000:
                flush()
        flush()
    conn = records.db.conn
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("people", "events", "attempts", "answers", "acknowledgments")}
    records.close()
    return counts


REPORT_SQL = """
SELECT p.employee_id, p.name, p.email, p.school, p.role, p.district,
       a.score AS last_score, substr(a.finished_at, 1, 10) AS last_attempt,
       k.valid_until, substr(k.signed_at, 1, 10) AS signed
FROM people p
LEFT JOIN attempts a ON a.learner = p.employee_id
     AND a.finished_seq = (SELECT MAX(finished_seq) FROM attempts b WHERE b.learner = p.employee_id)
LEFT JOIN acknowledgments k ON k.learner = p.employee_id
     AND k.seq = (SELECT MAX(seq) FROM acknowledgments c WHERE c.learner = p.employee_id)
ORDER BY p.name, p.employee_id;
"""

EXPORT_SQL = """
SELECT a.attempt_id, a.learner, a.district, a.kind, a.topics, a.started_at, a.finished_at, a.total, a.correct,
       a.score, a.passed, a.duration_s, a.topic_results, a.content_revision, a.policy_version,
       a.started_seq, s.hash AS started_hash, s.identity, a.finished_seq, f.hash AS finished_hash,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district
FROM attempts a JOIN events s ON s.seq = a.started_seq LEFT JOIN events f ON f.seq = a.finished_seq
LEFT JOIN people p ON p.employee_id = a.learner ORDER BY a.started_at, a.started_seq;
SELECT k.ack_id, k.learner, k.district, k.name AS signed_name, k.signed_at, k.valid_until, k.text_hash,
       k.policy_version, k.content_revision, k.scores, k.seq, k.event_hash, e.identity,
       p.name AS person_name, p.email, p.school, p.role, p.district AS person_district
FROM acknowledgments k JOIN events e ON e.seq = k.seq LEFT JOIN people p ON p.employee_id = k.learner
ORDER BY k.signed_at, k.seq;
"""


def run_once(command: list[str], out: Path | None = None) -> float:
    """Wall-clock seconds of one run of a command as a fresh process."""
    started = time.perf_counter()
    if out is not None:
        with open(out, "wb") as handle:
            proc = subprocess.run(command, cwd=REPO, env=child_env(), stdout=handle, stderr=subprocess.PIPE)
    else:
        proc = subprocess.run(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{proc.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def timed(*commands: tuple[list[str], Path | None], runs: int = 3) -> list[float]:
    """Median seconds of each (command, stdout file) over `runs` warm runs.

    The commands take turns, so all of them see the same machine when its load drifts, and
    each timed run comes straight after an untimed run of the same command: every figure is
    a warm-cache figure. (Some virtual machines reclaim the page cache within seconds, so a
    command timed right after another one that read a different part of the disk would pay
    for reading its own files again, and the ratio would measure the disk, not the work.)
    """
    results: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for times, (command, out) in zip(results, commands):
            run_once(command, out)
            times.append(run_once(command, out))
    return [statistics.median(times) for times in results]


def bench_district(work: Path, staff: int, content: Path, runs: int) -> list[Row]:
    import importlib.util

    db = work / "district.db"
    started = time.perf_counter()
    counts = generate_district(db, content, staff)
    generated = time.perf_counter() - started
    size = db.stat().st_size / 1e6 + (db.with_name(db.name + "-wal").stat().st_size / 1e6 if db.with_name(db.name + "-wal").exists() else 0)
    rows = [Row(
        f"d. generated district: {counts['people']} staff, {counts['attempts']} attempts, {counts['answers']} answers, "
        f"{counts['acknowledgments']} acknowledgments, {counts['events']} events",
        f"{generated:.0f} s, {size:.0f} MB", "", None,
    )]
    sqlite = shutil.which("sqlite3")
    tutor = tutor_command()
    out_report, out_export, out_dump = work / "report.csv", work / "export.csv", work / "dump.csv"
    report_command = tutor + ["report", "--db", str(db), "--content", str(content), "--format", "csv", "--out", str(out_report), "--force"]
    if sqlite:
        report, dump = timed((report_command, None), ([sqlite, "-csv", "-header", str(db), REPORT_SQL], out_dump), runs=runs)
    else:
        [report] = timed((report_command, None), runs=runs)
    report_rows = sum(1 for _ in open(out_report, encoding="utf-8")) - 1
    if sqlite:
        ratio = report / dump
        rows += [
            Row(f"d. tutor report --format csv ({report_rows} rows)", f"{report * 1000:.0f} ms", "", None),
            Row("d. sqlite3 -csv dump, people + latest attempt + latest ack", f"{dump * 1000:.0f} ms", "", None),
            Row("d. report / sqlite3 dump", f"{ratio:.2f}x", "<= 3x", ratio <= 3),
        ]
    else:
        rows.append(Row(f"d. tutor report --format csv ({report_rows} rows)", f"{report * 1000:.0f} ms", "sqlite3 shell missing", None))
    if importlib.util.find_spec("tutor.cli.export") is not None:
        export_command = tutor + ["export", "--db", str(db), "--format", "csv", "--out", str(out_export), "--force"]
        if sqlite:
            export, dump = timed((export_command, None), ([sqlite, "-csv", "-header", str(db), EXPORT_SQL], out_dump), runs=runs)
        else:
            [export] = timed((export_command, None), runs=runs)
        export_rows = sum(1 for _ in open(out_export, encoding="utf-8", newline="")) - 1
        rows.append(Row(f"d. tutor export --format csv (~{export_rows} rows)", f"{export * 1000:.0f} ms", "", None))
        if sqlite:
            ratio = export / dump
            rows += [
                Row("d. sqlite3 -csv dump, attempts + acks JOIN events, people", f"{dump * 1000:.0f} ms", "", None),
                Row("d. export / sqlite3 dump", f"{ratio:.2f}x", "<= 3x", ratio <= 3),
            ]
    else:
        rows.append(Row("d. tutor export", "not present", "", None))
    # In-process, without interpreter start-up: where the report's time goes.
    from tutor.content.loader import load_valid_content
    from tutor.domain.clock import SystemClock
    from tutor.service.reports import status_report
    from tutor.store.records import Records

    loaded = load_valid_content(content)
    records = Records(db)
    started = time.perf_counter()
    status_report(records, loaded, SystemClock())
    in_process = time.perf_counter() - started
    records.close()
    rows.append(Row("d. status_report() in-process (no start-up, no CSV)", f"{in_process * 1000:.0f} ms", "", None))
    return rows


# The table ------------------------------------------------------------------------------------------
def print_table(env: list[tuple[str, str]], rows: list[Row]) -> None:
    for key, value in env:
        print(f"{key + ':':<10} {value}")
    print()
    headers = ("measure", "value", "target", "result")
    cells = [(r.measure, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("  ".join("-" * w for w in widths))
    for c in cells:
        print("  ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip())
    failed = [r for r in rows if r.ok is False]
    print()
    print(f"{sum(1 for r in rows if r.ok)} of {sum(1 for r in rows if r.ok is not None)} targets met"
          + (f"; missed: {', '.join(r.measure for r in failed)}" if failed else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller run: 1,000 staff, fewer repetitions")
    parser.add_argument("--staff", type=int, help="staff in the generated district (default 10,000; --quick 1,000)")
    parser.add_argument("--keep", metavar="DIR", help="keep the databases and CSV files in DIR")
    parser.add_argument("--only", choices=["a", "b", "c", "d"], action="append", help="run only these measures")
    args = parser.parse_args(argv)
    staff = args.staff or (1_000 if args.quick else 10_000)
    answers = 500 if args.quick else 2_000
    runs = 3 if args.quick else 5
    only = set(args.only or "abcd")

    started, load_before = datetime.now(timezone.utc), load_average()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tutor-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        content, which = content_dir(work)
        print(f"content:   {which} ({content})", file=sys.stderr)
        if "a" in only:
            print("a. answer latency ...", file=sys.stderr)
            rows += bench_answers(work, answers)
        if only & {"b", "c"}:
            print("b/c. start-up and memory ...", file=sys.stderr)
            rows += bench_startup(work, runs, content)
        if "d" in only:
            print(f"d. generating {staff} staff ...", file=sys.stderr)
            rows += bench_district(work, staff, content, runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(environment(started, load_before) + [("content", which)], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
