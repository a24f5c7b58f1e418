"""``ondermijning serve --db`` as a real server, on SQLite and PostgreSQL: the docs' curl examples, schemathesis
over the register's operations, the workers, and a database that will not open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from ondermijning.register.model import Role
from ondermijning.register.service import Register

from ..test_web_live import CHECKS
from ..webserver import free_port, live_server
from .webtools import add_login

DOCS = Path(__file__).resolve().parents[2] / "docs" / "register.md"
DOC_URL = "http://127.0.0.1:8000"


def web_examples() -> list[tuple[str, list[str]]]:
    """(command, expected lines) of the console blocks in the section on the web, in order."""
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## On the web"):]
    section = section[:section.index("\n## ", 1)]
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", section, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif line.startswith("> ") or (found and found[-1][0].endswith("\\") and not found[-1][1]):
                found[-1] = (found[-1][0] + "\n" + (line[2:] if line.startswith("> ") else line), [])
            else:
                found[-1][1].append(line)
    return found


def test_the_docs_curl_examples_run_against_a_live_register(db: str, tmp_path: Path) -> None:
    examples = web_examples()
    assert len(examples) >= 9
    with live_server(tmp_path, ["--db", db], cwd=tmp_path) as server:
        script = ["set -o pipefail"]
        for n, (command, _expected) in enumerate(examples):
            command = command.replace(DOC_URL, server.url).replace("register.sqlite3", db)
            script += [f"echo '@@@ {n}'", f"{command} || echo \"@@@ failed: $?\""]
        env = {**os.environ, "ONDERMIJNING_LANG": "nl",  # the ondermijning of this environment first
               "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
        done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300, check=False, env=env)
    outputs = re.split(r"^@@@ \d+\n", done.stdout, flags=re.M)[1:]
    assert len(outputs) == len(examples), done.stdout + done.stderr
    for (command, expected), output in zip(examples, outputs, strict=True):
        assert "@@@ failed" not in output, f"{command}\n{output}\n{done.stderr}"
        assert output.splitlines() == expected, f"{command}\nexpected: {expected}\ngot: {output.splitlines()}"


def test_schemathesis_keeps_the_register_to_its_openapi_document(register: Register, db: str,
                                                                  tmp_path: Path) -> None:
    """Generated requests, valid and not, to every register operation with real tokens: never a 5xx, and every
    answer as the document says (status, media type, body, headers)."""
    coordinator = add_login(register, "anna", Role.COORDINATOR, "deurne")
    admin = add_login(register, "beheer", Role.ADMINISTRATOR)
    register.new_case(coordinator.actor, pseudonym="S-2026-1", municipality="deurne")
    register.dispose()
    with live_server(tmp_path, ["--db", db]) as server:
        schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
        operations = [r.ok() for r in schema.get_all_operations() if r.ok().path.startswith("/api/v1/register")]
        assert len(operations) == 16
        for operation in operations:
            who = admin if operation.path.startswith(("/api/v1/register/users", "/api/v1/register/log")) \
                else coordinator
            _checked(operation, server.url, who.api)()


def _checked(operation: Any, url: str, headers: dict[str, str]) -> Any:
    @given(case=operation.as_strategy())
    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        case.call_and_validate(base_url=url, headers=headers, checks=CHECKS)

    return check


def test_serve_with_workers_opens_the_register_in_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ONDERMIJNING_DB configures the register as --db does; each worker opens it."""
    db = tmp_path / "register.sqlite3"
    monkeypatch.setenv("ONDERMIJNING_DB", str(db))
    with live_server(tmp_path, ["--workers", "2"]) as server:
        with urllib.request.urlopen(server.url + "/aanmelden", timeout=10) as response:
            assert response.status == 200 and "Aanmelden bij het register" in response.read().decode()
            assert response.headers["Set-Cookie"].startswith("__Host-ondermijning-aanmelden=")
        try:
            urllib.request.urlopen(server.url + "/api/v1/register/cases?purpose=x", timeout=10)
        except urllib.error.HTTPError as refused:
            assert refused.code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
        else:
            raise AssertionError("the register answered without a token")
    assert "webapp met register" in server.log_text()
    assert db.exists() and (db.stat().st_mode & 0o077) == 0


def test_a_database_that_will_not_open_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.cli import main

    port = str(free_port())
    for db in (str(tmp_path), "mysql://iemand@host/db", str(tmp_path / "geen-map" / "r.sqlite3")):
        assert main(["serve", "--port", port, "--db", db]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("ondermijning: fout: ") and "Traceback" not in err, err
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    shown = capsys.readouterr().out
    assert "--db" in shown and "Secure" in shown and "127.0.0.1 of localhost" in shown
