"""Benchmark `tutor ask`: time per answer once loaded, the whole command as a process,
and accuracy on every evaluation split.

    python benchmarks/bench_ask.py [--runs 10] [--repeat 5]
    python benchmarks/bench_ask.py --curve     # the abstention trade-off, tuning splits only

Targets: under 20 ms per answer once loaded; under 0.5 s for the whole process.
The process figure includes interpreter start-up, so `tutor --help` (start-up
and the CLI group with no answering) is timed alongside it for comparison.
Processes keep their bytecode, as an install does. The first question after an
install is run from a wheel built from this checkout and unpacked, with an empty
cache folder: it reads the index the wheel ships (hatch_build.py). The same with
no index shipped (an editable install, or a changed content folder) builds it.
Accuracy is top-1 on in-scope questions, misleading answers (given, not abstained,
with a wrong first citation) and abstention on out-of-scope ones for
tests/ask_eval.yaml (tune, heldout), the fresh set in tests/test_ask.py,
tests/ask_fresh.yaml (tune2, heldout2) and tests/ask_staff.yaml (staff = its tune
half, sealed = its held-out half) and tests/ask_sealed2.yaml (sealed2), the sealed
ones only ever reported in aggregate. Timing runs
over all of their questions. Memory is what building the answerer allocates
(tracemalloc), with the share taken by the questions written for each section.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL_FILE = ROOT / "tests" / "ask_eval.yaml"
FRESH_FILE = ROOT / "tests" / "ask_fresh.yaml"
STAFF_FILE = ROOT / "tests" / "ask_staff.yaml"
SEALED2_FILE = ROOT / "tests" / "ask_sealed2.yaml"
PER_ANSWER_TARGET_MS = 20.0
PROCESS_TARGET_S = 0.5


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below it."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def splits() -> dict[str, list[dict]]:
    """Every evaluation split by name."""
    sys.path.insert(0, str(ROOT))
    from tests.test_ask import FRESH_HELDOUT

    first = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    second = yaml.safe_load(FRESH_FILE.read_text(encoding="utf-8"))
    third = yaml.safe_load(STAFF_FILE.read_text(encoding="utf-8"))
    return {
        "tune": [e for e in first if e["split"] == "tune"],
        "heldout": [e for e in first if e["split"] == "heldout"],
        "fresh": FRESH_HELDOUT,
        "tune2": [e for e in second if e["split"] == "tune2"],
        "heldout2": [e for e in second if e["split"] == "heldout2"],
        "staff": [e for e in third if e["split"] == "tune"],
        "sealed": [e for e in third if e["split"] == "heldout"],
        "sealed2": yaml.safe_load(SEALED2_FILE.read_text(encoding="utf-8")),
        **_later_sealed_sets(),
    }


def _later_sealed_sets() -> dict[str, list[dict]]:
    """tests/ask_sealed3.yaml to ask_sealed9.yaml, each without the questions that repeat an
    earlier set word for word (as tests/test_ask.py counts them)."""
    from tests.test_ask import FRESH_HELDOUT

    seen = {e["q"].lower() for e in FRESH_HELDOUT}
    for path in (EVAL_FILE, FRESH_FILE, STAFF_FILE, SEALED2_FILE):
        seen |= {e["q"].lower() for e in yaml.safe_load(path.read_text(encoding="utf-8"))}
    out: dict[str, list[dict]] = {}
    for number in range(3, 10):
        entries = yaml.safe_load((ROOT / "tests" / f"ask_sealed{number}.yaml").read_text(encoding="utf-8"))
        out[f"sealed{number}"] = [e for e in entries if e["q"].lower() not in seen]
        seen |= {e["q"].lower() for e in entries}
    return out


def accuracy(answerer, content, entries: list[dict]) -> tuple[int, int, int, int, int]:
    """(right, misleading, in scope, abstained, out of scope): right when the first citation,
    or a section `equivalent_to` it, is expected; misleading when answered otherwise."""
    from tutor.content.model import Citation

    right = wrong = n = abstained = m = 0
    for e in entries:
        answer = answerer.answer(e["q"], e.get("district"))
        if not e["expect"]:
            m += 1
            abstained += answer.abstained
            continue
        n += 1
        if answer.abstained or not answer.citations:
            continue
        ref = answer.citations[0].ref
        section = content.section(Citation.parse(ref))
        same = {ref} | ({t.ref for t in section.equivalent_to} if section else set())
        hit = bool(same & set(e["expect"]))
        right += hit
        wrong += not hit
    return right, wrong, n, abstained, m


def memory(content) -> dict[str, float]:
    """MB allocated by building the answerer, and by the written questions' part of the index."""
    import tracemalloc

    from tutor.answer import Answerer
    from tutor.answer.index import _Field
    from tutor.answer.section_asks import section_asks

    tracemalloc.start()
    answerer = Answerer(content)
    built, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    asks = [text for texts in section_asks().values() for text in texts]
    from tutor.answer.index import _with_pairs
    from tutor.answer.terms import terms
    field = _Field([_with_pairs(terms(text)) for text in asks])
    asks_bytes, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del answerer, field
    return {"answerer_mb": built / 1e6, "asks_mb": asks_bytes / 1e6, "asks": len(asks)}


