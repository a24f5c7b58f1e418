"""Privacy by design (docs/trust-and-privacy.md): redacted JSON drops every free text; nothing is written unasked."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import ondermijning as o
from ondermijning.cli import main
from ondermijning.models.picture import Judgement, Observation, ObservationKind

NOTE, REASON, SUBJECT = "NOTITIE-zag-hem-bij-de-kluisjes", "REDEN-na-overleg-met-school", "PSEUDONIEM-K7"


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def test_redacted_picture_json_holds_no_note_reason_or_subject() -> None:
    catalog = o.load_catalog()
    signal_list = catalog.signal_lists["deurne/jongeren"]
    kinds = [ObservationKind.FACT, ObservationKind.INTERPRETATION, ObservationKind.FACT]
    observed = [Observation(signal=signal_list.signals[i].id, kind=kind, date=datetime.date(2025, 3, 1),
                            observer="conciërge", note=f"{NOTE} {i}")
                for i, kind in enumerate(kinds)]
    picture = o.assess(signal_list, observed, catalog=catalog, subject=SUBJECT,
                       judgement=Judgement(level=o.ConcernLevel.MODERATE, reason=REASON, consulted=["mentor"]))

    full = o.to_json(picture)
    assert NOTE in full and REASON in full and SUBJECT in full  # so the check below can fail

    redacted = json.loads(o.to_json(picture, redact=True))
    texts = _texts(redacted)
    assert not [t for t in texts if NOTE in t or REASON in t or SUBJECT in t]
    assert [obs["note"] for obs in redacted["observations"]] == ["", "", ""]
    assert (redacted["judgement"]["reason"], redacted["subject"]) == ("", "")
    # what stays: the facts of the picture, and fact versus interpretation per observation
    assert redacted["level"] == picture.level.value and redacted["score"] == picture.score
    assert [obs["kind"] for obs in redacted["observations"]] == ["fact", "interpretation", "fact"]


def test_assess_redact_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["assess", "--list", "deurne/jongeren", "--signal", "gedrag-agressief", "--subject", SUBJECT,
            "--format", "json"]
    assert main(args) == 0
    assert SUBJECT in capsys.readouterr().out
    assert main([*args, "--redact"]) == 0
    out = capsys.readouterr().out
    assert SUBJECT not in out
    assert json.loads(out)["subject"] == ""


@pytest.mark.parametrize("format_", ["text", "markdown"])
def test_redact_works_in_every_format(capsys: pytest.CaptureFixture[str], format_: str) -> None:
    args = ["assess", "--list", "deurne/jongeren", "--signal", "gedrag-agressief", "--subject", SUBJECT,
            "--format", format_]
    assert main(args) == 0
    assert SUBJECT in capsys.readouterr().out
    assert main([*args, "--redact"]) == 0
    out = capsys.readouterr().out
    assert SUBJECT not in out and "INFORMATIEBEELD" in out.upper()


def test_nothing_is_written_to_disk_unless_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("ONDERMIJNING_CACHE", "1")  # on, as for a user: only the kept output of packs and validate
    for args in (["packs"], ["validate"], ["assess", "--list", "deurne/jongeren", "--signal", "school-spijbelt",
                                           "--subject", SUBJECT, "--format", "json"]):
        assert main(args) == 0
    capsys.readouterr()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    cache = tmp_path / ".cache" / "ondermijning" / "runs"
    assert len(written) == 2 and all(p.parent == cache for p in written)  # packs and validate, nothing of assess
    assert not any(SUBJECT.encode() in p.read_bytes() for p in written)
