"""Plain text for screen readers: Markdown as readable lines, wrapped, with nothing a terminal would act on."""

from __future__ import annotations

from tutor.plain.text import clean, has_control_characters, line_width, markdown_to_text, paragraphs


def test_headings_lists_and_links_read_as_plain_lines():
    text = markdown_to_text(
        "## Who may look\n\nYour **employer** may *monitor* use. See [the policy](https://example.org/aup).\n\n"
        "- e-mail\n- files\n\n1. Ask first\n2. Then install\n"
    )
    assert text.splitlines() == [
        "Who may look",
        "",
        "Your employer may monitor use. See the policy (https://example.org/aup).",
        "",
        "- e-mail",
        "- files",
        "",
        "1. Ask first",
        "2. Then install",
    ]


def test_a_link_that_is_its_own_address_is_not_repeated_and_mailto_is_dropped():
    assert markdown_to_text("<https://example.org>") == "https://example.org"
    assert markdown_to_text("[Help desk](mailto:help@example.org)") == "Help desk (help@example.org)"


def test_long_paragraphs_and_list_items_wrap_with_a_hanging_indent():
    words = " ".join(["policy"] * 40)
    text = markdown_to_text(f"{words}\n\n- {words}\n\n3. {words}", width=40)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 40
    item = lines[lines.index(next(l for l in lines if l.startswith("- "))) + 1]
    assert item.startswith("  policy")
    numbered = [l for l in lines if l.startswith("3. ")]
    assert numbered and lines[lines.index(numbered[0]) + 1].startswith("   policy")


def test_nested_lists_quotes_and_tables_stay_readable():
    text = markdown_to_text("- outer\n  - inner\n\n> quoted words\n\n| key | does |\n|---|---|\n| 1 | pick |\n")
    assert "- outer\n  - inner" in text
    assert "    quoted words" in text
    assert "- key: 1; does: pick" in text


def test_escape_sequences_and_control_characters_in_content_never_reach_the_terminal():
    hostile = "Red \x1b[31malert\x1b[0m, bell\x07, back\x08space, \x9b2J and a\rreturn"
    for out in (markdown_to_text(hostile), paragraphs(hostile, 80), clean(hostile)):
        assert not has_control_characters(out)
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\x9b" not in out
    assert "alert" in clean(hostile)


def test_raw_html_in_markdown_is_shown_as_text_not_interpreted():
    assert markdown_to_text("Use <b>care</b>.") == "Use <b>care</b>."


def test_policy_text_keeps_its_own_numbering_and_paragraphs():
    text = paragraphs("The rules:\n\n1. First rule that is long enough to wrap around the line width we give it.\n"
                      "2. Second rule.\n", 40)
    lines = text.splitlines()
    assert lines[0] == "The rules:" and lines[1] == ""
    assert lines[2].startswith("1. First rule") and lines[3].startswith("   ")
    assert any(line.startswith("2. Second rule.") for line in lines)


def test_width_is_the_terminal_width_or_80_when_not_a_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "52")
    assert line_width(is_terminal=True) == 52
    assert line_width(is_terminal=False) == 80
    monkeypatch.setenv("COLUMNS", "5")
    assert line_width(is_terminal=True) == 20  # never too narrow to read a word
