"""What ``packs`` and ``validate`` import: what they do not use stays unloaded (benchmarks/startup.py times it).

Each module below was on the start-up path once or would be an easy one to bring back with a
top-level import; a clean run of the command must not load it. A module that a command needs in
a rare case (``difflib`` for a 'did you mean', ``json`` for ``--format json``) is imported where
that case is handled.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ondermijning import _toml

# prints the modules loaded by one command run in this process, after its exit code
_PROBE = """
import contextlib, io, os, sys
from ondermijning.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(code)
print(" ".join(sorted(sys.modules)))
"""

#: not used by a clean ``packs`` or ``validate`` of the bundled packs
UNUSED = (
    "json",  # only --format json
    "difflib",  # only for 'did you mean' hints (an unknown id, hook, table or translated text)
    "cattrs",  # the packs are read by pack_data, not by the converter
    "ondermijning.converter",
    "ondermijning.render",
    "ondermijning.interop",
    "ondermijning.web",
    "ondermijning.register",
    "ondermijning.planner.scheduling",
    "ondermijning.planner.document",
    "sqlite3",
    "subprocess",
    "asyncio",
    # ondermijning.installed reads the entry points; importlib.metadata only for a layout it does not read
    "importlib.metadata",
    # the built-in and bundled packs name their folders as paths next to the module, not with files()
    "importlib.resources",
    "importlib.readers",
    # what those two pulled in: about 30 ms together, more than the bare interpreter
    "email",
    "zipfile",
    "csv",
    "socket",
    "textwrap",
    # argparse asks for the terminal's width (shutil) only to write help; tempfile only where a file is written
    "shutil",
    "tempfile",
    "ondermijning.codes",  # the table of problem codes: only to check --select and --ignore
)


def _loaded(*words: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ONDERMIJNING_")}
    env["ONDERMIJNING_CACHE"] = "0"  # the cache would replay the output without loading anything
    out = subprocess.run([sys.executable, "-c", _PROBE, *words], capture_output=True, text=True, check=True,
                         env=env).stdout.splitlines()
    assert out[0] == "0", out
    return set(out[1].split())


@pytest.mark.parametrize("command", ["packs", "validate"])
def test_a_clean_run_leaves_unused_modules_unloaded(command: str) -> None:
    loaded = _loaded(command)
    assert "ondermijning.catalog" in loaded  # it did build the catalog
    # where the compiled tomli reads, tomllib is imported only for a document nested too deep for it
    unused = (*UNUSED, "tomllib") if _toml.PARSER.startswith("tomli ") else UNUSED
    assert sorted(m for m in loaded if any(m == u or m.startswith(f"{u}.") for u in unused)) == []


def test_the_probe_sees_a_module_a_command_imports_late() -> None:
    assert "json" in _loaded("packs", "--format", "json")


def test_help_still_fits_the_terminal() -> None:
    # the parser leaves shutil out only while it builds: help asks for the terminal's width as argparse does
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ONDERMIJNING_")}, "COLUMNS": "50"}
    narrow = subprocess.run([sys.executable, "-m", "ondermijning", "validate", "--help"], capture_output=True,
                            text=True, check=True, env=env).stdout
    env["COLUMNS"] = "200"
    wide = subprocess.run([sys.executable, "-m", "ondermijning", "validate", "--help"], capture_output=True,
                          text=True, check=True, env=env).stdout
    def usage(text: str) -> list[str]:
        return text.split("\n\n")[0].splitlines()

    assert len(usage(narrow)) > 1 == len(usage(wide))  # the usage wraps at the terminal's width
    assert len(narrow.splitlines()) > len(wide.splitlines())
