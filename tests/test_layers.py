"""The import layers of ARCHITECTURE.md, held by import-linter's contract in
pyproject.toml (CI runs ``lint-imports``): every module of the package is in a layer,
the contract is kept, and each import it ignores is a call from inside a function,
never a module-level import."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import kzcn

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(kzcn.__file__).parent


def _contract(container: str = "kzcn") -> dict[str, Any]:
    """The layers contract of ``container`` (the package, or the command line's)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["containers"] == [container]]
    assert contract["type"] == "layers"
    return dict(contract)


def _layered(container: str = "kzcn") -> set[str]:
    names: set[str] = set()
    for layer in _contract(container)["layers"]:
        for part in layer.replace("|", ":").split(":"):
            names.add(part.strip())
    return names


def _modules(package: Path = PACKAGE) -> set[str]:
    """The package's top-level modules and subpackages (what a layer names)."""
    found = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    found |= {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    return found


@pytest.mark.parametrize("container", ["kzcn", "kzcn.cli"])
def test_the_contract_names_every_module(container: str) -> None:
    # A new module outside every layer would escape the contract unseen.
    modules = _modules(PACKAGE.joinpath(*container.split(".")[1:]))
    assert modules - _layered(container) == set()
    assert _layered(container) - modules == set(), "the contract names modules that do not exist"


def _source(module: str) -> Path:
    path = PACKAGE.joinpath(*module.split(".")[1:])
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _module_level_imports(module: str) -> set[str]:
    """The kzcn modules ``module`` imports outside any function (``TYPE_CHECKING``
    blocks left out: they are not run)."""
    tree = ast.parse(_source(module).read_text("utf-8"))
    package = module.split(".") if _source(module).name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                base = package[: len(package) - child.level + 1] if child.level else []
                name = ".".join([*base, *([child.module] if child.module else [])])
                found.update(name + "." + a.name for a in child.names)
                found.add(name)
            elif isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            visit(child)

    visit(tree)
    return found


@pytest.mark.parametrize("ignored", _contract()["ignore_imports"])
def test_an_ignored_import_is_a_local_one(ignored: str) -> None:
    importer, imported = (part.strip() for part in ignored.split("->"))
    source = _source(importer).read_text("utf-8")
    assert imported.rpartition(".")[2] in source, f"{ignored}: no such import left"
    upward = {m for m in _module_level_imports(importer) if m.startswith(imported)}
    assert not upward, f"{importer} imports {imported} at module level: {upward}"


def test_the_checker_tells_module_level_from_local_imports() -> None:
    # checks.evidence imports quotes at module level; Dataset imports the checks only
    # inside Dataset.check.
    assert "kzcn.quotes.evidence" in _module_level_imports("kzcn.checks.evidence")
    assert not {m for m in _module_level_imports("kzcn.dataset") if m.startswith("kzcn.checks")}


def test_the_contract_is_kept() -> None:
    pytest.importorskip("importlinter")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(config_filename='pyproject.toml'))",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
