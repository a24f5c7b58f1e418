"""The message catalogs: current with the source, complete, placeholders kept, and used (Dutch and English)."""

from __future__ import annotations

import ast
import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ondermijning.i18n import _, ngettext, using

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ondermijning"
_spec = importlib.util.spec_from_file_location("update_catalog", ROOT / "locale" / "update_catalog.py")
assert _spec is not None and _spec.loader is not None
catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogs)
FIX = "run: python locale/update_catalog.py (docs/translating.md)"


def _read(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def _placeholders(text: str, percent: bool) -> list[str]:
    """The placeholders of a message, sorted: ``{name!r:>3}`` fields, and ``%(name)s`` / ``%s`` when it is %-style."""
    found = [f"{{{name}!{conversion}:{spec}}}" for _literal, name, spec, conversion in string.Formatter().parse(text)
             if name is not None]
    if percent:
        found += re.findall(r"%(?:\([a-z_]+\))?[sdr]", text)
    return sorted(found)


def test_template_is_current() -> None:
    """locale/ondermijning.pot holds exactly the messages the source has now."""
    committed = catalogs.POT.read_text(encoding="utf-8")
    assert committed == catalogs.extracted_template(), f"locale/ondermijning.pot is out of date; {FIX}"


@pytest.mark.parametrize("language", catalogs.languages())
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    template = {m.id for m in _read(catalogs.POT) if m.id}
    po = _read(catalogs.po_path(language))
    translated = {m.id: m for m in po if m.id}
    assert set(translated) == template, f"{language}: .po and .pot differ; {FIX}"
    problems = []
    for key, message in translated.items():
        ids = key if isinstance(key, tuple) else (key,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        percent = message.python_format
        wanted = _placeholders(ids[0], percent)
        for text in strings:
            if _placeholders(text, percent) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", catalogs.languages())
def test_compiled_catalog_matches_its_po(language: str) -> None:
    """The committed .mo (what the wheel ships) is the .po compiled."""
    po = catalogs.po_path(language)
    assert po.with_suffix(".mo").read_bytes() == catalogs.compiled(po), f"{language}: the .mo is stale; {FIX}"


def _calls() -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext",
                                                                                                   "N_"):
                found.append((path, node))
    return found


def test_messages_are_literal_with_named_placeholders() -> None:
    """No f-string inside _() (the catalog could not hold it; a name marked with N_ is fine); never ``{}``."""
    problems = []
    for path, call in _calls():
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        texts = call.args[:2] if isinstance(call.func, ast.Name) and call.func.id == "ngettext" else call.args[:1]
        for arg in texts:
            formatted = isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"
            if isinstance(arg, (ast.JoinedStr, ast.BinOp)) or formatted:
                problems.append(f"{where}: an f-string, + or .format() inside {call.func.id}()")  # type: ignore[attr-defined]
            elif isinstance(arg, ast.Constant) and any(name is not None and (name == "" or name.isdigit())
                     for _l, name, _s, _c in string.Formatter().parse(arg.value)):
                problems.append(f"{where}: a placeholder without a name in {arg.value!r}")
    assert not problems, "\n".join(problems)


def test_messages_are_dutch_by_default_and_english_on_request() -> None:
    with using("nl"):
        assert _("ondermijning: fout: {message}") == "ondermijning: fout: {message}"
        assert ngettext("{n} fout", "{n} fouten", 2) == "{n} fouten"
    with using("en"):
        assert _("ondermijning: fout: {message}") == "ondermijning: error: {message}"
        assert _("toon deze hulp en stop") == "show this help message and exit"
