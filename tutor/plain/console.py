"""Lines out, lines in: every prompt says what it expects, and `?`, `home` and `quit` work at any prompt."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Callable, TextIO

from tutor.plain.text import clean, line_width, markdown_to_text, paragraphs, wrap

HELP_WORDS = ("?", "help")
HOME_WORDS = ("home",)
QUIT_WORDS = ("quit", "exit")

GLOBAL_HELP = (
    "At any prompt you can also type: ? or help for help with that prompt, "
    "home for the home screen (your place is saved), quit to leave (your progress is saved)."
)


class Leave(Exception):
    """The learner typed quit, input ended (Ctrl-D or the end of a script) or Ctrl-C was pressed."""

    def __init__(self, interrupted: bool = False):
        super().__init__("interrupted" if interrupted else "left")
        self.interrupted = interrupted


class GoHome(Exception):
    """The learner typed home: back to the home screen (everything done so far is already saved)."""


@dataclass(frozen=True)
class Option:
    """One numbered choice in a menu."""

    label: str
    key: str = ""


class Console:
    """The one place that reads and writes: plain text only, wrapped to the terminal width or 80.

    `secret_reader` reads a PIN without echoing it; it is `getpass` when input is a terminal, and
    a plain line otherwise (a script or a pipe has nothing to hide on screen).
    """

    def __init__(
        self,
        stdin: TextIO,
        stdout: TextIO,
        width: int | None = None,
        interactive: bool | None = None,
        secret_reader: Callable[[str], str] | None = None,
    ):
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = _is_terminal(stdin) if interactive is None else interactive
        self.width = width or line_width(_is_terminal(stdout))
        self.secret_reader = secret_reader
        self.home_allowed = False

    # Writing -------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        """Plain text, each line wrapped (a blank line stays blank)."""
        lines = [wrap(line, self.width) if line.strip() else "" for line in clean(text).split("\n")]
        self._write("\n".join(lines) + "\n")

    def markdown(self, text: str) -> None:
        """Lesson Markdown, as plain lines."""
        self._write(markdown_to_text(text, self.width) + "\n")

    def policy_text(self, text: str) -> None:
        """Policy text in the policy's own words and numbering, wrapped paragraph by paragraph."""
        self._write(paragraphs(text, self.width) + "\n")

    def heading(self, text: str) -> None:
        """A blank line, then the heading on a line of its own: where a new screen begins."""
        self._write("\n" + wrap(text, self.width) + "\n")

    def item(self, marker: str, text: str) -> None:
        """One list line ("- " or "3. "), wrapped under its marker."""
        self._write(wrap(text, self.width, marker) + "\n")

    def _write(self, text: str) -> None:
        self.stdout.write(clean(text))
        self.stdout.flush()

    # Reading -------------------------------------------------------------------------------
    def _read_line(self, prompt: str, secret: bool = False) -> str:
        prompt = clean(prompt)
        try:
            if secret and self.secret_reader is not None:
                return self.secret_reader(prompt)
            self._write(prompt)
            line = self.stdin.readline()
        except EOFError:
            raise Leave() from None
        except KeyboardInterrupt:
            self._write("\n")
            raise Leave(interrupted=True) from None
        if not line:  # end of input: Ctrl-D at a terminal, or the end of a script
            self._write("\n")
            raise Leave()
        line = line.rstrip("\r\n")
        if not self.interactive:
            # A piped answer is not echoed by a terminal: show it, so the transcript reads as a dialogue.
            self._write(("" if secret else clean(line)) + "\n")
        return line

    def _command(self, typed: str, help_text: str) -> bool:
        """Handle ?, help, home and quit; True when `typed` was one of them (and was handled)."""
        word = typed.strip().casefold()
        if word in HELP_WORDS:
            self.say(help_text)
            self.say(GLOBAL_HELP if self.home_allowed else
                     "You can also type quit to leave. The home screen opens once you have signed in.")
            return True
        if word in QUIT_WORDS:
            raise Leave()
        if word in HOME_WORDS:
            if not self.home_allowed:
                self.say("There is no home screen before you sign in. Type quit to leave.")
                return True
            raise GoHome()
        return False

    def text(self, prompt: str, help_text: str, secret: bool = False, required: bool = True) -> str:
        """A line of free text; asked again (with a one-line message) while empty and required.

        `prompt` says what to type ("Type your employee ID"); ", or ? for help" is added to it.
        """
        while True:
            typed = self._read_line(f"{prompt}, or ? for help: ", secret=secret)
            if self._command(typed, help_text):
                continue
            value = " ".join(clean(typed).split()) if not secret else typed.strip()
            if value or not required:
                return value
            self.say(f"Nothing was typed. {prompt}, or ? for help.")

    def choose(self, options: list[Option | str], help_text: str = "", default: int | None = 1) -> int:
        """Numbered choices; returns the index picked. Enter alone picks `default` (1-based) if there is one."""
        labels = [o.label if isinstance(o, Option) else o for o in options]
        for number, label in enumerate(labels, 1):
            self.item(f"{number}. ", label)
        expects = _range_words(len(labels))
        if default is not None:
            expects += f" (Enter for {default})"
        prompt = f"Type {expects}, or ? for help: "
        help_text = help_text or f"Type the number of your choice ({_range_words(len(labels))}) and press Enter."
        while True:
            typed = self._read_line(prompt)
            if self._command(typed, help_text + " The choices are: " + "; ".join(
                    f"{n}. {label}" for n, label in enumerate(labels, 1)) + "."):
                continue
            word = typed.strip()
            if not word and default is not None:
                return default - 1
            if word.isdigit() and 1 <= int(word) <= len(labels):
                return int(word) - 1
            self.say(f"\u201c{_shown(word)}\u201d is not one of the choices: type {_range_words(len(labels))}.")

    def choose_many(self, labels: list[str]) -> set[int]:
        """Several numbers at once ("1 3" or "1,3"), for a question with more than one right answer."""
        for number, label in enumerate(labels, 1):
            self.item(f"{number}. ", label)
        count = len(labels)
        prompt = f"Type every number that applies, separated by spaces ({_range_words(count)}), or ? for help: "
        help_text = ("This question has more than one right answer. Type the numbers of all the answers you "
                     "choose, separated by spaces or commas (for example: 1 3), then press Enter.")
        while True:
            typed = self._read_line(prompt)
            if self._command(typed, help_text):
                continue
            words = [w for w in re.split(r"[\s,;]+", typed.strip()) if w]
            if words and all(w.isdigit() and 1 <= int(w) <= count for w in words):
                return {int(w) - 1 for w in words}
            if not words:
                self.say(f"Nothing was chosen: type one or more numbers from {_range_words(count)}.")
            else:
                self.say(f"\u201c{_shown(typed.strip())}\u201d is not a list of choices: "
                         f"type numbers from {_range_words(count)}, such as 1 3.")


def _range_words(count: int) -> str:
    return {1: "1", 2: "1 or 2"}.get(count, f"1 to {count}")


def _shown(typed: str) -> str:
    """What the learner typed, safe and short enough to repeat back on one line."""
    typed = clean(typed)
    return typed if len(typed) <= 30 else typed[:29] + "\u2026"


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_secret_reader(stdout: TextIO) -> Callable[[str], str]:
    """Read a PIN from the terminal without echoing it."""
    import getpass

    def read(prompt: str) -> str:
        return getpass.getpass(prompt, stream=stdout)

    return read


def console_for(stdin: TextIO | None = None, stdout: TextIO | None = None) -> Console:
    """The console on standard input and output (PINs through getpass when input is a terminal)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    reader = terminal_secret_reader(stdout) if _is_terminal(stdin) else None
    return Console(stdin, stdout, secret_reader=reader)
