"""Ask the policy: evaluation on tests/ask_eval.yaml plus unit tests of the answerer and `tutor ask`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tutor.answer import Answerer
from tutor.answer.passages import MAX_QUOTE, split_section
from tutor.answer.source import load_for_answers
from tutor.answer.answerer import NEUTRAL_CONTACT
from tutor.content.loader import load_content
from tutor.content.model import DISTRICT_IDS, Citation
from tutor.content.quotes import quote_appears

EVAL_FILE = Path(__file__).with_name("ask_eval.yaml")
# A second set, written in staff's own words after ask_eval.yaml had been tuned on and
# before any further change: `tune2` may guide changes, `heldout2` is only reported.
FRESH_FILE = Path(__file__).with_name("ask_fresh.yaml")
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


def _correct(content, ref: str, expect: list[str]) -> bool:
    """Right when the cited section, or a section it is `equivalent_to`, is expected."""
    section = content.section(Citation.parse(ref))
    same = {ref} | {twin.ref for twin in section.equivalent_to} if section else {ref}
    return bool(same & set(expect))


def _score(content, answerer, entries):
    in_scope = [e for e in entries if e["expect"]]
    out_scope = [e for e in entries if not e["expect"]]
    right, misses = 0, []
    for e in in_scope:
        answer = answerer.answer(e["q"], e.get("district"))
        top = answer.citations[0].ref if answer.citations else None
        if not answer.abstained and _correct(content, top, e["expect"]):
            right += 1
        else:
            misses.append(f"  {e['split']:8} {e.get('district') or '-':9} {e['q']} -> {top or 'abstained'}")
    abstained = 0
    for e in out_scope:
        answer = answerer.answer(e["q"], e.get("district"))
        if answer.abstained:
            abstained += 1
        else:
            misses.append(f"  {e['split']:8} {e.get('district') or '-':9} {e['q']} -> answered {answer.citations[0].ref}")
    return (right, len(in_scope)), (abstained, len(out_scope)), misses


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


def test_evaluation(eval_set, fresh_set, shipped, answerer, capsys):
    """Top-1 accuracy on in-scope questions and abstention on out-of-scope ones, per split.
    Asserted: ask_eval.yaml overall, and a floor on tune2. heldout2 is printed, never asserted."""
    rows = []
    for name, entries in (
        ("tune", [e for e in eval_set if e["split"] == "tune"]),
        ("heldout", [e for e in eval_set if e["split"] == "heldout"]),
        ("overall", eval_set),
        ("fresh", FRESH_HELDOUT),
        ("tune2", [e for e in fresh_set if e["split"] == "tune2"]),
        ("heldout2", [e for e in fresh_set if e["split"] == "heldout2"]),
    ):
        (right, n), (abstained, m), misses = _score(shipped, answerer, entries)
        rows.append((name, right, n, abstained, m, misses))
    scores = {row[0]: row for row in rows}
    with capsys.disabled():
        print("\n\nAsk-the-policy evaluation (tests/ask_eval.yaml, in-file fresh set, tests/ask_fresh.yaml)")
        print(f"  {'split':9} {'top-1':>16} {'abstention':>16}")
        for name, right, n, abstained, m, _ in rows:
            print(f"  {name:9} {right:3}/{n:<3} {right / n:6.1%}  {abstained:3}/{m:<3} {abstained / m:6.1%}")
        # Misses are listed for the splits that may guide changes only.
        misses = [line for name in ("tune", "tune2") for line in scores[name][5]]
        if misses:
            print("  misses (tune, tune2):")
            print("\n".join(misses))
    _, right, n, abstained, m, _ = scores["overall"]
    assert right / n >= MIN_TOP1
    assert abstained / m >= MIN_ABSTAIN
    _, right, n, abstained, m, _ = scores["tune2"]
    assert right / n >= MIN_TUNE2_TOP1
    assert abstained / m >= MIN_TUNE2_ABSTAIN


# -- quotes and citations ----------------------------------------------------------


def test_every_passage_is_a_short_exact_quote(shipped):
    for policy in shipped.policies.values():
        for section in policy.sections:
            passages = split_section(section)
            assert passages, section.id
            for passage in passages:
                assert len(passage.text) <= MAX_QUOTE, (section.id, passage.text)
                assert quote_appears(passage.text, section.text), (section.id, passage.text)


def test_answers_quote_their_cited_section(eval_set, fresh_set, shipped, answerer):
    for e in eval_set + fresh_set:
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
    assert set(data) == {"abstained", "answer", "citations", "contact"}
    assert data["abstained"] is False
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
    assert data["abstained"] is True and data["citations"] == []
    assert data["contact"] == NEUTRAL_CONTACT


def test_cli_text_and_content_option(shipped):
    from tutor.cli.main import cli

    result = CliRunner().invoke(cli, ["ask", "--content", shipped.root, "does", "IT", "see", "what", "I", "browse?"])
    assert result.exit_code == 0, result.output
    # Numbered documents are cited as "policy N"; Stafford's regulation has no number and is cited by its part.
    assert "\u201c" in result.output and ("policy" in result.output or ", regulation" in result.output)
    bad = CliRunner().invoke(cli, ["ask", "--district", "nowhere", "hello?"])
    assert bad.exit_code != 0


def test_ask_path_never_imports_textual():
    code = (
        "import sys, tutor.answer, tutor.answer.source, tutor.cli.ask; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlite3', 'sqlite_utils')]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
