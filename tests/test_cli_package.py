"""The command line's package: every subcommand the parser offers has its function in
the module :data:`kzcn.cli.COMMANDS` names, and ``import kzcn.cli`` loads no command's
module (a run imports only the one its command needs: startup stays light)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kzcn.cli import COMMANDS, build_parser, command


def test_the_parser_and_the_registry_name_the_same_commands() -> None:
    listed = re.findall(r"^    (\w+)  ", build_parser().format_help(), re.M)
    assert listed and set(listed) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_runs_from_its_module(name: str) -> None:
    run = command(name)
    assert callable(run)
    assert run.__module__ == f"kzcn.cli.{COMMANDS[name]}"
    assert run.__name__ == f"{name}_command"


def test_import_loads_no_command_module() -> None:
    code = "import sys, kzcn.cli; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    loaded = set(out.split())
    assert "kzcn.cli.parser" in loaded
    assert not {f"kzcn.cli.{module}" for module in COMMANDS.values()} & loaded
