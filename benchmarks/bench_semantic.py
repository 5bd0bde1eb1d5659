"""Ask the policy's word-vector second opinion, measured apart from the answerer.

Measures, on every question set in tests/, what the semantic signal (tutor/answer/semantic.py,
the table built by tools/build_word_vectors.py, or another given with --table) changes when
added to the lexical answerer as it answers without it:

- "gate": an answer is turned into "not sure" when the lexical runner-up (another rule, scoring
  at least GATE_RATIO of the first) is semantically closer to the question by more than GATE_DELTA;
- "upgrade": a "not sure" becomes the answer when the semantic ranking puts the lexical first
  section's rule ahead of every other section by more than UPGRADE_LEAD (policy text only);
- both together.

Thresholds were chosen on every set but tests/ask_sealed3.yaml, which is reported separately.
The answerer (answerer.py) uses "gate + upgrade" with these thresholds, and there an answer of the
kind of rule the question asks for (intents.py) is contested only by a rule of that kind, which
this script leaves out (one right answer more on the tuning sets in the answerer).
Also prints the table's load time and memory and the time the signal adds per answer.

    python benchmarks/bench_semantic.py [--table /tmp/word_vectors.bin]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests import test_ask as T  # noqa: E402
from tutor.answer import Answerer  # noqa: E402
from tutor.answer import semantic as word_vectors  # noqa: E402
from tutor.answer.answerer import _asks  # noqa: E402
from tutor.answer.terms import stem  # noqa: E402
from tutor.content.loader import load_content  # noqa: E402

GATE_DELTA = 0.05
GATE_RATIO = 0.7
UPGRADE_LEAD = 0.03
TUNING = ["tune", "heldout", "fresh", "tune2", "heldout2", "staff", "sealed", "sealed2"]


def question_sets() -> dict[str, list[dict]]:
    ev = yaml.safe_load(T.EVAL_FILE.read_text())
    fr = yaml.safe_load(T.FRESH_FILE.read_text())
    st = yaml.safe_load(T.STAFF_FILE.read_text())
    s2 = yaml.safe_load(T.SEALED2_FILE.read_text())
    s3 = yaml.safe_load(T.SEALED3_FILE.read_text())
    return {
        "tune": [e for e in ev if e["split"] == "tune"], "heldout": [e for e in ev if e["split"] == "heldout"],
        "fresh": T.FRESH_HELDOUT,
        "tune2": [e for e in fr if e["split"] == "tune2"], "heldout2": [e for e in fr if e["split"] == "heldout2"],
        "staff": [e for e in st if e["split"] == "tune"], "sealed": [e for e in st if e["split"] == "heldout"],
        "sealed2": s2, "sealed3": T._unseen(s3, ev, fr, st, s2, T.FRESH_HELDOUT),
    }


class Signal:
    """Per section: vectors of its policy text, its sentences, and its written questions."""

    def __init__(self, answerer: Answerer, wv: word_vectors.WordVectors):
        self.a, self.wv, idx = answerer, wv, answerer.index
        self.unknown = 0.5 * idx.unknown_idf
        content = answerer.content
        self.sections = {s.citation.ref: s for d in sorted(content.policies) for s in content.policies[d].sections}
        self.text = {ref: self.embed(f"{s.title} {s.summary} {s.text}") for ref, s in self.sections.items()}
        self.passages: dict[str, list] = {}
        for p in idx.passages:
            self.passages.setdefault(p.ref, []).append(self.embed(p.text))
        self.asks = {ref: [self.embed(q) for q in qs] for ref, qs in _asks(content).items()}

    def embed(self, text: str):
        weights: dict[str, float] = {}
        for w in word_vectors.content_words(text):
            weights[w] = max(weights.get(w, 0.0), self.a.index.idf.get(stem(w), self.unknown))
        return self.wv.embed(weights)

    def rule(self, ref: str) -> set[str]:
        same = {ref} | {t.ref for t in self.sections[ref].equivalent_to}
        return same.union(*(self.a.counterparts.get(r, ()) for r in same))

    def scores(self, question: str, own: set[str] | None) -> dict[str, tuple[float, float]]:
        """Per candidate section: (policy text only, best of text, sentences and written questions)."""
        cos = word_vectors.cosine
        q = self.embed(question)
        out = {}
        for ref, s in self.sections.items():
            if own is not None and s.district not in own:
                continue
            text = cos(q, self.text[ref])
            best = max([text] + [cos(q, v) for v in self.passages.get(ref, ())] + [cos(q, v) for v in self.asks.get(ref, ())])
            out[ref] = (text, best)
        return out


def observe(signal: Signal, sets: dict[str, list[dict]]) -> tuple[list[dict], list[float]]:
    a, rows, extra = signal.a, [], []
    for name, entries in sets.items():
        for e in entries:
            d = e.get("district")
            ans = a.answer(e["q"], d)
            first = ans.citations[0].ref if not ans.abstained else (ans.suggestions[0].ref if ans.suggestions else None)
            status = "answered" if not ans.abstained else ("unsure" if ans.suggestions else "abstained")
            own = a._own(d) if d else None
            started = time.perf_counter()
            sem = signal.scores(e["q"], own)
            lex = [(h.ref, h.score) for h in a.index.search(a.index.analyse(e["q"]))
                   if own is None or signal.sections[h.ref].district in own][:5]
            extra.append(time.perf_counter() - started)
            rows.append(dict(set=name, expect=e["expect"], status=status, first=first, sem=sem, lex=lex,
                             ok=bool(first and e["expect"] and T._correct(a.content, first, e["expect"])),
                             rule=signal.rule(first) if first else set(), rules={r: signal.rule(r) for r, _ in lex}))
    return rows, extra


def _best(row, refs, which):
    return max((row["sem"][r][which] for r in refs if r in row["sem"]), default=0.0)


def gate(row) -> bool:
    """False when the lexical runner-up is close and semantically clearly closer."""
    first_lex = next((s for r, s in row["lex"] if r in row["rule"]), None)
    rival = next(((r, s) for r, s in row["lex"] if r not in row["rule"]), None)
    if rival is None or not first_lex or rival[1] < GATE_RATIO * first_lex:
        return True
    return _best(row, row["rules"][rival[0]], 1) - _best(row, row["rule"], 1) <= GATE_DELTA


def upgrade(row) -> bool:
    """True when the policy text ranks the lexical first rule ahead of every other by UPGRADE_LEAD."""
    mine = _best(row, row["rule"], 0)
    other = max((v[0] for r, v in row["sem"].items() if r not in row["rule"]), default=0.0)
    return mine - other > UPGRADE_LEAD


def figures(rows, up=None, keep=None) -> str:
    top = mis = ins = ref = outs = 0
    for r in rows:
        answered = r["status"] == "answered" and (keep is None or keep(r))
        answered = answered or (r["status"] == "unsure" and up is not None and up(r))
        if r["expect"]:
            ins += 1
            top += answered and r["ok"]
            mis += answered and not r["ok"]
        else:
            outs += 1
            ref += not answered
    return f"{top:3}/{ins} {top / ins:6.1%}  {mis:2}/{ins} {mis / ins:5.1%}  {ref:2}/{outs} {ref / outs:6.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=Path, default=word_vectors.TABLE)
    args = parser.parse_args()
    tracemalloc.start()
    started = time.perf_counter()
    wv = word_vectors.read(args.table)
    load = time.perf_counter() - started
    memory = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    answerer = Answerer(load_content())
    answerer._semantic_rival = lambda *args: False      # the lexical answerer's own replies
    answerer._semantic_leader = lambda *args: None
    started = time.perf_counter()
    signal = Signal(answerer, wv)
    build = time.perf_counter() - started
    rows, extra = observe(signal, question_sets())
    print(f"table: {len(wv)} words x {wv.dims} dims, {args.table.stat().st_size / 1e6:.2f} MB; load {load * 1000:.0f} ms, "
          f"{memory / 1e6:.1f} MB; section vectors {build * 1000:.0f} ms; "
          f"signal per answer median {statistics.median(extra) * 1000:.1f} ms (max {max(extra) * 1000:.1f})")
    variants = {"lexical alone": (None, None), "gate": (None, gate), "upgrade": (upgrade, None),
                "gate + upgrade": (upgrade, gate)}
    print(f"  {'variant':22} {'set':8} {'top-1':>13} {'misleading':>12} {'refused':>11}")
    for name, (up, keep) in variants.items():
        for label, chosen in (("tuning", [r for r in rows if r["set"] in TUNING]),
                              ("sealed3", [r for r in rows if r["set"] == "sealed3"])):
            print(f"  {name:22} {label:8} {figures(chosen, up, keep)}")


if __name__ == "__main__":
    main()
