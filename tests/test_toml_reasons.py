"""The parsers' English syntax errors, each given as one of our own (Dutch) messages, alike from tomllib and tomli."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ondermijning import _toml

from .conftest import MakePack


@pytest.mark.parametrize(("pattern", "message"), _toml._REASONS)
def test_every_known_reason_formats_with_what_its_pattern_captures(pattern: str, message: str) -> None:
    captured = {name: f"<{name}>" for name in re.compile(pattern).groupindex}
    text = message.format(**captured)  # a stray brace or a missing name raises here
    assert all(value in text for value in captured.values())


def test_a_syntax_error_of_tomllib_is_given_in_dutch_with_its_braces() -> None:
    with pytest.raises(_toml.TOMLDecodeError) as caught:
        _toml.loads('a = { b = 1\n')
    reason = _toml.reason(str(caught.value).split(" (at ")[0])
    assert reason == "inline tabel niet gesloten ('}' ontbreekt)"


# --- the same words from both parsers --------------------------------------------------------------

#: one broken document for every reason _toml knows: the line the parser names (0: the end of the
#: document) and our words for it
BROKEN = [
    ("a = 1\n= 2\n", 2, "ongeldige regel"),
    ("a = 1 b = 2\n", 1, "na een waarde hoort een nieuwe regel of het einde van het bestand"),
    ("a = 1 # \x01\n", 1, "ongeldig teken '\\x01'"),
    ("[a]\nb = 1\n[a]\n", 3, "tabel ('a',) staat er twee keer"),
    ("a = 1\na = 2\n", 2, "een waarde kan niet nog eens worden gegeven"),
    ("[a\n", 1, "']' verwacht aan het einde van de tabelkop"),
    ("[[a]\n", 1, "']]' verwacht aan het einde van de kop"),
    ("a = {b = 1}\na.c = 2\n", 2, "('a',) is al gegeven en kan niet worden aangevuld"),
    ("[a.b]\nc = 1\n[a]\nb.d = 1\n", 4, "('a', 'b') kan niet opnieuw worden gedefinieerd"),
    ("a 1\n", 1, "'=' verwacht na een sleutel"),
    ("a = {,}\n", 1, "ongeldig eerste teken van een sleutel"),
    ("a = [1 2]\n", 1, "lijst niet gesloten (']' ontbreekt)"),
    ("a = {b = 1, b = 2}\n", 1, "sleutel 'b' staat twee keer in de inline tabel"),
    ("a = {b = 1\n", 1, "inline tabel niet gesloten ('}' ontbreekt)"),
    ('a = "\\q"\n', 1, "'\\' in een tekst zonder escape"),
    ('a = "\\uZZZZ"\n', 1, "ongeldige hexadecimale waarde"),
    ('a = "\\uD800"\n', 1, "het escapeteken is geen Unicode-teken"),
    ('a = """abc\n', 0, "tekst niet afgesloten (aanhalingsteken ontbreekt)"),
    ('a = "a\x01"\n', 1, "niet toegestaan teken '\\x01'"),
    ("a = 2023-02-30\n", 1, "ongeldige datum of tijd"),
    ("a = \n", 1, "ongeldige waarde"),
    ("a = '''abc\n", 0, "\"'''\" verwacht"),
]
_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def _parsers() -> list[Any]:
    if sys.version_info < (3, 11):  # pragma: no cover - tomli is the only reader there
        return [pytest.param(_toml.loads, id="tomli")]
    import tomllib

    compiled = pytest.mark.skipif(sys.implementation.name != "cpython",
                                  reason="tomli's compiled wheel is a dependency on CPython only")
    return [pytest.param(tomllib.loads, id="tomllib"), pytest.param("tomli", id="tomli", marks=compiled)]


def test_every_known_reason_has_a_broken_document_here() -> None:
    """The reason reason() picks (the first pattern that matches) for each document: all of them."""
    picked = set()
    for document, _line, _dutch in BROKEN:
        with pytest.raises(_toml.TOMLDecodeError) as caught:
            _toml.loads(document)
        message = _POSITION.sub("", str(caught.value)).removesuffix(" (at end of document)")
        picked.add(next(pattern for pattern, _ in _toml._REASONS if re.fullmatch(pattern, message)))
    assert picked == {pattern for pattern, _ in _toml._REASONS}


@pytest.mark.parametrize("parse", _parsers())
@pytest.mark.parametrize(("document", "line", "dutch"), BROKEN, ids=[dutch for _d, _l, dutch in BROKEN])
def test_both_parsers_give_a_broken_document_the_same_dutch_reason_and_line(parse: Any, document: str, line: int,
                                                                              dutch: str) -> None:
    if parse == "tomli":
        import tomli

        parse = tomli.loads
    with pytest.raises(ValueError) as caught:
        parse(document)
    message = str(caught.value)
    position = _POSITION.search(message)
    assert (int(position.group(1)) if position else 0) == line
    assert message.endswith(" (at end of document)") == (line == 0)
    assert _toml.reason(_POSITION.sub("", message)) == dutch


@pytest.mark.skipif(sys.version_info < (3, 11) or sys.implementation.name != "cpython",
                    reason="two parsers to compare only where the compiled tomli is a dependency (CPython 3.11+)")
def test_validate_says_the_same_with_either_parser(make_pack: MakePack) -> None:
    """One broken file per reason, and one too deep to parse: the same lines, word for word, from both."""
    root = make_pack("kapot")
    for number, (document, _line, _dutch) in enumerate(BROKEN):
        (root / f"kapot{number:02}.toml").write_text(document, encoding="utf-8")
    (root / "diep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    runs = {}
    for parser in ("", "tomllib"):
        env = {**os.environ, "ONDERMIJNING_TOML": parser}
        done = subprocess.run([sys.executable, "-m", "ondermijning", "validate", str(root)], capture_output=True,
                              text=True, env=env)
        runs[parser] = (done.returncode, done.stdout, done.stderr)
    assert runs[""] == runs["tomllib"]
    code, out, _err = runs[""]
    assert code == 1
    for number, (_document, line, dutch) in enumerate(BROKEN):
        shown = next(row for row in out.splitlines() if f"kapot{number:02}.toml" in row)
        assert f"L005 TOML-syntaxfout: {dutch}; het bestand is niet geladen" in shown
        assert f"kapot{number:02}.toml:{line or 1}:" in shown
    assert "diep.toml:1: L006" in out


def test_a_findings_file_gets_the_words_and_line_of_a_pack_file(tmp_path: Path) -> None:
    """plan --from reads TOML as the loader does: our words for the reason, the line (the last one at the end)."""
    from ondermijning.planner import FindingsError, load_findings

    path = tmp_path / "bevindingen.toml"
    broken = [("participants = 5\nweeks = {b = 1\n", 2, "inline tabel niet gesloten ('}' ontbreekt)"),
              ('participants = 5\nweeks = """4\n', 2, "tekst niet afgesloten (aanhalingsteken ontbreekt)")]
    for text, line, dutch in broken:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(FindingsError) as caught:
            load_findings(path)
        assert str(caught.value) == f"{path}:{line}: L005 TOML-syntaxfout: {dutch} — zie https://toml.io voor de syntax"
