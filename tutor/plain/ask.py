"""Ask the policy in your own words: the answer, the quoted passage and its citation, or whom to ask."""

from __future__ import annotations

from tutor.content.model import Citation
from tutor.plain.session import Session
from tutor.service.citations import cite_label

ASK_HELP = ("Type a question about the acceptable use policy in your own words, such as: may I install "
            "Dropbox on my work laptop? Press Enter on an empty line to go back.")


def ask_questions(session: Session) -> None:
    """Answer typed questions until the learner presses Enter on an empty line."""
    console = session.console
    console.say("Ask a question about the policy. Press Enter on an empty line to go back.")
    while True:
        question = console.text("Type your question (Enter alone goes back)", ASK_HELP, required=False)
        if not question:
            return
        reply = session.answerer.answer(question, district=session.training.district.id)
        console.say(answer_text(session, reply))


def answer_text(session: Session, reply) -> str:
    """An ask-the-policy answer as plain lines."""
    if reply.abstained:
        return reply.text
    parts = [reply.text]
    for cited in reply.citations[:1]:
        label = cite_label(session.content, Citation(cited.district, cited.section))
        parts.append(f"From {label}:")
        parts.append(f"\u201c{' '.join(cited.quote.split())}\u201d")
    if reply.contact:
        parts.append(f"Still unsure? Ask {reply.contact}.")
    return "\n".join(parts)
