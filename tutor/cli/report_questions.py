"""`tutor report questions`: which quiz questions staff miss most, and how well each one discriminates."""

from __future__ import annotations

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option, db_option
from tutor.cli.output import check_out, force_option, out_option, write_out

CSV_COLUMNS = (
    "question_id", "topic", "prompt", "asked", "correct", "facility", "discrimination", "discrimination_n",
    "wrong_choice_id", "wrong_choice_text", "wrong_choice_count",
)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--min-responses", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show a statistic only when it rests on at least this many responses.")
@out_option
@force_option
@db_option
@content_option
@pass_tutor
def questions(place: TutorContext, fmt: str, min_responses: int, out: str | None, force: bool) -> None:
    """Per question: times asked, percent correct, discrimination and the most-chosen wrong answer.

    Most-missed questions come first. Discrimination is the point-biserial correlation of the
    question with the rest of the attempt: near zero or negative means staff who did well
    overall got it wrong too, so read the question for ambiguity or a wrong answer key.
    """
    from tutor.service.item_analysis import analyse, load_responses

    check_out(place, out, force)
    records = place.records()
    try:
        responses = load_responses(records)
    finally:
        records.close()
    stats = analyse(responses, place.content(), min_responses)

    if fmt == "json":
        import json

        text = json.dumps([s.as_dict() for s in stats], indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = _csv(stats)
    else:
        text = _table(stats, min_responses)
    write_out(place, text, out, force)
    if out:
        click.echo(f"Wrote {len(stats)} question(s) to {out}.", err=True)


def _shown(value, fmt: str) -> str:
    from tutor.service.item_analysis import NOT_ENOUGH_DATA

    return NOT_ENOUGH_DATA if value is None else fmt.format(value)


def _discrimination(s) -> str:
    if s.discrimination is not None:
        return f"{s.discrimination:+.2f}"
    return s.discrimination_note or "not enough data"


def _csv(stats) -> str:
    import csv
    import io

    from tutor.service.spreadsheet import safe_cell
    from tutor.service.item_analysis import NOT_ENOUGH_DATA

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for s in stats:
        row = s.as_dict()
        row["facility"] = NOT_ENOUGH_DATA if s.facility is None else s.facility
        row["discrimination"] = s.discrimination if s.discrimination is not None else s.discrimination_note
        if s.facility is None:
            row["wrong_choice_id"] = row["wrong_choice_text"] = row["wrong_choice_count"] = NOT_ENOUGH_DATA
        writer.writerow([safe_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _printable(value) -> str:
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in str(value))


def _shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _table(stats, min_responses: int) -> str:
    if not stats:
        return "No quiz answers are recorded yet, so there is nothing to analyse.\n"
    headers = ("Question", "Question text", "Topic", "Asked", "Correct", "Discrimination", "Most-chosen wrong answer")
    body = []
    for s in stats:
        if s.facility is None:
            wrong = "not enough data"
        elif s.wrong_choice_id is None:
            wrong = "none"
        else:
            text = _shorten(s.wrong_choice_text or "", 40)
            wrong = f"{s.wrong_choice_id}: {text} ({s.wrong_choice_count}\u00d7)"
        body.append((s.question_id, _shorten(s.prompt, 48), s.topic, str(s.asked), _shown(s.facility, "{:.0%}"), _discrimination(s), wrong))
    widths = [max([len(h)] + [len(_printable(row[i])) for row in body]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_printable(v).ljust(w) for v, w in zip(row, widths)).rstrip() for row in body]
    lines.append(
        f"{len(stats)} question(s), most-missed first. Statistics need at least {min_responses} responses; "
        "discrimination near zero or negative means a question to reread."
    )
    return "\n".join(lines) + "\n"