def long_question(answerer) -> float:
    """Milliseconds to refuse a 1 MB question."""
    huge = "Can I install Dropbox on my laptop? " * 30_000
    t0 = time.perf_counter()
    answerer.answer(huge, "crec")
    return (time.perf_counter() - t0) * 1000


def per_answer(repeat: int, by_split: dict[str, list[dict]]) -> dict[str, float]:
    from tutor.answer import Answerer
    from tutor.answer.source import load_for_answers

    start = time.perf_counter()
    content = load_for_answers()
    loaded = time.perf_counter()
    answerer = Answerer(content)
    built = time.perf_counter()
    entries = [e for split in by_split.values() for e in split]
    timings: list[float] = []
    for _ in range(repeat):
        for entry in entries:
            t0 = time.perf_counter()
            answerer.answer(entry["q"], entry.get("district"))
            timings.append((time.perf_counter() - t0) * 1000)
    return {
        "questions": len(entries) * repeat,
        "load_ms": (loaded - start) * 1000,
        "build_ms": (built - loaded) * 1000,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
        "accuracy": {name: accuracy(answerer, content, split) for name, split in by_split.items()},
        "memory": memory(content),
        "long_ms": long_question(answerer),
    }


def _command() -> list[str]:
    # The console script next to this interpreter, not a version-manager shim on PATH,
    # whose own start-up would be charged to `tutor`.
    script = Path(sys.executable).with_name("tutor")
    if script.exists():
        return [str(script)]
    found = shutil.which("tutor")
    return [found] if found else [sys.executable, "-m", "tutor"]


def _bytecode_kept() -> dict[str, str]:
    """The environment for measured processes: bytecode written and reused (in a private folder
    under the system's temporary directory, so the checkout stays clean) even where the shell
    sets PYTHONDONTWRITEBYTECODE, which would make every run recompile tutor's modules; an
    install compiles them once."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tutor-bench-pycache")
    return env


def installed_wheel(folder: Path) -> Path | None:
    """A wheel of this checkout built and unpacked under `folder`, as `pip install .` would put it
    in site-packages (the answer index built with it, hatch_build.py); None when it cannot be built."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)],
                           capture_output=True, text=True)
    wheels = list(folder.glob("tutor-*.whl"))
    if built.returncode != 0 or not wheels:
        print(f"could not build a wheel; the first run after an install is not measured:\n{built.stderr}",
              file=sys.stderr)
        return None
    site = folder / "site"
    zipfile.ZipFile(wheels[0]).extractall(site)
    return site


