"""Build the answer index into the wheel, so the first `tutor ask` after an install reads it
instead of building it (tutor/answer/prebuild.py; tutor/cache_files.py reads it back).

An editable install ships nothing: its first `tutor ask` builds the index into the user's
cache folder. If the index cannot be built here the wheel is still made, without it, and
`tutor ask` builds it on first use.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED = "tutor/_prebuilt"


class PrebuiltIndexHook(BuildHookInterface):
    PLUGIN_NAME = "prebuilt-index"

    def initialize(self, version: str, build_data: dict) -> None:
        self._folder = ""
        if self.target_name != "wheel" or version == "editable":
            return
        self._folder = tempfile.mkdtemp(prefix="tutor-prebuilt-")
        path = os.pathsep.join(filter(None, [self.root, os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
        result = subprocess.run([sys.executable, "-m", "tutor.answer.prebuild", self._folder],
                                cwd=self.root, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            self.app.display_warning("the answer index was not built into the wheel; `tutor ask` will "
                                     f"build it on first use:\n{result.stderr.strip()}")
            return
        for path in sorted(Path(self._folder).glob("answer-*.pickle")):
            build_data["force_include"][str(path)] = f"{SHIPPED}/{path.name}"

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
