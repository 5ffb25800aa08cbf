"""The adversary's rerun of issue 24's families (and issue 19's bad input) on this release:
each test is a case that was silently accepted, or got a vague answer, before its fix."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import kzcn
from kzcn.cli import main
from userfiles import FIGURE, SOURCE
from userfiles import problems as _problems
from userfiles import user_file as _file

# ---------------------------------------------------------------- drafts' confidences


def test_a_confidence_in_a_field_the_record_has_not_is_refused(tmp_path: Path) -> None:
    text = FIGURE + 'review = "draft"\nconfidence = [{ field = "colour", value = 0.5 }]\n'
    (problem,) = _problems(tmp_path, text)
    assert (problem.record, problem.field) == ("my-trade-2024", "confidence[0].field")
    assert "no field 'colour'" in problem.message


def test_two_confidences_in_one_field_are_refused(tmp_path: Path) -> None:
    text = FIGURE + (
        'review = "draft"\nconfidence = [{ field = "amount", value = 0.5 }, '
        '{ field = "amount", value = 0.6 }]\n'
    )
    (problem,) = _problems(tmp_path, text)
    assert (problem.field, problem.message) == (
        "confidence[1].field",
        "a second confidence in 'amount'",
    )


@pytest.mark.parametrize("review", [None, "reviewed"])
def test_a_confidence_on_a_record_that_is_not_a_draft_is_refused(
    tmp_path: Path, review: str | None
) -> None:
    # kzcn review drops the confidences when it marks a draft reviewed (docs/add-source.md)
    marked = "" if review is None else f'review = "{review}"\n'
    text = FIGURE + marked + 'confidence = [{ field = "amount", value = 0.5 }]\n'
    (problem,) = _problems(tmp_path, text)
    assert (problem.file, problem.record, problem.field) == (
        str(tmp_path / "mine.toml"),
        "my-trade-2024",
        "confidence",
    )
    assert "not a draft" in problem.message and "\n" not in problem.message


def test_a_draft_keeps_its_confidences(tmp_path: Path) -> None:
    text = FIGURE + 'review = "draft"\nconfidence = [{ field = "amount", value = 0.5 }]\n'
    ds = kzcn.load(extra=[_file(tmp_path, text)])
    assert [c.field for c in ds.figures["my-trade-2024"].confidence] == ["amount"]


# ---------------------------------------------------------------- errata


def _erratum(field: str, correct: str) -> str:
    return f"""
[[errata]]
id = "my-err"
kind = "inconsistent"
record = "my-trade-2024"
field = "{field}"
problem = "Wrong."
reading = "Right."
correct = {{ {correct} }}
citations = [{{ source = "my-notes", evidence = "trade was about 44 billion dollars" }}]
"""


def test_a_correction_of_a_field_the_record_has_not_gets_one_precise_line(
    tmp_path: Path,
) -> None:
    """It also said "field 'correct.colour': colour" (a KeyError's text)."""
    problems = _problems(tmp_path, FIGURE + _erratum("amount", 'colour = "red"'))
    assert [(p.field, p.message) for p in problems] == [
        ("correct.colour", "Figure 'my-trade-2024' has no field 'colour' a correction could set")
    ]


def test_an_erratum_corrects_the_field_it_names(tmp_path: Path) -> None:
    """An erratum on the period that corrects only the amount loaded silently."""
    (problem,) = _problems(tmp_path, FIGURE + _erratum("period", 'amount = "5 billion USD"'))
    assert (problem.record, problem.field) == ("my-err", "correct")
    assert problem.message == "corrects amount but not 'period', the field the erratum names"


# ---------------------------------------------------------------- bounds


@pytest.mark.parametrize("given", ["latitude = 45.0", "longitude = 45.0"])
def test_a_place_has_both_coordinates_or_neither(tmp_path: Path, given: str) -> None:
    """Half a point loaded silently (and a map would place it nowhere)."""
    text = f"""
[[places]]
id = "my-place"
name = "My place"
kind = "city"
{given}
citations = [{{ source = "my-notes", evidence = "trade was about 44 billion dollars" }}]
"""
    (problem,) = _problems(tmp_path, text)
    assert (problem.record, problem.field) == ("my-place", "longitude")
    assert problem.message == "a place has both latitude and longitude, or neither"


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"subject": "tradee"}, r"'tradee' is not a valid Subject \(did you mean trade\?\)"),
        ({"direction": "sideways"}, "'sideways' is not a valid Direction; choices: kz_to_cn"),
        ({"period": "garbage"}, "figures.where\\(period=...\\): 'garbage'"),
    ],
)
def test_where_refuses_a_value_its_field_cannot_hold(
    condition: dict[str, str], message: str
) -> None:
    """These returned 0 records without a word, while series('tradee') raised."""
    with pytest.raises(ValueError, match=message):
        kzcn.load().figures.where(**condition)


