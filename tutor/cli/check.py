"""`tutor check`: validate the content and report every problem as path:line."""

from __future__ import annotations

import json
import sys

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option


@click.command()
@content_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of text.")
@pass_tutor
def check(place: TutorContext, as_json: bool) -> None:
    """Validate lessons, quizzes, policies and district profiles."""
    from tutor.content.loader import load_content
    from tutor.content.summary import summarise

    loaded = load_content(place.content_dir)
    summary = summarise(loaded)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        for error in loaded.errors:
            click.echo(str(error), err=True)
        topics = ", ".join(f"{t} {v['lessons']}/{v['questions']}" for t, v in summary["topics"].items())
        click.echo(
            f"{summary['lessons']} lessons, {summary['questions']} questions, "
            f"{len(summary['districts'])} districts ({', '.join(summary['districts'])})"
        )
        click.echo(f"topics (lessons/questions): {topics}")
        if loaded.errors:
            click.echo(f"{len(loaded.errors)} problem(s) found.", err=True)
        else:
            click.echo("Content is valid.")
    sys.exit(1 if loaded.errors else 0)
