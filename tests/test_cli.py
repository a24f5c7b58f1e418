"""The command line as a person uses it: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ondermijning import __version__
from ondermijning.cli import main

from .conftest import MakePack
from .helpers import route_toml


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ondermijning {__version__}"
    with pytest.raises(SystemExit) as info:  # also among other options, through argparse
        main(["--disable-plugin", "x", "--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"ondermijning {__version__}"


def test_version_imports_nothing_heavy() -> None:
    code = ("import sys, runpy; sys.argv = ['ondermijning', '--version']\n"
            "from ondermijning.cli import main; main()\n"
            "heavy = [m for m in ('cattrs', 'pluggy', 'attrs', 'argparse') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_python_dash_m_and_console_script() -> None:
    out = subprocess.run([sys.executable, "-m", "ondermijning", "--version"], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == f"ondermijning {__version__}"


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "validate" in out


def test_packs_lists_the_bundled_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "packs")
    assert code == 0
    for pack in ("core", "deurne", "nieuwegein", "nsob"):
        assert f"\n{pack} 0.1.0" in "\n" + out
    assert "ondermijning-deurne 0.1.0" in out


def test_packs_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "packs", "--format", "json")
    data = json.loads(out)
    assert code == 0
    ids = [p["id"] for p in data["packs"]]
    assert ids == sorted(ids)
    assert {"core", "deurne", "nieuwegein", "nsob"} <= set(ids)
    core = next(p for p in data["packs"] if p["id"] == "core")
    assert core["counts"]["frameworks"] == 7


def test_validate_bundled_packs_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0, out
    assert "geldig" in out


def test_validate_typo_prints_file_line_and_key(capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    folder = make_pack("x", {"routes.toml": route_toml(extra='levle = ["low"]')})
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 1
    assert f"{folder / 'routes.toml'}:9: L101 onbekende sleutel 'levle' ($.routes[0].levle)" in out and err == ""
    assert "Traceback" not in out + err


def test_validate_missing_folder_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope"))
    assert code == 2
    assert err.strip() == f"ondermijning: fout: {tmp_path / 'nope'}: die map bestaat niet"


def test_validate_reports_only_the_given_folder(capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    good = make_pack("goed", {"r.toml": route_toml()})
    code, out, err = run(capsys, "validate", str(good))
    assert (code, err) == (0, "")
    assert out.strip() == f"{good}: geldig"


def test_validate_json_report(capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    folder = make_pack("x", {"routes.toml": route_toml(extra='themes = ["core/drugz"]')})
    code, out, _ = run(capsys, "validate", "--format", "json", str(folder))
    report = json.loads(out)
    assert code == 1
    assert report["valid"] is False
    (error,) = report["errors"]
    assert error["code"] == "V001"
    assert error["line"] == 9
    assert set(error) == {"code", "severity", "file", "line", "path", "message", "hint"}


def test_validate_select_and_ignore(capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    folder = make_pack("x", {"routes.toml": route_toml(extra='themes = ["core/drugz"]')})
    assert run(capsys, "validate", "--ignore", "V001", str(folder))[0] == 0
    assert run(capsys, "validate", "--select", "L", str(folder))[0] == 0
    assert run(capsys, "validate", "--select", "V0", str(folder))[0] == 1
    code, out, _ = run(capsys, "validate", "--ignore", "V", str(folder), str(folder) + "/.")
    assert code == 0  # the same folder twice is checked once; what is filtered out is counted
    assert out == f"{folder}: geldig (1 probleem niet getoond: --select/--ignore)\n"
    report = json.loads(run(capsys, "validate", "--ignore", "V", "--format", "json", str(folder))[1])
    assert (report["valid"], report["stats"]["not_shown"]) == (True, 1)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_select_or_ignore_value_that_matches_no_code_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], make_pack: MakePack, option: str) -> None:
    folder = make_pack("x", {"routes.toml": route_toml(extra='themes = ["core/drugz"]')})
    code, out, err = run(capsys, "validate", option, "bogus", str(folder))
    assert (code, out) == (2, "")
    assert err == (f"ondermijning: fout: {option} bogus: geen probleemcode begint met 'bogus'; codes zien eruit als "
                   "L101, V001 of alleen V (zie docs/error-codes.md)\n")


def test_a_pack_that_does_not_load_is_named_not_silently_left_out(
        capsys: pytest.CaptureFixture[str], make_pack: MakePack) -> None:
    folder = make_pack("x", {"routes.toml": route_toml(extra='levle = ["low"]')})
    code, out, err = run(capsys, "--pack", str(folder), "assess", "--list", "deurne/jongeren",
                         "--signal", "gedrag-agressief")
    assert code == 0 and "INFORMATIEBEELD" in out
    assert err.splitlines() == [
        f"ondermijning: waarschuwing: {folder / 'routes.toml'}:9: L101 onbekende sleutel 'levle' ($.routes[0].levle) "
        "— bedoel je 'levels'?",
        "ondermijning: waarschuwing: 1 probleem bij het laden; waar het over gaat is weggelaten (zie 'ondermijning "
        "validate')"]
    code, out, err = run(capsys, "--pack", str(folder / "nergens"), "packs")
    assert (code, out) == (2, "")
    assert err == f"ondermijning: fout: --pack {folder / 'nergens'}: die map bestaat niet (geef de map die " \
                  "pack.toml bevat)\n"


def test_disable_plugin_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--disable-plugin", "nsob", "packs")
    assert code == 0
    assert not any(line.startswith("nsob ") for line in out.splitlines())
    assert "uitgezette plugin 'nsob' uit ondermijning-nsob 0.1.0" in out


def test_internal_errors_are_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import ondermijning.commands.packs as packs_command

    def boom(_args: object) -> int:
        raise RuntimeError("kapot")

    monkeypatch.setattr(packs_command, "run", boom)
    code, _, err = run(capsys, "packs")
    assert code == 3
    assert err.count("\n") == 1
    assert "RuntimeError('kapot')" in err


RED_FLAG = "deurne/bezittingen-heeft-drugs"


def test_assess_red_flag_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "deurne/jongeren", "--signal", RED_FLAG, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["level"] == "high"
    assert data["explanation"]["decision"]["kind"] == "red_flag"
    assert data["explanation"]["decision"]["signals"] == [RED_FLAG]


def test_assess_text_reads_as_dutch_advice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "deurne/jongeren", "--signal", RED_FLAG)
    assert code == 0
    assert "Berekend zorgniveau: HOOG (advies)" in out
    assert "Gezamenlijk oordeel" in out and "Nog niet vastgesteld" in out
    assert "Wie kun je inschakelen" in out


def test_assess_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "deurne/jongeren", "--signal", RED_FLAG, "--format", "markdown")
    assert code == 0
    assert out.startswith("# Informatiebeeld")
    assert "\n## Rode vlaggen\n" in out


@pytest.mark.english
def test_assess_unknown_signal_exits_2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", "--list", "deurne/jongeren", "--signal", "bezittingen-heeft-drug")
    assert code == 2
    assert "did you mean 'deurne/bezittingen-heeft-drugs'" in err
    assert err.count("\n") == 1


def test_assess_needs_signals_when_not_in_a_terminal(capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run(capsys, "assess", "--list", "deurne/jongeren")
    assert code == 2
    assert "--signal" in err


def test_assess_interactive_walk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from ondermijning import load_catalog

    sl = load_catalog().signal_lists["deurne/jongeren"]
    categories = [c for c in sl.categories if any(s.category == c.id for s in sl.signals)]
    first_two = [s for s in sl.signals if s.category == categories[0].id][:2]
    # category 1: a typo first (asked again), then two signals; the rest nothing; no protective factors
    # then: the second of the two is an interpretation, not something seen or heard
    answers = iter(["1 x", "1 2", *[""] * (len(categories) - 1), "", "2"])
    monkeypatch.setattr("builtins.input", lambda _prompt="": next(answers))
    code, out, err = run(capsys, "assess", "--list", "deurne/jongeren", "--interactive", "--format", "json")
    assert code == 0
    assert "Typ nummers tussen 1 en" in err and "Welke herken je bij" in err  # questions on stderr
    picture = json.loads(out)  # stdout holds only the result, so it can be redirected to a file
    kinds = {o["signal"]: o["kind"] for o in picture["observations"]}
    assert kinds == {first_two[0].id: "fact", first_two[1].id: "interpretation"}
    assert "Welke van deze signalen heb je niet zelf gezien of gehoord" in err


def test_assess_interactive_can_be_stopped(capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(_prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", stop)
    code, _, err = run(capsys, "assess", "--list", "deurne/jongeren", "-i")
    assert code == 130
    assert "niets bewaard" in err


def _help_examples() -> list[str]:
    """Every ``ondermijning ...`` command line in the epilog of a command's --help."""
    import argparse
    import re

    from ondermijning.cli import _parser

    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    found = []
    for sub in commands.choices.values():
        found += [line.strip() for line in re.findall(r"ondermijning ([^\n]+)", sub.epilog or "")]
    # serve runs until stopped: tests/test_web_live.py starts each of its examples as a server
    return [example for example in found if not example.startswith("serve")]


