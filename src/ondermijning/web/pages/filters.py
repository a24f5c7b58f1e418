"""What the templates need beyond Jinja: Dutch numbers and labels. Jinja escapes every value (autoescape)."""

from __future__ import annotations

from typing import Any

from ...assessment import number
from ...models import ConcernLevel
from ...render.picture import ACTION_LABELS, KIND_LABELS

FAMILY_LABELS = {"signal_lists": "signalenlijsten", "extensions": "uitbreidingen van lijsten", "routes": "routes",
                 "dilemma_cards": "dilemmakaarten", "guides": "gespreksleidraden", "cases": "casussen",
                 "workshops": "modules", "trajectories": "trajecten", "themes": "thema's", "frameworks": "kaders",
                 "signals": "signalen"}


def register(env: Any) -> None:
    env.autoescape = True  # pack content is text, never markup: <script> in a pack shows as <script>
    env.filters["number"] = number
    env.globals.update(action_labels=ACTION_LABELS, kind_labels=KIND_LABELS, levels=list(ConcernLevel),
                       family_labels=FAMILY_LABELS)
