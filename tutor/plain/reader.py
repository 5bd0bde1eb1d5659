"""The policy reader: the district's policy, section by section, each with its number and title."""

from __future__ import annotations

from tutor.plain.console import Option
from tutor.plain.policy_reader import policy_sections, policy_titles
from tutor.plain.session import Session


def read_policy(session: Session) -> None:
    """Choose a section from the numbered list, read it, then the next, the previous, or the list again."""
    console = session.console
    district = session.training.district
    sections = policy_sections(session.content, district.id)
    if not sections:
        console.say(f"There is no policy text for {district.name} in the training content. Ask your trainer.")
        return
    session.training.open_policy()  # the record shows the learner opened the full text
    while True:
        console.heading("Your district's policy")
        for title in policy_titles(session.content, district.id):
            console.say(title)
        console.say(f"{len(sections)} sections. Choose one to read, or read them all one after another.")
        labels = [s.short for s in sections] + ["All sections, one after another", "Back to home"]
        picked = console.choose([Option(label) for label in labels], default=None)
        if picked == len(sections) + 1:
            return
        if picked == len(sections):
            for section in sections:
                _show(session, section)
            continue
        if not _browse(session, sections, picked):
            return


def _browse(session: Session, sections, index: int) -> bool:
    """Read from section `index` on; False when the learner asks for home, True for the list."""
    console = session.console
    while True:
        _show(session, sections[index])
        options: list[tuple[str, int | str]] = []
        if index + 1 < len(sections):
            options.append((f"Next section: {sections[index + 1].title}", index + 1))
        if index > 0:
            options.append((f"Previous section: {sections[index - 1].title}", index - 1))
        options += [("List of sections", "list"), ("Back to home", "home")]
        picked = options[console.choose([Option(label) for label, _ in options])][1]
        if picked == "home":
            return False
        if picked == "list":
            return True
        index = picked


def _show(session: Session, section) -> None:
    session.console.heading(section.label)
    session.console.policy_text(section.text)