def test_where_still_takes_text_values_of_enums_and_periods() -> None:
    figures = kzcn.load().figures
    assert "zx19-trade-2018" in figures.where(subject="trade", period="2018").ids


def test_an_id_in_capitals_is_found_like_a_name_in_capitals(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """'CN-NPC-STANDING-COMMITTEE' was refused by --org (names are case-insensitive, ids
    were not; tests/test_cli_equivalence.py draws both)."""
    shown = []
    for text in ("CN-NPC-STANDING-COMMITTEE", "cn-npc-standing-committee"):
        assert main(["timeline", "--json", "--org", text]) == 0
        shown.append(capsys.readouterr().out)
    assert shown[0] == shown[1]


# ---------------------------------------------------------------- draft and review files


def _drafted(folder: Path) -> Path:
    from kzcn.draft.run import draft_file, write

    text = folder / "news.txt"
    text.write_text("2020\n\nIn 2020 trade reached $ 21 billion.", encoding="utf-8")
    out = folder / "draft.toml"
    write(out, draft_file(text, kzcn.load(), out=out)[1])
    return out


def test_a_written_draft_has_the_usual_mode_and_a_replaced_file_keeps_its_own(
    tmp_path: Path,
) -> None:
    """Drafts were written 0600 (mkstemp's mode), and review made any file 0600."""
    from kzcn.draft.review import mark_reviewed

    umask = os.umask(0o022)
    try:
        out = _drafted(tmp_path)
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        mark_reviewed(out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_review_with_nothing_to_mark_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    """It rewrote the whole file (formatting and comments gone) to mark nothing."""
    from kzcn.draft.review import mark_reviewed

    path = _file(tmp_path, "# my own notes\n" + FIGURE)
    before = path.read_bytes()
    assert mark_reviewed(path) == []
    assert path.read_bytes() == before


def test_review_through_a_link_updates_the_file_it_points_to(tmp_path: Path) -> None:
    """It replaced the link by a file and left the linked draft unreviewed."""
    from kzcn.draft.review import drafts_in, mark_reviewed

    out = _drafted(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(out.name)
    assert mark_reviewed(link)
    assert link.is_symlink() and drafts_in(out) == []


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ({"title": ""}, "--title is empty"),
        ({"title": "  "}, "--title is empty"),
        ({"source_id": "kzcn"}, "names the dataset"),
    ],
)
def test_draft_refuses_an_empty_title_and_the_id_kzcn(
    tmp_path: Path, option: dict[str, str], message: str
) -> None:
    """An empty --title was taken as "no title" but rated 0.9 sure; a source 'kzcn'
    made `kzcn cite kzcn` cite it instead of the dataset."""
    from kzcn.draft.run import DraftError, draft_file

    text = tmp_path / "news.txt"
    text.write_text("2020\n\nIn 2020 trade reached $ 21 billion.", encoding="utf-8")
    with pytest.raises(DraftError, match=message):
        draft_file(text, kzcn.load(), **option)  # type: ignore[arg-type]


def test_review_keeps_the_reviewers_comments_and_layout(tmp_path: Path) -> None:
    """Marking a draft rewrote the whole file in the writer's form: a reviewer's
    comments, and the layout of every other record, were lost."""
    from kzcn.draft.review import drafts_in, mark_reviewed

    out = _drafted(tmp_path)
    text = "# checked against the paper edition\n" + out.read_text(encoding="utf-8")
    text = text.replace('kind = "news"', 'kind = "news"  # a wire story')
    out.write_text(text, encoding="utf-8")
    ids = [row["id"] for _, row in drafts_in(out)]
    assert mark_reviewed(out, ids[:1]) == ids[:1]
    after = out.read_text(encoding="utf-8")
    assert after.startswith("# checked against the paper edition\n")
    assert 'kind = "news"  # a wire story' in after
    assert [row["id"] for _, row in drafts_in(out)] == ids[1:]
    assert after.count("confidence = [") == text.count("confidence = [") - 1
    kzcn.load([out])  # still a data file that loads


# ---------------------------------------------------------------- number in evidence


@pytest.mark.parametrize(
    ("evidence", "why"),
    [
        ("44 tonnes", "the evidence writes '44 tonnes': another unit than USD"),
        ("44% growth", "the evidence writes '44%': another unit than USD"),
        ("44 billion rubles", "the evidence writes '44 billion rubles': another unit than USD"),
        ("44 million dollars", "the evidence writes '44 million dollars': another scale than"),
    ],
)
def test_the_mismatch_names_what_differs(evidence: str, why: str) -> None:
    """'44 tonnes' for 44 billion USD was explained as "another scale"."""
    from kzcn.evidence import mismatch
    from kzcn.units import Amount

    assert (mismatch(evidence, Amount.parse("44 billion USD")) or "").startswith(why)


# ---------------------------------------------------------------- huge and odd files


def _sparse(path: Path) -> Path:
    with path.open("wb") as stream:
        stream.truncate(60 * 2**20)  # beyond the 50 MB limit, without using the disk
    return path


def test_diff_refuses_huge_and_odd_files_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 60 MB --ids file was read whole and its one 'id' printed (60 MB of output);
    an 8 GB one, or a pipe, ran out of memory or hung."""
    huge = _sparse(tmp_path / "huge.json")
    os.mkfifo(tmp_path / "pipe")
    cases = [
        ["diff", "installed", "installed", "--ids", str(huge)],
        ["diff", str(huge), "installed"],
        ["diff", "installed", "installed", "--ids", str(tmp_path / "pipe")],
    ]
    for argv in cases:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and ("50 MB" in err or "not a regular file" in err), err


def test_review_refuses_huge_and_odd_files_in_one_line(tmp_path: Path) -> None:
    from kzcn.draft.review import mark_reviewed
    from kzcn.draft.run import DraftError

    os.mkfifo(tmp_path / "pipe.toml")
    for path in (_sparse(tmp_path / "huge.toml"), tmp_path / "pipe.toml"):
        with pytest.raises(DraftError, match=r"50 MB|not a regular file"):
            mark_reviewed(path)


def test_a_data_file_that_is_a_pipe_no_one_writes_to_does_not_hang(tmp_path: Path) -> None:
    """`kzcn --data pipe.toml check` hung in open() until some program wrote to it."""
    os.mkfifo(tmp_path / "pipe.toml")
    assert "zx19-trade-2018" in kzcn.load(extra=[tmp_path / "pipe.toml"]).figures  # empty


def test_diff_of_a_deeply_nested_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "maximum recursion depth exceeded while decoding a JSON array"."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert main(["diff", str(deep), "installed"]) == 2
    assert capsys.readouterr().err.endswith("not a JSON export: nested too deeply\n")


def test_a_finding_of_many_records_names_a_few_in_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """300 figures in conflict printed every id on one line (169 KB for 20,000)."""
    notes = "".join(f"In 2024 trade was {i} billion dollars. " for i in range(1, 301))
    (tmp_path / "notes.txt").write_text(notes, encoding="utf-8")
    figures = "".join(
        FIGURE.replace("my-trade-2024", f"f-{i}")
        .replace("44 billion USD", f"{i} billion USD")
        .replace("about 44 billion", f"{i} billion")
        .replace('qualifier = "about"', 'qualifier = "exact"')
        for i in range(1, 301)
    )
    path = tmp_path / "many.toml"
    path.write_text(SOURCE + figures, encoding="utf-8")
    main(["--data", str(path), "check"])
    line = next(x for x in capsys.readouterr().out.splitlines() if "same-measure" in x)
    assert line.endswith("f-20 and 280 more; --json lists all") and len(line) < 300


def test_two_errata_setting_one_amount_are_shown_with_their_units(tmp_path: Path) -> None:
    """The message said 'corrected to 5 (my-err) and 6 (my-err2)': the bare numbers."""
    derived = 'reading = "Right."\nderived = { amount = "a rule" }'
    second = _erratum("amount", 'amount = "6 billion USD"').replace("my-err", "my-err2")
    first = _erratum("amount", 'amount = "5 billion USD"')
    text = FIGURE + (first + second).replace('reading = "Right."', derived)
    ds = kzcn.load(extra=[_file(tmp_path, text)])
    (found,) = [f for f in ds.check() if f.check == "correction-conflict"]
    assert found.message.endswith("to 5 billion USD (my-err) and 6 billion USD (my-err2)")


def test_ctrl_c_while_python_m_kzcn_starts_ends_in_one_line() -> None:
    """Ctrl-C in the first moments of `python -m kzcn check` printed a traceback."""
    import subprocess
    import sys

    code = (
        "import runpy, sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'kzcn.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "runpy.run_module('kzcn', run_name='__main__')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(kzcn.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert (done.returncode, done.stderr) == (130, "kzcn: interrupted\n")


# ---------------------------------------------------------------- deep TOML


@pytest.mark.parametrize("line", ["[{}]\nx = 1\n", "{} = 1\n"])
def test_a_data_file_nesting_tables_thousands_deep_gets_one_line(tmp_path: Path, line: str) -> None:
    """A 6 KB file with a header [a.a.a...] or a dotted key 3,000 deep ended in a
    RecursionError traceback (the loader's NFC pass recursed into every table); such a
    key is now refused before it is parsed (kzcn.limits.MAX_KEY_PARTS), and a key within
    the limit nests tables as deep as it has parts."""
    path = tmp_path / "deep.toml"
    path.write_text(line.format(".".join(["a"] * 3000)), encoding="utf-8")
    (problem,) = _problems_of(path)
    assert problem.message == "a key or table header of more than 100 dotted parts at line 1"
    path.write_text(line.format(".".join(["a"] * 100)), encoding="utf-8")
    (problem,) = _problems_of(path)
    assert problem.message == "unknown table 'a'"


def _problems_of(path: Path) -> list[kzcn.Problem]:
    with pytest.raises(kzcn.DataError) as info:
        kzcn.load(extra=[path])
    return list(info.value.problems)


# ---------------------------------------------------------------- exports all or nothing


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def test_an_export_onto_a_folder_of_a_files_name_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With a folder 'visits.csv' in --out, the files before it in the list were
    replaced and the rest left old: a folder of two exports mixed, exit status 1."""
    out = tmp_path / "out"
    assert main(["export", "--format", "csv", "--out", str(out)]) == 0
    (out / "visits.csv").unlink()
    (out / "visits.csv" / "mine").mkdir(parents=True)
    for path in out.glob("*.csv"):
        if path.is_file():
            path.write_text("old\n", encoding="utf-8")
    before = _snapshot(out)
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--out", str(out)]) != 0
    assert capsys.readouterr().err.rstrip().endswith("visits.csv is a folder")
    assert _snapshot(out) == before


def test_an_export_whose_move_fails_midway_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move that failed midway (a full quota, a file system gone) left the files
    moved before it in place: some new files, some old."""
    from kzcn import export as ex
    from kzcn.export import ExportError

    ds = kzcn.load()
    out = tmp_path / "out"
    ex.export(ds, "csv", out)
    for path in out.iterdir():
        path.write_text("old\n", encoding="utf-8")
    before = _snapshot(out)
    real = os.replace
    calls: list[object] = []

    def failing(source: object, target: object) -> None:
        calls.append(source)
        if len(calls) == 9:
            raise OSError(28, "No space left on device")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(ExportError, match="No space left"):
        ex.export(ds, "csv", out)
    monkeypatch.undo()
    assert _snapshot(out) == before


# ---------------------------------------------------------------- place codes


@pytest.mark.parametrize(
    ("field", "code"),
    [("iso_alpha2", "kzz"), ("iso_alpha2", "cn"), ("iso_alpha2", "C1"), ("iso_alpha3", "KZ")],
)
def test_a_place_code_is_capital_letters_of_its_length(
    tmp_path: Path, field: str, code: str
) -> None:
    """'kzz' loaded as a two-letter code (and lookups take codes as names)."""
    text = f"""
[[places]]
id = "my-place"
name = "My place"
kind = "city"
{field} = "{code}"
citations = [{{ source = "my-notes", evidence = "trade was about 44 billion dollars" }}]
"""
    (problem,) = _problems(tmp_path, text)
    assert (problem.record, problem.field) == ("my-place", field)
    assert "capital letters A-Z" in problem.message


def test_an_erratum_cannot_set_a_place_code_a_place_could_not_have(tmp_path: Path) -> None:
    text = """
[[places]]
id = "my-place"
name = "My place"
kind = "city"
citations = [{ source = "my-notes", evidence = "trade was about 44 billion dollars" }]
""" + _erratum("iso_alpha2", 'iso_alpha2 = "kzz"').replace("my-trade-2024", "my-place")
    # (every refused correction is reported twice today: a known open case)
    problems = {(p.record, p.field) for p in _problems(tmp_path, text)}
    assert problems == {("my-err", "correct.iso_alpha2")}


def test_an_export_through_a_link_that_leads_nowhere_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "[Errno 17] File exists: 'd'" of a folder that does not exist."""
    (tmp_path / "d").symlink_to(tmp_path / "missing" / "x")
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    for name in ("d", "l1"):
        assert main(["export", "--format", "json", "--out", str(tmp_path / name)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "leads to no folder" in err, err
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("kind", ["pipe", "device", "folder"])
def test_a_source_text_that_is_no_regular_file_is_named_so(tmp_path: Path, kind: str) -> None:
    """A pipe, a link to /dev/zero or a folder in --texts was reported as 'no text file
    ... in', as if it were missing."""
    import shutil

    from kzcn.verify import verify_texts

    sources = Path(__file__).resolve().parents[2] / "shared" / "sources"
    if not sources.is_dir():
        sources = Path("/work/shared/sources")
    for path in sources.glob("*.txt"):
        shutil.copy(path, tmp_path)
    target = tmp_path / "2019-zhang-xiao-bulletin-of-diplomacy.txt"
    target.unlink()
    if kind == "pipe":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to(os.devnull)
    else:
        target.mkdir()
    (problem,) = verify_texts(tmp_path)
    assert "not a regular file" in problem.message, problem.message


@pytest.mark.parametrize("kind", ["pipe", "device", "dangling link"])
def test_a_source_path_that_is_no_regular_file_is_named_so(tmp_path: Path, kind: str) -> None:
    """A source `path` that is a pipe, /dev/zero or a link to one was said not to exist
    (the loader's own is_file() test; kzcn verify said "not a regular file")."""
    target = tmp_path / "notes.txt"
    if kind == "pipe":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to(os.devnull)
    else:
        target.symlink_to(tmp_path / "nowhere")
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[sources]]\nid = "my-notes"\ntitle = "My notes"\nkind = "article"\n'
        'published = "2025"\npath = "notes.txt"\n',
        encoding="utf-8",
    )
    (problem,) = _problems_of(path)
    assert (problem.record, problem.field, problem.message) == (
        "my-notes",
        "path",
        f"'notes.txt' ({target}) is not a regular file",
    )
