"""The answer's plain-language sentence, chosen from a long summary."""

import os
import subprocess
import sys
from pathlib import Path

import tutor
from tutor.answer.wording import answer_sentence

# Two clauses whose question words weigh exactly the same in all (0.1 + 0.2 + 0.3 and 0.6); added
# up in floating point in one order, the first comes to 0.6000000000000001.
SUMMARY = ("Ask the records office about the quartz request and the filing, as set out in the district's "
           "handbook for every member of staff; ask the system administrator about the amber, basalt and "
           "cobalt requests before you do anything else with the machine.")
WEIGHTS = {"quartz": 0.6, "amber": 0.1, "basalt": 0.2, "cobalt": 0.3}
PROGRAM = ("from tutor.answer.wording import answer_sentence; import sys; "
           f"print(answer_sentence({SUMMARY!r}, '', {WEIGHTS!r}))")


def test_a_long_summary_gives_the_clause_the_question_is_about():
    assert answer_sentence(SUMMARY, "", {"amber": 1.0}) == (
        "Ask the system administrator about the amber, basalt and cobalt requests before you do anything "
        "else with the machine.")


def test_two_clauses_that_tie_give_the_same_sentence_in_every_run():
    """A tie goes to the first clause whatever order a set of the clause's words comes in, which
    changes from one process to the next: the same question never gets two different answers."""
    said = set()
    for seed in range(12):
        run = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed),
                                  "PYTHONPATH": str(Path(tutor.__file__).parent.parent)})
        said.add(run.stdout.strip())
    assert said == {"Ask the records office about the quartz request and the filing, as set out in the "
                    "district's handbook for every member of staff."}
