"""The field reference (docs/pack-fields.md) comes from the models; `ondermijning ids` lists what to refer to."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from ondermijning import load_catalog
from ondermijning.cli import main
from ondermijning.fieldref import MEANINGS, meaning, models, reference_fields, reference_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_of_every_pack_file_has_a_meaning_and_no_meaning_is_stale() -> None:
    missing = []
    for name, cls in models().items():
        for field in attrs.fields(cls):
            try:
                meaning(cls, field.name)
            except KeyError:
                missing.append(f"{name}.{field.name}")
    assert missing == [], "write a meaning in ondermijning.fieldref.MEANINGS for these keys"
    keys = {f"{name}.{field.name}" for name, cls in models().items() for field in attrs.fields(cls)}
    assert sorted(set(MEANINGS) - keys) == []


def test_the_page_is_in_sync_with_the_models() -> None:
    page = (ROOT / "docs" / "pack-fields.md").read_text(encoding="utf-8")
    assert page == reference_markdown(load_catalog()), \
        "regenerate: python -m ondermijning.fieldref > docs/pack-fields.md"


def test_the_page_has_a_row_with_type_default_and_example_for_each_key() -> None:
    page = reference_markdown(load_catalog())
    for name, cls in models().items():
        assert f"\n## {name}\n" in page
        for field in attrs.fields(cls):
            assert f"| `{field.name}` |" in page
    assert ("| `weight` | number | `1` | the points it adds when observed (0 or more) | `2` |" in page)
    assert "| `action` | one of `advice`, `report`, `consult` | required |" in page
    assert "| `target` | id (signal lists) | required |" in page
    assert "| `source` | table (Source) | required |" in page and "see [Source](#source)" in page


def test_reference_fields_name_the_keys_per_family() -> None:
    fields = reference_fields()
    assert "Route.themes" in fields["themes"]
    assert fields["signal_lists"] == ["SignalListExtension.target", "Route.lists"]
    assert fields["roles"] == ["Route.role"]
    assert set(fields) == {"themes", "frameworks", "signal_lists", "signals", "routes", "guides", "workshops",
                           "cases", "roles"}


def test_ids_lists_what_a_pack_may_refer_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ids"]) == 0
    out = capsys.readouterr().out
    assert "themes (sleutels: SignalList.red_flag_themes, Signal.themes" in out
    assert "  core/drugs " in out and "  deurne/wijkagent " in out
    assert "categorieën (Signal.category): gedrag, uiterlijk" in out
    assert "104 signals: --family signals toont ze" in out  # 68 youth, 36 adult
    assert main(["ids", "--family", "signals", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["signals"] and len(data["signals"]["ids"]) == 104  # 68 youth signals, 36 adult
    assert main(["ids", "--family", "thema"]) == 2
    assert "--family thema: geen familie waarnaar een pack verwijst; kies uit cases" in capsys.readouterr().err


def test_ids_includes_the_pack_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ondermijning.scaffold import new_pack

    pack = new_pack("proef", tmp_path) / "src" / "ondermijning_proef" / "pack"
    assert main(["ids", "--family", "routes", "--pack", str(pack)]) == 0
    assert "  proef/ondermijningscoordinator " in capsys.readouterr().out
