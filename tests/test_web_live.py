"""``ondermijning serve`` as a real server: the done-when checks, the embedding guide, schemathesis, the log."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

GUIDE = Path(__file__).parent.parent / "docs" / "web-api.md"
DOC_URL = "http://127.0.0.1:8000"


def post(url: str, body: Any) -> tuple[int, str, dict[str, Any]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], json.load(error)


def test_a_fresh_server_answers_in_dutch_and_assesses(server: Any) -> None:
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        page = response.read().decode("utf-8")
    assert '<html lang="nl">' in page and "Er wordt niets bewaard" in page
    status, _type, picture = post(server.url + "/api/v1/assessments",
                                  {"signal_list": "deurne/jongeren", "signals": ["bezittingen-heeft-drugs"]})
    assert status == 200 and picture["level"] == "high" and picture["red_flags"]
    status, media, problem = post(server.url + "/api/v1/assessments",
                                  {"signal_list": "deurne/jongeren", "signals": ["bestaat-niet"]})
    assert 400 <= status < 500 and media == "application/problem+json" and problem["code"] == "A003"


def test_the_access_log_keeps_no_query_no_body_no_address(server: Any) -> None:
    urllib.request.urlopen(server.url + "/dilemmakaarten?geheim=zoekterm-123", timeout=10).close()
    post(server.url + "/api/v1/assessments", {"signal_list": "deurne/jongeren", "subject": "pseudoniem-xyz"})
    access = [line for line in server.log_text().splitlines() if "uvicorn.access" in line]
    assert any('"GET /dilemmakaarten HTTP/1.1" 200' in line for line in access)
    assert any('"POST /api/v1/assessments HTTP/1.1" 200' in line for line in access)
    text = "\n".join(access)
    for secret in ("zoekterm-123", "geheim", "pseudoniem-xyz", "127.0.0.1", "?"):
        assert secret not in text


def _examples() -> list[tuple[str, str]]:
    """(command, expected output) for every ``$`` line of the guide's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        command: list[str] = []
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    found.append(("\n".join(command), "\n".join(output)))
                command, output = [line[2:]], []
            elif command and command[-1].endswith("\\") and not output:
                command.append(line)
            else:
                output.append(line)
        if command:
            found.append(("\n".join(command), "\n".join(output)))
    return found


def matches(expected: str, actual: str) -> bool:
    """``...`` on a line of its own stands for the rest of the output."""
    want, got = expected.splitlines(), [line.rstrip("\r") for line in actual.splitlines()]
    if "..." in want:
        head = want[: want.index("...")]
        return got[: len(head)] == head
    return got == want


