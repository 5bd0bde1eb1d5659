"""Drive `tutor --plain` through pipes, as a person with a keyboard (or a script) would.

`PlainRun` starts `python -m tutor --plain` with its standard input and output as pipes, waits for
each prompt, and answers it. `autopilot` answers every prompt the way a new hire would: the
first choice of every menu, "1" to a check-yourself question, and quiz questions right (or
wrong, for the failed-quiz test), looking up the drawn question in the records the run writes.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Every prompt is written on one line without a newline, and every other line ends with one,
# so output that stops at one of these is waiting for an answer.
PROMPT_RE = re.compile(
    r"(?:^|\n)((?:Type|Choose a PIN) [^\n]*or \? for help: )$"
)
WAIT_SECONDS = 120  # a guard against a hung child, never a measure of speed
# `python -m tutor` as a shell at a terminal starts it, with Ctrl-C's signal at its default. A
# process started in the background by a script (`pytest &`, some CI runners) ignores SIGINT, its
# children inherit that, and Python then raises no KeyboardInterrupt: the Ctrl-C test would hang.
AT_A_TERMINAL = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                 "runpy.run_module('tutor', run_name='__main__', alter_sys=True)")
ESCAPE_OR_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class PlainRun:
    """One `tutor --plain` process on pipes."""

    def __init__(self, db: Path, *args: str, env: dict | None = None):
        self.db = db
        # faulthandler: a child that hangs is made to print where it is (see wait) before it is killed.
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1", **(env or {})}
        full_env.pop("COLUMNS", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", AT_A_TERMINAL, "--plain", "--db", str(db), *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=full_env,
        )
        self.raw = b""  # everything written to standard output, as bytes
        self.sent: list[str] = []
        self._seen = 0
        self._chunks: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        fd = self.proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 65536)
            self._chunks.put(chunk)
            if not chunk:
                return

    @property
    def output(self) -> str:
        return self.raw.decode("utf-8")

    def screen(self) -> str:
        """Wait for the next prompt; returns the output since the previous one, the prompt last."""
        while True:
            text = self.raw[self._seen:].decode("utf-8", errors="replace")
            if PROMPT_RE.search(text):
                self._seen = len(self.raw)
                return text
            try:
                chunk = self._chunks.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                raise AssertionError(f"no prompt within {WAIT_SECONDS} s; output ends:\n{self.output[-2000:]}") from None
            if not chunk:
                raise EOFError(f"tutor --plain ended; output ends:\n{self.output[-2000:]}")
            self.raw += chunk

    def send(self, line: str) -> None:
        self.sent.append(line)
        self.proc.stdin.write((line + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def close_input(self) -> int:
        """End of input (Ctrl-D): the tutor must leave cleanly by itself."""
        self.proc.stdin.close()
        return self.wait()

    def wait(self) -> int:
        try:
            code = self.proc.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            # Hung: SIGABRT makes faulthandler print every thread's stack, so the failure says where.
            self.proc.send_signal(signal.SIGABRT)
            try:
                self.proc.wait(timeout=WAIT_SECONDS)
            finally:
                if self.proc.poll() is None:
                    self.proc.kill()
            stacks = self.proc.stderr.read().decode("utf-8", errors="replace")
            raise AssertionError(f"tutor --plain did not exit within {WAIT_SECONDS} s; it was at:\n{stacks[-4000:]}\n"
                                 f"output ends:\n{self.output[-1000:]}") from None
        while True:
            try:
                chunk = self._chunks.get(timeout=WAIT_SECONDS)
            except queue.Empty:
                break
            if not chunk:
                break
            self.raw += chunk
        self.stderr = self.proc.stderr.read().decode("utf-8", errors="replace")
        return code

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=WAIT_SECONDS)


def drawn_question(db: Path, learner: str) -> tuple[str, list[str], int]:
    """The open attempt's current question: its id, its choices in the order shown, its position."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT type, payload FROM events WHERE learner = ? AND type IN ('attempt.started', 'attempt.answered') "
            "ORDER BY seq", (learner,)).fetchall()
    finally:
        conn.close()
    attempts: dict[str, dict] = {}
    last = None
    for kind, payload in rows:
        data = json.loads(payload)
        if kind == "attempt.started":
            attempts[data["attempt"]] = {"questions": data["questions"], "answered": 0}
            last = data["attempt"]
        else:
            attempts[data["attempt"]]["answered"] += 1
    current = attempts[last]
    position = current["answered"]
    question = current["questions"][position]
    return question["id"], question["choices"], position


def right_choice_numbers(content, db: Path, learner: str, wrong: bool = False) -> str:
    """The numbers to type for the current quiz question: its right answer, or a wrong one."""
    question_id, order, _ = drawn_question(db, learner)
    question = content.questions[question_id]
    if wrong:
        wrong_ids = [c for c in order if c not in question.answer]
        return str(order.index(wrong_ids[0]) + 1)
    return " ".join(str(order.index(c) + 1) for c in order if c in question.answer)


def autopilot(run: PlainRun, content, learner: str, name: str, district_name: str | None = None,
              wrong_quizzes: int = 0, stop=lambda screen: "Signed. Keep this receipt." in screen) -> str:
    """Answer every prompt as a new hire would until `stop(screen)`; returns that last screen.

    The first `wrong_quizzes` quizzes are answered wrongly, question after question.
    """
    failing = wrong_quizzes
    while True:
        screen = run.screen()
        if stop(screen):
            return screen
        prompt = screen.rsplit("\n", 1)[-1]
        if prompt.startswith("Type your employee ID"):
            run.send(learner)
        elif prompt.startswith("Type your full name"):
            run.send(name)
        elif "Which district do you work for?" in screen:
            number = re.search(rf"(\d+)\. {re.escape(district_name)}\n", screen).group(1)
            run.send(number)
        elif re.search(r"\nQuestion \d+ of \d+\n", screen) and "(Enter for" not in prompt:
            run.send(right_choice_numbers(content, run.db, learner, wrong=failing > 0))
        elif "Not passed yet" in screen:
            failing -= 1
            run.send("1")  # retake
        else:
            run.send("1")
