"""Import: a form made by export back into a pack folder that validates; export -> import -> export is stable."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import ondermijning as o
from ondermijning.cli import main
from ondermijning.interop.fhir import questionnaire
from ondermijning.interop.fhir_import import read_questionnaire
from ondermijning.interop.record import own_themes
from ondermijning.interop.xlsform import sheets, workbook
from ondermijning.interop.xlsform_import import read_xlsform
from ondermijning.models import SignalList

from .interop_lists import BUNDLED, CATALOG, GEN_PACK, fractional_lists, pack_of_list


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("list_id", BUNDLED)
@pytest.mark.parametrize("form", ["fhir", "xlsform"])
def test_every_bundled_list_comes_back_as_a_valid_pack_and_exports_the_same(
        list_id: str, form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = "lijst.json" if form == "fhir" else "lijst.xlsx"
    assert run(capsys, "export", list_id, "--to", form, first)[0] == 0
    code, out, err = run(capsys, "import", first, "--output", "terug")
    assert (code, err) == (0, ""), err
    assert "geschreven naar terug" in out
    pack_id = list_id.split("/")[0]
    catalog = o.load_catalog(paths=["terug"], disable=[pack_id])
    problems = (*catalog.problems, *o.validate_catalog(catalog))
    assert [p.format() for p in problems if p.severity.value == "error" and "terug" in p.file] == []
    assert catalog.signal_lists[list_id] == CATALOG.signal_lists[list_id]
    # a form carries the list in its pack's own language: the pack comes back without its translations
    assert catalog.packs[pack_id] == attrs.evolve(CATALOG.packs[pack_id], translations=())
    # the imported pack exports exactly the same form
    second = "opnieuw" + Path(first).suffix
    assert run(capsys, "--disable-plugin", pack_id, "--pack", "terug", "export", list_id, "--to", form, second)[0] == 0
    if form == "fhir":
        assert json.loads(Path(first).read_text()) == json.loads(Path(second).read_text())
    else:
        assert _cells(Path(first).read_bytes()) == _cells(Path(second).read_bytes())
    assert leftovers(tmp_path) == []


def _cells(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@settings(max_examples=30, deadline=None)
@given(sl=fractional_lists())
def test_drawn_lists_come_back_unchanged_from_both_forms(sl: SignalList) -> None:
    assert read_questionnaire(json.loads(json.dumps(questionnaire(sl, GEN_PACK))), "q.json").signal_list == sl
    back = read_xlsform(workbook(sl, GEN_PACK), "f.xlsx")
    assert (back.signal_list, back.pack) == (sl, GEN_PACK)


def test_a_text_corrected_in_the_form_comes_along(tmp_path: Path) -> None:
    sl = CATALOG.signal_lists[BUNDLED[0]]
    q = questionnaire(sl, pack_of_list(sl.id), themes=own_themes(sl, CATALOG.themes))
    q["item"][0]["item"][-1]["text"] = "Een verbeterde tekst."
    back = read_questionnaire(q, "q.json").signal_list
    changed = [s for s in back.signals if s.text == "Een verbeterde tekst."]
    assert len(changed) == 1


def _exported(tmp_path: Path, form: str) -> Path:
    sl = CATALOG.signal_lists[BUNDLED[0]]
    pack = pack_of_list(sl.id)
    themes = own_themes(sl, CATALOG.themes)
    if form == "fhir":
        path = tmp_path / "lijst.json"
        path.write_text(json.dumps(questionnaire(sl, pack, themes=themes)), encoding="utf-8")
    else:
        path = tmp_path / "lijst.xlsx"
        path.write_bytes(workbook(sl, pack, themes=themes))
    return path


def _edit_json(path: Path, edit: object) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    edit(document)  # type: ignore[operator]
    path.write_text(json.dumps(document), encoding="utf-8")


def _edit_xlsx(path: Path, sheet: str, cell: str, value: object) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def _hand_made_units(document: dict) -> None:  # type: ignore[type-arg]
    document["extension"][3]["valueExpression"]["expression"] += " + 1"


def _bad_version(document: dict) -> None:  # type: ignore[type-arg]
    pack = json.loads(document["extension"][4]["valueString"])
    document["extension"][4]["valueString"] = json.dumps({**pack, "requires": {"bestaat-niet": ">=1"}})


@pytest.mark.parametrize(("setup", "code", "message"), [
    (lambda p: p.write_text("geen json", encoding="utf-8"), 2,
     "geen FHIR-Questionnaire (JSON) en geen XLSForm (.xlsx) (Expecting value, regel 1, kolom 1)"),
    (lambda p: p.write_bytes(b"PK\x03\x04kapot"), 2, "geen leesbaar .xlsx-bestand"),
    (lambda p: p.write_text('{"resourceType": "Patient"}', encoding="utf-8"), 1,
     "$.resourceType: geen FHIR-Questionnaire (resourceType is 'Patient')"),
    (lambda p: p.write_text('{"resourceType": "Questionnaire", "item": []}', encoding="utf-8"), 1,
     "$.extension: de extensie https://ondermijning.example/fhir/StructureDefinition/pack ontbreekt"),
])
def test_a_file_that_is_not_such_a_form_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, setup: object, code: int,
                                                      message: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "formulier"
    setup(path)  # type: ignore[operator]
    got, out, err = run(capsys, "import", str(path.name))
    assert (got, out) == (code, "")
    assert err.startswith(f"ondermijning: fout: formulier: {message}") and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["formulier"]


@pytest.mark.parametrize(("form", "edit", "message"), [
    ("fhir", lambda p: _edit_json(p, _hand_made_units), "de berekening (FHIRPath) past niet bij de gewichten"),
    ("fhir", lambda p: _edit_json(p, _bad_version), "het pack uit dit formulier is niet geldig: pack.toml"),
    ("xlsform", lambda p: _edit_xlsx(p, "survey", "H4", "veel"), "blad survey, rij 4: kolom weight: 'veel' is "
                                                                   "geen getal"),
    ("xlsform", lambda p: _edit_xlsx(p, "survey", "H4", 7), "de calculate-rijen passen niet bij de gewichten"),
    ("xlsform", lambda p: _edit_xlsx(p, "ondermijning", "B2", "iets-anders"), "blad ondermijning: format "
                                                                                "'iets-anders'"),
])
def test_a_changed_form_is_refused_and_leaves_no_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch, form: str, edit: object,
                                                        message: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = _exported(tmp_path, form)
    edit(path)  # type: ignore[operator]
    code, out, err = run(capsys, "import", path.name)
    assert (code, out) == (1, "")
    assert message in err and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_existing_folder_needs_force_and_is_then_replaced_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _exported(tmp_path, "fhir")
    (tmp_path / "doel").mkdir()
    (tmp_path / "doel" / "oud.toml").write_text("# oud", encoding="utf-8")
    code, _, err = run(capsys, "import", path.name, "-o", "doel")
    assert code == 2 and "doel: bestaat al" in err
    assert run(capsys, "import", path.name, "-o", "doel", "--force")[0] == 0
    assert sorted(p.name for p in (tmp_path / "doel").iterdir()) == ["pack.toml", "signals.toml"]
    assert leftovers(tmp_path) == []


def test_the_survey_names_every_signal_once() -> None:
    sl = CATALOG.signal_lists[BUNDLED[0]]
    names = [row[1] for row in sheets(sl, pack_of_list(sl.id))["survey"][1:] if row[1]]
    assert len(names) == len(set(names))