def test_the_embedding_guides_curl_examples_run_against_the_live_server(server: Any, tmp_path: Path) -> None:
    examples = _examples()
    assert len(examples) >= 7
    for command, expected in examples:
        done = subprocess.run(["bash", "-c", "set -o pipefail; " + command.replace(DOC_URL, server.url)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
        assert matches(expected, done.stdout), f"{command}\nexpected:\n{expected}\ngot:\n{done.stdout}"


def test_serve_help_is_dutch_and_a_busy_port_is_one_line(server: Any) -> None:
    shown = subprocess.run([sys.executable, "-m", "ondermijning", "serve", "--help"], capture_output=True,
                           text=True, check=True)
    assert "Start de webapp" in shown.stdout and "er wordt niets bewaard" in shown.stdout
    port = server.url.rsplit(":", 1)[1]
    busy = subprocess.run([sys.executable, "-m", "ondermijning", "serve", "--port", port], capture_output=True,
                          text=True, timeout=60, check=False)
    assert busy.returncode == 2
    assert busy.stderr.strip().count("\n") == 0 and "kan niet luisteren" in busy.stderr
    missing = subprocess.run([sys.executable, "-m", "ondermijning", "serve", "--pack", "/bestaat/niet"],
                             capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_every_serve_example_in_the_help_starts_a_server(tmp_path: Path) -> None:
    import argparse
    import shlex

    from ondermijning.cli import _parser
    from tests.webserver import live_server

    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    examples = re.findall(r"ondermijning serve([^\n]*)", commands.choices["serve"].epilog or "")
    assert len(examples) >= 3
    (tmp_path / "mijn-pack").mkdir()
    (tmp_path / "mijn-pack" / "pack.toml").write_text('[pack]\nid = "mijn"\nname = "Mijn"\nversion = "1.0.0"\n')
    for example in examples:
        args = shlex.split(example)
        if "--port" in args:  # the helper picks a free port
            del args[args.index("--port"):args.index("--port") + 2]
        args = ["127.0.0.1" if a == "0.0.0.0" else a for a in args]  # tests listen on loopback only
        with live_server(tmp_path, args, cwd=tmp_path) as running, \
                urllib.request.urlopen(running.url + "/", timeout=10) as response:
            assert response.status == 200


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]


def test_the_api_keeps_its_openapi_document(server: Any) -> None:
    """schemathesis from the OpenAPI document: generated requests, valid and not, to every operation;
    never a 5xx, and every response as its schema says (status, media type, body, headers)."""
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 16
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            case.call_and_validate(base_url=server.url, checks=CHECKS)

        check()


def test_valid_requests_from_the_catalog_keep_the_document_too(server: Any) -> None:
    """Generated requests reach few real ids; these do: real lists, signals, factors, items and findings."""
    import hypothesis.strategies as st

    import ondermijning as o

    catalog = o.load_catalog()
    schema = schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json")
    assessments = schema["/api/v1/assessments"]["POST"]
    plans = schema["/api/v1/plans"]["POST"]
    calendar = schema["/api/v1/plans/calendar"]["POST"]
    lists = list(catalog.signal_lists.values())

    @st.composite
    def assessment(draw: Any) -> dict[str, Any]:
        sl = draw(st.sampled_from(lists))
        ids = [s.id for s in sl.signals]
        signals = draw(st.lists(st.sampled_from(ids), unique=True, max_size=12))
        split = draw(st.integers(0, len(signals)))
        body: dict[str, Any] = {"signal_list": sl.id, "signals": signals[:split], "interpretations": signals[split:]}
        if sl.protective_factors:
            body["protective"] = draw(st.lists(st.sampled_from([p.id for p in sl.protective_factors]), unique=True))
        if draw(st.booleans()):
            body["municipality"] = draw(st.sampled_from(sorted(catalog.packs)))
        if draw(st.booleans()):
            body["judgement"] = {"level": draw(st.sampled_from(["low", "moderate", "high"])), "reason": "samen"}
        return body

    findings = st.fixed_dictionaries({
        "participants": st.integers(1, 60), "weeks": st.integers(1, 52),
        "themes": st.lists(st.sampled_from(sorted(catalog.themes)), unique=True, max_size=4),
        "audiences": st.lists(st.sampled_from(["social", "safety", "frontline", "youth"]), unique=True),
        "needs": st.lists(st.sampled_from(["information-sharing", "damocles", "dilemmas", "case-discussion"]),
                          unique=True),
        "frontline_situation": st.integers(0, 4),
        "start": st.dates(datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)).map(str),
    })

    @given(body=assessment(), plan=findings)
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(body: dict[str, Any], plan: dict[str, Any]) -> None:
        response = assessments.Case(body=body, media_type="application/json").call_and_validate(
            base_url=server.url, checks=CHECKS)
        assert response.status_code == 200, response.text
        for operation in (plans, calendar):
            response = operation.Case(body=plan, media_type="application/json").call_and_validate(
                base_url=server.url, checks=CHECKS)
            assert response.status_code == 200, response.text

    check()
    for family, path in (("signal_lists", "signal-lists"), ("dilemma_cards", "dilemma-cards"), ("cases", "cases"),
                         ("guides", "guides"), ("workshops", "workshops")):
        operation = schema[f"/api/v1/{path}/{{pack}}/{{item}}"]["GET"]
        for item_id in catalog.family(family):
            pack, item = item_id.split("/", 1)
            response = operation.Case(path_parameters={"pack": pack, "item": item}).call_and_validate(
                base_url=server.url, checks=CHECKS)
            assert response.status_code == 200
