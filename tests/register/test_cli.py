"""``ondermijning register``: the issue's "done when", run as a person would, on both backends."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ondermijning.cli import main

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, db: str, actor: str = "anna") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ONDERMIJNING_LANG": "nl"}
    env.pop("ONDERMIJNING_DB", None)
    return subprocess.run([sys.executable, "-m", "ondermijning", "register", "--db", db, "--actor", actor, *args],
                          capture_output=True, text=True, check=False, env=env, timeout=120)


def edit_log_row(db: str, sql: str) -> None:
    """Change the log by hand, as someone with access to the database could."""
    if "://" in db:
        import psycopg

        with psycopg.connect(db) as connection:
            connection.execute(sql)
    else:
        import sqlite3

        with sqlite3.connect(db) as connection:
            connection.execute(sql)


def test_done_when(db: str) -> None:
    new = cli("case", "new", "--pseudonym", "P-2026-1", "--municipality", "deurne", db=db)
    assert new.returncode == 0, new.stderr
    case = new.stdout.strip()
    assert new.stdout == case + "\n" and len(case) == 12
    steps = [
        ("assess", case, "--list", "deurne/jongeren", "--signal", "gedrag-agressief", "--signal", "school-spijbelt",
         "--signal", "vrienden-nieuwe-oudere-vrienden"),
        ("judge", case, "--level", "matig", "--reason", "Samen besproken in het casusoverleg"),
        ("feedback", case, "--status", "in-progress"),
    ]
    for step in steps:
        result = cli(*step, db=db)
        assert result.returncode == 0, (step, result.stderr)
    shown = cli("show", case, "--format", "json", "--purpose", "voorbereiding casusoverleg", db=db)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    picture = data["timeline"][0]["picture"]
    assert picture["pins"]["pack"] == "deurne" and picture["pins"]["pack_version"]
    assert picture["pins"]["list_hash"].startswith("sha256:") and picture["pins"]["library_version"]
    assert picture["level"] == "moderate" and data["current"]["computed_level"] == "moderate"
    assert data["timeline"][1]["kind"] == "judgement" and data["timeline"][1]["level"] == "moderate"
    reassessed = cli("reassess", case, db=db)
    assert reassessed.returncode == 0 and "niet veranderd" in reassessed.stdout, reassessed.stderr
    verified = cli("log", "--verify", db=db)
    assert verified.returncode == 0 and "logboek in orde: 6 regels" in verified.stdout, verified.stderr

    edit_log_row(db, "UPDATE register_log SET purpose = 'iets anders' WHERE seq = 3")
    broken = cli("log", "--verify", db=db)
    assert broken.returncode == 1
    assert broken.stderr.strip() == "logboek: logregel 3 is gewijzigd: de inhoud past niet meer bij de hash"

    later = (datetime.date.today() + datetime.timedelta(days=366)).isoformat()
    purged = cli("purge", "--now", later, db=db)
    assert purged.returncode == 0 and case in purged.stdout, purged.stderr
    gone = cli("show", case, "--purpose", "x", db=db)
    assert gone.returncode == 2 and "bestaat niet" in gone.stderr


def run_main(capsys: pytest.CaptureFixture[str], db: str, *args: str, actor: str = "anna") -> tuple[int, str, str]:
    code = main(["register", "--db", db, "--actor", actor, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _dump(db: str) -> str:
    from sqlalchemy import create_engine, select

    from ondermijning.register import tables as t
    from ondermijning.register.database import database_url

    engine = create_engine(database_url(db))
    try:
        with engine.connect() as connection:
            return repr([list(connection.execute(select(table))) for table in t.metadata.sorted_tables])
    finally:
        engine.dispose()


BAD = [
    (("judge", "{case}", "--level", "erg"), "--level erg: kies laag, matig of hoog"),
    (("judge", "{case}", "--level", "hoog"), "--reason"),
    (("judge", "{case}", "--level", "high", "--reason", "x", "--date", "gisteren"), "geen datum"),
    (("feedback", "{case}", "--status", "done"), "kies received, in-progress of closed"),
    (("assess", "{case}", "--list", "deurne/jongeren", "--signal", "bestaat-niet"), "bestaat-niet"),
    (("assess", "{case}", "--list", "onbekend", "--signal", "x"), "onbekend"),
    (("assess", "{case}", "--list", "deurne/jongeren"), "--signal"),
    (("act", "{case}", "--route", "nergens"), "nergens"),
    (("show", "{case}"), "--purpose"),
    (("show", "{case}", "--purpose", "x", "--format", "pdf"), "--format pdf"),
    (("show", "000000000000", "--purpose", "x"), "bestaat niet"),
    (("case", "new", "--pseudonym", "Jan de Vries", "--municipality", "deurne"), "pseudoniem"),
    (("case", "new", "--pseudonym", "J-1", "--municipality", "nergenshuizen"), "nergenshuizen"),
    (("purge", "--now", "morgen"), "geen datum"),
    (("--role", "baas", "log"), "--role baas"),
    (("export",), "--pseudonym"),
]


@pytest.mark.parametrize(("args", "message"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_dutch_line_and_changes_nothing(capsys: pytest.CaptureFixture[str], db: str,
                                                          args: tuple[str, ...], message: str) -> None:
    code, out, _ = run_main(capsys, db, "case", "new", "--pseudonym", "B-2026-1", "--municipality", "deurne")
    case = out.strip()
    before = _dump(db)
    code, out, err = run_main(capsys, db, *(a.format(case=case) for a in args))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err
    assert _dump(db) == before


def test_a_register_that_does_not_exist_is_not_created_by_a_read(capsys: pytest.CaptureFixture[str],
                                                                   tmp_path: Path) -> None:
    missing = str(tmp_path / "typo.sqlite3")
    code, _, err = run_main(capsys, missing, "log", "--verify")
    assert code == 2 and "bestaat niet" in err and not Path(missing).exists()


def test_a_file_that_is_not_a_register(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("boodschappen\n" * 100, encoding="utf-8")
    code, _, err = run_main(capsys, str(other), "log")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert other.read_text(encoding="utf-8") == "boodschappen\n" * 100


def test_a_postgresql_server_that_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(capsys, "postgresql://nobody@127.0.0.1:1/none", "log")
    assert code == 2 and "kan de database niet openen" in err and len(err.strip().splitlines()) == 1


def test_refusals_and_conflicts_exit_1(capsys: pytest.CaptureFixture[str], db: str) -> None:
    _, out, _ = run_main(capsys, db, "case", "new", "--pseudonym", "C-2026-1", "--municipality", "deurne")
    case = out.strip()
    code, _, err = run_main(capsys, db, "--role", "administrator", "show", case, "--purpose", "x")
    assert code == 1 and "mag dit niet" in err
    code, _, err = run_main(capsys, db, "judge", case, "--level", "laag", "--reason", "x", "--if-version", "3")
    assert code == 1 and "gewijzigd sinds versie 3" in err
    code, out, err = run_main(capsys, db, "--role", "reporter", "show", case, actor="bob")
    assert code == 1 and "melder bob mag dit niet" in err and out == ""
    code, out, err = run_main(capsys, db, "--lang", "en", "--role", "reporter", "show", case, actor="bob")
    assert code == 1 and "reporter bob may not do this" in err and out == ""
    # the reporter who opened a case sees its status, and nothing else
    _, out, _ = run_main(capsys, db, "--role", "reporter", "case", "new", "--pseudonym", "C-2026-2",
                         "--municipality", "deurne", actor="bob")
    own = out.strip()
    run_main(capsys, db, "feedback", own, "--status", "received", "--message", "Ontvangen, dank je")
    code, out, _ = run_main(capsys, db, "--role", "reporter", "show", own, "--format", "json", actor="bob")
    assert code == 0 and json.loads(out)["feedback"][0]["message"] == "Ontvangen, dank je"
    assert "pseudonym" not in json.loads(out)


def test_export_erase_backup_and_log(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    _, out, _ = run_main(capsys, db, "case", "new", "--pseudonym", "E-2026-1", "--municipality", "deurne")
    case = out.strip()
    code, out, _ = run_main(capsys, db, "export", "--pseudonym", "E-2026-1")
    assert code == 0 and json.loads(out)["cases"][0]["id"] == case
    target = tmp_path / "inzage.json"
    code, _, _ = run_main(capsys, db, "export", "--pseudonym", "E-2026-1", "--output", str(target))
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["kind"] == "register_export"
    code, out, _ = run_main(capsys, db, "erase", "--pseudonym", "E-2026-1")
    assert code == 0 and case in out
    code, _, _ = run_main(capsys, db, "backup", str(tmp_path / "kopie.sqlite3"))
    assert code == 0
    code, out, _ = run_main(capsys, str(tmp_path / "kopie.sqlite3"), "log", "--verify")
    assert code == 0 and "logboek in orde" in out
    code, out, _ = run_main(capsys, db, "log", "--format", "json")
    assert [e["operation"] for e in json.loads(out)] == ["case-new", "export", "export", "erase", "backup"]


def test_the_examples_in_the_help_run_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    from ondermijning.commands.register.parser import EPILOG

    monkeypatch.chdir(tmp_path)
    lines = [line.strip() for line in EPILOG.splitlines()]
    (first,) = [line for line in lines if line.startswith("ondermijning register")]
    assert main(shlex.split(first)[1:]) == 0
    case = capsys.readouterr().out.strip()
    prefix = first.split(" case new")[0].split()[1:]
    later = [line for line in lines if line.startswith("$R ")]
    assert len(later) >= 8
    for line in later:
        args = [case if a == "$ID" else a for a in shlex.split(line)[1:]]
        assert main([*prefix, *args]) == 0, line
    assert "logboek in orde" in capsys.readouterr().out


def test_users_and_tokens(capsys: pytest.CaptureFixture[str], db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("een-lang-wachtwoord\n"))
    code, _, err = run_main(capsys, db, "--role", "administrator", "user", "add", "anna", "--user-role",
                            "coordinator", "--municipality", "deurne", "--password-stdin", actor="beheer")
    assert code == 0, err
    code, _, err = run_main(capsys, db, "--role", "administrator", "user", "add", "app", "--user-role", "reporter",
                            "--municipality", "deurne", "--system", actor="beheer")
    assert code == 0, err
    code, out, _ = run_main(capsys, db, "--role", "administrator", "user", "token", "app", actor="beheer")
    assert code == 0 and out.startswith("om_")
    code, out, _ = run_main(capsys, db, "--role", "administrator", "user", "list", actor="beheer")
    assert out.splitlines() == ["anna  person  coordinator  deurne", "app  system  reporter  deurne"]
    code, _, err = run_main(capsys, db, "user", "list")  # a coordinator manages no users
    assert code == 1 and "mag geen gebruikers beheren" in err


def test_the_default_register_lives_in_the_users_data_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ONDERMIJNING_DB", raising=False)
    assert main(["register", "case", "new", "--pseudonym", "D-1", "--municipality", "deurne"]) == 0
    default = tmp_path / "data" / "ondermijning" / "register.sqlite3"
    assert default.is_file() and default.stat().st_mode & 0o077 == 0
    assert (default.parent.stat().st_mode & 0o777) == 0o700
    other = tmp_path / "elders.sqlite3"
    monkeypatch.setenv("ONDERMIJNING_DB", str(other))
    assert main(["register", "case", "new", "--pseudonym", "D-2", "--municipality", "deurne"]) == 0
    assert other.is_file()
    capsys.readouterr()
    assert main(["register"]) == 2
    assert "geef een opdracht" in capsys.readouterr().err
