"""Every JSON document the library writes has a JSON Schema (``ondermijning schema --NAME``) that its output meets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ondermijning as o
from ondermijning.cli import main
from ondermijning.scaffold import new_pack
from ondermijning.schema import DOCUMENTS, json_schema, model_document_schema
from ondermijning.testing import strategies as ost

CATALOG = o.load_catalog()
JONGEREN = CATALOG.signal_lists["deurne/jongeren"]
FINDINGS = """municipality = "Gemeente Voorbeeld"
themes = ["core/zorgfraude", "core/hennepteelt"]
audiences = ["social", "safety"]
needs = ["information-sharing"]
participants = 12
weeks = 12
start = 2026-09-07
"""


def errors(document: str, data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema(document))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def run(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> object:
    assert main(list(argv)) == code
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_schema_is_a_valid_schema_and_the_command_prints_it(document: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema(document))
    flag = {"pack-file": [], "catalog": ["catalog"]}.get(document, [f"--{document}"])
    assert run(capsys, "schema", *flag) == json_schema(document)


def test_the_command_has_a_flag_for_every_other_document(capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.commands.schema import FLAGS

    assert set(FLAGS) == set(DOCUMENTS) - {"pack-file", "catalog"}
    assert main(["schema", "catalog", "--picture"]) == 2
    assert "geef catalog of --picture, niet allebei" in capsys.readouterr().err


def test_an_unknown_document_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="onbekend document 'foto'"):
        json_schema("foto")


def test_the_picture_of_assess_meets_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    picture = run(capsys, "assess", "--list", "jongeren", "--signal", "gedrag-agressief", "--interpretation",
                  "school-spijbelt", "--protective", "beschermend-sportclub", "--format", "json")
    assert errors("picture", picture) == []
    assert errors("picture", {**picture, "level": "hoog"}) == ["level: 'hoog' is not one of ['low', 'moderate', "
                                                               "'high']"]
    assert errors("picture", {**picture, "format_version": 5}) != []


@given(data=st.data())
@settings(max_examples=25)
def test_any_picture_meets_the_schema_as_written_and_redacted(data: st.DataObject) -> None:
    observed = data.draw(ost.observations(JONGEREN))
    judgement = o.Judgement(level=data.draw(st.sampled_from(list(o.ConcernLevel))), reason="samen",
                            consulted=["wijkagent"], date=data.draw(st.none() | st.dates()))
    picture = o.assess(JONGEREN, observed, catalog=CATALOG, subject="J.", judgement=judgement)
    for redact in (False, True):
        assert errors("picture", json.loads(o.to_json(picture, redact=redact))) == []


def test_a_picture_of_format_1_is_still_described() -> None:
    picture = json.loads(o.to_json(o.assess(JONGEREN, ["school-spijbelt"], catalog=CATALOG)))
    del picture["pins"]
    assert errors("picture", {**picture, "format_version": 1}) == []


def test_plan_json_meets_the_proposal_and_trajectory_schemas(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    findings = tmp_path / "findings.toml"
    findings.write_text(FINDINGS, encoding="utf-8")
    assert errors("proposal", run(capsys, "plan", "--from", str(findings), "--format", "json")) == []
    assert errors("trajectory", run(capsys, "plan", "--show", "nsob/voorbeeldgemeente", "--format", "json")) == []


def test_validate_json_meets_its_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert errors("validation-report", run(capsys, "validate", "--format", "json")) == []
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.toml").write_text('[pack]\nid = "b"\nname = "B"\nversion = "1"\n[[routes]]\nid = "r"\n',
                                      encoding="utf-8")
    report = run(capsys, "validate", str(broken), "--format", "json", code=1)
    assert report["errors"] and errors("validation-report", report) == []  # type: ignore[index]


def test_packs_json_meets_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert errors("packs", run(capsys, "--disable-plugin", "nsob", "packs", "--format", "json")) == []


def test_diff_json_meets_its_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = new_pack("gemeente", tmp_path) / "src" / "ondermijning_gemeente" / "pack"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(pack, old)
    shutil.copytree(pack, new)
    signals = new / "signals.toml"
    signals.write_text(signals.read_text(encoding="utf-8").replace("moderate = 3", "moderate = 2"), encoding="utf-8")
    result = run(capsys, "diff", str(old), str(new), "--format", "json")
    assert result["shifts"][0]["shifts"]  # type: ignore[index]
    assert errors("diff", result) == []
    checked = run(capsys, "diff", str(old), str(new), "--format", "json", "--check-version", code=1)
    assert checked["version_check"]["needed"] == "major"  # type: ignore[index]
    assert errors("diff", checked) == []


def _document_types() -> list[type]:
    """Every model class of the library: each is a document ``to_json`` writes and ``from_json`` reads."""
    import importlib
    import pkgutil

    import attrs

    import ondermijning.models
    from ondermijning.planner.findings import Findings
    from ondermijning.planner.scheduling import Proposal

    found = {Findings, Proposal}
    for info in pkgutil.iter_modules(ondermijning.models.__path__):
        module = importlib.import_module(f"ondermijning.models.{info.name}")
        found |= {value for value in vars(module).values()
                  if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__}
    return sorted(found, key=lambda cls: cls.__name__)


DOCUMENT_TYPES = _document_types()


def test_every_document_type_is_collected() -> None:
    names = {cls.__name__ for cls in DOCUMENT_TYPES}
    assert {"Workshop", "Publication", "ScoringBasis", "InformationPicture", "Proposal", "Trajectory"} <= names
    assert len(names) > 40


@pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
@settings(max_examples=20)
def test_every_document_type_round_trips_and_meets_its_schema(cls: type, data: st.DataObject) -> None:
    item = data.draw(ost.models(cls))
    text = o.to_json(item)
    assert o.from_json(text, cls) == item
    document = json.loads(text)
    assert list(document)[:2] == ["kind", "format_version"]
    jsonschema.Draft202012Validator(model_document_schema(cls)).validate(document)


def test_a_workshop_document_keeps_its_own_kind_beside_the_documents() -> None:
    workshop = CATALOG.workshops["core/verkenning"]
    document = json.loads(o.to_json(workshop))
    assert (document["kind"], document["workshop_kind"]) == ("workshop", "exploration")
    assert "workshop_kind" in model_document_schema(o.Workshop)["required"]
    missing = {key: value for key, value in document.items() if key != "workshop_kind"}
    with pytest.raises(o.JSONFormatError, match=r"\$\.workshop_kind"):
        o.from_json(json.dumps(missing), o.Workshop)

