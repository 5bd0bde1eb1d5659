"""Ask the policy: evaluation on tests/ask_eval.yaml, tests/ask_fresh.yaml, tests/ask_staff.yaml
(its held-out half sealed: totals only), tests/ask_sealed2.yaml and tests/ask_sealed3.yaml (sealed:
totals only), plus unit tests of the answerer and `tutor ask`."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tutor.answer import Answerer
from tutor.answer.passages import MAX_QUOTE, split_section
from tutor.answer.section_asks import not_covered, section_asks
from tutor.answer.source import load_for_answers
from tutor.answer.answerer import NEUTRAL_CONTACT
from tutor.content.loader import load_content
from tutor.content.model import DISTRICT_IDS, Citation
from tutor.content.quotes import quote_appears

EVAL_FILE = Path(__file__).with_name("ask_eval.yaml")
# A second set, written in staff's own words after ask_eval.yaml had been tuned on and
# before any further change: `tune2` may guide changes, `heldout2` is only reported.
FRESH_FILE = Path(__file__).with_name("ask_fresh.yaml")
# A third set, written on 2026-12-02 from the policies alone by someone who had not seen
# the answerer or the earlier sets. Its `heldout` half is sealed: only its aggregate
# figures are ever printed; `tune` may guide changes.
STAFF_FILE = Path(__file__).with_name("ask_staff.yaml")
# A fourth set, sealed as a whole: written on 2026-12-02 from the policies alone by someone who
# had seen neither the answerer nor any earlier set, and first opened once the second round's
# answerer was committed. Only its aggregate figures are ever printed; nothing is tuned on it.
SEALED2_FILE = Path(__file__).with_name("ask_sealed2.yaml")
# A fifth set, sealed as a whole, written the same way on 2026-12-02 and first opened once the
# third round's answerer was committed. Only its aggregate figures are ever printed.
SEALED3_FILE = Path(__file__).with_name("ask_sealed3.yaml")
# A sixth set, sealed as a whole, written the same way on 2026-12-02 while the fourth round was
# tuned, and first opened once its answerer was committed. Only its aggregate figures are printed.
SEALED4_FILE = Path(__file__).with_name("ask_sealed4.yaml")
# A seventh set, sealed as a whole, written the same way on 2026-12-02 while the fifth round was
# tuned, and first opened once its answerer was committed. Only its aggregate figures are printed.
SEALED5_FILE = Path(__file__).with_name("ask_sealed5.yaml")
# An eighth set, sealed as a whole, written the same way on 2026-12-02 before the sixth round
# (the questions written for every section) was begun, and first opened once its answerer was
# committed. Only its aggregate figures are printed.
SEALED6_FILE = Path(__file__).with_name("ask_sealed6.yaml")
# A ninth set, sealed as a whole, written the same way on 2026-12-02 while the seventh round
# (questions written as ones the policies do not answer) was tuned, and first opened once its
# answerer was committed. Only its aggregate figures are printed.
SEALED7_FILE = Path(__file__).with_name("ask_sealed7.yaml")
# A tenth set, sealed as a whole, written the same way on 2026-12-02 while the eighth round (written
# twins) was tuned, and first opened once its answerer was committed. Only its totals are printed.
SEALED8_FILE = Path(__file__).with_name("ask_sealed8.yaml")
# An eleventh set, sealed as a whole, written the same way on 2026-12-02 while the ninth round (a
# second batch of written questions) was prepared, and first opened once its answerer was committed.
SEALED9_FILE = Path(__file__).with_name("ask_sealed9.yaml")
# A twelfth and a thirteenth set, sealed as a whole, written the same way on 2026-12-02 by two more
# writers before the tenth round began (the thirteenth leaning to staff other than classroom
# teachers and to short, hurried questions), with more out-of-scope questions each (56 and 58).
# The twelfth was first opened once the tenth round's answerer was committed, the thirteenth once
# the eleventh's was. Only their totals are printed.
SEALED10_FILE = Path(__file__).with_name("ask_sealed10.yaml")
SEALED11_FILE = Path(__file__).with_name("ask_sealed11.yaml")
# A fourteenth and a fifteenth set, sealed as a whole, written the same way on 2026-12-02 after the
# eleventh round's answerer was committed, and first opened once the twelfth's and the thirteenth's
# were. Only their totals are printed.
SEALED12_FILE = Path(__file__).with_name("ask_sealed12.yaml")
SEALED13_FILE = Path(__file__).with_name("ask_sealed13.yaml")
# A sixteenth set, sealed as a whole, written the same way on 2026-12-02 while the thirteenth round
# (a third batch of written questions) was prepared, and first opened once the fourteenth round's
# answerer was committed. Only its totals are printed.
SEALED14_FILE = Path(__file__).with_name("ask_sealed14.yaml")
# A seventeenth, written the same way once the thirteenth round was committed, and first opened once
# the fifteenth round's answerer was committed. Only its totals are printed.
SEALED15_FILE = Path(__file__).with_name("ask_sealed15.yaml")
# An eighteenth and a nineteenth, written the same way on 2026-12-02 by two more writers once the
# fifteenth round was committed (the nineteenth leaning to staff other than classroom teachers and to
# short, hurried questions), for the rounds after. Checked for shape only until then. The eighteenth was
# first opened once the sixteenth round's answerer was committed, the nineteenth once the seventeenth's
# was; only their totals are printed. Questions that came out word for word as ones the answerer ships
# (data/: three of the eighteenth's, one of the nineteenth's) are left out of their figures.
SEALED16_FILE = Path(__file__).with_name("ask_sealed16.yaml")
SEALED17_FILE = Path(__file__).with_name("ask_sealed17.yaml")
# A twentieth and a twenty-first, written the same way on 2026-12-02 by two more writers once the
# seventeenth round was committed (the twentieth leaning to situations, something that just happened;
# the twenty-first to staff new to the district and to named apps, devices and places), for the rounds
# after. The twentieth was first opened once the eighteenth round's answerer was committed, the
# twenty-first once the nineteenth's was (only their totals are printed; two questions of each that the
# answerer ships are left out).
SEALED18_FILE = Path(__file__).with_name("ask_sealed18.yaml")
SEALED19_FILE = Path(__file__).with_name("ask_sealed19.yaml")
# A twenty-second and a twenty-third, written the same way on 2026-12-02 by two more writers once the
# eighteenth round was committed (the twenty-second leaning to staff worried they already did something
# wrong and to what they saw others do; the twenty-third to experienced staff's annual refresher, longer
# questions with a backstory), for the rounds after the nineteenth. The twenty-second was first opened
# once the twentieth round's answerer was committed, the twenty-third once the twenty-first's was (totals
# only).
SEALED20_FILE = Path(__file__).with_name("ask_sealed20.yaml")
SEALED21_FILE = Path(__file__).with_name("ask_sealed21.yaml")
# A twenty-fourth and a twenty-fifth, written the same way on 2026-12-02 by two more writers once the
# twentieth round was committed (the twenty-fourth leaning to support staff and administrators, e-mail,
# shared drives and records; the twenty-fifth to classroom situations with students and to questions
# mixing two concerns), for the rounds after the twenty-first. The twenty-fourth was first opened once
# the twenty-second round's answerer was committed, the twenty-fifth once the twenty-third's was (totals
# only).
SEALED22_FILE = Path(__file__).with_name("ask_sealed22.yaml")
SEALED23_FILE = Path(__file__).with_name("ask_sealed23.yaml")
# A twenty-sixth and a twenty-seventh, written the same way on 2026-12-03 by two more writers while the
# twenty-second round was tuned, for the rounds after the twenty-third. The twenty-sixth was first opened
# once the twenty-fourth round's answerer was committed, the twenty-seventh once the twenty-fifth's was
# (totals only).
SEALED24_FILE = Path(__file__).with_name("ask_sealed24.yaml")
SEALED25_FILE = Path(__file__).with_name("ask_sealed25.yaml")
# A twenty-eighth and a twenty-ninth, written the same way on 2026-12-03 by two more writers while the
# twenty-fifth round was tuned, for the rounds after it. The twenty-eighth was first opened once the
# twenty-sixth round's answerer was committed, the twenty-ninth once the twenty-seventh's was (totals
# only).
SEALED26_FILE = Path(__file__).with_name("ask_sealed26.yaml")
SEALED27_FILE = Path(__file__).with_name("ask_sealed27.yaml")
# A thirtieth and a thirty-first, written the same way on 2026-12-03 by two more writers once the
# twenty-sixth round was committed, for the rounds after the twenty-seventh. The thirtieth was first
# opened once the twenty-eighth round's answerer was committed, the thirty-first once the
# twenty-ninth's was (totals only).
SEALED28_FILE = Path(__file__).with_name("ask_sealed28.yaml")
SEALED29_FILE = Path(__file__).with_name("ask_sealed29.yaml")
# A thirty-second to a thirty-fourth, written the same way on 2026-12-03 by three more writers once the
# twenty-eighth round was committed, for the rounds after the twenty-ninth. The thirty-second was first
# opened once the thirtieth round's answerer was committed, the thirty-third once the thirty-first's
# was, the thirty-fourth once the thirty-second's was (totals only).
SEALED30_FILE = Path(__file__).with_name("ask_sealed30.yaml")
SEALED31_FILE = Path(__file__).with_name("ask_sealed31.yaml")
SEALED32_FILE = Path(__file__).with_name("ask_sealed32.yaml")
# A thirty-fifth and a thirty-sixth, written the same way on 2026-12-03 by two more writers once the
# thirtieth round was committed, for the rounds after the thirty-second. The thirty-fifth was first
# opened once the thirty-third round's answerer was committed, the thirty-sixth once the
# thirty-fourth's was (totals only).
SEALED33_FILE = Path(__file__).with_name("ask_sealed33.yaml")
SEALED34_FILE = Path(__file__).with_name("ask_sealed34.yaml")
# A thirty-seventh and a thirty-eighth, written the same way on 2026-12-03 by two more writers once the
# thirty-fourth round was committed, for the rounds after it. The thirty-seventh was first opened once
# the thirty-fifth round's answerer was committed, the thirty-eighth once the thirty-sixth's was
# (totals only).
SEALED35_FILE = Path(__file__).with_name("ask_sealed35.yaml")
SEALED36_FILE = Path(__file__).with_name("ask_sealed36.yaml")
# A thirty-ninth and a fortieth, written the same way on 2026-12-03 by two more writers once the
# thirty-sixth round was committed, for the rounds after it. The thirty-ninth was first opened once the
# thirty-seventh round's answerer was committed, the fortieth once the thirty-eighth's was (totals only).
SEALED37_FILE = Path(__file__).with_name("ask_sealed37.yaml")
SEALED38_FILE = Path(__file__).with_name("ask_sealed38.yaml")
# A forty-first and a forty-second, written the same way on 2026-12-03 by two more writers once the
# thirty-eighth round was committed, for the rounds after it. The forty-first was first opened once the
# thirty-ninth round's answerer was committed, the forty-second once the fortieth's was (totals only).
SEALED39_FILE = Path(__file__).with_name("ask_sealed39.yaml")
SEALED40_FILE = Path(__file__).with_name("ask_sealed40.yaml")
# A forty-third and a forty-fourth, written the same way on 2026-12-03 by two more writers once the
# fortieth round was committed, for the rounds after it. The forty-third was first opened once the
# forty-first round's answerer was committed, the forty-fourth once the forty-second's was (totals only).
SEALED41_FILE = Path(__file__).with_name("ask_sealed41.yaml")
SEALED42_FILE = Path(__file__).with_name("ask_sealed42.yaml")
# A forty-fifth and a forty-sixth, written the same way on 2026-12-03 by two more writers once the
# forty-second round was committed, for the rounds after it. The forty-fifth was first opened once the
# forty-third round's answerer was committed, the forty-sixth once the forty-fourth's was (totals only).
SEALED43_FILE = Path(__file__).with_name("ask_sealed43.yaml")
SEALED44_FILE = Path(__file__).with_name("ask_sealed44.yaml")
# A forty-seventh and a forty-eighth, written the same way on 2026-12-03 by two more writers once the
# forty-second round was committed, for the rounds after it. The forty-seventh was first opened once the
# forty-fifth round's answerer was committed, the forty-eighth once the forty-sixth's was (totals only).
SEALED45_FILE = Path(__file__).with_name("ask_sealed45.yaml")
SEALED46_FILE = Path(__file__).with_name("ask_sealed46.yaml")
# A forty-ninth and a fiftieth, written the same way on 2026-12-03 by two more writers once the
# forty-fourth round was committed, for the rounds after it. The forty-ninth was first opened once the
# forty-seventh round's answerer was committed, the fiftieth once the forty-eighth's was (totals only).
SEALED47_FILE = Path(__file__).with_name("ask_sealed47.yaml")
SEALED48_FILE = Path(__file__).with_name("ask_sealed48.yaml")
# A fifty-first and a fifty-second, written the same way on 2026-12-03 by two more writers once the
# forty-sixth round was committed, for the rounds after it. The fifty-first was first opened once the
# forty-ninth round's answerer was committed, the fifty-second once the fiftieth's was (totals only).
SEALED49_FILE = Path(__file__).with_name("ask_sealed49.yaml")
SEALED50_FILE = Path(__file__).with_name("ask_sealed50.yaml")
# A fifty-third and a fifty-fourth, written the same way on 2026-12-03 by two more writers once the
# forty-seventh round was committed, for the rounds after it. The fifty-third was first opened once the
# fifty-first round's answerer was committed, the fifty-fourth once the fifty-second's was (totals only).
SEALED51_FILE = Path(__file__).with_name("ask_sealed51.yaml")
SEALED52_FILE = Path(__file__).with_name("ask_sealed52.yaml")
# A fifty-fifth and a fifty-sixth, written the same way on 2026-12-03 by two more writers once the
# fiftieth round was committed, for the rounds after it. The fifty-fifth was first opened once the
# fifty-third round's answerer was committed, the fifty-sixth once the fifty-fourth's was (totals only).
SEALED53_FILE = Path(__file__).with_name("ask_sealed53.yaml")
SEALED54_FILE = Path(__file__).with_name("ask_sealed54.yaml")
# A fifty-seventh, a fifty-eighth and a fifty-ninth, written the same way on 2026-12-03 by three more
# writers once the fifty-third round was committed, for the rounds after it. The fifty-seventh was first
# opened once the fifty-fifth round's answerer was committed, the fifty-eighth once the fifty-sixth's was,
# the fifty-ninth once the fifty-seventh's was (totals only).
SEALED55_FILE = Path(__file__).with_name("ask_sealed55.yaml")
SEALED56_FILE = Path(__file__).with_name("ask_sealed56.yaml")
SEALED57_FILE = Path(__file__).with_name("ask_sealed57.yaml")
# A sixtieth and a sixty-first, written the same way on 2026-12-03 by two more writers once the
# fifty-fifth round was committed, for the rounds after it. The sixtieth was first opened once the
# fifty-eighth round's answerer was committed, the sixty-first once the fifty-ninth's was (totals only).
SEALED58_FILE = Path(__file__).with_name("ask_sealed58.yaml")
SEALED59_FILE = Path(__file__).with_name("ask_sealed59.yaml")
# A sixty-second and a sixty-third, written the same way on 2026-12-03 by two more writers once the
# fifty-sixth round was committed, for the rounds after it. The sixty-second was first opened once the
# sixtieth round's answerer was committed, the sixty-third once the sixty-first's was (totals only).
SEALED60_FILE = Path(__file__).with_name("ask_sealed60.yaml")
SEALED61_FILE = Path(__file__).with_name("ask_sealed61.yaml")
# A sixty-fourth and a sixty-fifth, written the same way on 2026-12-03 by two more writers once the
# fifty-ninth round was committed, for the rounds after it. The sixty-fourth was first opened once the
# sixty-second round's answerer was committed, the sixty-fifth once the sixty-third's was (totals only).
SEALED62_FILE = Path(__file__).with_name("ask_sealed62.yaml")
SEALED63_FILE = Path(__file__).with_name("ask_sealed63.yaml")
# A sixty-sixth and a sixty-seventh, written the same way on 2026-12-03 by two more writers once the
# sixty-second round was committed, for the rounds after it. The sixty-sixth was first opened once the
# sixty-fourth round's answerer was committed, the sixty-seventh once the sixty-fifth's was (totals only).
SEALED64_FILE = Path(__file__).with_name("ask_sealed64.yaml")
SEALED65_FILE = Path(__file__).with_name("ask_sealed65.yaml")
# A sixty-eighth to a seventy-first, written the same way on 2026-12-03 by four more writers once the
# sixty-third round was committed, for the rounds after it. The sixty-eighth was first opened once the
# sixty-sixth round's answerer was committed, the sixty-ninth once the sixty-seventh's was, the seventieth
# once the sixty-eighth's was and the seventy-first once the sixty-ninth's was (totals only).
SEALED66_FILE = Path(__file__).with_name("ask_sealed66.yaml")
SEALED67_FILE = Path(__file__).with_name("ask_sealed67.yaml")
SEALED68_FILE = Path(__file__).with_name("ask_sealed68.yaml")
SEALED69_FILE = Path(__file__).with_name("ask_sealed69.yaml")
# A seventy-second and a seventy-third, written the same way on 2026-12-03 by two more writers once the
# sixty-eighth round was committed, for the rounds after it. The seventy-second was first opened once the
# seventieth round's answerer was committed, the seventy-third once the seventy-first's was (totals only).
SEALED70_FILE = Path(__file__).with_name("ask_sealed70.yaml")
SEALED71_FILE = Path(__file__).with_name("ask_sealed71.yaml")
# A seventy-fourth and a seventy-fifth, written the same way on 2026-12-03 by two more writers once the
# seventieth round was committed, for the rounds after it. The seventy-fourth was first opened once the
# seventy-second round's answerer was committed, the seventy-fifth once the seventy-third's was (totals only).
SEALED72_FILE = Path(__file__).with_name("ask_sealed72.yaml")
SEALED73_FILE = Path(__file__).with_name("ask_sealed73.yaml")
# A seventy-sixth and a seventy-seventh, written the same way on 2026-12-03 by two more writers once the
# seventy-first round was committed, for the rounds after it. The seventy-sixth was first opened once the
# seventy-fourth round's answerer was committed, the seventy-seventh once the seventy-fifth's was (totals only).
SEALED74_FILE = Path(__file__).with_name("ask_sealed74.yaml")
SEALED75_FILE = Path(__file__).with_name("ask_sealed75.yaml")
# A seventy-eighth and a seventy-ninth, written the same way on 2026-12-03 by two more writers once the
# seventy-third round was committed, for the rounds after it. The seventy-eighth was first opened once the
# seventy-sixth round's answerer was committed, the seventy-ninth once the seventy-seventh's was (totals only).
SEALED76_FILE = Path(__file__).with_name("ask_sealed76.yaml")
SEALED77_FILE = Path(__file__).with_name("ask_sealed77.yaml")
# An eightieth and an eighty-first, written the same way on 2026-12-03 by two more writers once the
# seventy-fifth round was committed, for the rounds after it. The eightieth was first opened once the
# seventy-eighth round's answerer was committed, the eighty-first once the seventy-ninth's was (totals only).
SEALED78_FILE = Path(__file__).with_name("ask_sealed78.yaml")
SEALED79_FILE = Path(__file__).with_name("ask_sealed79.yaml")
# An eighty-second and an eighty-third, written the same way on 2026-12-03 by two more writers once the
# seventy-ninth round was committed, for the rounds after it. The eighty-second was first opened once the
# eightieth round's answerer was committed, the eighty-third once the eighty-first's was (totals only).
SEALED80_FILE = Path(__file__).with_name("ask_sealed80.yaml")
SEALED81_FILE = Path(__file__).with_name("ask_sealed81.yaml")
# An eighty-fourth and an eighty-fifth, written the same way on 2026-12-03 by two more writers once the
# eightieth round was committed, for the rounds after it. The eighty-fourth was first opened once the
# eighty-second round's answerer was committed, the eighty-fifth once the eighty-third's was (totals only).
SEALED82_FILE = Path(__file__).with_name("ask_sealed82.yaml")
SEALED83_FILE = Path(__file__).with_name("ask_sealed83.yaml")
# An eighty-sixth and an eighty-seventh, written the same way on 2026-12-03 by two more writers once the
# eighty-first round was committed, for the rounds after it. The eighty-sixth was first opened once the
# eighty-fourth round's answerer was committed, the eighty-seventh once the eighty-fifth's was (totals only).
SEALED84_FILE = Path(__file__).with_name("ask_sealed84.yaml")
SEALED85_FILE = Path(__file__).with_name("ask_sealed85.yaml")
# An eighty-eighth and an eighty-ninth, written the same way on 2026-12-03 by two more writers once the
# eighty-third round was committed, for the rounds after it. The eighty-eighth was first opened once the
# eighty-sixth round's answerer was committed, the eighty-ninth once the eighty-seventh's was (totals only).
SEALED86_FILE = Path(__file__).with_name("ask_sealed86.yaml")
SEALED87_FILE = Path(__file__).with_name("ask_sealed87.yaml")
# A ninetieth and a ninety-first, written the same way on 2026-12-04 by two more writers once the eighty-sixth
# round was committed, for the rounds after the eighty-seventh. The ninetieth was first opened once the
# eighty-eighth round's answerer was committed, the ninety-first once the eighty-ninth's was (totals only).
SEALED88_FILE = Path(__file__).with_name("ask_sealed88.yaml")
SEALED89_FILE = Path(__file__).with_name("ask_sealed89.yaml")
# A ninety-second and a ninety-third, written the same way on 2026-12-04 by two more writers once the
# eighty-seventh round was committed, for the rounds after the eighty-ninth. The ninety-second was first opened
# once the ninetieth round's answerer was committed, the ninety-third once the ninety-first's was (totals only).
SEALED90_FILE = Path(__file__).with_name("ask_sealed90.yaml")
SEALED91_FILE = Path(__file__).with_name("ask_sealed91.yaml")
# A ninety-fourth and a ninety-fifth, written the same way on 2026-12-04 by two more writers once the eighty-ninth
# round was committed, for the rounds after the ninetieth. The ninety-fourth was first opened once the
# ninety-second round's answerer was committed, the ninety-fifth once the ninety-third's was (totals only).
SEALED92_FILE = Path(__file__).with_name("ask_sealed92.yaml")
SEALED93_FILE = Path(__file__).with_name("ask_sealed93.yaml")
SEALED2_TOPICS = {"personal-use", "prohibited", "privacy-monitoring", "passwords-accounts", "supervising-students",
                  "copyright-web", "email-communications", "reporting", "acknowledgment", "out-of-scope"}
STAFF_TOPICS = {"personal-use", "prohibited", "privacy", "passwords", "supervising", "copyright-web",
                "email-comms", "reporting", "acknowledgment", "out-of-scope"}
MIN_TOP1 = 0.85
MIN_ABSTAIN = 0.90
# Floors for tune2, well below what it scores: a guard against regressions, not a target.
MIN_TUNE2_TOP1 = 0.75
MIN_TUNE2_ABSTAIN = 0.85

# A second held-out set, written after the held-out split of ask_eval.yaml had
# been scored once (and so could no longer be called unseen), before any
# further change to the answerer. Never tuned on; reported, not asserted.
FRESH_HELDOUT = [
    {"q": "Is it okay to use my school Gmail to message my sister about weekend plans?",
     "expect": ["crec:B", "crec:policy", "thomaston:B", "thomaston:policy", "clinton:introduction", "clinton:policy",
                "stafford:introduction", "ces:acceptable-network-use"]},
    {"q": "Can I download a free game on the classroom computer for indoor recess?",
     "expect": ["crec:C.7", "thomaston:C.7", "ces:unacceptable-network-use", "ces:administrative-guidelines",
                "clinton:prohibited-uses", "stafford:prohibited-uses"]},
    {"q": "Is my district allowed to read my texts on the phone they gave me?", "district": "clinton",
     "expect": ["clinton:monitoring", "clinton:policy", "clinton:privacy", "clinton:personal-online-accounts"]},
    {"q": "Can my assistant principal make me show her my Snapchat?",
     "expect": ["clinton:personal-online-accounts", "stafford:personal-online-accounts"]},
    {"q": "My coworker asked for my password so she can print from my account, is that okay?",
     "expect": ["ces:network-security", "ces:email-guidelines", "ces:internet-safety-guidelines", "crec:C.12",
                "thomaston:C.12"]},
    {"q": "Do I have to log off when I leave my classroom for lunch?", "district": "ces",
     "expect": ["ces:network-security"]},
    {"q": "Students keep finding games that slip through the filter, whose job is it to keep an eye on them?",
     "expect": ["crec:F", "thomaston:F", "ces:filtering-and-monitoring", "ces:policy"]},
    {"q": "Can I use a proxy site to get to YouTube when it's blocked?",
     "expect": ["ces:filtering-and-monitoring", "ces:digital-citizenship", "ces:administrative-guidelines",
                "crec:C.10", "crec:C.14", "thomaston:C.10", "thomaston:C.14"]},
    {"q": "Can I burn copies of a DVD for my class?",
     "expect": ["ces:copyright", "ces:administrative-guidelines", "crec:C.1", "thomaston:C.1",
                "clinton:prohibited-uses", "stafford:prohibited-uses"]},
    {"q": "Can I use my district email to sell concert tickets I can't use?",
     "expect": ["crec:C.4", "thomaston:C.4", "crec:C.5", "thomaston:C.5", "clinton:prohibited-uses",
                "stafford:prohibited-uses", "ces:unacceptable-network-use", "ces:internet-safety-guidelines",
                "ces:administrative-guidelines", "ces:email-guidelines", "ces:policy"]},
    {"q": "Someone keeps sending me threatening emails, who should I report it to?", "district": "stafford",
     "expect": ["stafford:reporting"]},
    {"q": "What could happen to me if I'm caught misusing the network?", "district": "ces",
     "expect": ["ces:disciplinary-action", "ces:administrative-guidelines", "ces:internet-safety-guidelines",
                "ces:web-site-guidelines", "ces:email-guidelines"]},
    {"q": "Can I post pictures from our class field trip with the kids' names on the school site?",
     "expect": ["ces:student-names-and-dangerous-content", "ces:web-site-guidelines", "ces:acceptable-network-use",
                "ces:copyright"]},
    {"q": "Is it alright to send the whole faculty an email about my garage sale?", "district": "crec",
     "expect": ["crec:C.4", "crec:C.9", "crec:C.5"]},
    {"q": "Does the school keep tabs on which websites I visit?", "district": "thomaston",
     "expect": ["thomaston:D", "thomaston:policy"]},
    {"q": "Is it okay to tell colleagues over email about a student's medical condition when they don't need to know?",
     "expect": ["crec:E", "thomaston:E", "ces:student-data", "ces:email-guidelines", "clinton:prohibited-uses",
                "stafford:prohibited-uses"]},
    {"q": "Can I use a made-up name so my emails can't be traced back to me?", "expect": ["ces:email-guidelines"]},
    {"q": "Do I have to sign an agreement about computer use?", "district": "crec", "expect": ["crec:I", "crec:policy"]},
    {"q": "What do I do if I notice a virus or security problem on my computer?",
     "expect": ["crec:C.15", "thomaston:C.15", "clinton:reporting", "stafford:reporting"]},
    {"q": "Can I connect my personal tablet to the agency network?", "district": "ces",
     "expect": ["ces:acceptable-network-use", "ces:unacceptable-network-use"]},
    {"q": "When do we get our summer paychecks?", "expect": []},
    {"q": "Who do I see about a broken window in my classroom?", "expect": []},
    {"q": "Can I leave early on Friday for a doctor's appointment?", "expect": []},
    {"q": "How do I enroll my child in the district's preschool?", "district": "clinton", "expect": []},
    {"q": "What's the process for requesting a classroom aide?", "expect": []},
    {"q": "Is the gym open to staff after school?", "expect": []},
    {"q": "How many personal days can I carry over to next year?", "district": "stafford", "expect": []},
    {"q": "Where do I send my jury duty notice?", "expect": []},
    {"q": "Can I wear jeans on casual Friday?", "district": "thomaston", "expect": []},
    {"q": "How do I get a key to the supply closet?", "expect": []},
]
for _entry in FRESH_HELDOUT:
    _entry["split"] = "fresh"


@pytest.fixture(scope="module")
def shipped():
    return load_content()


@pytest.fixture(scope="module")
def answerer(shipped):
    return Answerer(shipped)


@pytest.fixture(scope="module")
def eval_set():
    return yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fresh_set():
    return yaml.safe_load(FRESH_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def staff_set():
    entries = yaml.safe_load(STAFF_FILE.read_text(encoding="utf-8"))
    for entry in entries:
        # Kept apart from ask_eval.yaml's own `tune` / `heldout` in the printed misses.
        entry["split"] = {"tune": "staff", "heldout": "sealed"}[entry["split"]]
    return entries


def _question_set(path: Path):
    """A module-scoped fixture reading one question set."""

    @pytest.fixture(scope="module")
    def entries():
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    return entries


sealed2_set = _question_set(SEALED2_FILE)
sealed3_set = _question_set(SEALED3_FILE)
sealed4_set = _question_set(SEALED4_FILE)
sealed5_set = _question_set(SEALED5_FILE)
sealed6_set = _question_set(SEALED6_FILE)
sealed7_set = _question_set(SEALED7_FILE)
sealed8_set = _question_set(SEALED8_FILE)
sealed9_set = _question_set(SEALED9_FILE)
sealed10_set = _question_set(SEALED10_FILE)
sealed11_set = _question_set(SEALED11_FILE)
sealed12_set = _question_set(SEALED12_FILE)
sealed13_set = _question_set(SEALED13_FILE)
sealed14_set = _question_set(SEALED14_FILE)
sealed15_set = _question_set(SEALED15_FILE)
sealed16_set = _question_set(SEALED16_FILE)
sealed17_set = _question_set(SEALED17_FILE)
sealed18_set = _question_set(SEALED18_FILE)
sealed19_set = _question_set(SEALED19_FILE)
sealed20_set = _question_set(SEALED20_FILE)
sealed21_set = _question_set(SEALED21_FILE)
sealed22_set = _question_set(SEALED22_FILE)
sealed23_set = _question_set(SEALED23_FILE)
sealed24_set = _question_set(SEALED24_FILE)
sealed25_set = _question_set(SEALED25_FILE)
sealed26_set = _question_set(SEALED26_FILE)
sealed27_set = _question_set(SEALED27_FILE)
sealed28_set = _question_set(SEALED28_FILE)
sealed29_set = _question_set(SEALED29_FILE)
sealed30_set = _question_set(SEALED30_FILE)
sealed31_set = _question_set(SEALED31_FILE)
sealed32_set = _question_set(SEALED32_FILE)
sealed33_set = _question_set(SEALED33_FILE)
sealed34_set = _question_set(SEALED34_FILE)
sealed35_set = _question_set(SEALED35_FILE)
sealed36_set = _question_set(SEALED36_FILE)
sealed37_set = _question_set(SEALED37_FILE)
sealed38_set = _question_set(SEALED38_FILE)
sealed39_set = _question_set(SEALED39_FILE)
sealed40_set = _question_set(SEALED40_FILE)
sealed41_set = _question_set(SEALED41_FILE)
sealed42_set = _question_set(SEALED42_FILE)
sealed43_set = _question_set(SEALED43_FILE)
sealed44_set = _question_set(SEALED44_FILE)
sealed45_set = _question_set(SEALED45_FILE)
sealed46_set = _question_set(SEALED46_FILE)
sealed47_set = _question_set(SEALED47_FILE)
sealed48_set = _question_set(SEALED48_FILE)
sealed49_set = _question_set(SEALED49_FILE)
sealed50_set = _question_set(SEALED50_FILE)
sealed51_set = _question_set(SEALED51_FILE)
sealed52_set = _question_set(SEALED52_FILE)
sealed53_set = _question_set(SEALED53_FILE)
sealed54_set = _question_set(SEALED54_FILE)
sealed55_set = _question_set(SEALED55_FILE)
sealed56_set = _question_set(SEALED56_FILE)
sealed57_set = _question_set(SEALED57_FILE)
sealed58_set = _question_set(SEALED58_FILE)
sealed59_set = _question_set(SEALED59_FILE)
sealed60_set = _question_set(SEALED60_FILE)
sealed61_set = _question_set(SEALED61_FILE)
sealed62_set = _question_set(SEALED62_FILE)
sealed63_set = _question_set(SEALED63_FILE)
sealed64_set = _question_set(SEALED64_FILE)
sealed65_set = _question_set(SEALED65_FILE)
sealed66_set = _question_set(SEALED66_FILE)
sealed67_set = _question_set(SEALED67_FILE)
sealed68_set = _question_set(SEALED68_FILE)
sealed69_set = _question_set(SEALED69_FILE)
sealed70_set = _question_set(SEALED70_FILE)
sealed71_set = _question_set(SEALED71_FILE)
sealed72_set = _question_set(SEALED72_FILE)
sealed73_set = _question_set(SEALED73_FILE)
sealed74_set = _question_set(SEALED74_FILE)
sealed75_set = _question_set(SEALED75_FILE)
sealed76_set = _question_set(SEALED76_FILE)
sealed77_set = _question_set(SEALED77_FILE)
sealed78_set = _question_set(SEALED78_FILE)
sealed79_set = _question_set(SEALED79_FILE)
sealed80_set = _question_set(SEALED80_FILE)
sealed81_set = _question_set(SEALED81_FILE)
sealed82_set = _question_set(SEALED82_FILE)
sealed83_set = _question_set(SEALED83_FILE)
sealed84_set = _question_set(SEALED84_FILE)
sealed85_set = _question_set(SEALED85_FILE)
sealed86_set = _question_set(SEALED86_FILE)
sealed87_set = _question_set(SEALED87_FILE)
sealed88_set = _question_set(SEALED88_FILE)
sealed89_set = _question_set(SEALED89_FILE)
sealed90_set = _question_set(SEALED90_FILE)
sealed91_set = _question_set(SEALED91_FILE)
sealed92_set = _question_set(SEALED92_FILE)
sealed93_set = _question_set(SEALED93_FILE)


def _correct(content, ref: str, expect: list[str]) -> bool:
    """Right when the cited section, or a section it is `equivalent_to`, is expected."""
    section = content.section(Citation.parse(ref))
    same = {ref} | {twin.ref for twin in section.equivalent_to} if section else {ref}
    return bool(same & set(expect))


@dataclass
class Scores:
    """One split's figures: top-1 over in-scope questions, how many of those were answered
    with a wrong first citation (misleading), and how many out-of-scope ones were refused."""

    right: int = 0
    in_scope: int = 0
    misleading: int = 0
    refused: int = 0
    out_scope: int = 0
    misses: list[str] = field(default_factory=list)


def _score(content, answerer, entries) -> Scores:
    scores = Scores()
    for e in entries:
        answer = answerer.answer(e["q"], e.get("district"))
        top = answer.citations[0].ref if answer.citations and not answer.abstained else None
        where = f"  {e['split']:8} {e.get('district') or '-':9} {e['q']}"
        if e["expect"]:
            scores.in_scope += 1
            if top is not None and _correct(content, top, e["expect"]):
                scores.right += 1
                continue
            scores.misleading += top is not None
            scores.misses.append(f"{where} -> {top or 'abstained'} (want {', '.join(e['expect'][:3])})")
        else:
            scores.out_scope += 1
            if answer.abstained:
                scores.refused += 1
            else:
                scores.misses.append(f"{where} -> answered {top}")
    return scores


def _share(part: int, whole: int) -> str:
    return f"{part:3}/{whole:<3} {part / whole if whole else 0:6.1%}"


# -- the evaluation set itself -------------------------------------------------------


def test_eval_set_shape(eval_set, shipped):
    in_scope = [e for e in eval_set if e["expect"]]
    out_scope = [e for e in eval_set if not e["expect"]]
    assert len(in_scope) >= 60
    assert len(out_scope) >= 20
    for e in eval_set:
        assert set(e) <= {"q", "expect", "split", "district"}, e
        assert e["split"] in ("tune", "heldout"), e
        assert e.get("district") in (None, *DISTRICT_IDS), e
        for ref in e["expect"]:
            assert shipped.section(Citation.parse(ref)) is not None, f"{ref} in {e['q']!r}"
    heldout = sum(e["split"] == "heldout" for e in eval_set)
    assert 0.25 <= heldout / len(eval_set) <= 0.4
    # Every district is asked about, with and without naming it.
    assert {e["district"] for e in eval_set if e.get("district")} == set(DISTRICT_IDS)
    expected_districts = {ref.split(":")[0] for e in in_scope for ref in e["expect"]}
    assert expected_districts == set(DISTRICT_IDS)


def test_fresh_set_shape(fresh_set, eval_set, shipped):
    in_scope = [e for e in fresh_set if e["expect"]]
    out_scope = [e for e in fresh_set if not e["expect"]]
    assert len(in_scope) >= 45
    assert len(out_scope) >= 15
    for e in fresh_set:
        assert set(e) <= {"q", "expect", "split", "district"}, e
        assert e["split"] in ("tune2", "heldout2"), e
        assert e.get("district") in (None, *DISTRICT_IDS), e
        for ref in e["expect"]:
            assert shipped.section(Citation.parse(ref)) is not None, f"{ref} in {e['q']!r}"
    heldout = sum(e["split"] == "heldout2" for e in fresh_set)
    assert 0.3 <= heldout / len(fresh_set) <= 0.36
    assert {e["district"] for e in fresh_set if e.get("district")} == set(DISTRICT_IDS)
    assert {ref.split(":")[0] for e in in_scope for ref in e["expect"]} == set(DISTRICT_IDS)
    # New wording: no question repeats one from the first set.
    assert not {e["q"].lower() for e in fresh_set} & {e["q"].lower() for e in eval_set}


def test_staff_set_shape(staff_set, eval_set, fresh_set, shipped):
    in_scope = [e for e in staff_set if e["expect"]]
    out_scope = [e for e in staff_set if not e["expect"]]
    assert len(in_scope) >= 100
    assert len(out_scope) >= 20
    for e in staff_set:
        assert set(e) <= {"q", "expect", "split", "district", "topic"}, e
        assert e["split"] in ("staff", "sealed"), e
        assert e.get("district") in (None, *DISTRICT_IDS), e
        assert e["topic"] in STAFF_TOPICS, e
        assert (e["topic"] == "out-of-scope") == (not e["expect"]), e
        for ref in e["expect"]:
            assert shipped.section(Citation.parse(ref)) is not None, f"{ref} in {e['q']!r}"
    sealed = sum(e["split"] == "sealed" for e in staff_set)
    assert sealed * 2 == len(staff_set)
    assert {e["district"] for e in staff_set if e.get("district")} == set(DISTRICT_IDS)
    # Written without seeing the earlier sets, yet one held-out question came out word for
    # word as a `tune` question of ask_eval.yaml. It is kept (the set is not edited) and the
    # README says so; any further overlap would mean the set was copied.
    repeated = {e["q"].lower() for e in staff_set} & {e["q"].lower() for e in eval_set + fresh_set}
    assert len(repeated) <= 1


def test_sealed2_set_shape(sealed2_set, eval_set, fresh_set, staff_set, shipped):
    """Checked without printing a question: fields, citations that exist, no copy of another set."""
    in_scope = [e for e in sealed2_set if e["expect"]]
    assert len(in_scope) >= 100 and len(sealed2_set) - len(in_scope) >= 20
    for e in sealed2_set:
        assert set(e) <= {"q", "expect", "split", "district", "topic"} and e["split"] == "sealed2"
        assert e.get("district") in (None, *DISTRICT_IDS) and e["topic"] in SEALED2_TOPICS
        assert (e["topic"] == "out-of-scope") == (not e["expect"])
        assert all(shipped.section(Citation.parse(ref)) is not None for ref in e["expect"])
    earlier = {e["q"].lower() for e in eval_set + fresh_set + staff_set + FRESH_HELDOUT}
    # Two out-of-scope questions repeat ask_staff.yaml ones word for word (one of its tune half,
    # one of its held-out half), found when the set was first checked; they were kept.
    assert sum(e["q"].lower() in earlier for e in sealed2_set) <= 2


def test_sealed3_set_shape(sealed3_set, sealed2_set, eval_set, fresh_set, staff_set, shipped):
    """Checked without printing a question: fields, citations that exist, no copy of another set."""
    in_scope = [e for e in sealed3_set if e["expect"]]
    assert len(in_scope) >= 100 and len(sealed3_set) - len(in_scope) >= 30
    for e in sealed3_set:
        assert set(e) <= {"q", "expect", "split", "district", "topic"} and e["split"] == "sealed3"
        assert e.get("district") in (None, *DISTRICT_IDS) and e["topic"] in SEALED2_TOPICS
        assert (e["topic"] == "out-of-scope") == (not e["expect"])
        assert all(shipped.section(Citation.parse(ref)) is not None for ref in e["expect"])
    earlier = {e["q"].lower() for e in eval_set + fresh_set + staff_set + sealed2_set + FRESH_HELDOUT}
    # Eight questions (five of ask_sealed2.yaml's, three of ask_staff.yaml's) came out word for word
    # as an earlier set's, found when the set was first checked: they are left out of its figures.
    assert sum(e["q"].lower() in earlier for e in sealed3_set) == 8


# The sets sealed as a whole since the fourth round, each with how many of its questions came out
# word for word as an earlier set's (left out of its figures).
LATER_SEALED = {"sealed4": 2, "sealed5": 5, "sealed6": 1, "sealed7": 2, "sealed8": 3, "sealed9": 5,
                "sealed10": 7, "sealed11": 10, "sealed12": 14,
                "sealed13": 13, "sealed14": 9,
                "sealed15": 14, "sealed16": 10, "sealed17": 10, "sealed18": 9, "sealed19": 11,
                "sealed20": 8, "sealed21": 2, "sealed22": 14, "sealed23": 15,
                "sealed24": 19, "sealed25": 24, "sealed26": 21, "sealed27": 18,
                "sealed28": 16, "sealed29": 17, "sealed30": 24, "sealed31": 20, "sealed32": 18,
                "sealed33": 28, "sealed34": 25, "sealed35": 16, "sealed36": 18,
                "sealed37": 21, "sealed38": 25, "sealed39": 26, "sealed40": 27,
                "sealed41": 19, "sealed42": 36, "sealed43": 25, "sealed44": 26,
                "sealed45": 25, "sealed46": 16,
                "sealed47": 23, "sealed48": 28,
                "sealed49": 36, "sealed50": 34,
                "sealed51": 25, "sealed52": 29,
                "sealed53": 37, "sealed54": 22,
                "sealed55": 33, "sealed56": 23, "sealed57": 26,
                "sealed58": 40, "sealed59": 31,
                "sealed60": 36, "sealed61": 18,
                "sealed62": 28, "sealed63": 49,
                "sealed64": 42, "sealed65": 46,
                "sealed66": 19, "sealed67": 8, "sealed68": 13, "sealed69": 7,
                "sealed70": 18, "sealed71": 9, "sealed72": 17, "sealed73": 18,
                "sealed74": 15, "sealed75": 20, "sealed76": 14, "sealed77": 14,
                "sealed78": 22, "sealed79": 15, "sealed80": 20, "sealed81": 19,
                "sealed82": 22, "sealed83": 24,
                "sealed84": 13, "sealed85": 22,
                "sealed86": 19, "sealed87": 28, "sealed88": 18, "sealed89": 21, "sealed90": 24, "sealed91": 23,
                "sealed92": 16, "sealed93": 34}


@pytest.mark.parametrize("split", list(LATER_SEALED))
def test_later_sealed_set_shape(split, request, eval_set, fresh_set, staff_set, sealed2_set, sealed3_set, shipped):
    """Checked without printing a question: fields, citations that exist, no copy of another set."""
    entries = request.getfixturevalue(f"{split}_set")
    in_scope = [e for e in entries if e["expect"]]
    assert len(in_scope) >= 100 and len(entries) - len(in_scope) >= 30
    for e in entries:
        assert set(e) <= {"q", "expect", "split", "district", "topic"} and e["split"] == split
        assert e.get("district") in (None, *DISTRICT_IDS) and e["topic"] in SEALED2_TOPICS
        assert (e["topic"] == "out-of-scope") == (not e["expect"])
        assert all(shipped.section(Citation.parse(ref)) is not None for ref in e["expect"])
    earlier_sets = [eval_set, fresh_set, staff_set, sealed2_set, sealed3_set, FRESH_HELDOUT]
    number = int(split.removeprefix("sealed"))
    earlier_sets += [request.getfixturevalue(f"{name}_set") for name in LATER_SEALED
                     if int(name.removeprefix("sealed")) < number]
    earlier = {e["q"].lower() for entries_ in earlier_sets for e in entries_}
    assert sum(e["q"].lower() in earlier for e in entries) == LATER_SEALED[split]


def _unseen(entries, *earlier_sets):
    """The entries whose question is not, word for word, in any earlier set."""
    earlier = {e["q"].lower() for entries_ in earlier_sets for e in entries_}
    return [e for e in entries if e["q"].lower() not in earlier]


@functools.cache
def _shipped_questions() -> frozenset[str]:
    """Every question the answerer ships, lower-cased: written for a section or as one no policy answers."""
    written = (q for questions in section_asks().values() for q in questions)
    return frozenset(q.lower() for q in (*written, *not_covered()))


def _not_in_data(entries):
    """The entries whose question is not, word for word, one the answerer ships: from
    ask_sealed16.yaml on, such a question is left out of the figures."""
    return [e for e in entries if e["q"].lower() not in _shipped_questions()]


# The sets opened one after another since ask_sealed3.yaml, oldest first: each is scored without the
# questions that repeat an earlier set word for word, and from ask_sealed16.yaml on without those the
# answerer ships (data/). Each is added here once it has been opened after its round.
OPENED_IN_TURN = [f"sealed{number}" for number in range(3, 94)]
FIRST_SCORED_WITHOUT_SHIPPED = 16


def test_evaluation(eval_set, fresh_set, staff_set, sealed2_set, shipped, answerer, capsys, request):
    """Top-1, misleading answers (answered, first citation wrong) and refusals, per split.
    Asserted: ask_eval.yaml overall, and a floor on tune2. The held-out splits are printed,
    never asserted, and the sealed half of ask_staff.yaml and all of ask_sealed2.yaml and
    ask_sealed3.yaml to ask_sealed93.yaml only ever in aggregate."""
    rows: dict[str, Scores] = {}
    splits = [
        ("tune", [e for e in eval_set if e["split"] == "tune"]),
        ("heldout", [e for e in eval_set if e["split"] == "heldout"]),
        ("overall", eval_set),
        ("fresh", FRESH_HELDOUT),
        ("tune2", [e for e in fresh_set if e["split"] == "tune2"]),
        ("heldout2", [e for e in fresh_set if e["split"] == "heldout2"]),
        ("staff", [e for e in staff_set if e["split"] == "staff"]),
        ("sealed", [e for e in staff_set if e["split"] == "sealed"]),
        ("sealed2", sealed2_set),
    ]
    earlier = [eval_set, fresh_set, staff_set, sealed2_set, FRESH_HELDOUT]
    for name in OPENED_IN_TURN:
        entries = request.getfixturevalue(f"{name}_set")
        unseen = _unseen(entries, *earlier)
        if int(name.removeprefix("sealed")) >= FIRST_SCORED_WITHOUT_SHIPPED:
            unseen = _not_in_data(unseen)
        splits.append((name, unseen))
        earlier.append(entries)
    for name, entries in splits:
        rows[name] = _score(shipped, answerer, entries)
    with capsys.disabled():
        print("\n\nAsk-the-policy evaluation (tests/ask_eval.yaml, in-file fresh set, tests/ask_fresh.yaml, "
              "tests/ask_staff.yaml: staff = its tune half, sealed = its held-out half; tests/ask_sealed2.yaml; "
              "tests/ask_sealed3.yaml to ask_sealed93.yaml)")
        print(f"  {'split':9} {'top-1':>16} {'misleading':>16} {'out-of-scope refused':>22}")
        for name, s in rows.items():
            print(f"  {name:9} {_share(s.right, s.in_scope)}  {_share(s.misleading, s.in_scope)}  "
                  f"{_share(s.refused, s.out_scope)}")
        # Misses are listed for the splits that may guide changes only.
        misses = [line for name in ("tune", "heldout", "fresh", "tune2", "heldout2", "staff") for line in rows[name].misses]
        if misses:
            print("  misses (every split but the sealed ones):")
            print("\n".join(misses))
    overall = rows["overall"]
    assert overall.right / overall.in_scope >= MIN_TOP1
    assert overall.refused / overall.out_scope >= MIN_ABSTAIN
    tune2 = rows["tune2"]
    assert tune2.right / tune2.in_scope >= MIN_TUNE2_TOP1
    assert tune2.refused / tune2.out_scope >= MIN_TUNE2_ABSTAIN


def test_questions_the_policies_do_not_answer_are_refused(shipped, answerer, capsys):
    """tests/ask_not_covered.yaml: 220 questions no policy answers, half of them near misses in the
    policies' own words. The questions written for every section widen what each section is found
    for; this floor keeps them from pulling out-of-scope questions in (refused when the question
    files arrived: 189/220; 194/220 with the questions written as ones no policy answers)."""
    entries = yaml.safe_load(Path(__file__).with_name("ask_not_covered.yaml").read_text(encoding="utf-8"))
    assert len(entries) == 220 and all(e["expect"] == [] and e["district"] in DISTRICT_IDS for e in entries)
    refused = sum(answerer.answer(e["q"], e["district"]).abstained for e in entries)
    with capsys.disabled():
        print(f"\n  not covered (tests/ask_not_covered.yaml): refused {_share(refused, len(entries))}")
    assert refused >= 0.85 * len(entries)


def test_a_question_nearest_one_no_policy_answers_is_refused(shipped, monkeypatch, tmp_path):
    """data/not_covered.txt: a question nearly as near the questions written as ones no policy
    answers as to those written for a section is refused outright, with nothing offered to read.
    Without the file the same question gets an unrelated clause as the answer or to read; questions
    the policies answer are unaffected."""
    from tutor.answer import answerer as answerer_module
    from tutor.answer.section_asks import NOT_COVERED_FILE, not_covered

    question = "sent the staff meeting reminder with the wrong date, can i unsend it in gmail"
    refused = Answerer(shipped).answer(question, "thomaston")
    assert refused.abstained and not refused.suggestions
    assert "doesn't cover that question" in refused.text
    assert not Answerer(shipped).answer("can i put dropbox on my work laptop", "thomaston").abstained
    monkeypatch.setattr(answerer_module, "not_covered", lambda: [])
    without = Answerer(shipped).answer(question, "thomaston")
    assert without.citations or without.suggestions
    # Nearness is over the five nearest of each kind: one question no policy answers that matches
    # a question the policies answer does not refuse it; several do.
    asked = "can i give my password to the sub while im out on leave"
    shipped_not_covered = not_covered()
    monkeypatch.setattr(answerer_module, "not_covered", lambda: [*shipped_not_covered, asked])
    assert Answerer(shipped).answer(asked, "crec").citations[0].ref == "crec:C.12"
    monkeypatch.setattr(answerer_module, "not_covered", lambda: [
        *shipped_not_covered, *(f"{asked} {tail}" for tail in ("next week", "in march", "again", "please", "ok"))])
    answer = Answerer(shipped).answer(asked, "crec")
    assert answer.abstained and not answer.suggestions
    # The file: one question a line, comments and blank lines skipped, none repeated.
    written = not_covered()
    assert len(written) >= 300 and len(set(written)) == len(written)
    assert not any(line.startswith("#") for line in written)
    assert len(NOT_COVERED_FILE.read_text(encoding="utf-8").splitlines()) > len(written)
    (tmp_path / "none.txt").write_text("# a comment\n\n  what's the wifi password  \n", encoding="utf-8")
    assert not_covered(tmp_path / "none.txt") == ["what's the wifi password"]
    assert not_covered(tmp_path / "missing.txt") == []


# -- quotes and citations ----------------------------------------------------------


def test_every_passage_is_a_short_exact_quote(shipped):
    for policy in shipped.policies.values():
        for section in policy.sections:
            passages = split_section(section)
            assert passages, section.id
            for passage in passages:
                assert len(passage.text) <= MAX_QUOTE, (section.id, passage.text)
                assert quote_appears(passage.text, section.text), (section.id, passage.text)


def test_answers_quote_their_cited_section(eval_set, fresh_set, staff_set, shipped, answerer):
    for e in eval_set + fresh_set + staff_set:
        answer = answerer.answer(e["q"], e.get("district"))
        assert answer.text
        for cited in answer.citations:
            section = shipped.section(Citation(cited.district, cited.section))
            assert section is not None
            assert len(cited.quote) <= 400
            assert quote_appears(cited.quote, section.text), (cited.ref, cited.quote)
            assert cited.policy == section.policy
        refs = [c.ref for c in answer.citations]
        assert len(refs) == len(set(refs))


def test_fast_loader_matches_full_loader(shipped):
    """`tutor ask` reads content with its own quick reader; it must see the same material."""
    from tutor.answer.keys import section_keys

    fast = load_for_answers(shipped.root)
    assert set(fast.policies) == set(shipped.policies)
    for district, policy in shipped.policies.items():
        assert fast.policies[district].sections == policy.sections
    assert {d: p.contacts for d, p in fast.districts.items()} == {d: p.contacts for d, p in shipped.districts.items()}
    assert set(fast.questions) == set(shipped.questions)
    fast_keys, full_keys = section_keys(fast), section_keys(shipped)
    assert {r: sorted(v) for r, v in fast_keys.items()} == {r: sorted(v) for r, v in full_keys.items()}


# -- words as staff type them ------------------------------------------------------


def test_chat_spellings_read_as_words():
    from tutor.answer.terms import terms

    assert terms("whats ur pw, can u send it thru email") == terms("what's your password, can you send it through email")
    assert terms("dont isnt cant") == []


def test_misspelt_words_find_the_same_rule(answerer):
    right = answerer.answer("Can I give my password to the sub?", "crec")
    typo = answerer.answer("Can I give my pasword to the sub?", "crec")
    assert not typo.abstained
    assert [c.ref for c in typo.citations] == [c.ref for c in right.citations]
    # A real word one letter off a policy word is left alone at either end ("centers", "leaky").
    assert answerer.index.correct("centers") == "centers"
    assert answerer.index.correct("leaky") == "leaky"


def test_questions_naming_nothing_the_policies_govern_abstain(answerer):
    for question in ("When does the spring book fair start?", "Who is taking over my hall duty next week?"):
        answer = answerer.answer(question, "ces")
        assert answer.abstained, question
        assert not answerer.index.analyse(question).on_topic


def test_incidental_use_browsing_and_the_system_are_what_the_policies_govern(answerer):
    """Words the policies' rules are about, though they name no device or app: answered. A personal
    day or a bargaining agreement is still nothing they govern."""
    for district, question, ref in [
        ("crec", "what counts as incidental anyway", "crec:B"),
        ("clinton", "is browsing the news on my planning period ok", "clinton:introduction"),
        ("crec", "why does the office get into more of the system than i do", "crec:A"),
    ]:
        answer = answerer.answer(question, district)
        assert answerer.index.analyse(question).on_topic
        assert not answer.abstained and answer.citations[0].ref == ref, (question, answer.citations)
    for question in ("how many personal days do we get", "is there a collective bargaining agreement for paras"):
        assert answerer.answer(question, "crec").abstained and not answerer.index.analyse(question).on_topic


def test_taxonomy_places_unseen_brand_names(answerer):
    answer = answerer.answer("Can I install Kahoot on the classroom computer?", "crec")
    assert not answer.abstained and answer.citations[0].ref == "crec:C.7"


# -- district preference and contacts ----------------------------------------------


def test_district_gets_its_own_section(answerer, shipped):
    question = "Is it OK to put Dropbox on my work computer?"
    for district in ("crec", "thomaston"):
        answer = answerer.answer(question, district)
        assert not answer.abstained
        assert answer.citations[0].district == district
        assert answer.citations[0].section == "C.7"
    # Clinton and Stafford share a model policy; each gets its own copy.
    question = "My supervisor wants my Instagram password. Do I have to give it to her?"
    for district in ("clinton", "stafford"):
        answer = answerer.answer(question, district)
        assert (answer.citations[0].district, answer.citations[0].section) == (district, "personal-online-accounts")


def test_district_without_the_rule_is_told_so(answerer, shipped):
    """Given a district, every citation is that district's own, unless its policy is silent,
    in which case the answer says the rule quoted is another district's."""
    questions = [
        "Is it fine to let Chrome save my password on my work laptop?",
        "Can I take my school laptop home over the summer?",
        "Is it OK to put Dropbox on my work computer?",
        "Do I need to put a special footer on my school emails?",
    ]
    for district in DISTRICT_IDS:
        profile = shipped.districts.get(district)
        own = set(profile.sources) if profile else {district}
        for question in questions:
            answer = answerer.answer(question, district)
            if answer.abstained:
                continue
            if answer.own_policy:
                assert all(c.district in own for c in answer.citations), (district, question)
            else:
                assert answer.citations[0].district not in own
                assert "doesn't address this directly" in answer.text


