"""The library's own messages, module by module: Dutch by default, English with ``--lang en`` or ``using("en")``.

One representative message of each module whose texts went through the catalog (issue #17,
"One language for people"), read where a person reads it: on the command line when the
message reaches it (``validate``, ``show``, ``schema``, ``new-pack``, ``guide``, ``--help``),
from the pytest plugin in a real pytest run, else from the exception the library raises.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.cli import main
from ondermijning.i18n import using
from ondermijning.models import Pack, Signal, Source
from ondermijning.testing import properties as props

from .conftest import MakePack
from .helpers import SOURCE, route_toml, signal_list_toml
from .test_one_pass import FILES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def both(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The same command in Dutch (the default) and with --lang en."""
    return run(capsys, *args), run(capsys, "--lang", "en", *args)


# --- loading a pack: the converter's detail texts (L103, L104) and the qualifier's (L105, L106) -----------------

def test_a_wrong_type_and_a_wrong_code_in_a_pack_file(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    text = signal_list_toml().replace("weight = 2", 'weight = "zwaar"')
    root = make_pack("proef", {"lijst.toml": text, "routes.toml": route_toml().replace('"advice"', '"adviseren"')})
    (code, nl, _), (code_en, en, _) = both(capsys, "validate", str(root))
    assert code == code_en == 1
    assert "L103 verkeerd type: een getal verwacht, kreeg tekst ($.signal_lists[0].signals[1].weight)" in nl
    assert "L104 ongeldige waarde: 'adviseren' is niet toegestaan; kies uit 'advice', 'report', 'consult'" \
           in nl
    assert nl.splitlines()[-1] == f"{root}: 2 fouten"
    assert "L103 wrong type: expected a number, got text ($.signal_lists[0].signals[1].weight)" in en
    assert "L104 invalid value: 'adviseren' is not one of 'advice', 'report', 'consult'" in en
    assert en.splitlines()[-1] == f"{root}: 2 errors"


def test_a_duplicate_id_and_an_id_of_another_pack(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_pack("proef", {"a.toml": route_toml("wijkteam"),
                               "b.toml": route_toml("wijkteam") + route_toml("ander/buurtteam")})
    (_, nl, _), (_, en, _) = both(capsys, "validate", str(root))
    first = f"{root / 'a.toml'}:"
    assert re.search(rf"L105 id 'wijkteam' \(Route\) komt twee keer voor; de eerste staat in {re.escape(first)}\d+ "
                     r"\(\$\.routes\[0\]\.id\) — geef elk item een eigen id", nl), nl
    assert "L106 id 'ander/buurtteam' noemt een ander pack dan 'proef' ($.routes[1].id) — schrijf de id zonder " \
           "pack-prefix" in nl
    assert re.search(rf"L105 duplicate Route id 'wijkteam', first defined at {re.escape(first)}\d+ "
                     r"\(\$\.routes\[0\]\.id\) — give each item its own id", en), en
    assert "L106 id 'ander/buurtteam' names another pack than 'proef' ($.routes[1].id) — write the id without a " \
           "pack prefix" in en


def test_a_second_processing_policy(make_pack: MakePack, capsys: pytest.CaptureFixture[str]) -> None:
    def policy(policy_id: str) -> str:
        return (f'\n[[processing]]\nid = "{policy_id}"\npurpose = "Zorgen vroeg herkennen."\n'
                'legal_basis = "AVG art. 6"\nretention_days = 365\ncontroller = "Rol: het college"\n'
                f'frameworks = ["core/avg"]\nsource = {SOURCE}\n')

    root = make_pack("proef", {"processing.toml": policy("register") + policy("tweede")})
    (_, nl, _), (_, en, _) = both(capsys, "validate", str(root))
    assert re.search(r"R001 pack 'proef' heeft een tweede verwerkingsbeleid 'proef/tweede' \(het eerste is "
                     r"'proef/register'\) .*— houd één \[\[processing\]\]-item per pack", nl), nl
    assert re.search(r"R001 pack 'proef' holds a second processing policy 'proef/tweede' \(the first is "
                     r"'proef/register'\) .*— keep one \[\[processing\]\] item per pack", en), en


# --- models built in code -----------------------------------------------------------------------------------------

def test_a_model_refuses_a_bad_argument_in_the_language_chosen() -> None:
    with pytest.raises(ValueError, match=r"'1' is geen semantische versie zoals '1\.0\.0'"):
        Pack(id="p", name="P", version="1")
    with pytest.raises(ValueError, match="weight moet 0 of meer zijn, niet -1"):
        Signal(id="s", category="gedrag", text="t", source=Source("p"), weight=-1)
    with using("en"):
        with pytest.raises(ValueError, match=r"'1' is not a semantic version such as '1\.0\.0'"):
            Pack(id="p", name="P", version="1")
        with pytest.raises(ValueError, match="weight must be 0 or more, got -1"):
            Signal(id="s", category="gedrag", text="t", source=Source("p"), weight=-1)


# --- reading and writing files ------------------------------------------------------------------------------------

def test_a_file_that_is_not_a_picture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "beeld.json"
    broken.write_text('{"kind": "information_picture", "format_version": 3,', encoding="utf-8")
    (code, _, nl), (code_en, _, en) = both(capsys, "show", str(broken))
    assert code == code_en == 1
    assert "geen JSON: sleutel tussen dubbele aanhalingstekens verwacht (regel 1, kolom 53)" in nl
    assert "not JSON: expected a key in double quotes (line 1, column 53)" in en
    picture = o.to_json(o.assess("deurne/jongeren", [], catalog=o.load_catalog()))
    broken.write_text(picture.replace('"level": "low"', '"level": "laag"'), encoding="utf-8")
    (_, _, nl), (_, _, en) = both(capsys, "show", str(broken))
    assert "'laag' is niet toegestaan; kies uit 'low', 'moderate', 'high' @ $.level" in nl
    assert "'laag' is not one of 'low', 'moderate', 'high' @ $.level" in en


def test_a_file_that_is_there_already(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pack.schema.json"
    target.write_text("{}", encoding="utf-8")
    (code, _, nl), (code_en, _, en) = both(capsys, "schema", "--output", str(target))
    assert code == code_en == 2
    assert nl == f"ondermijning: fout: {target}: bestaat al; gebruik --force om het te vervangen\n"
    assert en == f"ondermijning: error: {target}: already exists; use --force to replace it\n"


def test_a_pack_name_that_cannot_be_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (code, _, nl), (code_en, _, en) = both(capsys, "new-pack", "Utrecht", "--dir", str(tmp_path))
    assert code == code_en == 2
    assert nl.startswith("ondermijning: fout: 'Utrecht' is geen bruikbare packnaam: gebruik 2-40 kleine letters")
    assert en.startswith("ondermijning: error: 'Utrecht' is not a usable pack name: use 2-40 lower-case letters")
    assert list(tmp_path.iterdir()) == []


# --- the planner's session rules, rendering, explorations ----------------------------------------------------------

def test_session_advice_for_a_case_discussion(capsys: pytest.CaptureFixture[str]) -> None:
    (_, out, err), (_, out_en, err_en) = both(capsys, "guide", "nsob/onzichtbaar-gevolg", "--participants", "12",
                                              "--facilitators", "1")
    nl, en = out + err, out_en + err_en
    assert "S001): 12 deelnemers; de leidraad adviseert 4–5 deelnemers" in nl
    assert "S002): 1 begeleider; de leidraad vraagt er 2: " in nl and "Zoek een tweede begeleider" in nl
    assert "S001): 12 participants; the guide advises 4–5 participants" in en
    assert "S002): 1 facilitator; the guide asks for 2: " in en and "Find a second facilitator" in en


def test_render_and_explore_refuse_in_the_language_chosen() -> None:
    catalog = o.load_catalog()
    picture = o.assess("deurne/jongeren", [], catalog=catalog)
    with pytest.raises(ValueError, match="onbekend formaat 'pdf': kies uit "):
        o.render(picture, "pdf")  # type: ignore[arg-type]
    with using("en"), pytest.raises(ValueError, match="unknown format 'pdf': choose from "):
        o.render(picture, "pdf")  # type: ignore[arg-type]
    from ondermijning.exploration import findings_from

    exploration = next(iter(catalog.explorations.values()))
    question = exploration.questions[0].id
    with pytest.raises(KeyError, match=f"vraag '{question}' heeft geen antwoord 'geen-antwoord'"):
        findings_from(exploration, {question: ["geen-antwoord"]}, participants=10, weeks=4)
    with using("en"), pytest.raises(KeyError, match=f"question '{question}' has no answer 'geen-antwoord'"):
        findings_from(exploration, {question: ["geen-antwoord"]}, participants=10, weeks=4)


# --- the scoring properties and the pytest plugin -----------------------------------------------------------------

def test_a_property_that_does_not_hold(make_pack: MakePack) -> None:
    root = make_pack("proef", {"lijst.toml": signal_list_toml(moderate=400, high=500)})
    catalog = o.load_catalog([root])
    signal_list = catalog.signal_lists["proef/lijst"]
    with pytest.raises(props.PropertyViolation,
                       match="proef/lijst: niveau matig kan met deze gewichten en drempels niet voorkomen"):
        props.check_levels_reachable(signal_list, catalog)
    with using("en"), pytest.raises(props.PropertyViolation,
                                    match="proef/lijst: level moderate cannot occur with these weights and thresholds"):
        props.check_levels_reachable(signal_list, catalog)


def pytest_on(folder: Path, *args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "--ondermijning-pack", str(folder), *args],
                            cwd=folder, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def test_the_pytest_plugin_speaks_dutch_and_english_on_request(make_pack: MakePack) -> None:
    root = make_pack("proef", {"lijst.toml": signal_list_toml(moderate=400, high=500)})
    nl = pytest_on(root, "-k", "properties")
    assert "proef/lijst: niveau matig kan met deze gewichten en drempels niet voorkomen" in nl
    assert "controle van een ondermijning-pack: properties[proef/lijst]" in nl
    en = pytest_on(root, "-k", "properties", "--ondermijning-lang", "en")
    assert "proef/lijst: level moderate cannot occur with these weights and thresholds" in en
    assert "ondermijning pack check: properties[proef/lijst]" in en


def test_the_pytest_plugin_reports_every_mistake_of_a_pack_in_one_run(make_pack: MakePack,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """The plugin's validate item lists what ``ondermijning validate`` lists: all seven mistakes of
    tests/test_one_pass.py, a broken file among them, with the same summary line."""
    root = make_pack("proefstad", FILES)
    assert main(["validate", str(root)]) == 1
    expected = capsys.readouterr().out.splitlines()
    assert expected[-1] == f"{root}: 7 fouten"
    out = pytest_on(root, "-k", "validate")
    for line in expected:
        assert line in out, line
    for code in ("L005", "L101", "L105", "V001", "V004", "V007", "V008"):
        assert f" {code} " in out
    en = pytest_on(root, "-k", "validate", "--ondermijning-lang", "en")
    assert f"{root}: 7 errors" in en and "the file was not loaded" in en


# --- --help: the metavars too --------------------------------------------------------------------------------------

def test_help_names_its_arguments_in_the_language_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    nl = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "validate", "--help"])
    en = capsys.readouterr().out
    assert "[PAD ...]" in nl and "--pack PAD" in nl and "Zonder PAD:" in nl and "PATH" not in nl
    assert "[PATH ...]" in en and "--pack PATH" in en and "PAD" not in en