def process(runs: int, args: list[str], env: dict[str, str] | None = None, fresh: bool = False,
            site: Path | None = None) -> dict[str, float]:
    """The whole command as a process, `runs` times after a first run that fills the caches; or,
    `fresh`, each run with an empty cache folder of its own (TUTOR_CACHE_DIR): the first question
    after an install. With `site` (an unpacked wheel, `installed_wheel`) the package is run from
    there, so it finds the index the wheel ships; without, the content is read and the index
    built and kept, as after an upgrade or a change to the content."""
    if site is not None:
        # -P: not the checkout in the current folder, only the unpacked wheel (PYTHONPATH).
        command = [sys.executable, "-P", "-c", "from tutor.cli.main import main; main()", *args]
        env = {**(env or {}), "PYTHONPATH": str(site)}
    else:
        command = _command() + args
    env = {**_bytecode_kept(), **(env or {})}
    times: list[float] = []
    if fresh:  # the bytecode and the files read, as pip leaves them compiled and the disk has them
        with tempfile.TemporaryDirectory() as empty:
            subprocess.run(command, capture_output=True, check=True, env={**env, "TUTOR_CACHE_DIR": empty})
    else:
        subprocess.run(command, capture_output=True, check=True, env=env)  # warm the file and index caches once
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as empty:
            run_env = {**env, "TUTOR_CACHE_DIR": empty} if fresh else env
            t0 = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, env=run_env)
            times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "p95_s": percentile(times, 0.95), "min_s": min(times)}


# The tuning splits: the only ones the trade-off curve is drawn on.
TUNING = ("tune", "tune2", "staff")
# Each row sets the answerer's "sure" checks (tutor/answer/answerer.py); None switches one off.
# The first row (both off, coverage 0.4) is the first round's answerer.
CURVE = [{"PLAIN_RATIO": plain, "CONTESTED_RATIO": contested, "SURE_COVERAGE": coverage}
         for coverage in (0.4, 0.5)
         for plain in (None, 0.6, 0.7, 0.8, 0.9, 1.0)
         for contested in (None, 0.8, 0.85, 0.9, 0.95)]


