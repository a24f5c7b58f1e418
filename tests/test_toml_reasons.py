"""tomllib's English syntax errors, each given as one of our own (Dutch) messages."""

from __future__ import annotations

import re

import pytest

from ondermijning import _toml


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
