"""Wheel build hook: validate the package data and compile it into the wheel.

The hook loads the TOML data with the full loader, runs every consistency check
(an unacknowledged error stops the build), and writes ``kzcn/data/compiled.json``
into the wheel only (the source tree never holds it, so a checkout always reads the
TOML). See ``kzcn.compiled``.

An editable install (``pip install -e .``; hatchling builds it with the wheel builder
and ``version == "editable"``) is left alone: it reads the TOML of the checkout, so
there is nothing to compile, and a checkout whose data does not load yet must still
install (``kzcn check`` then says what is wrong).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileData(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "kzcn-compile-data"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from kzcn import compiled, loader, package
            from kzcn.dataset import Dataset

            tables = loader.load_records(loader.read_files(loader.data_files()))
            # An unreviewed draft (kzcn draft) never ships: it is refused like an error.
            errors = [
                f
                for f in Dataset.from_records(tables).check()
                if (f.severity.value == "error" or f.check == "unreviewed-draft")
                and not f.acknowledged
            ]
            if errors:
                raise RuntimeError(f"the package data has open errors: {errors}")
            out = Path(tempfile.mkdtemp(prefix="kzcn-build-")) / compiled.NAME
            text = compiled.dumps(tables, package.data_dir(), package.data_names())
            out.write_text(text, encoding="utf-8")
        finally:
            sys.path.pop(0)
            for name in [m for m in sys.modules if m == "kzcn" or m.startswith("kzcn.")]:
                del sys.modules[name]
        build_data["force_include"][str(out)] = f"kzcn/data/{compiled.NAME}"
