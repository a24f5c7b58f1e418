"""docs/embedding.md: its code blocks run, in order, as one program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_embedding_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "embedding.md").read_text(encoding="utf-8"),
                        re.DOTALL)
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)  # the guide writes picture.json
    exec(compile("\n".join(blocks), "docs/embedding.md", "exec"), {"__name__": "guide"})
    assert (tmp_path / "picture.json").is_file()
    assert capsys.readouterr().out == "berekend met pack deurne 0.1.0, geladen is 0.2.0; de lijst zelf is gelijk\n"
