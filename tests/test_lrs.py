"""`tutor export --format xapi --to URL`: pushing to a Learning Record Store and keeping it in step.

The first half drives the push against a stand-in LRS (a function in place of the HTTP POST)
to reach every branch: retries, refused credentials, a real conflict, resuming after a cut.
The second half runs it against a real LRS, Ralph, started on a loopback port.
"""

from __future__ import annotations

import base64
import json
import os
import random
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_training import answer_all, certify, finish_lesson
from tutor.cli.main import cli
from tutor.domain import events as ev
from tutor.domain.clock import FixedClock
from tutor.service import lrs_push
from tutor.service.exports import collect
from tutor.service.training import Training
from tutor.service.xapi import statement_bytes, statements
from tutor.store.lrs_cursors import LrsCursors
from tutor.store.people import Person

pytestmark = pytest.mark.usefixtures("cli_uses_the_test_content")

URL = "https://lrs.example.org/xAPI/statements"


class FakeLRS:
    """Keeps statements by id like an LRS: an identical one again is accepted, a differing one is 409."""

    def __init__(self, user="district", password="s3cret"):
        self.token = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.stored: dict[str, bytes] = {}
        self.requests: list[list[dict]] = []
        self.script: list = []  # what to do for the next requests: an int status, or an OSError to raise

    def __call__(self, url, body, headers, timeout):
        assert url == URL and headers["X-Experience-API-Version"] == "1.0.3"
        batch = json.loads(body)
        self.requests.append(batch)
        step = self.script.pop(0) if self.script else None
        if step is not None:
            if isinstance(step, Exception):
                raise step
            if isinstance(step, tuple):
                return step
            return step, b'{"detail": "scripted"}', None
        if headers.get("Authorization") != self.token:
            return 401, b'{"detail": "Invalid authentication credentials"}', None
        for s in batch:
            if s["id"] in self.stored and self.stored[s["id"]] != statement_bytes(s):
                return 409, json.dumps({"detail": f"Differing statements already exist with the same ID: {s['id']}"}
                                       ).encode(), None
        for s in batch:
            self.stored.setdefault(s["id"], statement_bytes(s))
        return 200, json.dumps([s["id"] for s in batch]).encode(), None


def train_two(records, content, clock, training):
    """Ana passes everything and signs; Bo finishes a lesson and starts a quiz."""
    certify(training)
    bo = Person("E300", "Bo Chen", hire_date=date(2026, 8, 30), district="tst")
    records.people.upsert_many([bo])
    bo_training = Training(records, content, bo, "tst", ev.IDENTITY_PIN, clock, random.Random(5))
    finish_lesson(bo_training, "alpha")
    bo_training.start_quiz("alpha")
    return bo_training


def all_statements(records, content) -> dict[str, dict]:
    """Every statement an export of these records gives, by id."""
    home_page = records.settings.get("xapi.account_home_page")
    return {s["id"]: s for s in statements(collect(records), content, home_page)[0]}


def push(records, content, lrs, **kw):
    kw.setdefault("sleep", lambda s: None)
    return lrs_push.push(records, content, URL, ("district", "s3cret"), post=lrs, **kw)


def test_a_push_sends_everything_once_then_only_what_is_new(records, content, clock, training):
    lrs = FakeLRS()
    bo = train_two(records, content, clock, training)
    first = push(records, content, lrs, batch_size=7)
    assert set(lrs.stored) == set(all_statements(records, content))
    assert first.sent == len(lrs.stored) and first.to_seq == records.events.head()[0]
    assert all(len(batch) >= 1 for batch in lrs.requests) and len(lrs.requests) == first.batches > 1

    lrs.requests.clear()
    again = push(records, content, lrs)
    assert (again.sent, lrs.requests) == (0, []), "nothing new: nothing sent"

    clock.advance(minutes=5)
    answer_all(bo, bo.progress().open_attempt)  # Bo finishes the quiz he started before the push
    newer = push(records, content, lrs)
    sent = [s["verb"]["display"]["en-US"] for batch in lrs.requests for s in batch]
    assert sorted(sent) == ["completed", "passed"], "only the new statements, not his earlier 'attempted'"
    assert set(lrs.stored) == set(all_statements(records, content))
    assert newer.from_seq == first.to_seq