def test_out_of_scope_names_the_districts_contact(answerer, shipped):
    for district, profile in shipped.districts.items():
        answer = answerer.answer("When is the staff holiday party?", district)
        assert answer.abstained and not answer.citations
        assert profile.contacts.ask in answer.contact
        assert answer.contact in answer.text
        pay = answerer.answer("How do I change my direct deposit?", district)
        assert pay.abstained
        assert profile.contacts.hr in pay.contact
    neutral = answerer.answer("How do I change my direct deposit?")
    assert neutral.abstained and neutral.contact == NEUTRAL_CONTACT


def test_contact_without_profiles(shipped):
    """Content with policies but no district profiles still answers and abstains sensibly."""
    from tutor.content.model import Content

    bare = Content(root="<bare>", policies=shipped.policies)
    answer = Answerer(bare).answer("When is the staff holiday party?", "crec")
    assert answer.abstained and answer.contact == NEUTRAL_CONTACT


# -- the command line ----------------------------------------------------------------


def test_cli_json_shape():
    from tutor.cli.main import cli

    result = CliRunner().invoke(cli, ["ask", "--json", "--district", "crec", "Can I install Spotify on my laptop?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"abstained", "answer", "citations", "see_also", "contact"}
    assert data["abstained"] is False and data["see_also"] == []
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["contact"], str) and data["contact"]
    assert data["citations"]
    for cited in data["citations"]:
        assert set(cited) == {"district", "policy", "section", "quote"}
        assert all(isinstance(v, str) and v for v in cited.values())
    assert data["citations"][0]["district"] == "crec"


def test_cli_json_abstains():
    from tutor.cli.main import cli

    result = CliRunner().invoke(cli, ["ask", "--json", "When is the staff holiday party?"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["abstained"] is True and data["citations"] == [] and data["see_also"] == []
    assert data["contact"] == NEUTRAL_CONTACT


def test_cli_text_and_content_option(shipped):
    from tutor.cli.main import cli

    result = CliRunner().invoke(cli, ["ask", "--content", shipped.root, "does", "IT", "see", "what", "I", "browse?"])
    assert result.exit_code == 0, result.output
    # Numbered documents are cited as "policy N"; Stafford's regulation has no number and is cited by its part.
    assert "\u201c" in result.output and ("policy" in result.output or ", regulation" in result.output)
    bad = CliRunner().invoke(cli, ["ask", "--district", "nowhere", "hello?"])
    assert bad.exit_code != 0


def test_cli_replies_fit_the_terminal(shipped):
    """An answer and a "not sure" reply, at 80 columns and at 50: every line fits, and the quotes
    are all there once the lines are joined."""
    from tutor.cli.main import cli

    for question, district in (("can i put dropbox on my work laptop", "crec"),
                               ("can we post the spring concert pictures with each kid's name on the district website?",
                                "ces")):
        for columns in (80, 50):
            result = CliRunner().invoke(cli, ["ask", "--district", district, question], env={"COLUMNS": str(columns)})
            assert result.exit_code == 0, result.output
            assert max(len(line) for line in result.output.splitlines()) <= columns, result.output
            answer = Answerer(shipped).answer(question, district)
            joined = " ".join(result.output.split())
            for cited in answer.citations + answer.suggestions:
                assert " ".join(cited.quote.split()) in joined


def test_ask_path_never_imports_textual():
    code = (
        "import sys, tutor.answer, tutor.answer.source, tutor.cli.ask; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlite3', 'sqlite_utils')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- precision: answer the intent, or say so ------------------------------------------


def test_messaging_students_is_about_communication_with_students(answerer):
    """The issue's examples: a teacher messaging students on a personal account is about
    communication with students, not personal use or the Board not asking for logins."""
    expected = {"crec": "crec:C.3", "thomaston": "thomaston:C.3", "clinton": "clinton:electronic-communications",
                "stafford": "stafford:electronic-communications"}
    for question in ("Can I use my personal Instagram to message students about homework?",
                     "Is it ok to DM a kid on Snapchat about the field trip?"):
        for district, ref in expected.items():
            answer = answerer.answer(question, district)
            assert not answer.abstained, (district, question)
            assert answer.citations[0].ref == ref, (district, question, answer.citations[0].ref)


def _all_questions(*sets):
    return [(e["q"], e.get("district")) for entries in sets for e in entries]


def test_not_sure_lists_sections_to_read_never_as_the_answer(eval_set, fresh_set, staff_set, answerer, shipped):
    """Between "doesn't cover that" and an answer: the closest sections (the asker's own)
    offered to read, with no citation, so nothing looks like the policy's answer."""
    from tutor.cli.main import cli

    unsure = []
    for question, district in _all_questions(eval_set, fresh_set, staff_set):
        answer = answerer.answer(question, district)
        if not answer.unsure:
            assert not answer.suggestions
            continue
        unsure.append((question, district))
        assert answer.abstained and answer.citations == ()
        assert 1 <= len(answer.suggestions) <= 3
        assert len({c.ref for c in answer.suggestions}) == len(answer.suggestions)
        assert answer.text.startswith("I'm not sure") and answer.contact in answer.text
        for cited in answer.suggestions:
            assert f"{cited.section} ({cited.title})" in answer.text
            assert quote_appears(cited.quote, shipped.section(Citation(cited.district, cited.section)).text)
            if district:
                profile = shipped.districts.get(district)
                assert cited.district in (set(profile.sources) if profile else {district})
        data = answer.to_dict()
        assert data["abstained"] is True and data["citations"] == []
        assert [c["section"] for c in data["see_also"]] == [c.section for c in answer.suggestions]
    # The band is in use, but is not how most questions end.
    assert 3 <= len(unsure) <= 0.25 * len(_all_questions(eval_set, fresh_set, staff_set))
    question, district = unsure[0]
    args = ["ask", question] + (["--district", district] if district else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "You may want to read" in result.output and "Still unsure" not in result.output


def test_how_to_questions_are_out_of_scope(answerer):
    """The policies say what staff may do, not how to work a device or an office procedure."""
    for question in ("How do I set up breakout rooms in Google Meet?", "How can I fix the smartboard when it freezes?",
                     "How do I get the projector to show my laptop screen?"):
        assert answerer.answer(question, "crec").abstained, question
    report = answerer.answer("How do I report a hacked account?", "crec")
    assert not report.abstained and report.citations[0].ref == "crec:C.15"
    permission = answerer.answer("How do I get permission to install a new app on my work laptop?", "crec")
    assert not permission.abstained and permission.citations[0].ref == "crec:C.7"


def test_situations_read_whole_words(answerer):
    """A "fire drill" is no sign of being fired: situations match words as typed, not stems."""
    from tutor.answer.terms import stem

    assert stem("fire") == stem("fired")  # why whole words are needed
    assert answerer.answer("What do I do with my class during a fire drill?", "clinton").abstained
    fired = answerer.answer("Can I get fired for looking at porn on the work laptop?", "clinton")
    assert not fired.abstained


def test_quote_is_the_passage_that_answers(answerer):
    """From a long section, the sentence or list item that answers, not the section's first."""
    cases = [
        ("ces", "Can I take an agency laptop home over the summer?", "ces:administrative-guidelines", "laptop"),
        ("clinton", "Can I check my personal email on my lunch break?", "clinton:introduction", "personal use"),
        ("stafford", "Are there cameras in the staff bathroom?", "stafford:monitoring-notice", "restrooms"),
        ("ces", "Can I let the browser remember my password?", "ces:network-security", "remember password"),
        # "put <an app> on" installs it: the item on installing software, not the one on laptops.
        ("ces", "can I put Dropbox on my work laptop", "ces:administrative-guidelines", "software may be installed"),
    ]
    for district, question, ref, words in cases:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == ref, (question, answer.citations)
        assert words in answer.citations[0].quote.lower(), answer.citations[0].quote


def test_put_an_app_on_a_device_means_install_it():
    """"put Dropbox on my laptop" installs an app; "put a password on" it or pictures on a web
    site install nothing."""
    from tutor.answer.vocabulary import concepts

    def meaning_of_put(question: str) -> list[str]:
        return next(meaning for typed, meaning in concepts(question) if typed == ["put"])

    assert meaning_of_put("can I put Dropbox on my work laptop") == ["install"]
    assert meaning_of_put("ok to put the app onto my chromebook?") == ["install"]
    assert meaning_of_put("can i put a password on my laptop") == []
    assert meaning_of_put("can I put pictures of the play on the web site") == []
    assert meaning_of_put("put spotify") == []  # no "on": not where it goes


def test_overlong_question_gets_a_clear_message(answerer):
    """A pasted document (1 MB) is refused at once with a message, in the answerer and the CLI."""
    from tutor.cli.main import cli

    huge = "Can I install Dropbox on my laptop? " * 30_000
    answer = answerer.answer(huge, "crec")
    assert answer.abstained and not answer.citations and not answer.suggestions
    assert "1,000 characters" in answer.text and len(answer.question) <= 1000
    at_limit = ("Can I install Dropbox on my work computer? " * 40)[:1000]
    assert not answerer.answer(at_limit, "crec").abstained
    result = CliRunner().invoke(cli, ["ask", "--json", huge])
    assert result.exit_code == 2
    assert "at most 1,000 characters" in result.output and "Traceback" not in result.output


def test_written_questions_name_real_sections_and_copy_no_evaluation_question(eval_set, fresh_set, staff_set, shipped):
    """The questions each section answers (section_asks.py) and the counterparts map cite
    sections that exist, and no question written there (by people who had seen the older sets)
    repeats or closely rewords an evaluation one."""
    from tutor.answer.counterparts import RULES
    from tutor.answer.section_asks import SECTION_ASKS
    from tutor.answer.terms import terms

    for refs in [*SECTION_ASKS, *RULES.values()]:
        for ref in refs:
            assert shipped.section(Citation.parse(ref)) is not None, ref
    evaluation = [set(terms(e["q"])) for e in eval_set + fresh_set + staff_set + FRESH_HELDOUT]
    for block in SECTION_ASKS.values():
        for question in filter(None, (line.strip() for line in block.splitlines())):
            mine = set(terms(question))
            for theirs in evaluation:
                shared = len(mine & theirs) / len(mine | theirs)
                assert shared < 0.5, question


def test_question_files_cover_every_section_of_their_own_policy(shipped):
    """data/section_questions/<district>.txt: every [district:section] line names a section of that
    district that exists, every section has questions, and no question is listed twice."""
    from tutor.answer.section_asks import QUESTIONS_DIR, read_questions

    files = sorted(QUESTIONS_DIR.glob("*.txt"))
    assert {p.stem for p in files} == set(DISTRICT_IDS)
    for path in files:
        written = read_questions(path)
        for ref in written:
            assert ref.split(":")[0] == path.stem and shipped.section(Citation.parse(ref)) is not None, (path, ref)
        sections = {s.citation.ref for s in shipped.policies[path.stem].sections}
        assert sections <= set(written), sections - set(written)
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith(("#", "["))]
        assert len(lines) == len(set(lines)), path


def test_a_broken_question_file_names_its_line(tmp_path):
    from tutor.answer.section_asks import QuestionFileError, read_questions, section_asks

    (tmp_path / "x.txt").write_text("# comment\n\ncan I text a student?\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"x.txt:3: a question before any \[district:section\] line"):
        read_questions(tmp_path / "x.txt")
    (tmp_path / "x.txt").write_text("[crec C.3]\ncan I text a student?\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match=r"x.txt:1: expected \[district:section ...\]"):
        section_asks(tmp_path)
    # From `tutor ask`, the same message and no traceback.
    from tutor.answer import answerer as answerer_module
    from tutor.cli.main import cli

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(answerer_module, "section_asks", lambda: section_asks(tmp_path))
        result = CliRunner().invoke(cli, ["ask", "can I text a student?"])
    assert result.exit_code == 1 and "x.txt:1: expected [district:section ...]" in result.output
    assert "Traceback" not in result.output
    (tmp_path / "x.txt").write_text("[crec:C.3 thomaston:C.3]\ncan I text a student?\n\n[crec:F]\nwho watches the kids\n",
                                    encoding="utf-8")
    assert read_questions(tmp_path / "x.txt") == {"crec:C.3": ["can I text a student?"],
                                                   "thomaston:C.3": ["can I text a student?"],
                                                   "crec:F": ["who watches the kids"]}


# -- precision first: answer only when sure --------------------------------------------


def test_a_written_question_alone_never_makes_the_answer(shipped, monkeypatch):
    """The questions written for each section lift it on staff words; a stray one alone never
    puts a section first that the policy text does not favour: the reply is the rule the policy
    and the other written questions favour, or "not sure" with that rule among those to read."""
    from tutor.answer import answerer as answerer_module
    from tutor.answer.section_asks import section_asks

    question = "Is it OK to put Dropbox on my work computer?"
    assert [c.ref for c in Answerer(shipped).answer(question, "crec").citations][:1] == ["crec:C.7"]
    written = section_asks()
    # A stray written question, word for word the asker's, under the obscene-material rule.
    monkeypatch.setattr(answerer_module, "section_asks",
                        lambda: {**written, "crec:C.2": [*written.get("crec:C.2", ()), question]})
    answer = Answerer(shipped).answer(question, "crec")
    if answer.abstained:
        assert answer.citations == () and answer.text.startswith("I'm not sure")
        assert "crec:C.7" in [c.ref for c in answer.suggestions]
    else:
        assert [c.ref for c in answer.citations][:1] == ["crec:C.7"]
    # With no other written question for the software rule, the stray one still cannot make the
    # answer: "put Dropbox on" is installing it, which the policy's own words favour.
    alone = {ref: qs for ref, qs in written.items() if ref not in ("crec:C.7", "thomaston:C.7")}
    monkeypatch.setattr(answerer_module, "section_asks",
                        lambda: {**alone, "crec:C.2": [*alone.get("crec:C.2", ()), question]})
    answer = Answerer(shipped).answer(question, "crec")
    assert [c.ref for c in answer.citations][:1] in ([], ["crec:C.7"])
    assert answer.abstained == (answer.citations == ())
    if answer.abstained:
        assert "crec:C.7" in [c.ref for c in answer.suggestions]
    # Nor for a question whose words the policy text favours less ("have" is no installing).
    vaguer = "Is it OK to have Dropbox on my work computer?"
    monkeypatch.setattr(answerer_module, "section_asks",
                        lambda: {**alone, "crec:C.2": [*alone.get("crec:C.2", ()), vaguer]})
    answer = Answerer(shipped).answer(vaguer, "crec")
    assert [c.ref for c in answer.citations][:1] in ([], ["crec:C.7"])
    if answer.abstained:
        assert "crec:C.7" in [c.ref for c in answer.suggestions]


def test_a_not_sure_with_a_written_twin_for_its_first_section_is_answered(shipped, monkeypatch):
    """When the first section offered to read has a written question sharing most of the question's
    words, and no other section has a nearer one, it is the answer; when the nearest written
    question is another section's, the reply stays "not sure"."""
    from tutor.answer import answerer as answerer_module
    from tutor.answer.section_asks import section_asks

    question = "tech support sent me my new password in an email, isn't that against the rules?"
    answer = Answerer(shipped).answer(question)
    assert not answer.abstained and answer.citations[0].ref == "ces:network-security"
    monkeypatch.setattr(answerer_module, "TWIN_OVERLAP", 2.0)
    assert Answerer(shipped).answer(question).unsure
    monkeypatch.setattr(answerer_module, "TWIN_OVERLAP", 0.4)
    written = section_asks()
    # The same question, word for word, written for another section: the twin no longer agrees.
    monkeypatch.setattr(answerer_module, "section_asks",
                        lambda: {**written, "ces:copyright": [*written["ces:copyright"], question]})
    assert Answerer(shipped).answer(question).abstained


def test_a_not_sure_whose_nearest_written_questions_are_mostly_its_first_sections_is_answered(shipped, monkeypatch):
    """When most of the written questions nearest the question are the first section to read's,
    it is the answer; with that rule off the reply is "not sure"; and one stray written question,
    word for word the asker's, under another section lifts that section to the top of the reading
    list but never makes it (or anything) the answer."""
    from tutor.answer import answerer as answerer_module
    from tutor.answer.section_asks import section_asks

    question = "why is it the bookkeeper sees things on the network i cant"
    answer = Answerer(shipped).answer(question, "crec")
    assert not answer.abstained and [c.ref for c in answer.citations][:1] == ["crec:A"]
    nearest = Answerer(shipped).index.nearest_asks(Answerer(shipped).index.analyse(question), {"crec"}, 5)
    assert nearest.count("crec:A") >= 3
    monkeypatch.setattr(answerer_module, "MAJORITY_NEED", 99)
    monkeypatch.setattr(answerer_module, "STRONG_NEED", 99)
    off = Answerer(shipped).answer(question, "crec")
    assert off.unsure and off.citations == () and "crec:A" in [c.ref for c in off.suggestions]
    monkeypatch.setattr(answerer_module, "MAJORITY_NEED", 3)
    monkeypatch.setattr(answerer_module, "STRONG_NEED", 5)
    written = section_asks()
    monkeypatch.setattr(answerer_module, "section_asks",
                        lambda: {**written, "crec:C.2": [*written.get("crec:C.2", ()), question]})
    stray = Answerer(shipped).answer(question, "crec")
    assert stray.unsure and stray.citations == ()
    assert [c.ref for c in stray.suggestions][:1] == ["crec:C.2"] and "crec:A" in [c.ref for c in stray.suggestions]


def test_two_rules_that_fit_about_equally_are_not_a_guess(answerer, monkeypatch):
    """When another rule of the policy scores nearly as well as the first, either could be
    the answer: the reply lists both to read rather than citing one as the rule, unless most
    of the nearest written questions are one rule's (then it answers, with the same rule in
    another policy)."""
    question = "is the district reading my personal email when i check it at work"
    answer = answerer.answer(question)
    assert not answer.unsure and answer.citations[0].ref in ("crec:D", "clinton:privacy")
    assert {"crec:D", "clinton:privacy"} <= {c.ref for c in answer.citations}
    monkeypatch.setattr(answerer, "_written_majority", lambda *args: None)
    # Its wording asks whether they can see it (intents.py), which alone settles it: set that aside too.
    monkeypatch.setattr(answerer, "_intended", lambda *args: set())
    answer = answerer.answer(question)
    # No expectation of privacy, and the personal use it is about: both offered to read, from the
    # policy whose wording came first (CREC's or Clinton's).
    assert answer.unsure and answer.citations == ()
    offered = {c.ref for c in answer.suggestions}
    assert {"crec:D", "crec:B"} <= offered or {"clinton:privacy", "clinton:introduction"} <= offered, offered


def test_misleading_answers_are_rare_on_the_tuning_splits(eval_set, fresh_set, staff_set, shipped, answerer):
    """Precision first: on the tuning splits together, at most one answer in twenty-five cites
    a wrong first section (they were looked at while tuning, so this is a guard against
    regressions; the sealed sets give the honest figure)."""
    entries = ([e for e in eval_set if e["split"] == "tune"] + [e for e in fresh_set if e["split"] == "tune2"]
               + [e for e in staff_set if e["split"] == "staff"])
    scores = _score(shipped, answerer, entries)
    assert scores.misleading / scores.in_scope <= 0.04
    assert scores.right / scores.in_scope >= 0.8
    assert scores.refused == scores.out_scope


def test_the_quote_is_the_item_that_answers(answerer, shipped):
    """Within a long section, the quote is the item about what was asked, not a sentence that
    shares only the section's topic ("post Web sites") with the question."""
    query = answerer.index.analyse("Can I put pictures of the winter play with each kid's name on the district web site?")
    hit = next(h for h in answerer.index.search(query) if h.ref == "ces:web-site-guidelines")
    quote = answerer.index.answering_passage(query, hit).text
    assert "photographs with student names" in quote
    assert quote_appears(quote, shipped.section(Citation("ces", "web-site-guidelines")).text)
    # And the answer quotes it.
    # Offered to read or as the answer, each section is quoted by the item about student pictures.
    answer = answerer.answer("Can I put the winter play pictures with each kid's name on the district web site?",
                             "ces")
    quotes = {c.ref: c.quote for c in answer.citations + answer.suggestions}
    assert quotes.keys() & {"ces:web-site-guidelines", "ces:student-names-and-dangerous-content"}
    if "ces:web-site-guidelines" in quotes:
        assert "photographs with student names" in quotes["ces:web-site-guidelines"]
    if "ces:student-names-and-dangerous-content" in quotes:
        assert "No student pictures or names" in quotes["ces:student-names-and-dangerous-content"]


# -- what a question asks for -------------------------------------------------------


def test_asking_for_tips_or_the_best_time_is_a_lookup_unless_it_asks_about_a_rule():
    from tutor.answer.vocabulary import is_lookup

    assert is_lookup("home wifi keeps dropping when I grade at night, any tips?")
    assert is_lookup("tips for a shorter staff newsletter")
    assert is_lookup("which is the best day to post on the class page")
    assert not is_lookup("any tips on what I'm allowed to post about my students?")
    assert not is_lookup("tips for what I have to report")


def test_questions_asking_for_a_fact_a_time_or_a_place_are_out_of_scope(answerer):
    """The policies hold no passwords, codes, dates, recommendations or stock: such questions
    are refused outright (not "not sure"), however many policy words they share."""
    for question, district in [
        ("What's the code for the staff bathroom?", "crec"),
        ("What's the password to the guest network?", "stafford"),
        ("Which laptop should I buy for grad school?", "ces"),
        ("Is Google Classroom down right now?", "clinton"),
        ("Could I get a replacement keyboard for the lab?", "thomaston"),
        # Advice: tips, the best time.
        ("home wifi keeps dropping when I grade at night, any tips?", "clinton"),
        ("what's the best time to send the class newsletter by email?", "crec"),
    ]:
        answer = answerer.answer(question, district)
        assert answer.abstained and not answer.suggestions, question
    # Put as a question about a rule, the same kinds of words are answered.
    answer = answerer.answer("What happens if I log in with a coworker's password?", "crec")
    offered = {c.ref for c in answer.citations + answer.suggestions}
    # The password rule, the policy, or the regulations' word on what not complying leads to.
    assert (not answer.abstained or answer.unsure) and offered & {"crec:C.12", "crec:policy", "crec:intro"}
    # Or, when two rules fit the words about equally and the closer in meaning is not the first
    # (semantic.py), at least offered to read: never refused as a lookup.
    answer = answerer.answer("What could happen if I use a coworker's password?", "crec")
    offered = {c.ref for c in answer.citations + answer.suggestions}
    assert (not answer.abstained or answer.unsure) and offered >= {"crec:C.12", "crec:policy"}


def test_the_kind_of_rule_asked_for_is_the_answer(shipped, monkeypatch):
    """"Who do I tell?" is answered by the reporting rule, not by the rule the reported thing
    breaks; students messaging their teacher, by the rule on communication with students.
    Without reading how the question is put, the answer is another rule or "not sure"."""
    from tutor.answer import answerer as answerer_module

    cases = [
        ("A coworker sends me sexist jokes on the school email every day. Who do I tell?", "stafford",
         "stafford:reporting"),
        ("Who do I tell if a coworker is watching porn on the library computer?", "clinton", "clinton:reporting"),
        ("My tenth graders keep DMing me on TikTok at night, should I answer?", "clinton",
         "clinton:electronic-communications"),
    ]
    answerer = Answerer(shipped)
    for question, district, ref in cases:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == ref, question
    # Without reading how the question is put, and without the question files (which have since
    # taught the answerer these very kinds of question), the answer is another rule or "not sure".
    from tutor.answer.section_asks import section_asks

    monkeypatch.setattr(answerer_module, "section_asks", lambda: section_asks(Path("/nonexistent")))
    answerer = Answerer(shipped)
    monkeypatch.setattr(answerer_module, "intent_rules", lambda question: ())
    for question, district, ref in cases:
        answer = answerer.answer(question, district)
        assert answer.abstained or answer.citations[0].ref != ref, question


def test_with_no_district_further_citations_keep_to_the_first_ones_policy_or_rule(answerer):
    """A question naming no district is answered from one policy; further citations come from that
    policy or state the same rule in another, never from another policy's words matching by chance
    ("the copy room" is no copyright rule)."""
    question = "the network password is on a post-it in the copy room, should i report it"
    answer = answerer.answer(question)
    assert answer.citations[0].ref == "crec:C.15"
    first = answer.citations[0].district
    rule = answerer._rule(next(h for h in answerer.index.search(answerer.index.analyse(question))
                               if h.ref == "crec:C.15"))
    assert all(c.district == first or c.ref in rule for c in answer.citations)
    assert "ces:copyright" not in {c.ref for c in answer.citations}


def test_asking_whether_to_say_anything_is_asking_whom_to_tell(answerer):
    """"Do I have to say anything?" and "am I supposed to tell?" ask about reporting, like "who do
    I tell?": a password left on a sticky note is answered by the rule on reporting security
    problems, not by the one on keeping passwords."""
    from tutor.answer.intents import intent_rules

    for question in ("the IT guy left his password on a post-it. do i have to say anything",
                     "am i supposed to tell someone", "should i report it"):
        assert "reporting problems and misuse" in intent_rules(question), question
    assert intent_rules("can i tell my students about it") == ()
    for question, district, ref in [
        ("the tech guy's password is taped under the keyboard in the library. do i have to say anything",
         "thomaston", "thomaston:C.15"),
        ("there's a wifi password posted on a note in the copy room, do i have to say anything", "crec",
         "crec:C.15"),
    ]:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == ref, (question, answer.citations)


def test_naming_the_district_does_not_make_a_question_look_like_one_no_policy_answers(answerer):
    """Many questions written as ones the policies do not answer name a district ("who's the union
    rep for paras at Stafford"); a covered question naming it is still answered (or offers sections
    to read), not refused for sharing the name."""
    for question in ("can I use the stafford wifi for some personal web browsing on my lunch?",
                     "whats the stafford rule on personal browsing", "how much personal internet is ok at stafford",
                     "how much personal internet is ok at Stafford Public Schools?"):
        answer = answerer.answer(question, "stafford")
        assert answer.citations or answer.suggestions, question
        assert {c.ref for c in answer.citations + answer.suggestions} & {"stafford:introduction"}, question
    assert answerer.answer("who's the union rep for paras at stafford", "stafford").abstained


def test_a_students_misuse_asks_what_staff_must_do_about_it(answerer):
    """"A kid pulled up something gross, what am I supposed to do?" asks about the duty to supervise
    students and report, not about the rule the student broke."""
    from tutor.answer.intents import intent_rules

    for question, district, section in [
        ("one of my kids pulled up a violent video on the class chromebook, what should i do", "crec", "crec:F"),
        ("a 3rd grader found a way onto a chat site during class. what am i supposed to do", "thomaston",
         "thomaston:F"),
        ("para here - a student was looking at gross pictures in the library, whats my responsibility", "ces",
         "ces:filtering-and-monitoring"),
    ]:
        assert "supervising students" in intent_rules(question), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    # A how-to a student found is told of, not asked: the question is what to do about it. One the
    # asker asks ("how do I reset my password?") is still refused, whoever they would tell.
    answer = answerer.answer("a kid showed me how to get past the web filter on his chromebook, do i need to report it",
                             "crec")
    assert (answer.citations or answer.suggestions)[0].ref in ("crec:F", "crec:C.15")
    assert not answerer.answer("how do i reset my password? who do i tell if its locked", "thomaston").citations
    # What a class needs before it starts something is no misuse; nor is what staff themselves do.
    for question in ("my students want to make a class website, what do i need to do first",
                     "i left my laptop unlocked, what do i do"):
        assert "supervising students" not in intent_rules(question), question


def test_a_coachs_players_are_students_and_a_district_named_can_see_it(answerer):
    """A coach messaging "my players" is a teacher messaging students; "does Thomaston read our email?"
    asks whether the employer can see it, as "does the district ...?" does, and "my drive is private,
    right?" as "is my drive private?" does; "why does it monitor?" asks the reason, another rule."""
    from tutor.answer.intents import intent_rules

    for question, district, section in [
        ("jv soccer coach - ok to text my players about practice from my own cell?", "crec", "crec:C.3"),
        ("does thomaston read what we type in school email", "thomaston", "thomaston:D"),
        ("my work drive is private right?", "ces", "ces:no-expectation-of-privacy"),
    ]:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    assert "communication with students" in intent_rules("track coach here, can i add my athletes on snapchat")
    assert "monitoring and privacy" in intent_rules("can my admin go into my work inbox")
    assert intent_rules("why does thomaston monitor our email") == ("why the district monitors",)


def test_whether_the_employer_covers_it_and_what_to_do_with_something_troubling(answerer):
    """"Will Thomaston cover the legal fees?" and "does the district back me up?" ask who bears the
    cost, not about the rule broken; "a parent keeps sending me harassing messages, what should I do?"
    asks about reporting, not about the harassment rule."""
    from tutor.answer.intents import intent_rules

    for question, district, section in [
        ("if i stream a pirated movie for my class and the studio sues, will thomaston cover the legal fees",
         "thomaston", "thomaston:H"),
        ("if I get sued over a copyrighted song in my slideshow does the district back me up", "crec", "crec:H"),
        ("a parent keeps sending me harassing messages on my school email, what should i do", "clinton",
         "clinton:reporting"),
        ("got a creepy dm on teams from someone i dont know. what now", "stafford", "stafford:reporting"),
    ]:
        assert intent_rules(question), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    # Whether the sender broke a rule is that rule's question.
    assert intent_rules("coworker sent me a nasty email about the schedule, is that against the rules") == ()


def test_posting_on_social_media_from_a_school_device_is_the_social_networking_rule(answerer, monkeypatch):
    """Clinton's and Stafford's lists of prohibited uses hold their rule on social networking sites:
    "can I tweet about the board meeting from my work laptop?" is answered with it, not with
    monitoring; a principal asking for the login to see a post is still the personal-accounts rule.
    The other policies state no such rule, so for their staff the intent says nothing."""
    from tutor.answer.intents import intent_rules

    for question, district in [("can i tweet about the school board meeting from my work laptop", "clinton"),
                               ("is it ok to post my vacation pics on instagram from the school ipad at lunch",
                                "stafford")]:
        assert intent_rules(question) == ("social networking",), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == f"{district}:prohibited-uses", question
    # The quote is the item on social networking sites, not the list's first ("tweet" is Twitter).
    answer = answerer.answer("can i tweet about the school board meeting from my work laptop", "clinton")
    assert answer.citations[0].quote.startswith("Using social networking sites such as Facebook, Twitter")
    question = "my principal wants my instagram password because of a post i made on the school wifi"
    assert "social networking" not in intent_rules(question)
    assert answerer.answer(question, "clinton").citations[0].ref == "clinton:personal-online-accounts"
    # For CREC's staff the intent is set aside: the answer is what it would be without it.
    from tutor.answer import answerer as answerer_module

    question = "can i post pictures from our field trip on facebook from the classroom computer"
    assert intent_rules(question) == ("social networking",)
    with_intent = answerer.answer(question, "crec")
    monkeypatch.setattr(answerer_module, "intent_rules", lambda question: ())
    assert answerer.answer(question, "crec") == with_intent
    assert not with_intent.abstained


def test_a_password_does_not_make_the_school_account_personal(answerer):
    """"My account has a password, so my files are private?" asks about the district's monitoring;
    what the Board may ask of personal online accounts answers only when a personal one is named."""
    from tutor.answer.intents import intent_rules

    question = "i set a password on my school account so my files are private, right?"
    assert intent_rules(question) == ("monitoring and privacy",)
    answer = answerer.answer(question, "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:privacy"
    question = "can my principal look at my personal instagram"
    assert intent_rules(question) == ("monitoring and privacy", "personal online accounts")
    assert answerer.answer(question, "clinton").citations[0].ref == "clinton:personal-online-accounts"


def test_getting_into_what_is_not_theirs_is_unauthorized_access(answerer):
    """"The admin password is on a post-it, can I log in?" and "can I look around in other teachers'
    folders?" ask about unauthorized access, not passwords or monitoring; a login a teacher lent the
    sub stays the rule on sharing passwords, and "why can't I get in?" the rule on who gets access."""
    from tutor.answer.intents import intent_rules

    question = "the admin password for the library server is on a post-it, can i log in and fix the printer settings"
    assert intent_rules(question) == ("unauthorized access",)
    answer = answerer.answer(question, "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:prohibited-uses"
    assert intent_rules("is it ok to look around in other teachers folders on the shared drive if they are open") == (
        "unauthorized access",)
    for question in ("sub here, the teacher left her login on a sticky note, ok to use it",
                     "why cant i get into the payroll system"):
        assert "unauthorized access" not in intent_rules(question), question
    assert answerer.answer("sub here, the teacher left her login on a sticky note, ok to use it",
                           "crec").citations[0].ref == "crec:C.12"


def test_everyday_words_for_what_the_policies_govern(answerer):
    """A reply-all, Netflix or Amazon at lunch and a "user agreement" are things the policies govern,
    and "what's the discipline?" asks about a consequence, not for a fact to look up; a question
    about students' discipline is still not theirs."""
    from tutor.answer.vocabulary import is_lookup

    for question, district, section in [
        ("what is the discipline if i break the computer rules", "clinton", "clinton:disciplinary-action"),
        ("is there a user agreement for the district computers", "ces", "ces:disciplinary-action"),
        ("ok to watch netflix on my lunch break in the classroom?", "crec", "crec:policy"),
        ("i did a reply-all with a sarcastic comment, is that against the policy", "thomaston", "thomaston:C.13"),
    ]:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    # A hyphenated compound is one word, but a part of it may be what the policies govern.
    answer = answerer.answer("who keeps the signed computer-use agreement", "thomaston")
    assert not answer.abstained and answer.citations[0].ref == "thomaston:I"
    assert not is_lookup("whats the discipline for misusing school computers")
    assert answerer.answer("whats the discipline policy for students who fight", "crec").abstained


def test_why_others_can_get_in_asks_who_is_given_access(answerer):
    """"Why can't I get into the student records system like the teachers?" asks about the rule on
    who is given access (CREC's and Thomaston's A), not the rules on records; "a student got onto a
    blocked game site, now what?" asks what to do, like "what am I supposed to do?"."""
    from tutor.answer.intents import intent_rules

    question = "para here, why cant i get into the student records system like the teachers"
    assert intent_rules(question) == ("who gets access",)
    assert answerer.answer(question, "crec").citations[0].ref == "crec:A"
    question = "a student got onto a blocked game site on his chromebook during my class, now what"
    assert "supervising students" in intent_rules(question)
    assert answerer.answer(question, "thomaston").citations[0].ref == "thomaston:F"


def test_a_question_put_about_a_rule_is_told_from_one_that_is_not():
    from tutor.answer.vocabulary import asks_about_a_rule

    for question in ("Do I have to pay for a laptop I broke?", "Whose job is it to watch the kids online?",
                     "is it a big deal if i share my login", "What happens if I open a bad attachment?"):
        assert asks_about_a_rule(question), question
    for question in ("Is the gym open to staff after school?", "The copier on the second floor is jammed again."):
        assert not asks_about_a_rule(question), question


# Refused outright, not offered sections to read:
REFUSED_OUTRIGHT = [
    # a sports game is no computer game, a lunch account no login, a summer programme no software, a
    # permission slip no permission;
    "Who keeps score at the home game on Saturday?",
    "Who runs the clock at the varsity basketball games this season?",
    "Why is there a fee on my daughter's lunch account?",
    "Is the summer program still looking for volunteers?",
    "How do I collect permission slips for the museum trip in Google Forms?",
    # "where's the ... posted?" asks for a place, like "where is";
    "where's the staff directory posted?",
    # the policies set no attachment sizes and name no product or platform to use, whatever "can" or
    # "supposed to" the question holds;
    "how big can a video attachment be before outlook rejects it",
    "is there a size limit on files in my school email",
    "which antivirus software is on our laptops",
    "which app are we supposed to use for parent conferences this year",
    # how something is done, by parents too, is never said; who is in charge of something, or a contact
    # named for it, is a look-up.
    "how does a parent reset their password on the grade portal",
    "is there a way to recall an email i sent to the wrong staff list",
    "who's in charge of the school's youtube channel",
    "who is the technology contact for our building",
    # A specification, an amount, a product, a name or instructions: facts, not rules.
    "minimum length for a staff password?",
    "how much is the fine for pirating a movie",
    "the tech director, what's her name again",
    "what browser does the school use on the chromebooks",
    "setting up the printer at home, instructions?",
    # What a law itself says: the policies cite laws, they do not explain them.
    "what does hipaa say about the nurse's laptop",
    "under ferpa can a stepdad see the gradebook",
    "what does the family educational rights and privacy act actually say about report cards",
    # Who holds a post, how long records are kept, how many are enrolled, which adapter, a tutorial.
    "who is the director of technology in the district right now",
    "how many years do we have to keep old lesson plan records",
    "how many students are enrolled in crec programs",
    "what cable do i need to hook my laptop to the smartboard",
    "seesaw tutorial for posting assignments",
    "mail merge in google docs for the conference letters - how?",
    "does hipaa let the nurse email a kid's records home",
    "what brand of web filter does the school use",
    "how many emails can i send per day before gmail blocks me",
    # Laws no policy names (HIPAA, COPPA, the federal privacy acts), who makes a product, the name of a post's
    # holder or of a program, how big a fine is.
    "does hipaa even apply to the school psychologist's laptop",
    "coppa requirements for the reading app in 2nd grade",
    "would forwarding staff emails violate the stored communications privacy act",
    "which vendor supplies the web filter on our chromebooks",
    # What another policy says, named by its number (Clinton's regulations point to its Social Media policy).
    "what does the social media policy 4308 say about tagging students",
    "who makes the content filter on the staff laptops",
    "name of the monitoring software on our laptops?",
    "how big a penalty for sharing a pirated movie with the class",
    # Something that will not work, a renewal date, how long copyright lasts.
    "the gradebook wont save my comments, help",
    "the filter dashboard isnt loading for my class, what am i doing wrong",
    "the zoom contract renewal date for the district",
    "how long does copyright last on software before anyone can copy it",
]


@pytest.mark.parametrize("question", REFUSED_OUTRIGHT)
def test_school_matters_look_ups_and_how_tos_are_refused_outright(answerer, question):
    answer = answerer.answer(question, "crec")
    assert answer.abstained and not answer.suggestions


# Refused for what they ask, whichever district would ask them (both tests below).
LOOK_UPS_AND_HOW_TOS = [
    "fine amount for a copyright violation?",
    "is the main office open over break",
    "who has the password for the school instagram account",
    "printer jammed again in room 12, who fixes that",
    "which kids have photo release forms on file",
    "does the district use securly or some other filtering software",
    "the confidentiality blurb for my signature - where in the settings does it go",
    "guest wifi password?",
    "how many pages of a workbook can i copy under fair use",
    "unblocking a site in the filter dashboard - steps please",
    "does the state monitoring law even apply to school districts",
    "what filtering software is installed on the chromebooks",
    "what should the out of office reply say during february break",
    "zoom licenses - how many does the district have",
    "is 15 percent of a film under the fair use limit",
    "security camera footage in the halls, how long do they keep it",
    "thinking of updating my profile picture in teams",
    "copyright on a song runs out after how long",
    "screen recorder keeps crashing halfway through my lesson video",
    "mail merge keeps dropping the last names help",
    "staff discount on adobe for teachers?",
    "which setting hides my status in teams",
    "does a cop need a warrant to look at my phone",
    "who is the head of IT now, name?",
    "could we get a copy of the hallway camera footage from friday",
    "two factor login on gmail, does the district use it",
    "changing the default font in outlook",
    "a kid got hit on the playground, which bullying form do i fill out",
    "registering a copyright for a song i wrote",
    "how old does a student have to be to use gmail on their own",
    "federal law on teachers texting students - does one exist",
    "sign the AUP every year or just once?",
    "does the district back up my desktop files",
    "can the principal search my bag",
    "how many kids can be in the library lab at once",
    "statute of limitations on copyright claims",
    "what does the new state law on phones in class say",
    "whats its privacy policy, the new math app",
    "blocking a sender in outlook",
    "projector just says no signal",
    "dental plan enrollment link anyone",
    "my laptop wont connect to the projector",
    "the copier keeps saying access denied when i scan",
    "who runs tech in stafford, the actual person's name",
    "blocking a junk sender in outlook",
    "what counts as harassment under connecticut law",
    "what makes a password secure",
    "tracking my teenager's phone at home, any good apps",
    "projector wont turn on, hdmi or vga??",
    "which filtering software does IT install on the chromebooks",
    "which company set up the hallway cameras",
    "email signature settings - where are they",
    "what is the student email domain",
    "students log in with a different username than staff, right? which one",
    "ideas for creating a secure password i can remember",
    "could i go to jail under federal copyright law for sharing a movie",
    "which input is the document camera on",
    "whats in the student policy 5131",
    "is coppa why students cant use tiktok",
    "kid's instagram got hacked, can we report it to instagram",
    "adding a logo to my signature, which tab is it under",
    "what filtering company is the district using",
    "formatting my works cited page in mla",
    "do we use securly or some other filter on the ipads",
]


@pytest.mark.parametrize("question", [
    "the gradebook table keeps messing up my columns, fix?",
    "setting up a class roster in seesaw - steps?",
    "steps to make a mail merge in word for report letters",
    "outlook daily sending limit",
    "which filter software does the district install on the chromebooks",
    "is a 1950s movie still under copyright",
    "what ages does COPPA cover for reading apps",
    "is there a browser extension the district recommends for grading",
    "turning on read receipts for my school email",
    "how many tech people does the district have watching the network",
    "does the TEACH act allow streaming a film to my online class",
    "easiest way to share a google drive folder with just my department",
    "stored communications act - can the principal read my texts",
    "does the ADA require alt text on images we post",
    "zoom webinar — where is the recording setting",
    "emptied my recycle bin by mistake, any way to get it back",
    "how often does the blocked sites list get reviewed",
    "how many pages of a book can i copy for my class",
    "student chromebook logins - what format are they",
    "who was the superintendent when we got chromebooks",
    "does crec have an official instagram page i can tag",
] + LOOK_UPS_AND_HOW_TOS)
def test_a_how_to_or_a_fact_asked_of_no_district_is_refused_outright(answerer, question):
    """"..., fix?", "... - steps?", "steps to ..." ask how to work something, and so does what keeps failing or
    what a screen says; a sending limit, the software the district installs, how long copyright lasts, how often
    the form is signed, an age a law sets and a staff discount are facts: no policy answers them, whichever
    district would be asked."""
    answer = answerer.answer(question)
    assert answer.abstained and not answer.suggestions




@pytest.mark.parametrize("question", LOOK_UPS_AND_HOW_TOS)
def test_a_look_up_or_a_how_to_is_known_by_its_wording(question):
    """Refused for what it asks (a fact, a setting, a law's terms, how to make something work), not only for
    being far from every passage: the same wording beside a policy word is still refused."""
    from tutor.answer.vocabulary import is_how_to, is_lookup
    assert is_lookup(question) or is_how_to(question)


@pytest.mark.parametrize("question, rule", [
    ("who should i ask when i dont know if a website is allowed", "whom to ask"),
    ("who do i ask when i'm not sure an app is ok", "whom to ask"),
    ("shared the para my login so she could print. is that bad", "passwords and accounts"),
    ("forwarding a magazine article to my class, copyright issue?", "copyright"),
    ("a local church wants every teacher email address so they can invite us", "giving out e-mail addresses"),
    ("how long should we keep old emails, is there a rule", "e-mail kept or purged"),
    ("a coworker keeps sending me rude chats and she is my supervisor. report it anyway?",
     "reporting problems and misuse"),
    ("the projector keeps dying and i think a student broke it, who gets that report", "reporting problems and misuse"),
    ("are my google drive folders on my district account private", "monitoring and privacy"),
    ("bought a workbook online, can i email copies to my team", "copyright"),
    ("the principal going through my email without telling me, can she", "monitoring and privacy"),
    ("once it's deleted can the school get it back", "monitoring and privacy"),
    ("lent my login to the aide for the afternoon, problem?", "passwords and accounts"),
    ("does the policy say anything about copyright", "copyright"),
    ("do i need a line at the bottom of my emails", "e-mail signature"),
    ("can i put a pdf reader on the classroom computers", "installing software"),
    ("what am i promising when i sign that tech form", "the acknowledgment form's words"),
    ("emailed the paper my opinion on the levy and signed it with my job title", "personal views as official"),
    ("by logging in am i bound by the whole policy", "signing the acknowledgment"),
    ("the exact words on the acknowledgment form", "the acknowledgment form's words"),
    ("is the superintendent's office allowed to view my browsing", "monitoring and privacy"),
    ("sharing a workbook i bought with my team", "copyright"),
    ("is showing a movie clip in class fair use", "copyright"),
    ("found a site with bomb making instructions on a lab computer", "dangerous information"),
    ("a video threatening the school showed up in my feed", "dangerous information"),
    ("the principal can read my files even though i have a password?", "what passwords are for"),
    ("my laptop keeps freezing, where do i report problems like that", "reporting problems and misuse"),
    ("is personal use something the board can turn off", "ending personal use"),
    ("a zip file came from a stranger, what should i do with it", "risky attachments"),
    ("if i post my take on the levy from work could people think thats crec's position", "personal views as official"),
    ("if i empty the trash will the district still be able to see it", "monitoring and privacy"),
    ("if i set my own password can my principal still get into my files", "what passwords are for"),
    ("does private browsing hide what i look at from IT", "monitoring and privacy"),
    ("are chats on my school laptop monitored", "monitoring and privacy"),
    ("are the documents in my district drive private", "monitoring and privacy"),
    ("a student's shared slides have what looks like a kill list", "dangerous information"),
    ("does my own tablet count as a district computer once it's connected to the wifi",
     "monitoring devices on the network"),
    ("ok to send a couple of personal emails from my work account", "personal use"),
    ("forwarding a student's report card to his club hockey coach", "confidential information"),
    ("a software vendor selling classroom kits wants the staff email list", "giving out e-mail addresses"),
    ("what's off limits on the district laptops", "what is not allowed"),
    ("IT remoted into my laptop during class without warning", "monitoring and privacy"),
    ("got an attachment i wasnt expecting from a strange address", "risky attachments"),
    ("a vendor wants everyone's school email addresses for a raffle", "giving out e-mail addresses"),
    ("ok to reply to texts from my husband on the office computer", "personal use"),
    ("accidentally sent a kid's discipline report to the wrong family", "confidential information"),
    ("a coworker poked around in the principal's folders on the server", "unauthorized access"),
    ("what are staff supposed to do when students misuse the laptops", "supervising students"),
    ("does IT monitor for piracy", "why the district monitors"),
    ("put zoom on the library computer myself", "installing software"),
    ("not sure if an app is allowed, is there someone i can check with", "whom to ask"),
    ("how often do our passwords have to be changed", "changing passwords"),
    ("posted a rant criticizing the new curriculum and signed it with my crec title", "personal views as official"),
    ("reading my personal email on the classroom computer after the students leave", "personal use"),
    ("admin can get into my email without knowing my password?", "what passwords are for"),
    ("a kid showed me something nasty on her chromebook during centers. do i stop it myself or send her to the office",
     "supervising students"),
    ("my projector keeps flickering. is there someone specific i should be reporting that to",
     "reporting problems and misuse"),
    ("signed up for a pizza place's deals using my school email and now they spam everyone",
     "giving out e-mail addresses"),
    ("does having a password on my account mean nobody can look at my files", "what passwords are for"),
    ("taking the 2nd grade to the museum with chromebooks, do i have to keep an eye on what they do",
     "supervising students"),
    ("logged into the vice principal's gradebook account to change a grade while she was out", "unauthorized access"),
    ("can texts i deleted still be recovered by the district", "monitoring and privacy"),
    ("uploading a whole movie to the shared drive for the other teachers", "copyright"),
])
def test_such_wording_asks_for_that_rule(question, rule):
    """Asking whom to ask when one is not sure (not "who do I ask when the lab is free?"), having given one's
    login to someone, whether something is a copyright issue or sharing copies of a work one bought, every
    teacher's address asked for, how long to keep e-mail, "report it anyway?", "who gets that report?", whether
    files on one's account are private or someone in charge may go through them, whether deleted mail can be got
    back, a line at the bottom of one's e-mails, a reader put on the computers, what one promises by signing,
    one's opinion signed with one's job title, whether private browsing hides anything or what is on one's
    district phone or drive is monitored or private, one's own tablet counted as a district computer, a kill list
    come across, a couple of personal e-mails, a report card sent to a club coach, the staff list asked for by a
    vendor that sells, what is off limits, IT remoting in, an attachment not expected, everyone's addresses, texts
    from one's family, a discipline report sent to the wrong family, poking around in the principal's folders, what
    staff are to do about students' misuse, what IT monitors for, zoom put on a computer, "is there someone I can
    check with", how often passwords have to be changed, a rant signed with one's title, personal e-mail after the
    students leave, getting into one's e-mail without one's password, "do I stop it myself?", someone specific to
    report to, deals signed up for with one's school address, a password meaning nobody can look at one's files, a grade
    taken on a trip with chromebooks, logging into the vice principal's gradebook, deleted texts recovered, a whole
    movie uploaded: each is put as a question the rule answers."""
    from tutor.answer.intents import intent_rules
    assert rule in intent_rules(question)
    assert "whom to ask" not in intent_rules("who do i ask when the computer lab is free")
    # A vendor that sells is not the asker selling; students watched are not the asker monitored.
    assert "selling and private gain" not in intent_rules("a software vendor selling classroom kits wants the staff "
                                                          "email list")
    assert "monitoring and privacy" not in intent_rules("are students monitored")
    # Monitoring for something is why they monitor, not whether they can see one's things.
    assert "monitoring and privacy" not in intent_rules("does IT monitor for piracy")
    # The copy room is a place, not copying.
    assert "copyright" not in intent_rules("copy room printer doesnt show up on my laptop, steps to add it?")
    # Said of a password, "can't open" is no device that will not work.
    from tutor.answer.vocabulary import is_how_to
    assert not is_how_to("my password is private so admin can't open my files, right")
    # What students themselves must sign is the student policy's, not these.
    from tutor.answer.vocabulary import is_students_own_use
    assert is_students_own_use("do crec students have to sign a technology agreement too")


def test_notice_before_monitoring_is_a_matter_the_policies_govern():
    """However near it is worded to questions no policy answers, whether staff are told before they are
    monitored is Stafford's notice and C.E.S.'s monitoring without notice; CREC's policy has no such rule."""
    from tutor.answer.intents import put_as_a_policy_matter
    question = "does the district have to give us notice before they start monitoring"
    assert put_as_a_policy_matter(question)
    assert put_as_a_policy_matter(question, {"stafford"})
    assert not put_as_a_policy_matter(question, {"crec"})
    # ... and so is whether something is fair use.
    assert put_as_a_policy_matter("putting a movie clip on the class drive, is that fair use", {"ces"})
    # ... and so are installing, getting into what is not one's own and using the systems once one's access is off.
    assert put_as_a_policy_matter("want to put zoom on my classroom laptop, anything I need to do first", {"thomaston"})
    assert put_as_a_policy_matter("a coworker poked around in the principal's folders on the server")
    assert put_as_a_policy_matter("my account got disabled, can i still log in from home to finish grades")
    # ... and one's school address given out, and films copied or uploaded.
    assert put_as_a_policy_matter("gave my school email address to a travel site for vacation deals, is that bad")
    assert put_as_a_policy_matter("uploading a full movie to the shared drive for the 7th grade team")


def test_the_rule_on_the_thing_a_look_up_names_is_still_answered(answerer):
    """A computer game, or a program one wants to install, still finds its rule; how students report
    what troubles them is a question about reporting, not a how-to."""
    from tutor.answer.vocabulary import is_how_to

    for question in ("Can I install a video game on my work laptop?",
                     "can i install a free antivirus program on my school laptop without asking"):
        answer = answerer.answer(question, "crec")
        assert not answer.abstained and answer.citations[0].ref == "crec:C.7", question
    assert not is_how_to("how do students report cyberbullying they see online")


def test_matters_the_policies_never_govern_are_refused_even_with_reporting_words(answerer):
    """A student hurt or abused at home, an animal in the classroom: "who do I tell" is no
    computer-use question when nothing in the question names what the policies govern."""
    for question in ("A student told me she is being abused by an uncle, who do I tell?",
                     "What should I do when a kid comes in with bruises and says he got hurt at home?",
                     "Can I bring my cat to the classroom on Fridays?"):
        answer = answerer.answer(question, "crec")
        assert answer.abstained and not answer.suggestions, question
        assert answerer.index.analyse(question).elsewhere, question
    # Naming something the policies govern keeps the question in scope.
    assert not answerer.index.analyse("Can I email everyone in the building about my lost cat?").elsewhere
    lost_cat = answerer.answer("Can I email everyone in the building about my lost cat?", "crec")
    assert not lost_cat.abstained or lost_cat.unsure


def _assert_refused_outright(answerer, asked: list[tuple[str, str]]) -> list:
    """Each (question, district) is refused, not answered "not sure" with sections to read."""
    answers = [answerer.answer(question, district) for question, district in asked]
    for (question, _), answer in zip(asked, answers):
        assert answer.abstained and not answer.suggestions, question
    return answers


def test_driving_is_nothing_the_policies_govern_whatever_device_is_used_on_the_way(answerer):
    """A phone at the wheel or the school van: the policies say nothing of driving, though they speak of phones."""
    _assert_refused_outright(answerer, [("van driver here, is a bluetooth headset ok for calls while driving", "stafford"),
                                        ("can i take the school van to the regional science fair", None),
                                        ("can i talk on my cell while driving the activity bus if it's hands free", "crec")])


def test_what_students_or_parents_themselves_may_do_is_refused_but_staff_duties_toward_it_are_answered(answerer):
    """These are staff policies: whether students may bring their own tablets or a parent may film a
    meeting is the student policy's or the school's call. What staff must do about students' use is not."""
    _assert_refused_outright(answerer, [("Are kids allowed to bring their own iPads to class?", "crec"),
                                        ("Can my students use TikTok during lunch?", "stafford"),
                                        ("Could a parent film the IEP meeting on her phone?", "clinton")])
    supervise = answerer.answer("Do I have to supervise students using the internet in my room?", "crec")
    assert not supervise.abstained and supervise.citations[0].ref == "crec:F"
    blog = answerer.answer("Can my students post on the class blog?", "ces")
    assert not blog.abstained


def test_asking_to_be_paid_or_reimbursed_is_refused_and_sent_to_hr(answerer):
    answers = _assert_refused_outright(answerer, [
        ("Is there a stipend for managing the school's twitter account?", "thomaston"),
        ("Will the board pay for my cell phone plan if I use it for school calls?", "clinton"),
        ("Are we reimbursed for using our own laptops at home?", "crec")])
    assert all("Human Resources" in answer.contact for answer in answers)
    # Who pays for charges run up against the rules is a policy question.
    charges = answerer.answer("If I run up charges on the school's card buying things online for myself, who pays?", "crec")
    assert not charges.abstained and charges.citations[0].ref == "crec:H"


def test_who_runs_what_events_are_held_and_what_the_filter_blocks_are_lookups(answerer):
    _assert_refused_outright(answerer, [("Who is in charge of the district's youtube channel?", "stafford"),
                                        ("Is there a cyberbullying assembly for the eighth graders?", "thomaston"),
                                        ("Is Netflix blocked on the staff wifi?", "ces"),
                                        ("Is Kahoot on the approved list?", "crec")])
    why = answerer.answer("Why does the district filter websites?", "ces")
    assert not why.abstained and why.citations[0].ref == "ces:filtering-and-monitoring"
    from tutor.answer.vocabulary import is_lookup

    assert is_lookup("my principal asked, is kahoot on the approved list")
    assert not is_lookup("is it ok to use apps that are not on the approved list")


def test_a_chatbot_is_something_the_policies_govern_and_expectations_are_no_lookup(answerer):
    """Putting student information into ChatGPT or Gemini is a student-data question, not off-topic;
    "what are the expectations for ..." asks about staff's duties, not for a fact."""
    from tutor.answer.vocabulary import is_lookup

    for question, district, section in [
        ("is it ok to put my students' reading scores into chatgpt to write report card comments", "thomaston", "thomaston:E"),
        ("Can I ask Gemini to summarize a student's behavior plan?", "crec", "crec:E"),
    ]:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    assert not is_lookup("what are the expectations for emailing parents from home")
    assert is_lookup("what's the address of the board office")


def test_whether_they_can_see_it_is_asked_of_the_monitoring_rules_not_of_the_thing_named(answerer):
    """"If I delete it, can they still get to it?" is about monitoring and privacy, not the rule
    against hiding what breaks the rules; deleting what one should not have kept still is that rule."""
    from tutor.answer.intents import intent_rules

    for question in ("i emptied my trash folder yesterday, can they still find those emails?",
                     "can my principal go through my personal instagram?",
                     "are my texts on the school ipad actually private"):
        assert "monitoring and privacy" in intent_rules(question), question
    account = answerer.answer("can my principal go through my personal instagram?", "clinton")
    assert not account.abstained and account.citations[0].ref == "clinton:personal-online-accounts"
    deleted = answerer.answer("i emptied my trash folder yesterday, can they still find those emails?", "crec")
    assert (deleted.citations or deleted.suggestions)[0].ref == "crec:D"
    hide = answerer.answer("can i delete the games i downloaded before IT collects my laptop?", "crec")
    assert not hide.abstained and hide.citations[0].ref == "crec:C.17"


def test_agreeing_by_using_and_who_pays_are_asked_of_their_own_rules():
    """"Did I agree just by logging in?" asks about the acknowledgment, and "who pays?" or "will I be
    charged?" about charges and liability, whatever the thing named."""
    from tutor.answer.intents import intent_rules

    for question in ("so by logging into the staff laptop every morning I've agreed to this whole policy?",
                     "am i bound by the rules just by using the wifi"):
        assert intent_rules(question) == ("signing the acknowledgment",), question
    for question in ("i dropped the document camera and cracked it, will i be charged",
                     "someone sued over a song i put in a class video, does the district cover me",
                     "a kid broke the projector, who pays"):
        assert intent_rules(question) == ("charges and costs",), question
    # Being answerable for one's own account is no charge.
    assert "charges and costs" not in intent_rules("if someone uses my login to do something bad, am i on the hook")


def test_a_lawsuit_over_class_material_is_answered_with_who_bears_it(answerer):
    answer = answerer.answer("someone sued over a song i put in a class video, does the district cover me", "thomaston")
    assert not answer.abstained and answer.citations[0].ref == "thomaston:H"


def test_selling_and_politics_are_asked_of_their_own_rules(answerer):
    """A side business or a campaign is the rule on private gain or on causes, not the general one; one's opinion
    signed with one's title is the rule against presenting personal views as CREC's (C.6)."""
    for question, district, section in [
        ("my cousin does tupperware parties, can i send the catalog to a few coworkers from my crec email", "crec",
         "crec:C.4"),
        ("is it ok to post my etsy shop link in my school email signature", "thomaston", "thomaston:C.4"),
        ("can i send an email to staff with my opinion about the referendum and sign it with my title", "crec",
         "crec:C.6"),
        ("can i email staff to promote my church's fundraiser", "crec", "crec:C.5"),
        ("can i use the school printer to make flyers for my husband's campaign", "thomaston", "thomaston:C.5"),
    ]:
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question


def test_personal_things_on_a_school_device_are_personal_use_and_a_statement_with_a_question_mark_is_asked(answerer):
    """"OK to answer some personal emails on the front desk PC?" is the personal-use rule, not privacy or
    accounts; "so IT can see every site I visit?" asks whether they can see it, as "can IT see ...?" does."""
    from tutor.answer.intents import intent_rules

    for question, district, section in [
        ("office aide - ok to answer some personal emails on the front desk pc?", "clinton", "clinton:introduction"),
        ("can i do a little personal stuff on my school chromebook during prep", "ces", "ces:acceptable-network-use"),
    ]:
        assert intent_rules(question) == ("personal use",), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    # Asking whether it is private is a privacy question, however personal the thing.
    assert "personal use" not in intent_rules("is my personal gmail private if i open it on the school laptop")
    for question, district, section in [("the principal can read my school email?", "thomaston", "thomaston:D"),
                                        ("so IT can see every site i visit?", "crec", "crec:D")]:
        assert "monitoring and privacy" in intent_rules(question), question
        assert answerer.answer(question, district).citations[0].ref == section, question
    assert "monitoring and privacy" not in intent_rules("IT can see I need a new charger.")


def test_personal_use_is_something_the_policies_govern(answerer):
    """"What counts as personal use here?" names no device or account, yet personal use is what the
    policies allow and limit: it is answered, not refused as off-topic."""
    assert answerer.index.analyse("what counts as personal use here").on_topic
    answer = answerer.answer("what counts as personal use here", "crec")
    assert not answer.abstained and answer.citations[0].ref in ("crec:B", "crec:policy")
    assert not answerer.index.analyse("what counts as personal business here").on_topic


def test_asking_for_the_wording_a_policy_requires_is_no_lookup(answerer):
    """The policies hold no passwords or dates, but Stafford's does hold the e-mail disclaimer staff
    must use: "what's the disclaimer text?" is answered with it, not refused as a look-up."""
    from tutor.answer.vocabulary import is_lookup

    answer = answerer.answer("whats the disclaimer text for the bottom of work emails", "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:email-signature"
    assert is_lookup("whats the password for the guest wifi")


def test_two_rules_on_the_very_thing_asked_about_answer_it_together(answerer):
    """C.E.S. speaks of listservs twice (its Internet safety guidelines: not without permission; its
    administrative guidelines: only ones related to your work) and of buying things twice. Each is
    an answer, so two quotes naming the thing asked about are no reason to be unsure: the first
    is the answer and the other is cited beside it. Quotes sharing only a common word ("student")
    still leave the answerer unsure."""
    for question in ("can i subscribe to a listserv for PE teachers",
                     "ordering my nephew's graduation gift online from my classroom pc, allowed?"):
        answer = answerer.answer(question, "ces")
        assert not answer.abstained, question
        assert {c.ref for c in answer.citations[:2]} == {"ces:internet-safety-guidelines",
                                                         "ces:administrative-guidelines"}, question
    def quote(query, ref):
        hit = next(h for h in answerer.index.search(query) if h.ref == ref)
        return answerer.index.answering_passage(query, hit).text

    query = answerer.index.analyse("can i subscribe to a listserv for PE teachers")
    assert answerer.index.shared_word(query, quote(query, "ces:internet-safety-guidelines"),
                                      quote(query, "ces:administrative-guidelines")) >= 3.0
    query = answerer.index.analyse("can students post their own work")
    assert answerer.index.shared_word(query, quote(query, "ces:web-site-guidelines"),
                                      quote(query, "ces:personal-information")) < 3.0


@pytest.mark.parametrize("question, district, sections", [
    ("my account got suspended. can i just log in as my coworker until it's sorted out", "thomaston",
     {"thomaston:C.16", "thomaston:C.12"}),
    ("can i email all staff about my son's travel hockey fundraiser", "crec", {"crec:C.5", "crec:C.9"}),
])
def test_two_rules_written_to_answer_one_question_together_are_no_rivals(answerer, question, district, sections):
    """Suspended access and using another's account; fund-raising and mass e-mail: each pair is two
    rules, and many questions written from the policy are answered by both. Scoring close to each
    other, they answer the question together (both cited) rather than leave the answerer unsure. Two
    rules seldom written for one question still contest each other."""
    answer = answerer.answer(question, district)
    assert not answer.abstained, question
    assert {c.ref for c in answer.citations[:2]} == sections
    assert answerer._answered_together("crec:C.16", "crec:C.12")
    assert not answerer._answered_together("crec:C.12", "crec:D")


def test_a_question_put_as_a_students_misuse_is_not_refused_for_words_it_shares_with_everyday_matters(answerer):
    """"Covering" a class is also what staff ask to be paid for; put as what to do about students
    misusing the laptops, the question is the rule on supervising them. Put as whom to tell about an
    everyday matter, or as a pay question, it is still refused."""
    answer = answerer.answer("covering a class today and the kids keep sneaking onto games on the laptops, "
                             "is it on me to stop it", "thomaston")
    assert not answer.abstained and answer.citations[0].ref == "thomaston:F"
    for question in ("who do i tell if a kid throws up on the bus", "do i get paid for covering another class during my prep"):
        answer = answerer.answer(question, "crec")
        assert answer.abstained and not answer.unsure, question


QUOTES_FILE = Path(__file__).with_name("ask_quotes.yaml")


def test_the_quote_is_the_passage_a_reader_would_quote(answerer, capsys):
    """On 475 answers whose best passage was marked by hand (ask_quotes.yaml), the quote shown for the
    marked section is one of the marked passages at least 83% of the time (83.4% now; 72.4% choosing
    by the question's words alone, before the passages' closeness in meaning, whom they name and the
    words of the rule a question is put as counted, "acknowledgement" was read as "acknowledgment"
    and a definition was quoted only when asked for)."""
    entries = yaml.safe_load(QUOTES_FILE.read_text())
    fits = 0
    for entry in entries:
        answer = answerer.answer(entry["q"], entry["district"])
        shown = {c.ref: c.quote for c in answer.citations + answer.suggestions}
        fits += shown.get(entry["section"]) in entry["quotes"]
    with capsys.disabled():
        print(f"\n  quote is a marked passage: {fits}/{len(entries)} ({fits / len(entries):.1%})")
    assert fits >= 0.83 * len(entries)


@pytest.mark.parametrize("question, district, quoted", [
    # Put as personal use: the sentence permitting it, not the one on reviewing e-mail or a cross-reference.
    ("is it ok to check facebook on the district laptop during my lunch break", "clinton",
     "Incidental personal use of the computer systems may be permitted"),
    ("streaming a show on the school desktop during my prep, is that allowed", "thomaston",
     "Incidental personal use of school computers is permitted"),
    # Shopping at C.E.S.: the item forbidding purchases for personal use, not the one on buying one's own laptop.
    ("is it ok to do some online shopping on my school laptop during my prep period", "ces",
     "Neither students nor staff may use agency/school computers for game playing"),
    # One's own device on the wifi: the sentences naming the devices that reach the systems.
    ("my own tablet is on the building wifi, can the tech office see what i browse", "clinton",
     "The system administrator and others managing the computer systems may access email or monitor activity"),
    # Asked whether one can be made to hand over a personal login: what the Board may not ask, not what it may.
    ("can my supervisor force me to hand over my instagram login", "clinton",
     "Notwithstanding the above and in accordance with state law, the Board may not"),
    ("can my boss make me give up the password to my personal tiktok", "clinton",
     "Notwithstanding the above and in accordance with state law, the Board may not"),
])
def test_a_question_put_as_a_rule_quotes_the_passage_stating_it(answerer, question, district, quoted):
    answer = answerer.answer(question, district)
    assert not answer.abstained and answer.citations[0].quote.startswith(quoted)


def test_the_web_site_guidelines_restate_the_rules_on_student_names_and_work(answerer):
    """C.E.S.'s web-site guidelines restate, for web pages, its rules on student names and pictures and
    on permission to publish student work: a question both answer is answered, citing both, not
    "not sure" between them."""
    from tutor.answer.counterparts import counterparts

    assert "ces:web-site-guidelines" in counterparts()["ces:student-names-and-dangerous-content"]
    answer = answerer.answer("can i put a photo of the winning team on the agency website", "ces")
    assert not answer.abstained
    assert {c.ref for c in answer.citations} >= {"ces:student-names-and-dangerous-content", "ces:web-site-guidelines"}
    # "Photo" is the web-site guidelines' "photographs": their item on student photographs is the quote.
    answer = answerer.answer("can i put photos of my reading group with the kids' names on our class web page", "ces")
    quotes = {c.ref: c.quote for c in answer.citations + answer.suggestions}
    assert "photographs with student names" in quotes["ces:web-site-guidelines"]


def test_whom_to_ask_and_who_answers_for_an_account(answerer):
    """Stafford's notice on electronic monitoring names whom questions about it go to, and CREC's and
    Thomaston's C make employees responsible for their passwords and accounts: each states a rule of
    its group (whom to ask; passwords and accounts), so neither is a rival that leaves the answer
    "not sure". Asked whom to go to, the quote is the passage naming whom."""
    from tutor.answer.intents import asks_whom

    question = "who should I ask if I have questions about the camera and monitoring notice"
    assert asks_whom(question)
    answer = answerer.answer(question, "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:monitoring-notice"
    assert "directed to the Superintendent" in answer.citations[0].quote
    answer = answerer.answer("somebody used my account while I stepped out and sent a mean email, whose fault is that",
                             "thomaston")
    assert not answer.abstained
    assert {c.ref for c in answer.citations} >= {"thomaston:C.12", "thomaston:C"}
    assert not asks_whom("who owns the curriculum units i write")


def test_what_is_sent_to_a_student_or_whose_it_is_is_no_messaging_of_students(answerer):
    """"Text my students about practice" asks about communicating with students; "email a students IEP
    to the bus company", "email my kids pediatrician" and "email my students a scanned chapter" ask
    about confidential records, personal use and copyright."""
    from tutor.answer.intents import intent_rules

    for question in ("can i text my students reminders about practice", "is it ok to dm a kid on instagram",
                     "coach - can i snapchat my players about bus times"):
        assert "communication with students" in intent_rules(question), question
    for question in ("can i email a students 504 plan to the bus company",
                     "can i email my kids dentist from my classroom computer at lunch",
                     "ok to email my students a scanned chapter of a novel"):
        assert "communication with students" not in intent_rules(question), question
    answer = answerer.answer("ok to email my students a scanned chapter of a novel", "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:prohibited-uses"


def test_a_real_word_is_no_misspelling_of_a_policy_word(answerer):
    """"Cough", "detention" and "resign" are one letter from "couch", "detection" and "design", but
    they are words (the word table holds them), not slips: only a word no table or policy knows
    ("pasword") is corrected."""
    index = answerer.index
    for word in ("detention", "cough", "resign", "monkey", "tenure"):
        assert index.correct(word) == word, word
    assert index.correct("pasword") == "password"
    assert "detection" not in str(index.analyse("can i email a parent about her son's detention").weights)


def test_acknowledgement_is_acknowledgment(answerer):
    """Clinton and Stafford write "acknowledgement", the vocabulary "acknowledgment": one word, so
    "nobody had me sign a form, do the rules apply to me?" quotes their sentence that using the
    system is the acknowledgement."""
    from tutor.answer.terms import stem

    assert stem("acknowledgement") == stem("acknowledgment") and stem("judgement") == stem("judgment")
    answer = answerer.answer("nobody had me sign a computer form when i started, so do the rules even apply to me",
                             "stafford")
    assert "represents an employee's acknowledgement" in (answer.citations + answer.suggestions)[0].quote


def test_using_the_computers_before_signing_is_the_rule_that_no_one_may(answerer):
    """"Can I log in before I turn in the form?" is Thomaston's acknowledgment form ("No employee shall
    be allowed to use school computers ... until he/she has signed and returned this acknowledgment"),
    not its rule that everyone must sign one. CREC has no such sentence: its rule is still the answer."""
    from tutor.answer.intents import intent_rules

    for question in ("just hired as a cafeteria aide, may i use the kitchen computer before i sign the tech form",
                     "i still havent signed the acknowledgment, can i keep logging in",
                     "my signed form is missing from HR, do i have to stop using the laptop"):
        assert intent_rules(question) == ("using the systems only once signed",), question
        answer = answerer.answer(question, "thomaston")
        assert not answer.abstained and answer.citations[0].ref == "thomaston:acknowledgment-form", question
        assert answer.citations[0].quote.startswith("No employee shall be allowed to use school computers")
    for question in ("what am i agreeing to when i sign the computer form", "can i return the laptop before summer",
                     "do i need to sign the form again every year"):
        assert "using the systems only once signed" not in intent_rules(question), question
    answer = answerer.answer("may i use the computer before i sign the tech form", "crec")
    assert not answer.abstained and answer.citations[0].ref == "crec:I"


def test_answering_for_ones_account_and_a_warning_before_monitoring_have_their_own_rules(answerer):
    """"A kid used my computer while I was logged in, am I responsible?" is the rule that employees
    answer for their accounts (CREC's and Thomaston's C, C.E.S.'s network security), not the one
    against misusing passwords; "don't they have to warn us first?" is Stafford's notice of
    monitoring, not its privacy rule. Who pays for a loss is still the rule on costs."""
    from tutor.answer.intents import intent_rules

    for question, district, section in [
        ("my coworker hopped on my laptop while i was still signed in and sent something rude, am i accountable",
         "crec", "crec:C"),
        ("somebody got on my laptop while i was logged in and sent a rude email, who is responsible, me?",
         "thomaston", "thomaston:C"),
    ]:
        assert intent_rules(question) == ("answering for one's account",), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == section, question
    question = "is the board supposed to notify us before they go through our email"
    assert intent_rules(question) == ("notice of monitoring",)
    answer = answerer.answer(question, "stafford")
    assert not answer.abstained and answer.citations[0].ref == "stafford:monitoring-notice"
    assert "answering for one's account" not in intent_rules("my laptop was stolen from my car, am i responsible for paying for it")


def test_a_definition_is_quoted_when_the_question_asks_what_a_term_takes_in(answerer):
    """Asked whether the principal may make one open a personal account, the quote is the rule on what
    the Board may not require, not the definition of a personal online account; asked whether a
    school account counts as one, it is the definition that answers."""
    from tutor.answer.intents import asks_meaning
    from tutor.answer.vocabulary import is_definition

    answer = answerer.answer("can the vice principal make me pull up my personal instagram in her office", "clinton")
    cited = (answer.citations + answer.suggestions)[0]
    assert cited.ref == "clinton:personal-online-accounts" and not is_definition(cited.quote), cited.quote
    question = "does the google account the school made for me count as a personal online account"
    assert asks_meaning(question)
    answer = answerer.answer(question, "stafford")
    cited = (answer.citations + answer.suggestions)[0]
    assert cited.ref == "stafford:personal-online-accounts" and is_definition(cited.quote), cited.quote
    assert is_definition("\u201cReasonable personal use\u201d is defined as use by an individual employee")
    assert not is_definition("Personal use of school computers is permitted as long as such use does not interfere")


@pytest.mark.parametrize("asked, question, district, section", [
    # "What am I supposed to be doing?" and "do I handle it?", as "what am I supposed to do?".
    (("lunch aide - the 3rd graders are on chromebooks in the cafeteria, what am i supposed to be doing",
      "the kids keep opening youtube during stations. do i handle it myself"),
     "lunch aide - the 3rd graders are on chromebooks in the cafeteria, what am i supposed to be doing",
     "thomaston", "thomaston:F"),
    # "Am I expected to be monitoring them?", "what am I on the hook for?".
    (("long term sub - the kids do their research on ipads, what am i on the hook for",
      "am i really required to be checking what the students have open every few minutes"),
     "subbing in the computer lab tomorrow and the kids will be on the internet all period, what am i on the hook for",
     "crec", "crec:F"),
])
def test_what_staff_must_do_while_students_are_online_is_supervising_them(answerer, asked, question, district,
                                                                          section):
    """Asking what one should be doing, or is on the hook for, while students are online asks what
    staff must do about them: the rule that staff supervise students' use (CREC's and Thomaston's F)."""
    from tutor.answer.intents import intent_rules

    for wording in asked:
        assert "supervising students" in intent_rules(wording), wording
    answer = answerer.answer(question, district)
    assert not answer.abstained and answer.citations[0].ref == section


def test_giving_school_email_addresses_to_outsiders_is_their_own_rule(answerer):
    """"A realtor wants our staff email list, can I share it?" is CREC's and Thomaston's C.5 (no
    knowingly giving school e-mail addresses to outside parties), not the rule on selling or on
    confidential information. Sending to the staff list oneself is not giving it out."""
    from tutor.answer.intents import intent_rules

    for question, district in [("a realtor asked for our teacher email directory, can i share it with him", "crec"),
                               ("the yoga studio wants the staff email list to send coupons, ok to hand it over",
                                "thomaston")]:
        assert "giving out e-mail addresses" in intent_rules(question), question
        answer = answerer.answer(question, district)
        assert not answer.abstained and answer.citations[0].ref == f"{district}:C.5", question
    assert "giving out e-mail addresses" not in intent_rules("can i send the bake sale flyer to the staff email list")


def test_in_front_of_someone_is_in_their_presence(answerer):
    """"Can she make me open my TikTok in front of her?" quotes the clause on accessing a personal
    account in the presence of the Board's representative, not the one on inviting a supervisor."""
    answer = answerer.answer("the assistant principal wants me to log into my snapchat in front of him, "
                             "can he make me", "stafford")
    cited = (answer.citations + answer.suggestions)[0]
    assert cited.ref == "stafford:personal-online-accounts" and "presence" in cited.quote, cited.quote


# Everyday wordings that name the rule answering them (intents.py), added in the thirty-ninth to
# forty-second rounds, and wordings that only look like them.
NAMED_RULES = [
    ("if a teacher streams bootleg movies in class, is the school liable", "charges and costs"),
    ("a coworker keeps forwarding racist memes from his school account, who handles that", "whom to ask"),
    ("a tutoring company asked for all of the teachers' email addresses, can i send them",
     "giving out e-mail addresses"),
    ("will they warn me before they look through my email", "notice of monitoring"),
    ("the kids keep opening games on the ipads, am i supposed to be policing that", "supervising students"),
    ("is it ok to browse online for personal stuff on the office computer now and then", "personal use"),
    ("a student got on my laptop while i was logged in and sent something awful. is that on me",
     "answering for one's account"),
    ("if i get sued over a photo on the class blog, will the school cover for me", "charges and costs"),
    ("a parent says i used her photo without asking and wants money, will the school cover it", "charges and costs"),
    ("started monday and no one ever gave me the tech form, can i still log in", "using the systems only once signed"),
    ("my wife's catering business needs help, can i email her menu to the staff", "selling and private gain"),
    ("i coach private swim lessons on the side, ok to email families about openings", "selling and private gain"),
    ("who's on the hook if a para streams pirated movies on the class laptop", "charges and costs"),
    ("if the district gets fined over software i installed, is that on me", "charges and costs"),
    ("why does the guidance office get access to the grade system and i can't", "who gets access"),
    ("how come my login doesnt let me into the shared drive", "who gets access"),
    ("what happens if a teacher gets caught breaking the internet rules", "discipline"),
    ("my coworker keeps forwarding me racist jokes, do i just have to live with it", "reporting problems and misuse"),
    ("who answers questions about what we can do on the school computers", "whom to ask"),
    ("the office says i can't get my login until my acknowledgment is on file", "using the systems only once signed"),
    ("if i use a proxy site to get to my fantasy league at lunch will i get in trouble", "getting around the filter"),
    ("whats the rule on tweeting about work", "social networking"),
    ("is personal use of the district laptop allowed at all", "personal use"),
    ("can i check my personal hotmail on the library computer", "personal use"),
    ("why does the board even monitor our email", "why the district monitors"),
    ("saw a coworker selling stuff on ebay from the office pc, who do i tell", "reporting problems and misuse"),
    ("if i get sued over a song in my class video, will the district have my back", "charges and costs"),
    ("new para here, is there a computer agreement i need to sign", "signing the acknowledgment"),
    ("covering study hall today, am i responsible for whatever the kids pull up on the ipads", "supervising students"),
    ("do i actually need to stay in the room while my students are on the chromebooks", "supervising students"),
    ("is keeping the kids off games during computer time part of my job", "supervising students"),
    ("who's the right person to ask about whether an app is allowed", "whom to ask"),
    ("what kind of trouble can a teacher get in for misusing the network", "discipline"),
    ("my aide asked for my password to enter attendance, can i give it to her", "passwords and accounts"),
    ("what does the computer acknowledgment form actually say", "the acknowledgment form's words"),
    ("what am i agreeing to when i sign the internet form", "the acknowledgment form's words"),
    ("is the district supposed to put up signs saying our email is monitored", "notice of monitoring"),
    ("does the monitoring cover the ipad the district gave me", "monitoring and privacy"),
    ("what's even the point of a password if the tech office can get around it", "what passwords are for"),
    ("what are our passwords for then, if admin can read everything", "what passwords are for"),
    ("there's a ransom note on the shared drive this morning, who needs to know", "reporting problems and misuse"),
    ("ok to install a grammar checker add-on in chrome on my work laptop", "installing software"),
    ("the library computer is flagged for porn again, report to who", "reporting problems and misuse"),
    ("pretty sure the new aide runs her tutoring business off the school laptop, should i speak up and to whom",
     "reporting problems and misuse"),
    ("lost the computer use form on my first day, can i keep logging in", "using the systems only once signed"),
    ("the computer form is still unsigned in my bag, can i use the laptop today", "using the systems only once signed"),
    ("lunch break - is streaming hulu on the district chromebook ok", "personal use"),
    ("who do i check with about using school email for my kids soccer team", "whom to ask"),
    ("what sorts of things are considered off limits on the school laptops", "what is not allowed"),
    ("a parent keeps sending me nasty emails, where do i go with this", "reporting problems and misuse"),
    ("hr suspended my network access during the investigation, can i log in from the library pc",
     "using the systems after access is revoked"),
    ("my login got pulled while they look into a complaint, can i use the shared cart laptop",
     "using the systems after access is revoked"),
    ("can i put a free video editor on my district chromebook without asking", "installing software"),
    ("my acknowledgment is with the office still, can i log into the laptops in the meantime",
     "using the systems only once signed"),
    ("a parent keeps texting me rude stuff through the district app, is there someone i'm supposed to tell",
     "reporting problems and misuse"),
    ("our 8th graders are building their own web pages for history day, what do i have to check", "students' web sites"),
    ("is there a rule about student blogs going public", "students' web sites"),
    ("do emails in my inbox get purged after some time", "e-mail kept or purged"),
    ("how long are old messages kept in our school email before they vanish", "e-mail kept or purged"),
    ("the vice principal told me to open my personal instagram on her phone, do i have to", "personal online accounts"),
    ("my supervisor wants my personal facebook password to look into a complaint", "personal online accounts"),
    ("does logging on to the network mean i've accepted the rules", "signing the acknowledgment"),
    ("by using the district wifi am i consenting to all of this", "signing the acknowledgment"),
    ("a bit of christmas shopping on the office pc during lunch, fine?", "shopping for oneself"),
    ("can i pay my phone bill on the library computer during my prep", "personal use"),
    ("is anything we save on the district laptops actually private", "monitoring and privacy"),
    ("my daughter's dance studio is doing a raffle, can i send the ticket info to all staff",
     "causes, politics and fundraising"),
    ("ok to email my grade's families asking them to chip in on my cousin's gofundme",
     "causes, politics and fundraising"),
    ("why can the front office open files that we cant", "who gets access"),
    ("how do i get around the blocker, it stops a site i need for a lesson", "getting around the filter"),
    ("a student jumped on my laptop while i was logged in and sent something nasty, is that on me",
     "answering for one's account"),
    ("my student's uncle emailed asking for her report card, can i send it to him", "confidential information"),
    ("a zip file attached from a sender i don't recognize, can i open it", "risky attachments"),
    ("what's the point of all this network monitoring", "why the district monitors"),
    ("does having a password mean my files are kept private", "what passwords are for"),
    ("can i email the whole district about my lost cat", "mass e-mail"),
    ("ok to send one email to every family in the building about the book fair", "mass e-mail"),
    ("my password keeps my email safe from the district, right?", "what passwords are for"),
    ("the superintendent wants to look through my personal facebook, can he", "personal online accounts"),
    ("my para keeps logging in as me to take attendance", "passwords and accounts"),
    ("someone keeps misusing the lab computers, who gets told", "reporting problems and misuse"),
    ("one of my students sent mean messages on a district ipad, who's supposed to hear about it",
     "reporting problems and misuse"),
    ("whose fault is it when a coworker uses my login to change grades", "answering for one's account"),
    ("my principal says he can go through my work email whenever, is that allowed", "monitoring and privacy"),
    ("why do some paras have more system access than teachers", "who gets access"),
    ("is my work email readable by the principal", "monitoring and privacy"),
    ("what's the punishment for misusing the district laptops", "discipline"),
]
LOOKALIKES = [
    ("i broke the projector, is that on me", "answering for one's account"),
    ("does the district policy cover it when i use my own phone", "charges and costs"),
    ("i shop online for personal stuff on my own phone at lunch", "personal use"),
    ("is it fine if i email the staff about the potluck", "charges and costs"),
    ("can i use the school computer for school business after hours", "selling and private gain"),
    ("what happens to my files when i leave the district", "discipline"),
    ("saw a student using a vpn on his chromebook, who do i tell", "getting around the filter"),
    ("somebody put a vpn on the library computer, is that allowed", "getting around the filter"),
    ("whats the rule if the district asks for my facebook password", "social networking"),
    ("is my personal email private on the school computer", "personal use"),
    ("why do my kids watch so much youtube in class", "why the district monitors"),
    ("who do i tell about a coworker running an etsy shop on the school laptop", "selling and private gain"),
    ("can i use the computer before i sign the tech form", "signing the acknowledgment"),
    ("counselor - emailing student files to another school, what do i need to watch for", "supervising students"),
    ("my student teacher logs in as me on the smartboard, am i responsible for what she does", "supervising students"),
    ("do i have to sign the tech form before they give me my login", "passwords and accounts"),
    ("my login doesn't open the shared drive the teachers use, why", "passwords and accounts"),
    ("can i post a notice about the bake sale on the staff email", "notice of monitoring"),
    ("what is the password for the staff wifi", "what passwords are for"),
    ("why do i need a password to print", "what passwords are for"),
    ("who needs to know the wifi password for the field trip bus", "reporting problems and misuse"),
    ("can i download a movie off a streaming site to show my class", "installing software"),
    ("what am i really agreeing to when i sign the computer use form", "signing the acknowledgment"),
    ("lunch money is due friday, can i email parents a reminder", "personal use"),
    # Whom to tell about a student: supervising and reporting, not whom to ask about the rules.
    ("caught a kid on a gambling site on the class chromebook, who do i tell", "whom to ask"),
    ("what time is the computer lab off limits to staff", "what is not allowed"),
    ("my principal pulled up emails from my account, is that allowed", "using the systems after access is revoked"),
    ("can i put a poster about internet safety on the lab door", "installing software"),
    # Staff making the school's pages, or students' names on them, are other rules.
    ("i run the school web site, can i put up the honor roll", "students' web sites"),
    # Deleting one's own mail is no purge; a question about keeping records is none about e-mail.
    ("if i delete an email can the district still read it", "e-mail kept or purged"),
    ("how long do we keep attendance records", "e-mail kept or purged"),
    # A student or a friend asking is no superior asking; a superior asking for a work login is no personal account.
    ("a student asked me to follow her personal instagram", "personal online accounts"),
    ("my principal wants the password to my school email", "personal online accounts"),
    # Buying for the class is no shopping for oneself.
    ("can i order supplies for my classroom on amazon and get reimbursed", "shopping for oneself"),
    ("i'm the shop teacher, can my class use the laser cutter software", "shopping for oneself"),
    # Raising money for a cause is no selling; the school's own fundraiser is no outside cause.
    ("my daughter's dance studio is doing a raffle, can i send the ticket info to all staff", "selling and private gain"),
    ("can i email all families about the pto fundraiser", "causes, politics and fundraising"),
    ("can i email the whole district about the robotics team fundraiser", "causes, politics and fundraising"),
    # A student getting around the filter, to be told of, is no asker getting around it.
    ("a kid showed me how he gets around the blocker, do i have to make him stop or just let someone know",
     "getting around the filter"),
    # Grades sent to the student's parent, and attaching a file, are other matters.
    ("can i email a parent her son's grades", "confidential information"),
    ("can i attach the field trip form to the newsletter", "risky attachments"),
    # The rule on what is sent answers first; how it is put is professional conduct; a class is no mass mailing.
    ("my daughter is selling girl scout cookies, can i email all staff", "mass e-mail"),
    ("being rude in a reply-all to the whole staff, is that a policy issue", "mass e-mail"),
    ("can i email every parent in my class about the field trip", "mass e-mail"),
    ("emailing all the families in my building about one kid's reading level, ok?", "mass e-mail"),
]


def test_how_to_get_around_the_filter_is_no_how_to_but_having_a_site_unblocked_is(answerer):
    from tutor.answer.intents import asks_how_to_get_around_the_filter

    assert asks_how_to_get_around_the_filter("the web filter blocks a site i need, how do i get around it")
    assert not asks_how_to_get_around_the_filter("how do i get a blocked site unblocked before my lesson")
    unblock = answerer.answer("how do i get a blocked site unblocked before my lesson", "crec")
    assert unblock.abstained and not unblock.suggestions


def test_how_long_email_is_kept_is_asked_of_the_one_policy_that_says(answerer):
    """Only C.E.S. purges e-mail: asked elsewhere, the question is not taken as one the asker's policy governs."""
    from tutor.answer.intents import put_as_a_policy_matter

    question = "how long does the district keep our emails"
    assert put_as_a_policy_matter(question, {"ces"}) and not put_as_a_policy_matter(question, {"stafford"})
    assert answerer.answer(question, "stafford").abstained


def test_supervising_and_reporting_are_asked_together_only_when_one_intent_names_both():
    from tutor.answer.intents import ANSWERED_BETWEEN_THEM, rules_asked_together

    assert rules_asked_together("caught a kid on a gambling site in class, who do i tell") == ANSWERED_BETWEEN_THEM
    # Whom to tell also names whom to ask: a section on whom to ask still contests the other two.
    assert "whom to ask" not in rules_asked_together("who should i ask if i don't know whether an app is allowed")
    # The two rules on messaging students are rivals still.
    assert rules_asked_together("can i text my students about the game") == ()


@pytest.mark.parametrize("question, rule", NAMED_RULES)
def test_an_everyday_wording_names_the_rule_that_answers_it(question, rule):
    from tutor.answer.intents import intent_rules

    assert rule in intent_rules(question)


@pytest.mark.parametrize("question, rule", LOOKALIKES)
def test_a_wording_that_only_looks_like_one_names_no_rule(question, rule):
    from tutor.answer.intents import intent_rules

    assert rule not in intent_rules(question)


@pytest.mark.parametrize("question, district, section", [
    ("a tutoring company asked for all of the teachers' email addresses, can i send them", "thomaston",
     "thomaston:C.5"),
    ("is it ok to browse online for personal stuff on the office computer now and then", "stafford",
     "stafford:introduction"),
    ("my coworker used my login to print stuff she shouldnt have, is that on me", "crec", "crec:C"),
    ("started monday and no one ever gave me the tech form, can i still log in", "thomaston",
     "thomaston:acknowledgment-form"),
    # No students about says when, not that the question is about supervising them.
    ("is looking at adult sites on the library computer ok if no kids are around", "crec", "crec:C.2"),
    # What a password is for is Clinton's privacy section (system security, not the user's privacy).
    ("whats the point of a password if the tech guys can just get around it", "clinton", "clinton:privacy"),
    ("what's my password for if IT can get into my stuff anyway", "stafford", "stafford:privacy"),
    # "Who needs to know?" asks whom to tell: reporting, and the duty to students, not what was done.
    ("one of my kids showed the class a trick for getting past the web filter, who needs to know", "thomaston",
     "thomaston:C.15"),
    ("a kid in my homeroom was chatting with an adult he met online on the school laptop, who needs to know", "crec",
     "crec:F"),
    ("can i install my own copy of a video editor on my agency pc", "ces", "ces:administrative-guidelines"),
    ("what am i really agreeing to when i sign the computer use form", "thomaston", "thomaston:acknowledgment-form"),
    ("i think my neighbor teacher is running her tutoring business on the school laptop, should i speak up and to whom",
     "stafford", "stafford:reporting"),
    ("what kinds of stuff are off limits on the school laptops", "stafford", "stafford:prohibited-uses"),
    ("a parent keeps texting me rude stuff through the district app, is there someone i'm supposed to tell",
     "stafford", "stafford:reporting"),
    # "Appropriate use" is what the policies are about: whom to ask about it is theirs to say.
    ("who should i talk to when i'm not sure something is appropriate use", "stafford", "stafford:reporting"),
    ("unsure if something counts as appropriate use - who do i go to", "clinton", "clinton:reporting"),
    # Using the systems once one's access is turned off is the rule on that, not on passwords.
    ("they disabled my account while i'm out on leave, can i still get in with my old password from home",
     "thomaston", "thomaston:C.16"),
    # Stafford's required e-mail wording is a rule, not a fact to look up; where to go with harassment is
    # whom to tell.
    ("what's the exact wording of the confidentiality line at the bottom of my emails", "stafford",
     "stafford:email-signature"),
    ("a coworker keeps sending me harassing texts on teams, where do i go with this", "clinton", "clinton:reporting"),
    # How to go about messaging students is within the policies, whatever day it is asked on.
    ("snow day so we're remote, do i have to be careful how i chat with kids on teams", "stafford",
     "stafford:electronic-communications"),
    # Whom to tell about what a student did: the duty of those supervising students, not whom to ask.
    ("caught a boy on a site he had no business being on during class, who do i tell", "crec", "crec:F"),
    # Class research is done online: a question about it is within the policies.
    ("we were doing research for the project and i found a student on something inappropriate, who am i supposed "
     "to tell", "crec", "crec:F"),
    # Students' own web sites are C.E.S.'s web-site guidelines (a teacher reviews them first), whatever the
    # question asks of the teacher's role.
    ("our 8th graders are building their own web pages for history day, what's my role", "ces",
     "ces:web-site-guidelines"),
    # Supervising students and reporting answer "who do I tell about a student?" between them: one is no rival
    # to the other.
    ("my student figured out a way around the blocked sites, who am i supposed to tell", "crec", "crec:C.15"),
    # Whether anything is private asks the monitoring rules.
    ("is anything we save on the district laptops actually private", "stafford", "stafford:privacy"),
    # Raising money for a cause outside the school is Thomaston's C.5, not selling (C.4).
    ("my daughter's dance studio is doing a raffle, can i send the ticket info to all staff", "thomaston",
     "thomaston:C.5"),
    ("why can the front office open files that we cant", "thomaston", "thomaston:A"),
    # Asking how to get around the filter is answered with the rule against it, not refused as a how-to.
    ("how do i get around the blocker, it stops a site i need for a lesson", "ces", "ces:filtering-and-monitoring"),
    ("a student jumped on my laptop while i was logged in and sent something nasty, is that on me", "thomaston",
     "thomaston:C"),
    # A student's grades to a relative not on file is the confidentiality of student records.
    ("my student's uncle emailed asking for her report card, can i send it to him", "clinton",
     "clinton:prohibited-uses"),
    ("a zip file attached from a sender i don't recognize, should i forward it to the office", "crec", "crec:C.8"),
    ("can i email the whole district about my lost cat", "thomaston", "thomaston:C.9"),
    ("ok to send one email to every family in the building about the book fair", "crec", "crec:C.9"),
    # How long e-mail is kept is C.E.S.'s rule, asked at C.E.S. however near it is to questions no policy answers.
    ("how long does the agency keep our emails", "ces", "ces:email-guidelines"),
    ("someone keeps misusing the lab computers, who gets told", "clinton", "clinton:reporting"),
    ("whose fault is it when a coworker uses my login to change grades", "thomaston", "thomaston:C"),
    ("my principal says he can go through my work email whenever, is that allowed", "thomaston", "thomaston:D"),
    ("is my work email readable by the principal", "crec", "crec:D"),
    # How much personal use a day is personal use, not a technical limit.
    ("how many personal emails a day is ok on the school computer", "crec", "crec:B"),
    ("the superintendent wants to look through my personal facebook, can he", "stafford",
     "stafford:personal-online-accounts"),
    # C.E.S. purges e-mail at least every 30 days.
    ("do emails in my inbox get purged after some time", "ces", "ces:email-guidelines"),
    # A superior asking to see a personal account is what the Board may not ask.
    ("the vice principal told me to open my personal instagram on her phone, do i have to", "stafford",
     "stafford:personal-online-accounts"),
    # Using the computers is agreeing to their terms, in Clinton's words.
    ("does logging on to the network mean i've accepted the rules", "clinton", "clinton:policy"),
    # Shopping on a break is personal use where it is allowed, but C.E.S. forbids purchasing for oneself.
    ("is it ok to do some online shopping on my school laptop during my prep period", "thomaston", "thomaston:policy"),
    ("is it ok to do some online shopping on my school laptop during my prep period", "ces",
     "ces:administrative-guidelines"),
    # One's own device on the school's wifi: Clinton's and Stafford's "Monitoring" name the devices that
    # reach the systems; it is not a question about personal online accounts.
    ("my own tablet is on the building wifi, can the tech office see what i browse", "clinton", "clinton:monitoring"),
    ("do the tech rules still apply to my personal laptop when it's on the school network", "stafford",
     "stafford:monitoring"),
    # Something troubling received, told and no more, or "what are my options?": the rule on reporting it.
    ("received a harassing text on teams from another para this morning", "clinton", "clinton:reporting"),
    ("a parent keeps sending me threatening emails, what are my options", "stafford", "stafford:reporting"),
    # Trouble for misuse in general is discipline; whom to ask "at CREC" is whom to ask.
    ("how much trouble could a teacher get in for misusing the school computers", "clinton",
     "clinton:disciplinary-action"),
    ("is a proxy extension on my chromebook allowed? who at crec should i check with", "crec", "crec:intro"),
    # C.E.S.'s policy names FERPA as a law its rules follow: whether FERPA applies is its rule on student data,
    # where whether HIPAA applies is refused.
    ("does ferpa even apply to the emails i write about my students", "ces", "ces:student-data"),
    # Keeping one's own password written down or in the browser is C.E.S.'s network security procedures, the only
    # passage saying how a password is kept.
    ("jotted my network password in a notebook in my desk drawer, is that allowed", None, "ces:network-security"),
    ("a recruiter wants a list of our teacher emails for a job fair mailing", "crec", "crec:C.5"),
    ("my ex-husband keeps emailing threatening messages to my work address", "clinton", "clinton:reporting"),
    ("does just logging on count as saying yes to the policy", "stafford", "stafford:privacy"),
    ("why does my para login only get into some of the shared drives", "crec", "crec:A"),
    ("who decides which apps and folders on the network a secretary gets access to", "thomaston", "thomaston:A"),
    ("what am i responsible for when my students are on video calls", "crec", "crec:F"),
    ("does anybody at central office actually look at what i send from my work email", "crec", "crec:D"),
    # The Superintendent may eliminate personal use at any time (Clinton's and Stafford's "Monitoring").
    ("can they take away personal internet use for all staff whenever they want", None, "stafford:monitoring"),
    # In trouble just for receiving something improper: Clinton's and Stafford's rule on reporting what one
    # receives, or their prohibited uses, answering between them; not the discipline.
    ("a coworker forwarded me a gross meme, am i in trouble just for receiving it", "stafford", "stafford:reporting"),
    ("a coworker got into the admin side of powerschool without asking", "thomaston", "thomaston:C.10"),
    ("tech office can still see what i deleted??", "thomaston", "thomaston:D"),
    ("downloading a vpn to get around the blocker for netflix", "crec", "crec:C.10"),
    ("a student opened a gory video on the class ipad. next step?", "crec", "crec:F"),
    ("any privacy on the school laptop when i take it home?", "clinton", "clinton:policy"),
    # Asked of no district, messaging students is answered with the fullest statement of the rule: Clinton's
    # "Electronic Communications" says what texting and messaging students may be; CREC's C.3 is one line.
    ("any rules on texting kids from my own cell", None, "clinton:electronic-communications"),
    ("does the principal get to cut off personal use for staff", "clinton", "clinton:monitoring"),
    ("an invitation to my baby shower going to the whole staff list, ok?", "thomaston", "thomaston:C.9"),
    ("what happens to somebody who gets caught abusing the school wifi", "stafford", "stafford:disciplinary-action"),
    # Downloading or ripping a film or music is the rule on copyright, not on installing software; downloading
    # an app that plays music still is.
    ("downloading a youtube clip and putting it in my slideshow for class - ok?", "crec", "crec:C.1"),
    ("ripping youtube music videos to play at the fall concert", "thomaston", "thomaston:C.1"),
    ("can i download spotify on my work computer so i have music while grading", "crec", "crec:C.7"),
    ("emailing my login details to my personal gmail so i have them at home", None, "ces:network-security"),
    ("kids are using laptops in my room, am i in charge of watching them", None, "crec:F"),
    # The policies' own numbers are no other policy; FERPA, which C.E.S.'s policy names, spelled out is no law
    # question to refuse.
    ("what does policy 4118.5 say about personal use", "crec", "crec:B"),
    ("family educational rights and privacy act - can a parent see my emails about her kid", "ces",
     "ces:student-data"),
    ("my cousin wants me to email the staff about her pampered chef party", "stafford", "stafford:prohibited-uses"),
    ("deleted a chat in teams, can admin still pull it up", None, "crec:D"),
    ("a recruiter wants all our teacher emails for a job fair", None, "crec:C.5"),
    ("a cruise company wants my school email and my coworkers' addresses to send deals", None, "crec:C.5"),
    # Put after a dash, "where do I take that?" still asks whom to report to, not a place.
    ("got a creepy message on teams — where do i take that", None, "clinton:reporting"),
    # What a password is for; signing in as someone else or lending one's own (C.E.S.'s e-mail guidelines:
    # "Password sharing, accounting sharing ... are prohibited"); signing in after leaving.
    ("isnt my password supposed to keep the principal out of my files", None, "clinton:privacy"),
    ("my team teacher forgot her password, ok to let her use mine for the day", None, "ces:email-guidelines"),
    ("my principal wants me to log in as her to send the newsletter", "thomaston", "thomaston:C.12"),
    ("quit in june but my login still works - ok to sign in and get my files", None, "crec:C.16"),
    ("a local church wants every teacher email address so they can invite us", "crec", "crec:C.5"),
    ("who should i ask when i'm not sure a website is allowed", None, "crec:intro"),
    ("gave the sub my password so she could take attendance, am i in trouble", "thomaston", "thomaston:C.12"),
    # Notice before monitoring is a matter the policies govern, however near it is to questions none answers.
    ("is the district supposed to give notice before monitoring us", None, "stafford:monitoring-notice"),
    ("emailing a scanned chapter to my class, copyright problem?", "thomaston", "thomaston:C.1"),
    # Dangerous information come across is C.E.S.'s rule to notify a school authority.
    ("came across bomb making instructions on a lab computer, what do i do", "ces",
     "ces:student-names-and-dangerous-content"),
    # One's views taken for the district's, and what looks like a hit list, are matters the policies govern though
    # no device or message is named.
    ("i shared my own take on the budget with a parent. could that be read as the district's official view",
     "thomaston", "thomaston:C.6"),
    ("a student's shared slides have what looks like a kill list", "ces", "ces:student-names-and-dangerous-content"),
    # "what's my job?" asks a duty, not a fact.
    ("a student in my lab was on a betting site, whats my job", "thomaston", "thomaston:F"),
    # Chain letters are e-mail; using the systems once one's access is off is a matter the policies govern however
    # near it is worded to questions none answers; what the district monitors for is why it monitors.
    ("chain letters to my coworkers, even funny ones - ok?", "ces", "ces:email-guidelines"),
    ("my login was disabled and progress reports are due, gonna use a colleague's login to get them done", None,
     "crec:C.16"),
    ("does the district monitor for viruses on our laptops", "clinton", "clinton:why-monitor"),
    # What is asked is read with its misspellings put right.
    ("a parent keeps sending me harrassing emails", None, "clinton:reporting"),
    # One's own take sent as the district's is C.6 whatever cause it is about; one e-mail to everyone is C.9
    # whatever it is about, an animal included.
    ("emailed the paper my own take on the referendum and signed it with my job title", "thomaston", "thomaston:C.6"),
    ("a found cat flyer, can i send it to the whole agency list", "crec", "crec:C.9"),
    # Cussing someone out in an e-mail breaks the rules of etiquette and professional conduct.
    ("is it against the rules to cuss out a parent over email", "thomaston", "thomaston:C.13"),
    # Selling, with one e-mail to everyone beside it, is a matter the policies govern though no device is named.
    ("my daughter's troop is selling cookies, thinking of sending the order form to everyone on staff", "crec",
     "crec:C.4"),
    # One's take signed with the district's name is one's views presented as the district's, not the cause.
    ("sent an email signed thomaston public schools with my own take on the budget vote. was that wrong", "thomaston",
     "thomaston:C.6"),
])
def test_such_a_question_is_answered_by_that_rule(answerer, question, district, section):
    answer = answerer.answer(question, district)
    assert not answer.abstained and answer.citations[0].ref == section


@pytest.mark.parametrize("question, district", [
    ("my principal wants me to open my personal snapchat in front of him, can he", "crec"),
    ("hr wants to look through my personal instagram, is there any limit", "thomaston"),
    ("ces wants to see my personal tiktok for an investigation, can they", "ces"),
    ("old emails at clinton - kept somewhere, and for how long", "clinton"),
    ("is a confidentiality disclaimer required in my email signature", "thomaston"),
    ("what does my email signature have to include", "clinton"),
    ("are there security cameras on our buses", "crec"),
    ("is the district allowed to put cameras in the hallways", "ces"),
    ("how often do we need to change our passwords", "stafford"),
    ("is there a rule on how often i have to change my password", "crec"),
])
def test_a_rule_only_other_policies_state_is_no_answer_for_staff_whose_policy_lacks_it(answerer, question,
                                                                                          district):
    """What the Board may ask of personal online accounts is Clinton's and Stafford's rule, how long e-mail is
    kept C.E.S.'s, what an e-mail signature must say Stafford's: asked by staff of another district, the question
    is one their policy does not answer, not one for their policy statement or another district's rule; so are
    cameras, which only Stafford's notice of monitoring names, and how often passwords are changed, which only
    C.E.S.'s network security speaks of ("according to Agency need"). Asked by staff whose policy has it, or of
    no district, it is."""
    answer = answerer.answer(question, district)
    assert answer.abstained and not answer.unsure and not answer.citations, answer.text
    assert answerer.answer("my principal wants me to open my personal snapchat in front of him, can he",
                           "stafford").citations[0].ref == "stafford:personal-online-accounts"
    assert answerer.answer("is a confidentiality disclaimer required in my email signature",
                           "stafford").citations[0].ref == "stafford:email-signature"
    assert answerer.answer("are there security cameras on our buses",
                           "stafford").citations[0].ref == "stafford:monitoring-notice"
    assert answerer.answer("how often do we need to change our passwords").citations[0].ref == "ces:network-security"


def test_dangerous_information_is_quoted_from_its_own_item(answerer):
    """C.E.S.'s section holds two items, student pictures and dangerous information: asked about bomb-making
    instructions on a lab computer, the quote and the answer are the item on dangerous information."""
    answer = answerer.answer("came across a website with bomb making instructions on a lab computer, what do i do",
                             "ces")
    assert answer.citations[0].ref == "ces:student-names-and-dangerous-content"
    assert "dangerous" in answer.citations[0].quote and "pictures" not in answer.citations[0].quote
    assert "pictures" not in answer.text.split("\n")[0]
