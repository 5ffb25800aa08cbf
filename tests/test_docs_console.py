"""The shell commands of the docs run: each ```console block's ``$ kzcn ...`` lines go
through :func:`kzcn.cli.main` in one fresh folder per page, in order.

A line may redirect the output (``> FILE``, ``>> FILE``) and end with ``# exit N`` (the
exit code it must give; 0 otherwise). A block with a title (```` ```text title="news.txt" ````)
is written to that file in the folder first, so a page can give the file its commands
read. ``$ pip install "kzcn==X"`` checks that X is the
version installed (no network in the tests)."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

import kzcn
from kzcn.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").glob("*.md"))


def _commands(path: Path) -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def _run(command: str) -> None:
    expected = 0
    if "# exit " in command:
        command, _, written = command.partition("# exit ")
        expected = int(written)
    words = shlex.split(command)
    target, mode = None, "w"
    for redirect, how in ((">>", "a"), (">", "w")):
        if redirect in words:
            at = words.index(redirect)
            words, target, mode = words[:at], words[at + 1], how
            break
    if words[:2] == ["pip", "install"]:
        assert words[2] == f"kzcn=={kzcn.__version__}", command
        return
    assert words[0] == "kzcn", f"only kzcn commands run here: {command}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            status = main(words[1:])
        except SystemExit as exc:  # --version, --help
            status = int(exc.code or 0)
    assert status == expected, f"{command}: exit {status}\n{out.getvalue()}"
    if target is not None:
        with Path(target).open(mode, encoding="utf-8") as stream:
            stream.write(out.getvalue())


def _files(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r'```\w+ title="([^"/]+)"\n(.*?)```', text, re.DOTALL))


@pytest.mark.parametrize("path", [p for p in PAGES if _commands(p)], ids=lambda p: p.name)
def test_console_commands_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, content in _files(path).items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    for command in _commands(path):
        _run(command)


def test_the_pinning_page_is_in_the_nav_and_runs_every_step() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pinning.md" in nav
    commands = " ".join(_commands(ROOT / "docs" / "pinning.md"))
    for step in ("--version", "export", "cite kzcn", "diff", "--ids"):
        assert step in commands
