"""All-or-nothing writing: every export is written into a temporary folder inside its
target folder and moved into place only when every file succeeded.

The temporary folder is inside the target, not beside it, so that the files are moved
within one file system whatever the target is: a mount point (a container's volume), a
symlink to another file system, a folder whose parent is not writable. Its name holds
the id of the process that made it, so that a folder left by a killed run is recognised
and removed by the next export into the same target, and a running export's is not.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

__all__ = ["STAGING_PREFIX", "ExportError", "dump_json", "publish"]

#: Names of the temporary folders exports are staged in (then the process id).
STAGING_PREFIX: Final = ".kzcn-export-"


class ExportError(OSError, ValueError):
    """An export that could not be written; the message is one line, and the files of
    an earlier export in the same folder are left as they were."""


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no right to ask: treat as running
        return True
    return True


def _remove_stale(out: Path) -> None:
    """Remove the staging folders of exports into ``out`` whose process has ended."""
    with contextlib.suppress(OSError):
        for entry in out.iterdir():
            if not entry.name.startswith(STAGING_PREFIX) or not entry.is_dir():
                continue
            pid = entry.name[len(STAGING_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back Ctrl-C while the files are moved into place, and raise it after: an
    interrupted export leaves either the earlier files or the new ones, not a mix."""
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:  # a handler not set from Python: restore Python's own
        previous = signal.default_int_handler
    received: list[int] = []
    try:
        signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    except ValueError:  # not the main thread: signals go to the main thread anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def publish(out_dir: str | Path, what: str, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Run ``write`` on a fresh temporary folder inside ``out_dir`` (made if missing)
    and, if it succeeds, move the files it wrote into ``out_dir``; returns their final
    paths.

    Any failure raises :class:`ExportError` (an ``ImportError`` for a missing optional
    dependency is raised as it is) and leaves ``out_dir`` as it was; so does Ctrl-C
    (raised as ``KeyboardInterrupt`` once the temporary folder is gone). An empty
    ``out_dir`` is refused: it is most likely an unset variable, not the working folder.
    """
    if not str(out_dir).strip():
        raise ExportError(f"cannot write the {what} export: the folder to write to is empty")
    out = Path(out_dir)
    if out.is_symlink() and not out.exists():
        # mkdir would say "File exists" of a folder that does not
        raise ExportError(
            f"cannot write the {what} export to {out}: it is a link to "
            f"{os.readlink(out)!r}, which leads to no folder (missing, or a loop of links)"
        )
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_stale(out)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as exc:
        raise ExportError(f"cannot write the {what} export to {out}: {_one_line(exc)}") from exc
    done = False
    try:
        written = write(staging)
        moves = [(path, out / path.relative_to(staging)) for path in written]
        for _, target in moves:
            if target.is_dir() and not target.is_symlink():
                # A file cannot replace a folder: refused before any file is moved, so
                # that the folder does not end up with some new files and some old.
                raise ExportError(f"cannot write the {what} export to {out}: {target} is a folder")
        with _interrupts_deferred():
            final = _move_all(moves, staging)
        done = True
        return final
    except (ImportError, ExportError):
        raise
    except Exception as exc:  # any failure of any table: nothing is moved into place
        raise ExportError(f"cannot write the {what} export to {out}: {_one_line(exc)}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made and not done:
            with contextlib.suppress(OSError):
                out.rmdir()  # the folder this export made, if nothing else is in it


def _move_all(moves: list[tuple[Path, Path]], staging: Path) -> list[Path]:
    """Move each new file onto its target; if one move fails, put back every file
    moved so far and the earlier files they replaced, then raise: all or nothing."""
    kept = staging / ".replaced"
    done: list[tuple[Path, Path, Path | None]] = []  # (new file, target, earlier file)
    try:
        for index, (path, target) in enumerate(moves):
            target.parent.mkdir(parents=True, exist_ok=True)
            earlier: Path | None = None
            if target.is_symlink() or target.exists():
                kept.mkdir(exist_ok=True)
                earlier = kept / str(index)
                os.replace(target, earlier)
            try:
                os.replace(path, target)
            except OSError:
                if earlier is not None:
                    os.replace(earlier, target)
                raise
            done.append((path, target, earlier))
    except OSError:
        for path, target, earlier in reversed(done):
            with contextlib.suppress(OSError):
                os.replace(target, path)
                if earlier is not None:
                    os.replace(earlier, target)
        raise
    return [target for _, target, _ in done]


def dump_json(data: Any, path: Path) -> Path:
    """Write ``data`` as indented UTF-8 JSON (no NaN or infinity); returns ``path``."""
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
