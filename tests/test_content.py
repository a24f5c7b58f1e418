"""The bundled content as a whole: what the content review asked for, checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import ondermijning as o
from ondermijning.models import ConcernLevel

ROOT = Path(__file__).resolve().parent.parent
CATALOG = o.load_catalog()


def test_at_least_two_signal_lists_five_cases_and_twenty_dilemma_cards_all_valid() -> None:
    assert len(CATALOG.signal_lists) >= 2
    assert len(CATALOG.cases) >= 5
    assert len(CATALOG.dilemma_cards) >= 20
    assert [p.format() for p in o.validate_catalog(CATALOG) if p.severity.value == "error"] == []


def test_the_adult_list_covers_the_themes_the_review_asked_for_with_golden_examples() -> None:
    adults = CATALOG.signal_lists["core/volwassenen"]
    themes = {t for s in adults.signals for t in s.themes}
    assert {"core/financiele-uitbuiting", "core/witwassen", "core/zorgfraude", "core/huisvesting",
            "core/arbeidsuitbuiting", "core/gokken"} <= themes
    assert {e.expected for e in adults.examples} == set(ConcernLevel)
    assert adults.scoring.basis.kind.value == "example"


def test_new_themes_exist() -> None:
    assert {"core/arbeidsuitbuiting", "core/witwassen", "core/gokken"} <= set(CATALOG.themes)


def test_the_roles_the_stories_describe_are_there_and_marked_where_they_are_only_wished_for() -> None:
    roles = CATALOG.roles
    assert {"core/ondermijningstafel", "core/informatieknooppunt", "core/handhavingstafel",
            "core/zorg-en-veiligheidshuis", "core/riec", "core/halt", "core/meldpunt-ondermijning"} <= set(roles)
    assert roles["core/spin-in-het-web"].wished


def test_the_verbatim_check_finds_nothing() -> None:
    tool = Path("/work/shared/tools/verbatim_check.py")
    if not tool.exists():
        pytest.skip("the verbatim check and the sources live outside the repository (../shared)")
    result = subprocess.run([sys.executable, str(tool)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout
