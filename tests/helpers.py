"""TOML snippets for tests, and what a TOML parser makes of a text (to compare two parsers)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

SOURCE = '{ publication = "Test", section = "§1" }'


def route_toml(route_id: str = "wijkteam", *, levels: str = '["low", "moderate", "high"]', extra: str = "") -> str:
    return f"""
[[routes]]
id = "{route_id}"
name = "Wijkteam"
action = "advice"
scope = "local"
levels = {levels}
when = "Bij twijfel"
source = {SOURCE}
{extra}
"""


def signal_list_toml(list_id: str = "lijst", *, moderate: float = 2, high: float = 5, signals: str = "") -> str:
    default_signals = f"""
[[signal_lists.signals]]
id = "s1"
category = "gedrag"
text = "Spijbelt"
weight = 1
source = {SOURCE}

[[signal_lists.signals]]
id = "s2"
category = "gedrag"
text = "Dure kleding"
weight = 2
source = {SOURCE}

[[signal_lists.signals]]
id = "s3"
category = "school"
text = "Vervoert pakketjes"
weight = 1
red_flag = true
themes = ["core/drugs"]
source = {SOURCE}
"""
    return f"""
[[signal_lists]]
id = "{list_id}"
name = "Lijst"
source = {SOURCE}
red_flag_themes = ["core/drugs"]
scoring = {{ basis = {{ kind = "example" }}, thresholds = {{ moderate = {moderate}, high = {high} }} }}

[[signal_lists.categories]]
id = "gedrag"
name = "Gedrag"

[[signal_lists.categories]]
id = "school"
name = "School"
{signals or default_signals}
"""


def typed(value: Any) -> Any:
    """A parsed value with the type of every part, and the sign of a nan (``==`` sees neither)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return ("nan", math.copysign(1.0, value))
    return (type(value).__name__, repr(value))


def outcome(loads: Callable[[str], dict[str, Any]], text: str) -> tuple[str, Any]:
    """What a parser makes of a text: its typed value, or its error's kind and message."""
    try:
        return "value", typed(loads(text))
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, str(exc)
