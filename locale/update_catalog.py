"""Bring the message catalogs up to date with the source: ``python locale/update_catalog.py`` (needs Babel).

1. extracts every message (``_``, ``ngettext``, ``N_``) from the library's Python files and the
   web app's templates (``babel.cfg``) into ``locale/ondermijning.pot``;
2. updates each language's ``.po`` under ``src/ondermijning/locale/`` (new messages get an
   empty translation, messages gone from the source are dropped);
3. compiles each ``.po`` to the ``.mo`` the library reads at run time (committed, so the wheel and
   an editable install ship it without Babel);
4. lists the messages that still need a translation (exit 1 when there are any).

``--check`` changes nothing and exits 1 when a file is out of date (what the test suite checks).
See docs/translating.md.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locale" / "ondermijning.pot"
LOCALES = ROOT / "src" / "ondermijning" / "locale"
DOMAIN = "ondermijning"
#: how pybabel extracts: no line numbers (a moved line is no change to translate), sorted, no dated header
EXTRACT = ["extract", "-F", "babel.cfg", "--no-location", "--sort-output", "--omit-header", "--no-wrap",
           "-c", "TRANSLATORS:", "."]


def pybabel(*arguments: str) -> None:
    command = [sys.executable, "-c", "from babel.messages.frontend import main; main()", *arguments]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)


def extracted_template() -> str:
    """The template (.pot) the source gives now."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "ondermijning.pot"
        pybabel(*EXTRACT[:1], "-o", str(target), *EXTRACT[1:])
        return target.read_text(encoding="utf-8")


def languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled(po: Path) -> bytes:
    """The .mo of a .po, as pybabel compile writes it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def untranslated(po: Path) -> list[str]:
    """The messages of ``po`` without a translation (or marked fuzzy)."""
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def update() -> int:
    POT.write_text(extracted_template(), encoding="utf-8")
    missing = 0
    for language in languages():
        pybabel("update", "-i", str(POT), "-d", str(LOCALES), "-D", DOMAIN, "-l", language,
                "--no-fuzzy-matching", "--ignore-obsolete", "--no-wrap")
        po = po_path(language)
        po.with_suffix(".mo").write_bytes(compiled(po))
        for message in untranslated(po):
            print(f"{po.relative_to(ROOT)}: untranslated: {message!r}")
            missing += 1
    return 1 if missing else 0


def check() -> int:
    stale = []
    if not POT.is_file() or POT.read_text(encoding="utf-8") != extracted_template():
        stale.append(str(POT.relative_to(ROOT)))
    for language in languages():
        po = po_path(language)
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled(po):
            stale.append(str(mo.relative_to(ROOT)))
    for name in stale:
        print(f"{name}: out of date; run: python locale/update_catalog.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv[1:] else update())