def test_a_push_in_small_windows_of_events_sends_each_statement_exactly_once(records, content, clock, training):
    """A first push of years of records reads the log a window of events at a time; an attempt
    started in one window and finished in the next is neither lost nor sent twice."""
    lrs = FakeLRS()
    train_two(records, content, clock, training)
    result = push(records, content, lrs, window_events=3, batch_size=2)
    sent = [s["id"] for batch in lrs.requests for s in batch]
    assert sorted(sent) == sorted(all_statements(records, content))
    assert result.to_seq == records.events.head()[0] == LrsCursors(records.conn).last_seq(URL)


def test_a_consortium_of_databases_pushes_into_one_lrs_without_collisions(tmp_path, content):
    """Two members' servers, each with its own database and its own account system, and an
    employee id E100 at both: one LRS takes everything, and the two people stay two actors."""
    from tutor.store.records import Records

    lrs = FakeLRS()
    actors = set()
    for member, seed in (("north", 1), ("south", 2)):
        # Each server keeps its own time: two logs never share an event to the microsecond.
        member_clock = FixedClock(datetime(2026, 9, 1, 8, 0, seed, tzinfo=timezone.utc))
        member_records = Records(tmp_path / f"{member}.db", member_clock)
        try:
            member_records.settings.set("xapi.account_home_page", f"https://sso.{member}.example/")
            person = Person("E100", f"Someone at {member}", hire_date=date(2026, 8, 25), district="tst")
            member_records.people.upsert_many([person])
            certify(Training(member_records, content, person, "tst", ev.IDENTITY_PIN, member_clock,
                             random.Random(seed)))
            mine = all_statements(member_records, content)
            push(member_records, content, lrs)
            assert set(mine) <= set(lrs.stored)
            actors |= {json.dumps(s["actor"], sort_keys=True) for s in mine.values()}
        finally:
            member_records.close()
    assert len(actors) == 2
    by_member = {}
    for raw in lrs.stored.values():
        s = json.loads(raw)
        by_member.setdefault(s["actor"]["account"]["homePage"], set()).add(s["object"]["id"])
    assert by_member["https://sso.north.example/"] == by_member["https://sso.south.example/"], "the same activities"


def test_batches_never_split_the_statements_of_one_event(records, content, clock, training):
    lrs = FakeLRS()
    certify(training)
    push(records, content, lrs, batch_size=1)
    for batch in lrs.requests:
        seqs = {s["context"]["extensions"]["https://w3id.org/tutor-aup/xapi/extensions/record-seq"] for s in batch}
        assert len(seqs) == 1
    finished = [b for b in lrs.requests if {s["verb"]["display"]["en-US"] for s in b} == {"completed", "passed"}]
    assert finished and all(len(b) == 2 for b in finished)


def test_already_stored_identical_statements_are_success(records, content, clock, training):
    """The cursor lost (a restored backup): everything is sent again and accepted as it is."""
    lrs = FakeLRS()
    certify(training)
    push(records, content, lrs)
    records.conn.execute("DELETE FROM lrs_cursors")
    result = push(records, content, lrs)
    assert result.sent == len(lrs.stored)


def test_transient_failures_are_retried_with_growing_waits(records, content, clock, training):
    lrs = FakeLRS()
    certify(training)
    waits = []
    lrs.script = [ConnectionRefusedError("refused"), 503, (429, b"", 7.0), 502]
    push(records, content, lrs, sleep=waits.append)
    assert waits == [1.0, 2.0, 7.0, 8.0], "doubling, and Retry-After when the LRS asks"
    assert set(lrs.stored) == set(all_statements(records, content))


