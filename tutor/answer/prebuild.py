"""Build what the first `tutor ask` after an install would otherwise build, into a folder.

    python -m tutor.answer.prebuild FOLDER

Run by hatch_build.py when the wheel is built: it writes what `tutor ask` reads of the shipped
content, the answer index and the sections' text vectors (answer-content-, answer-index- and
answer-meaning-….pickle) into FOLDER, and the wheel ships them as tutor/_prebuilt. Each file is
named by a hash of exactly what it was made from, as in the user's cache folder, so the
installed package reads them only for the very content and code it ships with; anything else
is built and cached as before.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tutor.answer.answerer import Answerer
from tutor.answer.source import load_for_answers
from tutor.cache_files import FOLDER_SWITCH

OFF_SWITCHES = ("TUTOR_NO_CONTENT_CACHE", "TUTOR_NO_INDEX_CACHE")


def prebuild(folder: Path) -> list[Path]:
    """Write the three files into `folder` (made if need be); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = {name: os.environ.get(name) for name in (FOLDER_SWITCH, *OFF_SWITCHES)}
    os.environ[FOLDER_SWITCH] = str(folder)
    for switch in OFF_SWITCHES:
        os.environ.pop(switch, None)
    try:
        content = load_for_answers()
        Answerer(content)  # builds the index and keeps it
        Answerer(content).semantic  # reads it back, then works out and keeps the text vectors
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return sorted(folder.glob("answer-*.pickle"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    written = prebuild(Path(argv[0]))
    for path in written:
        print(path.name)
    return 0 if len(written) == 3 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
