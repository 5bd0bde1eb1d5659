"""The one root of every problem a user must hear about in plain words.

Each layer raises its own subclass (a refused sign-in, a records problem, a bad roster...), with a
message that says what happened and what to do. The command line turns any of them into a clean
message and exit status in one place (tutor.cli.main); the screens show the message.
"""

from __future__ import annotations


class TutorError(Exception):
    """A problem to tell the user about; its message is safe to show as it is."""

    def details(self) -> list[str]:
        """Lines to show before the message (one per problem, for errors that list several)."""
        return []