def test_an_lrs_that_stays_down_stops_the_push_and_the_next_one_resumes(records, content, clock, training):
    lrs = FakeLRS()
    certify(training)
    total = len(all_statements(records, content))
    lrs.script = [None] + [OSError("network down")] * 3  # the first batch lands, then nothing answers
    with pytest.raises(lrs_push.Unreachable, match="after 3 tries.*resumes"):
        push(records, content, lrs, batch_size=4, tries=3)
    first_batch = set(lrs.stored)
    cursor = LrsCursors(records.conn).last_seq(URL)
    assert first_batch and 0 < cursor < records.events.head()[0]
    lrs.requests.clear()
    push(records, content, lrs, batch_size=4)
    resent = [s["id"] for batch in lrs.requests for s in batch]
    assert not first_batch & set(resent), "what was stored is not sent again"
    assert len(resent) == total - len(first_batch) and set(lrs.stored) == set(all_statements(records, content))


def test_refused_credentials_stop_at_once_with_a_clear_message(records, content, clock, training):
    lrs = FakeLRS(password="other")
    certify(training)
    with pytest.raises(lrs_push.CredentialsRefused, match="refused the credentials in TUTOR_LRS_AUTH"):
        push(records, content, lrs)
    assert len(lrs.requests) == 1, "no retries on a refusal"
    assert LrsCursors(records.conn).last_seq(URL) == 0


def test_a_real_conflict_names_the_statement_and_keeps_what_was_stored(records, content, clock, training):
    lrs = FakeLRS()
    certify(training)
    built = list(all_statements(records, content).values())
    victim = built[5]
    lrs.stored[victim["id"]] = b'{"something": "else"}'
    with pytest.raises(lrs_push.Conflict) as caught:
        push(records, content, lrs, batch_size=100)
    message = str(caught.value)
    assert victim["id"] in message and "already holds a different statement" in message and "E100" in message
    # Everything before the conflicting statement's event was stored, and the cursor says so.
    seq = victim["context"]["extensions"]["https://w3id.org/tutor-aup/xapi/extensions/record-seq"]
    assert LrsCursors(records.conn).last_seq(URL) == seq - 1
    assert {s["id"] for s in built[:5]} <= set(lrs.stored)


def test_a_dry_run_sends_nothing_and_moves_no_cursor(records, content, clock, training, db):
    certify(training)
    result = CliRunner().invoke(cli, ["export", "--format", "xapi", "--to", URL, "--dry-run", "--db", db],
                                env={"TUTOR_LRS_AUTH": ""})
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert {s["id"] for s in shown} == set(all_statements(records, content))
    assert f"would send {len(shown)} statements to {URL}" in result.stderr and "nothing was sent" in result.stderr
    assert LrsCursors(records.conn).last_seq(URL) == 0


@pytest.mark.parametrize("env, args, message", [
    ({}, ["--to", URL], "TUTOR_LRS_AUTH=user:password"),
    ({"TUTOR_LRS_AUTH": "no-colon"}, ["--to", URL], "TUTOR_LRS_AUTH=user:password"),
    ({"TUTOR_LRS_AUTH": "a:b"}, ["--to", "https://user:pw@lrs.example.org/xAPI"], "not in the address"),
    ({"TUTOR_LRS_AUTH": "a:b"}, ["--to", "ftp://lrs.example.org/"], "not an http(s) address"),
    ({"TUTOR_LRS_AUTH": "a:b"}, ["--to", URL, "--since", "2026-01-01"], "--since does not go with --to"),
])
def test_a_push_is_refused_before_anything_is_sent_when_set_up_wrong(db, env, args, message, monkeypatch):
    monkeypatch.delenv("TUTOR_LRS_AUTH", raising=False)
    result = CliRunner().invoke(cli, ["export", "--format", "xapi", "--db", db, *args], env=env)
    assert result.exit_code == 2 and message in result.output


def test_the_endpoint_is_the_statements_resource():
    assert lrs_push.statements_endpoint("https://LRS.example.org/xAPI/") == "https://lrs.example.org/xAPI/statements"
    assert lrs_push.statements_endpoint(URL + "/") == URL
    assert lrs_push.sends_credentials_in_clear("http://lrs.example.org/xAPI/statements")
    assert not lrs_push.sends_credentials_in_clear("http://127.0.0.1:8100/xAPI/statements")
    assert not lrs_push.sends_credentials_in_clear(URL)