def test_the_help_names_its_examples() -> None:
    assert len(_help_examples()) >= 4


@pytest.mark.parametrize("example", _help_examples())
def test_every_example_in_the_help_works(example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    from ondermijning.commands.plan import FINDINGS_EXAMPLE

    monkeypatch.chdir(tmp_path)
    (tmp_path / "findings.toml").write_text(FINDINGS_EXAMPLE, encoding="utf-8")
    if example.startswith("import "):  # import reads what export wrote
        for form, name in (("fhir", "jongeren.json"), ("xlsform", "jongeren.xlsx")):
            assert main(["export", "deurne/jongeren", "--to", form, name]) == 0
        capsys.readouterr()
    code = main(shlex.split(example))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out


@pytest.mark.english
def test_a_full_disk_is_an_io_error_not_an_internal_error(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import io
    import os

    class Full(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sys, "stdout", Full())
    code = main(["packs"])
    assert code == 2
    assert capsys.readouterr().err == "ondermijning: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize(("args", "suggestion"), [
    (["dilemma", "bankpas"], "bedoel je 'nieuwegein/bankpas-uitgeleend'? (zie --list)"),
    (["guide", "onzichtbare"], "bedoel je 'nsob/onzichtbaar-gevolg'? (zie --list)"),
    (["assess", "--list", "jongens", "--signal", "x"], "bedoel je 'deurne/jongeren'? (zie --show-lists)"),
])
def test_unknown_ids_get_a_suggestion_in_every_command(capsys: pytest.CaptureFixture[str], args: list[str],
                                                       suggestion: str) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.rstrip("\n").endswith(suggestion) and len(err.splitlines()) == 1


