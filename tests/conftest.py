from __future__ import annotations

import random
from datetime import date, datetime, timezone

import pytest

from tests.factories import TEST_ROOT, make_content
from tutor.domain.clock import FixedClock
from tutor.domain import events as ev
from tutor.service.training import Training
from tutor.store.people import Person
from tutor.store.records import Records


@pytest.fixture(autouse=True)
def test_content_counts_as_installed(monkeypatch):
    """The small test content plays the installed content: its rules are approved on first use.

    Tests of approval itself give their content another root, which is then not installed.
    """
    from tutor.service import approval

    installed = approval.is_installed
    monkeypatch.setattr(approval, "is_installed", lambda content: content.root == TEST_ROOT or installed(content))


@pytest.fixture
def clock():
    return FixedClock(datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc))


@pytest.fixture
def records(tmp_path, clock):
    r = Records(tmp_path / "records.db", clock)
    yield r
    r.close()


@pytest.fixture
def content():
    return make_content()


@pytest.fixture
def person(records):
    p = Person("E100", "Ana María Pérez", hire_date=date(2026, 8, 25), district="tst", on_roster=True)
    records.people.upsert_many([p])
    return p


@pytest.fixture
def training(records, content, person, clock):
    return Training(records, content, person, "tst", ev.IDENTITY_PIN, clock, random.Random(7))


@pytest.fixture
def db(tmp_path, records):
    """The records database's path, for running the CLI against the `records` fixture."""
    return str(tmp_path / "records.db")


@pytest.fixture
def cli_uses_the_test_content(monkeypatch, content):
    """CLI commands load the small test content instead of the shipped curriculum."""
    monkeypatch.setattr("tutor.content.loader.load_valid_content", lambda root=None: content)
