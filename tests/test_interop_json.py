"""export --to json: the whole catalog as one document, valid against its published schema, with a
conformance suite a port can check itself against."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ondermijning.cli import main
from ondermijning.converter import converter
from ondermijning.interop.catalog_json import FAMILIES, catalog_document
from ondermijning.interop.formula import ExportError
from ondermijning.models import SignalList
from ondermijning.scoring import Scorer, ScoringRule

from .interop_lists import BUNDLED, CATALOG


@pytest.fixture(scope="module")
def document() -> dict:  # type: ignore[type-arg]
    return json.loads(json.dumps(catalog_document(CATALOG), ensure_ascii=False))


def test_the_document_follows_the_schema_that_schema_catalog_prints(
        document: dict, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[type-arg]
    assert main(["schema", "catalog"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema)
    assert (document["kind"], document["format_version"]) == ("catalog_document", 1)


def test_every_item_of_every_family_is_in_it_and_reads_back(document: dict) -> None:  # type: ignore[type-arg]
    for family in FAMILIES:
        assert [item["id"] for item in document[family]] == sorted(CATALOG.family(family))
    lists = {entry["list"]["id"]: entry for entry in document["signal_lists"]}
    assert sorted(lists) == BUNDLED
    for list_id, entry in lists.items():
        assert converter.structure(entry["list"], SignalList) == CATALOG.signal_lists[list_id]


@pytest.mark.parametrize("list_id", BUNDLED)
def test_the_conformance_cases_hold_the_golden_examples_and_cross_every_threshold(
        document: dict, list_id: str) -> None:  # type: ignore[type-arg]
    sl = CATALOG.signal_lists[list_id]
    (entry,) = [e for e in document["signal_lists"] if e["list"]["id"] == list_id]
    cases = entry["cases"]
    examples = [c for c in cases if c["origin"] == "example"]
    assert [c["level"] for c in examples] == [e.expected.value for e in sl.examples]
    assert {c["level"] for c in cases} == {"low", "moderate", "high"}
    scorer = Scorer(sl)
    for case in cases:  # what a port must give, read back from the JSON
        score, level = scorer.score(frozenset(case["signals"]))
        assert (case["score"], case["level"]) == (score, level.value)


def test_a_plugin_rule_refuses_the_whole_document() -> None:
    import attrs

    rule = ScoringRule(id="x/regel", summary="extra", contribute=lambda _sl, _o: [])
    with pytest.raises(ExportError, match="scoreregel x/regel"):
        catalog_document(attrs.evolve(CATALOG, scoring_rules=(rule,)))


def test_export_json_writes_a_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "catalogus.json"
    assert main(["export", "--to", "json", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "catalog_document"
    assert main(["export", "--to", "json", str(target)]) == 2
    assert "bestaat al; gebruik --force" in capsys.readouterr().err