def curve(by_split: dict[str, list[dict]]) -> None:
    """Top-1 against misleading answers on the tuning splits together, for each setting of the
    answerer's "sure" checks; out-of-scope refusals alongside. The held-out splits are not used."""
    from tutor.answer import Answerer
    from tutor.answer import answerer as module
    from tutor.answer.source import load_for_answers

    content = load_for_answers()
    answerer = Answerer(content)
    entries = [e for name in TUNING for e in by_split[name]]
    saved = {name: getattr(module, name) for name in CURVE[0]}
    print(f"trade-off on the tuning splits ({', '.join(TUNING)}): "
          f"{sum(bool(e['expect']) for e in entries)} in scope, {sum(not e['expect'] for e in entries)} out")
    print(f"{'plain ratio':>11} {'contested':>9} {'coverage':>8} {'top-1':>14} {'misleading':>14} {'refused':>14}")
    try:
        for row in CURVE:
            for name, value in row.items():
                # Off: a ratio no score can fail (plain) or exceed (contested).
                setattr(module, name, value if value is not None else (0.0 if name == "PLAIN_RATIO" else float("inf")))
            right, wrong, n, refused, m = accuracy(answerer, content, entries)
            shown = ["off" if row[k] is None else f"{row[k]:g}" for k in ("PLAIN_RATIO", "CONTESTED_RATIO", "SURE_COVERAGE")]
            print(f"{shown[0]:>11} {shown[1]:>9} {shown[2]:>8} {right:4}/{n:<3} {right / n:5.1%} "
                  f"{wrong:4}/{n:<3} {wrong / n:5.1%} {refused:4}/{m:<3} {refused / m:5.1%}")
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="process runs (default 10)")
    parser.add_argument("--repeat", type=int, default=5, help="passes over the eval questions (default 5)")
    parser.add_argument("--curve", action="store_true",
                        help="print the top-1 / misleading trade-off on the tuning splits and stop")
    options = parser.parse_args()
    if options.curve:
        curve(splits())
        return

    inproc = per_answer(options.repeat, splits())
    ask = process(options.runs, ["ask", "--district", "crec", "is it OK to put Dropbox on my work computer?"])
    ask_json = process(options.runs, ["ask", "--json", "when is the staff holiday party?"])
    # Without the index cache (tutor/answer/index_cache.py): the first `tutor ask` after an upgrade
    # or a content change, which builds the index and caches it.
    uncached = process(options.runs, ["ask", "--district", "crec", "is it OK to put Dropbox on my work computer?"],
                       {"TUTOR_NO_INDEX_CACHE": "1"})
    rebuilt = process(options.runs, ["ask", "--district", "crec", "is it OK to put Dropbox on my work computer?"],
                      fresh=True)
    with tempfile.TemporaryDirectory() as folder:
        site = installed_wheel(Path(folder))
        first = process(options.runs, ["ask", "--district", "crec", "is it OK to put Dropbox on my work computer?"],
                        fresh=True, site=site) if site is not None else None
    baseline = process(options.runs, ["--help"])

    print(f"tutor ask benchmark ({inproc['questions']} answers; {options.runs} process runs; "
          f"Python {sys.version.split()[0]})")
    print()
    print(f"{'measure':44} {'median':>10} {'p95':>10} {'target':>10}")
    print(f"{'-' * 44} {'-' * 10} {'-' * 10} {'-' * 10}")
    print(f"{'per answer, once loaded':44} {inproc['median_ms']:8.2f}ms {inproc['p95_ms']:8.2f}ms "
          f"{PER_ANSWER_TARGET_MS:8.0f}ms")
    print(f"{'load content (once)':44} {inproc['load_ms']:8.1f}ms {'':>10} {'':>10}")
    print(f"{'build index (once)':44} {inproc['build_ms']:8.1f}ms {'':>10} {'':>10}")
    print(f"{'process: tutor ask --district crec ...':44} {ask['median_s']:9.3f}s {ask['p95_s']:9.3f}s "
          f"{PROCESS_TARGET_S:9.1f}s")
    print(f"{'process: tutor ask --json (abstains)':44} {ask_json['median_s']:9.3f}s {ask_json['p95_s']:9.3f}s "
          f"{PROCESS_TARGET_S:9.1f}s")
    print(f"{'process: the same, index cache off':44} {uncached['median_s']:9.3f}s {uncached['p95_s']:9.3f}s "
          f"{'':>10}")
    print(f"{'process: the same, empty cache folder':44} {rebuilt['median_s']:9.3f}s {rebuilt['p95_s']:9.3f}s "
          f"{'':>10}")
    if first is not None:
        print(f"{'process: the same, first after an install':44} {first['median_s']:9.3f}s {first['p95_s']:9.3f}s "
              f"{PROCESS_TARGET_S:9.1f}s")
    print(f"{'process: tutor --help (start-up baseline)':44} {baseline['median_s']:9.3f}s {baseline['p95_s']:9.3f}s "
          f"{'':>10}")
    print()
    print(f"slowest single answer: {inproc['max_ms']:.2f} ms; fastest process run: {ask['min_s']:.3f} s; "
          f"a 1 MB question refused in {inproc['long_ms']:.2f} ms")
    mem = inproc["memory"]
    print(f"memory allocated building the answerer: {mem['answerer_mb']:.1f} MB "
          f"(of which the {mem['asks']} written questions' index: {mem['asks_mb']:.2f} MB)")
    print()
    print(f"{'split':10} {'top-1':>16} {'misleading':>16} {'abstention':>16}")
    for name, (right, wrong, n, abstained, m) in inproc["accuracy"].items():
        print(f"{name:10} {right:4}/{n:<4} {right / n:6.1%} {wrong:4}/{n:<4} {wrong / n:6.1%} "
              f"{abstained:4}/{m:<4} {abstained / m:6.1%}")


if __name__ == "__main__":
    main()
