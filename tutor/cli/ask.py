"""`tutor ask "QUESTION"`: answer a staff question from the policies, quoted and cited, offline."""

from __future__ import annotations

import json
import shutil
import textwrap

import click

from tutor.cli.context import TutorContext, pass_tutor
from tutor.cli.options import content_option
from tutor.content.model import DISTRICT_IDS

# The answerer's own limit (tutor.answer.answerer.MAX_QUESTION), repeated so that an
# over-long question is refused before the index is built.
MAX_QUESTION = 1000


def _part(policies, cited) -> str:
    """What a document without a number is called in a citation: its part (regulation, notice)."""
    policy = policies.get(cited.district)
    section = next((s for s in policy.sections if s.id == cited.section), None) if policy else None
    return section.part if section else "section"


def _width() -> int:
    """The terminal's width (80 when not a terminal and COLUMNS is unset), kept between 40 and 88."""
    return max(40, min(88, shutil.get_terminal_size((80, 24)).columns))


def _render(answer, policies, width: int = 88) -> str:
    """Plain text: the answer, then each quoted passage with its citation, wrapped to `width`."""
    lines = textwrap.wrap(answer.text, width) or [answer.text]
    for cited in answer.citations:
        title = policies[cited.district].title if cited.district in policies else ""
        lines.append("")
        lines.extend(textwrap.wrap(f"\u201c{cited.quote}\u201d", width, initial_indent="  ", subsequent_indent="   "))
        source = f"{cited.district}:{cited.section}, " + (f"policy {cited.policy}" if cited.policy else _part(policies, cited))
        lines.extend(textwrap.wrap(f"\u2014 {source}" + (f" ({title}: {cited.title})" if title else f" ({cited.title})"),
                                   width, initial_indent="  ", subsequent_indent="    "))
    if answer.suggestions:
        lines.append("")
        lines.extend(textwrap.wrap("You may want to read (the closest sections, not an answer):", width))
        for cited in answer.suggestions:
            lines.extend(textwrap.wrap(f"- {cited.district}:{cited.section}, policy {cited.policy} ({cited.title})",
                                       width, initial_indent="  ", subsequent_indent="    "))
            lines.extend(textwrap.wrap(f"\u201c{cited.quote}\u201d", width, initial_indent="    ",
                                       subsequent_indent="     "))
    if not answer.abstained:
        lines.append("")
        lines.extend(textwrap.wrap(f"Still unsure? Ask {answer.contact}.", width))
    return "\n".join(lines)


@click.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--district", type=click.Choice(DISTRICT_IDS), default=None,
              help="Answer from this district's policy first.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@content_option
@pass_tutor
def ask(place: TutorContext, question: tuple[str, ...], district: str | None, as_json: bool) -> None:
    """Ask the policy a question in your own words, e.g. tutor ask "can I put Dropbox on my laptop?"."""
    # Imported here so that `tutor --help` and other commands never pay for building the index.
    # `load_for_answers` reads only what answering needs, with libyaml and no Markdown parser:
    # the full validating loader alone takes longer than the whole command should.
    from tutor.answer import Answerer
    from tutor.answer.source import load_for_answers

    text = " ".join(question).strip()
    if not text:
        raise click.UsageError("Give a question to ask.")
    if len(text) > MAX_QUESTION:
        raise click.UsageError(f"That question is {len(text):,} characters long; ask it in at most "
                               f"{MAX_QUESTION:,} characters (one or two sentences).")
    loaded = load_for_answers(place.content_dir)
    if not loaded.policies:
        raise click.ClickException("No policies found in the content folder.")
    answer = Answerer(loaded).answer(text, district)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(_render(answer, loaded.policies, _width()))
