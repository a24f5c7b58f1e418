"""What the templates need beyond Jinja: numbers and labels in the request's language. Jinja escapes every value."""

from __future__ import annotations

from typing import Any

from ...assessment import number
from ...models import ConcernLevel
from ...models.packfile import family_label
from ...render.picture import action_label, kind_label


def register(env: Any) -> None:
    env.autoescape = True  # pack content is text, never markup: <script> in a pack shows as <script>
    env.filters["number"] = number
    env.globals.update(action_label=action_label, kind_label=kind_label, levels=list(ConcernLevel),
                       family_label=family_label)
