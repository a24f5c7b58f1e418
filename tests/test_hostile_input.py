"""Input that arrives hostile (issue #13): JSON, findings files, streams, encodings, paths and files.

Each ends in a located problem, a clear one-line message or a bounded result, never in an
internal error; real files, pipes, devices and subprocesses, nothing mocked.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ondermijning import InformationPicture, load_catalog
from ondermijning.cli import main
from ondermijning.planner import FindingsError, Proposal, load_findings
from ondermijning.serialize import JSONFormatError, from_json, to_json

from .test_fuzz import _json_documents

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pipes, devices and descriptors are POSIX")
DOCUMENTS = dict(_json_documents())


# from_json ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("replacement", ["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000, '"\\ud800"',
                                         '"\\udfff x"'])
@pytest.mark.parametrize("cls", [InformationPicture, Proposal])
def test_from_json_refuses_what_json_does_not_allow(cls: type, replacement: str) -> None:
    data = json.loads(DOCUMENTS[cls])
    key = "score" if cls is InformationPicture else "findings"
    text = json.dumps(data).replace(json.dumps({key: data[key]})[1:-1], f'"{key}": {replacement}', 1)
    assert replacement in text
    with pytest.raises(JSONFormatError) as caught:
        from_json(text, cls)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("version", ["2.0", "true", "1.0", "false", '"2"', "null"])
def test_from_json_refuses_a_version_that_is_not_a_whole_number(version: str) -> None:
    data = json.loads(DOCUMENTS[InformationPicture])
    text = re.sub(r'"format_version": \d+', f'"format_version": {version}', json.dumps(data), count=1)
    assert f'"format_version": {version}' in text
    with pytest.raises(JSONFormatError, match="format_version"):
        from_json(text, InformationPicture)


@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "a\\udc80b"])
def test_from_json_refuses_a_lone_surrogate_in_any_text(surrogate: str) -> None:
    raw = DOCUMENTS[InformationPicture].replace('"J-17"', f'"{surrogate}"', 1)
    assert surrogate in raw
    with pytest.raises(JSONFormatError, match="losse surrogaat"):
        from_json(raw, InformationPicture)


@given(st.text())
def test_from_json_gives_a_model_or_one_line_whatever_the_text(text: str) -> None:
    raw = DOCUMENTS[InformationPicture].replace('"J-17"', json.dumps(text), 1)
    try:
        picture = from_json(raw, InformationPicture)
    except JSONFormatError as exc:
        assert "\n" not in str(exc)
        return
    assert picture.subject == text
    json.loads(to_json(picture))


# findings files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "9" * 5000, "true", "12.5", "2026-01-01"])
def test_findings_with_odd_numbers_are_located_problems(tmp_path: Path, value: str) -> None:
    path = tmp_path / "findings.toml"
    path.write_text(f"participants = {value}\nweeks = 12\n", encoding="utf-8")
    with pytest.raises(FindingsError) as caught:
        load_findings(path)
    (problem,) = caught.value.problems
    assert problem.line == 1 and problem.file == str(path), problem.format()


@POSIX
def test_findings_from_an_endless_device_stop_at_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--from", "/dev/zero"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("/dev/zero: L002") and "MAX_INPUT_BYTES" in err and len(err.splitlines()) == 1


@POSIX
def test_findings_from_a_pipe_are_read_and_a_silent_pipe_stops(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ondermijning import fileio
    from ondermijning.commands.plan import FINDINGS_EXAMPLE

    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as stream:
            stream.write(FINDINGS_EXAMPLE)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)  # the writer has the pipe open: process substitution, <(cat findings.toml)
    assert main(["plan", "--from", str(pipe), "--format", "json"]) == 0
    writer.join()
    assert json.loads(capsys.readouterr().out)["kind"] == "proposal"

    monkeypatch.setattr(fileio, "READ_TIMEOUT_SECONDS", 0.5)
    keep_open = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)  # a writer that never writes
    try:
        assert main(["plan", "--from", str(pipe)]) == 1
    finally:
        os.close(keep_open)
    err = capsys.readouterr().err
    assert "L002" in err and "seconden niets" in err


# streams and encodings -------------------------------------------------------------------------------

def _run(args: list[str], *, encoding: str = "utf-8", **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run([sys.executable, "-m", "ondermijning", *args], capture_output=True, encoding=encoding,
                          env=env, timeout=60, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


@POSIX
@pytest.mark.parametrize("args", [["plan"], ["assess", "--list", "deurne/jongeren"], ["dilemma"]])
def test_a_closed_stdin_is_no_terminal(args: list[str]) -> None:
    result = _run(args, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), result.stderr


@POSIX
def test_a_closed_stdout_is_one_clear_line() -> None:
    result = _run(["packs"], preexec_fn=lambda: os.close(1))
    assert result.returncode == 2 and "standaarduitvoer is gesloten" in result.stderr, result.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_without_every_character_prints_what_it_can(encoding: str) -> None:
    text = _run(["packs"], encoding=encoding, env={"PYTHONIOENCODING": encoding})
    shown = "Casu\\u00efstiekbespreking" if encoding == "ascii" else "Casuïstiekbespreking"
    assert text.returncode == 0 and shown in text.stdout, text.stderr
    assert "internal error" not in text.stderr
    machine = _run(["packs", "--format", "json"], encoding=encoding, env={"PYTHONIOENCODING": encoding})
    assert machine.returncode == 0 and "internal error" not in machine.stderr
    names = {p["name"] for p in json.loads(machine.stdout)["packs"]}
    assert any("Casuïstiekbespreking" in name for name in names)  # \u00ef in JSON is the character itself
    if encoding == "ascii":
        assert "PYTHONIOENCODING=utf-8" in machine.stderr


# paths, files and output ----------------------------------------------------------------------------

def test_a_path_too_long_for_the_file_system_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    long = tmp_path / ("a" * 300) / "pack"
    catalog = load_catalog([long, "/" + "b/" * 3000], autoload=False)
    assert [p.code for p in catalog.problems].count("L002") + [p.code for p in catalog.problems].count("L001") >= 2


def test_thousands_of_pack_path_entries_load_each_folder_once(make_pack: object, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ondermijning.assemble import MAX_PACK_PATH

    folder = make_pack("eenmaal", {})  # type: ignore[operator]
    spellings = [str(folder), f"{folder}/", f"{folder}/.", f"{folder}/../eenmaal"]
    monkeypatch.setenv("ONDERMIJNING_PACK_PATH", os.pathsep.join(spellings * 3000))
    start = time.perf_counter()
    catalog = load_catalog(autoload=False)
    assert time.perf_counter() - start < 5  # 12,000 entries, one load (it took 11 s)
    assert "eenmaal" in catalog.packs and not catalog.problems
    many = [tmp_path / f"m{i}" for i in range(MAX_PACK_PATH + 5)]
    monkeypatch.setenv("ONDERMIJNING_PACK_PATH", os.pathsep.join(map(str, many)))
    (problem,) = [p for p in load_catalog(autoload=False).problems if p.code == "C006"]
    assert str(MAX_PACK_PATH + 5) in problem.message


def test_writing_never_replaces_a_file_that_appeared_while_writing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from ondermijning.fileio import WriteError, write_atomic

    target = tmp_path / "agenda.ics"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:  # between the check and the write: the race itself
        real_fsync(fd)
        if not target.exists():
            target.write_text("van iemand anders", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(WriteError, match="verscheen tijdens het schrijven"):
        write_atomic(target, "onze agenda")
    assert target.read_text(encoding="utf-8") == "van iemand anders"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]  # no temporary file left


def test_output_amplification_is_bounded_and_says_which_limit(make_pack: object, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from ondermijning import fileio

    monkeypatch.setattr(fileio, "MAX_OUTPUT_BYTES", 50_000)  # the same check, a limit a test can reach
    long = "x" * 20_000
    card = ('[[dilemma_cards]]\nid = "k{i}"\ntitle = "K"\nsituation = "' + long + '"\nvalues = ["a"]\n'
            'questions = ["b"]\nsource = {{ publication = "T" }}\n')
    folder = make_pack("groot", {"cards.toml": "".join(card.format(i=i) for i in range(5))})  # type: ignore[operator]
    monkeypatch.setenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert main(["--pack", str(folder), "dilemma", "--all", "--print", "--format", "markdown"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "50.000 bytes" in err and "MAX_OUTPUT_BYTES" in err and len(err.splitlines()) == 1
    monkeypatch.delenv("ONDERMIJNING_DISABLE_PLUGIN_AUTOLOAD")
    assert main(["plan", "--show", "nsob/voorbeeldgemeente", "--start", "2026-09-07", "--ics",
                 str(tmp_path / "a.ics")]) == 0
    capsys.readouterr()
    monkeypatch.setattr(fileio, "MAX_OUTPUT_BYTES", 2_000)
    assert main(["plan", "--show", "nsob/voorbeeldgemeente", "--start", "2026-09-07", "--ics",
                 str(tmp_path / "b.ics")]) == 1
    assert "de agenda" in capsys.readouterr().err and not (tmp_path / "b.ics").exists()


# requires: a semantic version that PEP 440 cannot compare ----------------------------------------

CORPUS = Path(__file__).resolve().parent / "corpus"


def test_a_semver_only_version_is_a_located_problem_in_the_library() -> None:
    case = CORPUS / "requires-semver-not-pep440"
    catalog = load_catalog([case / "a", case / "b"], autoload=False)
    (problem,) = [p for p in catalog.problems if p.code == "L104"]
    assert problem.file == str(case / "b" / "pack.toml") and problem.line == 4


def test_a_semver_only_version_is_a_located_problem_in_the_pytest_plugin(tmp_path: Path) -> None:
    case = CORPUS / "requires-semver-not-pep440"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ondermijning-pack",
                             str(case / "a"), "--ondermijning-pack", str(case / "b")], cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=120)
    assert "InvalidVersion" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert f"{case / 'b' / 'pack.toml'}:4: L104" in result.stdout, result.stdout
