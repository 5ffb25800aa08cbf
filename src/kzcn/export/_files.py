"""All-or-nothing writing: every export is written into a temporary folder beside its
target and moved into place only when every file succeeded."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["ExportError", "dump_json", "publish"]


class ExportError(OSError, ValueError):
    """An export that could not be written; the message is one line, and the files of
    an earlier export in the same folder are left as they were."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def publish(out_dir: str | Path, what: str, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Run ``write`` on a fresh temporary folder beside ``out_dir`` and, if it succeeds,
    move the files it wrote into ``out_dir``; returns their final paths.

    Any failure raises :class:`ExportError` (an ``ImportError`` for a missing optional
    dependency is raised as it is) and leaves ``out_dir`` untouched.
    """
    out = Path(out_dir)
    try:
        out.absolute().parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.absolute().parent))
    except OSError as exc:
        raise ExportError(f"cannot write the {what} export to {out}: {_one_line(exc)}") from exc
    try:
        written = write(staging)
        out.mkdir(parents=True, exist_ok=True)
        final = []
        for path in written:
            target = out / path.relative_to(staging)
            os.replace(path, target)
            final.append(target)
        return final
    except (ImportError, ExportError):
        raise
    except Exception as exc:  # any failure of any table: nothing is moved into place
        raise ExportError(f"cannot write the {what} export to {out}: {_one_line(exc)}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def dump_json(data: Any, path: Path) -> Path:
    """Write ``data`` as indented UTF-8 JSON (no NaN or infinity); returns ``path``."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