# --- against Ralph -------------------------------------------------------------------------------

RALPH_PYTHON_CANDIDATES = (
    os.environ.get("TUTOR_TEST_RALPH_PYTHON", ""),
    str(Path(__file__).resolve().parent.parent / ".venv-ralph" / "bin" / "python"),
)

# Ralph's own server and code; only its file backend's write is made to append, because the
# stock one refuses to write a file that exists (it is meant for one-off dumps).
LAUNCHER = '''
import sys

from ralph.backends import loader
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend


class AppendingFSLRSBackend(FSLRSBackend):
    def write(self, data, target=None, chunk_size=None, ignore_errors=False, operation_type=None):
        if operation_type in (None, BaseOperationType.CREATE, BaseOperationType.INDEX):
            operation_type = BaseOperationType.APPEND
        return super().write(data, target, chunk_size, ignore_errors, operation_type)


stock = loader.get_lrs_backends
loader.get_lrs_backends = lambda: {**stock(), "fs": AppendingFSLRSBackend}

import uvicorn

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
'''


def _ralph_python() -> str | None:
    for candidate in RALPH_PYTHON_CANDIDATES:
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import ralph.backends.lrs.fs, requests, uvicorn"],
                                   capture_output=True)
            if probe.returncode == 0:
                return candidate
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    """A running Ralph LRS (file backend, basic auth) on a free loopback port: (xAPI base URL, user, password)."""
    python = _ralph_python()
    if python is None:
        pytest.skip("Ralph is not installed: `python3 -m venv .venv-ralph && .venv-ralph/bin/pip install "
                    "'ralph-malph[cli,lrs]==5.1.0' requests` (or set TUTOR_TEST_RALPH_PYTHON to its python)")
    home = tmp_path_factory.mktemp("ralph")
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(home),
        "RALPH_AUTH_FILE": str(home / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home),
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
    }
    ralph_cli = str(Path(python).parent / "ralph")
    subprocess.run([ralph_cli, "auth", "-u", "district", "-p", "s3cret", "-s", "all",
                    "-M", "mailto:lrs-admin@example.org", "-w"], env=env, check=True, capture_output=True)
    (home / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    port = _free_port()
    log = open(home / "ralph.log", "wb")
    server = subprocess.Popen([python, str(home / "launch.py"), str(port)], env=env, cwd=home,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/xAPI"
    try:
        deadline = time.monotonic() + 120  # a start-up allowance, not something the test measures
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.close()
                    pytest.fail("Ralph did not start:\n" + (home / "ralph.log").read_text(errors="replace"))
                time.sleep(0.2)
        yield base, "district", "s3cret"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def read_back(base: str, user: str, password: str, **query) -> list[dict]:
    """Every statement the LRS returns for a query (following `more`)."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    url = f"{base}/statements?" + urllib.parse.urlencode(query)
    found = []
    while url:
        request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}",
                                                       "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.loads(response.read())
        found += page["statements"]
        more = page.get("more")
        url = urllib.parse.urljoin(base, more) if more else None
    return found


def tutor_push(db, base, auth, *extra):
    return CliRunner().invoke(cli, ["export", "--format", "xapi", "--to", base, "--db", db, *extra],
                              env={"TUTOR_LRS_AUTH": auth})


def test_keeping_a_real_lrs_in_step(ralph, records, content, clock, training, db):
    """Ralph 5: push, push again (nothing new), train someone else and push (only the new ones),
    rename someone and push (no conflict), lose the cursor and push everything again (all
    identical), and read each person's statements back by agent."""
    base, user, password = ralph
    auth = f"{user}:{password}"

    def stored() -> list[str]:
        return [s["id"] for s in read_back(base, user, password, limit=1000)]

    train_two(records, content, clock, training)
    first = tutor_push(db, base, auth)
    assert first.exit_code == 0, first.output
    built = all_statements(records, content)
    assert f"Sent {len(built)} statements" in first.stderr
    assert set(built) <= set(stored())

    again = tutor_push(db, base, auth)
    assert again.exit_code == 0 and "Nothing new" in again.stderr, again.output

    cy = Person("E400", "Cy Diaz", hire_date=date(2026, 9, 1), district="tst")
    records.people.upsert_many([cy])
    clock.advance(hours=2)
    certify(Training(records, content, cy, "tst", ev.IDENTITY_PIN, clock, random.Random(11)))
    cys = [s for s in all_statements(records, content).values() if s["actor"]["account"]["name"] == "E400"]
    third = tutor_push(db, base, auth)
    assert third.exit_code == 0, third.output
    assert f"Sent {len(cys)} statements" in third.stderr, "only Cy's"

    records.people.upsert_many([replace(training.person, name="Ana María Pérez-Lopez")])
    training.sign_in()
    clock.advance(days=340)
    answer_all(training, training.start_testout())  # renewal, under her new name
    fourth = tutor_push(db, base, auth)
    assert fourth.exit_code == 0 and "Sent" in fourth.stderr, fourth.output

    records.conn.execute("DELETE FROM lrs_cursors")
    everything = tutor_push(db, base, auth)
    assert everything.exit_code == 0, everything.output  # every statement again: identical, so accepted
    ids = stored()
    assert set(all_statements(records, content)) <= set(ids) and len(ids) == len(set(ids)), "each stored once"

    for employee in ("E100", "E300", "E400"):
        agent = json.dumps({"objectType": "Agent", "account": {"homePage": "https://example.org/", "name": employee}})
        got = read_back(base, user, password, agent=agent, limit=1000)
        mine = {i: s for i, s in all_statements(records, content).items() if s["actor"]["account"]["name"] == employee}
        assert {s["id"] for s in got} == set(mine)
        for s in got:  # what the LRS holds is what was sent
            assert {k: s[k] for k in ("actor", "verb", "object", "context")} == {
                k: mine[s["id"]][k] for k in ("actor", "verb", "object", "context")}


def test_a_real_lrs_refuses_bad_credentials_and_a_differing_statement(ralph, records, content, clock, training, db):
    base, user, password = ralph
    certify(training)
    wrong = tutor_push(db, base, f"{user}:not-the-password")
    assert wrong.exit_code == 1 and "refused the credentials in TUTOR_LRS_AUTH (HTTP 401" in wrong.stderr

    assert tutor_push(db, base, f"{user}:{password}").exit_code == 0
    # Moving the accounts to another home page after a push changes every statement already stored.
    records.settings.set("xapi.account_home_page", "https://sso.example.org/")
    records.conn.execute("DELETE FROM lrs_cursors")
    conflict = tutor_push(db, base, f"{user}:{password}")
    assert conflict.exit_code == 1, conflict.output
    assert "already holds a different statement" in conflict.stderr and "xapi.account_home_page" in conflict.stderr


def test_a_correction_reaches_a_real_lrs_as_voiding_statements(ralph, records, content, clock, training, db):
    """A trainer voids a passed quiz after it was pushed: the next push sends one `voided`
    statement for each statement of that attempt, and Ralph stores them pointing at those."""
    from tutor.service.corrections import void_record
    from tutor.service.trainer_auth import set_passphrase
    from tutor.service.xapi import extension

    base, user, password = ralph
    auth = f"{user}:{password}"
    finish_lesson(training, "alpha")
    passed = answer_all(training, training.start_quiz("alpha"))
    assert tutor_push(db, base, auth).exit_code == 0
    targets = {i for i, s in all_statements(records, content).items()
               if s["context"]["extensions"].get(extension("attempt-id"))
               == passed.attempt_id}
    assert len(targets) == 3  # attempted, completed, passed

    set_passphrase(records, "trainer passphrase")
    void_record(records, passed.attempt_id, "taken by a colleague at a shared kiosk", "trainer passphrase")
    pushed = tutor_push(db, base, auth)
    assert pushed.exit_code == 0 and "Sent 3 statements" in pushed.stderr, pushed.output
    voiding = [s for s in read_back(base, user, password, limit=1000)
               if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"]
    assert targets <= {s["object"]["id"] for s in voiding}
    assert all(s["object"]["objectType"] == "StatementRef" for s in voiding)