def test_a_local_list_id_is_enough_when_one_pack_has_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "jongeren", "--signal", "gedrag-agressief")
    assert code == 0 and "JONGEREN (NAAR DE DEURNE-ORDENING)" in out


def test_a_phone_number_in_a_route_name_is_not_repeated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "jongeren", "--signal", "vrije-tijd-seks-tegen-betaling")
    assert code == 0
    assert "Politie bij spoed (112): melding doen\n" in out
    assert "Veilig Thuis (advies): advies vragen, 0800-2000\n" in out


def test_interpretations_are_marked_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--list", "jongeren", "--signal", "school-spijbelt",
                       "--interpretation", "bezittingen-dure-spullen", "--format", "json")
    assert code == 0
    kinds = {o["signal"]: o["kind"] for o in json.loads(out)["observations"]}
    assert kinds == {"deurne/school-spijbelt": "fact", "deurne/bezittingen-dure-spullen": "interpretation"}


def test_show_lists_names_the_protective_factors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--show-lists")
    assert code == 0
    assert "  beschermende factoren (--protective):\n    deurne/beschermend-" in out


_GC_PROBE = """
import gc, sys
from ondermijning import assemble
load_catalog = assemble.load_catalog
def watched(*args, **kwargs):
    print(*gc.get_threshold())
    return load_catalog(*args, **kwargs)
assemble.load_catalog = watched
gc.set_threshold(600, 9, 8)
from ondermijning.cli import main
how, sys.argv[1:] = sys.argv[1], sys.argv[2:]
code = main(None if how == "program" else sys.argv[1:])
print(*gc.get_threshold())
print("frozen" if gc.get_freeze_count() else "not frozen")
"""


@pytest.mark.parametrize(("how", "during", "after", "frozen"), [
    # the process's own command line: it exits after the command, its objects frozen for the last collection
    ("program", "100000 50 100", "100000 50 100", "frozen"),
    ("call", "600 9 8", "600 9 8", "not frozen"),  # main(argv) in a process that goes on: the collector is left alone
])
def test_a_command_run_as_a_program_collects_less(how: str, during: str, after: str, frozen: str) -> None:
    from ondermijning.cli import COMMAND_GC_THRESHOLDS

    assert " ".join(map(str, COMMAND_GC_THRESHOLDS)) == "100000 50 100"
    out = subprocess.run([sys.executable, "-c", _GC_PROBE, how, "--no-cache", "validate"], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert [out[0], *out[-2:]] == [during, after, frozen]
