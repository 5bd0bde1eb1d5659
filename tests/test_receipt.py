"""The learner's receipt and citations in words: policy numbers and titles, local time, a safe saved copy."""

from __future__ import annotations

import os
import stat
from datetime import timedelta, timezone

import pytest

from tests.test_training import certify
from tutor.content.loader import load_valid_content
from tutor.content.model import Citation
from tutor.service.citations import citation_title, inline_citation, render_text
from tutor.service.receipt import receipt_filename, receipt_html, receipt_view, save_new_file
from tutor.service.training import correct_needed


@pytest.fixture(scope="module")
def shipped():
    return load_valid_content()


def test_citations_name_the_policy_number_and_section_title_never_the_projects_ids(shipped):
    assert citation_title(shipped, Citation("clinton", "monitoring")) == "Clinton policy 4306 / C-19, Monitoring"
    assert citation_title(shipped, Citation("crec", "C.7")).startswith("CREC policy 4118.5/4218.5, \u00a7C.7 ")
    # Stafford's regulation has no number: none is made up.
    stafford = citation_title(shipped, Citation("stafford", "monitoring"))
    assert stafford.startswith("Stafford, ") and "policy" not in stafford and "\u00a7" not in stafford


def test_inline_citations_in_lesson_text_show_titles_for_sections_without_numbers(shipped):
    text = render_text(shipped, "Monitoring applies [clinton:monitoring].", "clinton", cite=inline_citation)
    assert text == "Monitoring applies (Clinton 4306 / C-19, Monitoring)."
    assert render_text(shipped, "Same [stafford:monitoring].", "stafford", cite=inline_citation) == (
        "Same (Stafford, Monitoring).")
    assert "\u00a7C.7" in render_text(shipped, "No installs [crec:C.7].", "crec", cite=inline_citation)


@pytest.mark.parametrize("total, mark, needed", [(5, 0.8, 4), (4, 0.8, 4), (10, 0.8, 8), (3, 0.8, 3), (4, 0.75, 3)])
def test_the_right_answers_needed_follow_from_pass_mark_and_count(total, mark, needed):
    assert correct_needed(total, mark) == needed


def test_receipt_shows_topic_titles_policy_and_local_time(training):
    receipt = certify(training)
    view = receipt_view(training.content, receipt, tz=timezone(timedelta(hours=-4), "EDT"))
    assert view.signed_at == "2026-09-01 04:00 EDT"  # signed 08:00 UTC
    assert view.valid_until == "2027-09-01"
    assert view.policy == "TST policy 9.99"
    assert dict(view.scores) == {"Lesson alpha": "100%", "Lesson beta": "100%"}


def test_receipt_html_escapes_what_the_learner_typed(training):
    from dataclasses import replace

    receipt = replace(certify(training), name="<script>alert(1)</script>")
    html = receipt_html(receipt_view(training.content, receipt))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert receipt.ack_id in html and "Lesson alpha" in html


def test_a_saved_receipt_is_private_and_never_replaces_a_file(tmp_path, training):
    view = receipt_view(training.content, certify(training))
    name = receipt_filename(view)
    assert name == "tutor-receipt-2026-09-01.html"
    (tmp_path / name).write_text("someone else's file")
    first = save_new_file(tmp_path, name, b"one")
    second = save_new_file(tmp_path, name, b"two")
    assert (tmp_path / name).read_text() == "someone else's file"
    assert first.name == "tutor-receipt-2026-09-01 (2).html" and first.read_bytes() == b"one"
    assert second.name == "tutor-receipt-2026-09-01 (3).html" and second.read_bytes() == b"two"
    if os.name == "posix":
        assert stat.S_IMODE(first.stat().st_mode) == 0o600


def test_a_planted_link_is_not_followed(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep")
    (tmp_path / "r.html").symlink_to(target)
    saved = save_new_file(tmp_path, "r.html", b"receipt")
    assert target.read_text() == "keep" and saved.name == "r (2).html"
