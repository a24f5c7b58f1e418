"""The generated JSON Schema accepts every bundled pack file and rejects what the loader rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ondermijning._toml import loads as toml_loads
from ondermijning.cli import main
from ondermijning.schema import pack_file_schema

ROOT = Path(__file__).resolve().parent.parent
PACK_FILES = sorted([*ROOT.glob("packs/*/src/*/pack/*.toml"), *ROOT.glob("src/ondermijning/data/core/*.toml")])
VALIDATOR = jsonschema.Draft202012Validator(pack_file_schema())


def test_the_schema_itself_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(pack_file_schema())
    assert len(PACK_FILES) >= 8


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_pack_file_validates(path: Path) -> None:
    data = toml_loads(path.read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(("toml", "fragment"), [
    ('[[routes]]\nid = "r"\nlevle = 1', "Additional properties are not allowed ('levle' was unexpected)"),
    ('[[routes]]\nid = "Wijk Team"\nname = "x"', "does not match"),
    ('[pack]\nid = "x"\nname = "x"\nversion = "1.0"', "does not match"),
    ('[[signal_lists]]\nid = "l"\nname = "l"\nsource = { publication = "p" }\n'
     'scoring = { basis = { kind = "example" }, thresholds = { moderate = 1, high = 2 } }\n'
     '[[signal_lists.signals]]\nid = "s"\ncategory = "c"\ntext = "t"\nsource = { publication = "p" }\nweight = -1',
     "less than the minimum of 0"),
    ('[[routes]]\nid = "r"\nname = "x"\naction = "advies"', "is not one of ['advice', 'report', 'consult']"),
])
def test_the_schema_rejects_what_the_loader_rejects(toml: str, fragment: str) -> None:
    messages = [e.message for e in VALIDATOR.iter_errors(toml_loads(toml))]
    assert any(fragment in m for m in messages), messages


def test_schema_command_prints_and_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == pack_file_schema()
    target = tmp_path / "pack.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == pack_file_schema()
    assert main(["schema", "-o", str(target)]) == 2  # never overwrites without --force
    assert "bestaat al; gebruik --force" in capsys.readouterr().err
    assert main(["schema", "-o", str(target), "--force"]) == 0
