"""One default view policy (issue 20), written once (kzcn.views) and said in each
command's --help: analysis outputs, export included, show the resolved view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzcn.cli import VIEWS, main
from kzcn.views import AS_WRITTEN, POLICY, default_view


def test_export_defaults_to_the_resolved_view(tmp_path: Path) -> None:
    assert main(["export", "--format", "json", "--out", str(tmp_path / "r")]) == 0
    document = json.loads((tmp_path / "r" / "kzcn.json").read_text(encoding="utf-8"))
    assert document["view"] == "resolved" and "corrections" in document
    assert main(["export", "--format", "json", "--out", str(tmp_path / "s"), "--as-stated"]) == 0
    document = json.loads((tmp_path / "s" / "kzcn.json").read_text(encoding="utf-8"))
    assert document["view"] == "claims" and "corrections" not in document


def test_the_policy_is_one_rule() -> None:
    for command in ("list", "timeline", "series", "plot", "export"):
        assert default_view(command) == "resolved"
    assert {c for c in VIEWS if default_view(c) == "stated"} == set(AS_WRITTEN)


@pytest.mark.parametrize("command", sorted(VIEWS))
def test_every_help_says_the_policy(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert " ".join(POLICY.split()) in text
    default = "--resolved" if default_view(command) == "resolved" else "--as-stated"
    options = text.split("options:", 1)[1]
    option_help = options.split(f"{default} ", 1)[1]
    assert "(the default)" in option_help.split("--", 1)[0]
    assert options.count("(the default)") == 1
